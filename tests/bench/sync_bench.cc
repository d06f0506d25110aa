// Sync latency and cost against the in-process emulator, through the real driver module
// (issue targets, median over 20 syncs each):
//  - completion seen within 50 ms of the emulator ending the scan (websocket);
//  - within one poll interval + 50 ms without the websocket;
//  - a warm single-folder sync makes <= 3 HTTP requests;
//  - it adds <= 5 ms of driver time beyond the scan itself (call time minus the time from the
//    emulator receiving the scan request to the scan ending).
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "bench_util.h"
#include "driver_harness.h"
#include "pms_emulator/emulator.h"

namespace {

constexpr const char* kToken = "bench-token";
constexpr int kRuns = 20;

struct Sample {
  double seen_after_end_ms = 0;
  double overhead_ms = 0;
  int requests = 0;
  bool completed = false;
};

std::string Config(uint16_t port, const std::string& media, bool websocket, int poll_ms) {
  return fmt::format(
      R"({{"host":"127.0.0.1","port":{},"plex_token":"{}","use_websocket":{},"poll_interval_ms":{},)"
      R"("path_mappings":[{{"metarr_path":"{}","player_path":"/data/movies"}}]}})",
      port, kToken, websocket ? "true" : "false", poll_ms, media);
}

bool RunSeries(bool websocket, int poll_ms, std::vector<Sample>* samples) {
  pms_emulator::EmulatorOptions options;
  options.admin_token = kToken;
  options.scan_start_delay_ms = 20;
  options.scan_ms_per_folder = 10;
  options.websocket_enabled = websocket;
  pms_emulator::Emulator emu(options);
  emu.LoadLibraryJson(R"({"sections":[{"key":"1","type":"movie","title":"Movies","locations":["/data/movies"]}]})");
  emu.Start();
  itest::TempDir media;
  itest::LoadedDriver driver(itest::DriverPath());
  if (!driver.ok()) {
    std::fprintf(stderr, "cannot load the driver: %s\n", driver.load_error().c_str());
    return false;
  }
  itest::DriverInstance instance(driver, Config(emu.port(), media.path(), websocket, poll_ms));
  if (!instance.ok() || instance.Connect().status != PD_OK) return false;  // warm
  for (int i = 0; i < kRuns + 2; ++i) {
    const std::string folder = fmt::format("Movie {} (2000)", i);
    media.WriteFile(folder + "/movie.mkv");
    emu.AddFile("/data/movies/" + folder + "/movie.mkv");
    emu.ClearRequests();
    const auto start = std::chrono::steady_clock::now();
    const itest::CallResult r = instance.Sync(fmt::format(
        R"({{"changes":[{{"path":"{}/{}","kind":"added"}}],"options":{{"timeout_seconds":10}}}})",
        media.path(), folder));
    const auto returned = std::chrono::steady_clock::now();
    if (r.status != PD_OK) return false;
    Poco::JSON::Object::Ptr doc = Poco::JSON::Parser().parse(r.json).extract<Poco::JSON::Object::Ptr>();
    const auto scans = emu.Scans();
    const pms_emulator::ScanRecord& scan = scans.back();
    pms_emulator::RecordedRequest refresh;
    for (const auto& req : emu.Requests()) {
      if (req.path.find("/refresh") != std::string::npos) refresh = req;
    }
    if (i < 2 || !scan.ended) continue;  // the first syncs also open the websocket
    Sample s;
    s.completed = doc->getValue<std::string>("status") == "completed";
    s.seen_after_end_ms = std::chrono::duration<double, std::milli>(returned - *scan.ended).count();
    const double call_ms = std::chrono::duration<double, std::milli>(returned - start).count();
    const double scan_ms = std::chrono::duration<double, std::milli>(*scan.ended - refresh.time).count();
    s.overhead_ms = call_ms - scan_ms;
    s.requests = doc->getValue<int>("http_requests");
    samples->push_back(s);
  }
  emu.Stop();
  return true;
}

}  // namespace

int main() {
  bool ok = true;
  std::vector<Sample> ws;
  if (!RunSeries(/*websocket=*/true, 100, &ws)) return 2;
  std::vector<double> seen, overhead, requests;
  bool all_completed = true;
  for (const Sample& s : ws) {
    seen.push_back(s.seen_after_end_ms);
    overhead.push_back(s.overhead_ms - s.seen_after_end_ms);  // driver time outside the wait
    requests.push_back(s.requests);
    all_completed &= s.completed;
  }
  ok &= bench::Report("websocket: completion seen after the scan ended", bench::Summarize(seen), 50, "ms");
  ok &= bench::Report("warm single-folder sync: HTTP requests", bench::Summarize(requests), 3, "req");
  ok &= bench::Report("warm single-folder sync: driver time beyond the scan", bench::Summarize(overhead), 5, "ms");

  constexpr int kPollMs = 100;
  std::vector<Sample> polled;
  if (!RunSeries(/*websocket=*/false, kPollMs, &polled)) return 2;
  seen.clear();
  for (const Sample& s : polled) {
    seen.push_back(s.seen_after_end_ms);
    all_completed &= s.completed;
  }
  ok &= bench::Report(fmt::format("polling ({} ms): completion seen after the scan ended", kPollMs),
                      bench::Summarize(seen), kPollMs + 50, "ms");
  std::printf("every sync completed: %s\n", all_completed ? "yes" : "NO");
  return ok && all_completed ? 0 : 1;
}
