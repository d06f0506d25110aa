// Item index (issue 5 targets): index a 100,000-movie section through paged listings from the
// emulator in <= 3 s of driver time on loopback (the calling thread's CPU time: the emulator
// answers on its own threads) with <= 150 MB of resident memory growth, then look paths up in
// <= 10 us each.
#include <sys/resource.h>
#include <time.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bench_util.h"
#include "net/poco_http_transport.h"
#include "plex/pms_client.h"
#include "pms_emulator/emulator.h"
#include "sync/item_catalog.h"

namespace {

constexpr int kMovies = 100000;

// CPU time of the calling thread: the driver's own work (the emulator answers on its threads).
double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1000.0 + static_cast<double>(ts.tv_nsec) / 1e6;
}

}  // namespace

int main() {
  using namespace plexdriver;
  pms_emulator::EmulatorOptions options;
  options.admin_token = "bench-token";
  pms_emulator::Emulator emu(options);
  emu.LoadLibraryJson(R"({"sections":[{"key":"1","type":"movie","title":"Movies","locations":["/data/movies"]}]})");
  emu.GenerateMovies("1", kMovies);
  emu.Start();

  TransportOptions transport_options;
  transport_options.host = "127.0.0.1";
  transport_options.port = emu.port();
  transport_options.timeout_seconds = 60;
  PocoHttpTransport transport(transport_options);
  PmsClient client(&transport, ClientIdentity{"bench-token", "bench", "bench", "plexdriver", "0"});
  Result<std::vector<LibrarySection>> sections = client.Sections();
  if (!sections.ok() || sections->empty()) return 2;

  bool ok = true;
  ItemCatalog catalog;
  const double rss_before = bench::ResidentMb();
  const auto start = std::chrono::steady_clock::now();
  const double cpu_start = ThreadCpuMs();
  if (Status s = catalog.Update(client, sections->front(), PathStyle::kPosix); !s.ok()) {
    std::fprintf(stderr, "indexing failed: %s\n", s.message().c_str());
    return 2;
  }
  const double driver_ms = ThreadCpuMs() - cpu_start;
  const double wall_ms = bench::MillisSince(start);
  const double rss_growth = bench::ResidentMb() - rss_before;
  std::printf("indexed %zu items in %llu requests\n", catalog.Size("1"),
              static_cast<unsigned long long>(transport.RequestCount()));
  ok &= catalog.Size("1") == static_cast<size_t>(kMovies);
  ok &= bench::Report("index a 100,000-movie section: driver CPU time", bench::Summarize({driver_ms}), 3000, "ms");
  std::printf("  (wall time including the emulator writing the pages: %.0f ms)\n", wall_ms);
  ok &= bench::Report("resident memory growth while indexing", bench::Summarize({rss_growth}), 150, "MB");

  // Lookups: folders, files and artwork beside them.
  std::vector<std::string> paths;
  for (int i = 0; i < kMovies; i += 7) {
    const std::string folder = fmt::format("/data/movies/Movie {} ({})", i, 1950 + i % 75);
    paths.push_back(folder);
    paths.push_back(folder + "/poster.jpg");
  }
  std::vector<double> per_lookup_us;
  size_t found = 0;
  for (int round = 0; round < 5; ++round) {
    const auto t = std::chrono::steady_clock::now();
    for (const std::string& p : paths) found += catalog.Find("1", p).has_value() ? 1 : 0;
    per_lookup_us.push_back(bench::MillisSince(t) * 1000.0 / static_cast<double>(paths.size()));
  }
  ok &= found == paths.size() * 5;
  ok &= bench::Report("look up an item by path", bench::Summarize(per_lookup_us), 10, "us");

  // A second update lists only what changed: nothing here.
  const uint64_t requests = transport.RequestCount();
  const auto again = std::chrono::steady_clock::now();
  if (!catalog.Update(client, sections->front(), PathStyle::kPosix).ok()) return 2;
  const uint64_t second_requests = transport.RequestCount() - requests;
  std::printf("second update: %llu request(s), %.1f ms, full listings so far: %d\n",
              static_cast<unsigned long long>(second_requests), bench::MillisSince(again),
              catalog.full_listings());
  // Nothing changed since the first listing: one incremental request that lists nothing.
  ok &= catalog.full_listings() == 1 && second_requests == 1;
  emu.Stop();
  return ok ? 0 : 1;
}
