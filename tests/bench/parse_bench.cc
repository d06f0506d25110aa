// Parse throughput (issue 9): how fast the driver reads a large /library/sections/{id}/all
// listing, JSON (what it asks for) and XML (what PMS sends by default and sometimes instead),
// as the emulator serves it for 20,000 movies (5,000 with PD_BENCH_SHORT=1). Median of 7 parses
// of each body, in MB/s and items/s. No target in the issues: reported only.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <fmt/format.h>

#include "bench_util.h"
#include "plex/library_items.h"
#include "pms_emulator/emulator.h"

namespace {

std::string Fetch(const pms_emulator::Emulator& emu, bool json) {
  Poco::Net::HTTPClientSession session("127.0.0.1", emu.port());
  session.setTimeout(Poco::Timespan(120, 0));
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/library/sections/1/all?type=1",
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("X-Plex-Token", "bench-token");
  if (json) request.set("Accept", "application/json");
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
  return body;
}

}  // namespace

int main() {
  const int movies = std::getenv("PD_BENCH_SHORT") ? 5000 : 20000;
  pms_emulator::EmulatorOptions options;
  options.admin_token = "bench-token";
  pms_emulator::Emulator emu(options);
  emu.LoadLibraryJson(R"({"sections":[{"key":"1","type":"movie","title":"Movies","locations":["/data/movies"]}]})");
  emu.GenerateMovies("1", movies);
  emu.Start();
  bool ok = true;
  for (bool json : {true, false}) {
    const std::string body = Fetch(emu, json);
    std::vector<double> mb_per_s, items_per_s;
    for (int run = 0; run < 7; ++run) {
      const auto start = std::chrono::steady_clock::now();
      plexdriver::Result<plexdriver::ItemPage> page = plexdriver::ParseItemPage(body);
      const double seconds = bench::MillisSince(start) / 1000.0;
      if (!page.ok() || page->items.size() != static_cast<size_t>(movies)) {
        std::fprintf(stderr, "parse failed: %s\n", page.ok() ? "wrong item count" : page.status().message().c_str());
        ok = false;
        break;
      }
      mb_per_s.push_back(static_cast<double>(body.size()) / 1e6 / seconds);
      items_per_s.push_back(movies / seconds);
    }
    const bench::Summary s = bench::Summarize(mb_per_s);
    std::printf("%-58s median %8.1f MB/s (%.0f items/s; body %.1f MB, %d movies)\n",
                fmt::format("parse a /all listing ({})", json ? "JSON" : "XML").c_str(), s.median,
                bench::Summarize(items_per_s).median, body.size() / 1e6, movies);
  }
  emu.Stop();
  return ok ? 0 : 1;
}
