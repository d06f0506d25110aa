// Server load per sync (issue 9): HTTP requests, scans and folders the server walked for the
// syncs a media manager makes, through the real driver module against the emulator:
//  - one new movie folder (a cold instance, then a warm one: target <= 3 requests warm);
//  - one updated item (a new poster: an item refresh, no scan);
//  - 100 new episodes of one show in one sync, then new artwork for all 100;
//  - 10,000 changes across 1,000 new folders in 3 libraries (one bulk import).
// Counts are deterministic; the wall times are single runs. PD_BENCH_SHORT=1 (CI) uses 100
// folders for the bulk import instead of 1,000.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "bench_util.h"
#include "driver_harness.h"
#include "pms_emulator/emulator.h"

namespace {

constexpr const char* kToken = "bench-token";

struct Outcome {
  std::string status;
  int64_t requests = 0;
  size_t scans = 0;
  size_t folders_walked = 0;
  double wall_ms = 0;
};

class Bench {
 public:
  Bench() {
    pms_emulator::EmulatorOptions options;
    options.admin_token = kToken;
    options.scan_start_delay_ms = 20;
    options.scan_ms_per_folder = 0;  // load is counted, not waited for
    options.metadata_refresh_ms = 5;
    emu_ = std::make_unique<pms_emulator::Emulator>(options);
    emu_->LoadLibraryJson(R"({"sections":[
      {"key":"1","type":"movie","title":"Movies","locations":["/data/movies"]},
      {"key":"2","type":"show","title":"TV Shows","locations":["/data/tv"]},
      {"key":"3","type":"movie","title":"Movies 4K","locations":["/data/uhd"]}]})");
    emu_->GenerateMovies("1", 2000);  // a library with something in it already
    emu_->Start();
    driver_ = std::make_unique<itest::LoadedDriver>(itest::DriverPath());
  }
  bool ok() const { return driver_->ok(); }

  std::unique_ptr<itest::DriverInstance> NewInstance() {
    return std::make_unique<itest::DriverInstance>(
        *driver_, fmt::format(R"({{"host":"127.0.0.1","port":{},"plex_token":"{}","timeout_seconds":60,)"
                              R"("path_mappings":[{{"metarr_path":"{}/movies","player_path":"/data/movies"}},)"
                              R"({{"metarr_path":"{}/tv","player_path":"/data/tv"}},)"
                              R"({{"metarr_path":"{}/uhd","player_path":"/data/uhd"}}]}})",
                              emu_->port(), kToken, media_.path(), media_.path(), media_.path()));
  }

  // A file on both sides: the manager's folders and the server's tree (server paths /data/...).
  std::string Publish(const std::string& relative, bool on_server = true) {
    if (on_server) emu_->AddFile("/data/" + relative);
    return media_.WriteFile(relative);
  }

  Outcome Sync(itest::DriverInstance& instance, const std::vector<std::pair<std::string, std::string>>& changes) {
    std::string list;
    for (size_t i = 0; i < changes.size(); ++i) {
      list += fmt::format(R"({}{{"path":"{}","kind":"{}"}})", i ? "," : "", changes[i].first, changes[i].second);
    }
    const size_t scans_before = emu_->Scans().size();
    const auto start = std::chrono::steady_clock::now();
    const itest::CallResult r =
        instance.Sync(fmt::format(R"({{"changes":[{}],"options":{{"timeout_seconds":120}}}})", list));
    Outcome o;
    o.wall_ms = bench::MillisSince(start);
    if (r.status != PD_OK) {
      o.status = "error: " + r.message;
      return o;
    }
    Poco::JSON::Object::Ptr doc = Poco::JSON::Parser().parse(r.json).extract<Poco::JSON::Object::Ptr>();
    o.status = doc->getValue<std::string>("status");
    o.requests = doc->getValue<int64_t>("http_requests");
    const auto scans = emu_->Scans();
    o.scans = scans.size() - scans_before;
    for (size_t i = scans_before; i < scans.size(); ++i) o.folders_walked += scans[i].folders_walked;
    return o;
  }

  const std::string& media() const { return media_.path(); }

 private:
  itest::TempDir media_;
  std::unique_ptr<pms_emulator::Emulator> emu_;
  std::unique_ptr<itest::LoadedDriver> driver_;
};

bool Print(const std::string& name, const Outcome& o, int64_t max_requests = -1) {
  const bool ok = o.status == "completed" && (max_requests < 0 || o.requests <= max_requests);
  std::printf("%-58s %6lld requests, %4zu scans, %6zu folders walked, %8.0f ms  %s%s\n", name.c_str(),
              static_cast<long long>(o.requests), o.scans, o.folders_walked, o.wall_ms, o.status.c_str(),
              max_requests < 0 ? "" : fmt::format("  target <= {} requests: {}", max_requests, ok ? "ok" : "MISSED").c_str());
  std::fflush(stdout);
  return ok;
}

}  // namespace

int main() {
  const bool short_mode = std::getenv("PD_BENCH_SHORT") != nullptr;
  Bench b;
  if (!b.ok()) return 2;
  bool ok = true;

  auto cold = b.NewInstance();
  const std::string first = b.Publish("movies/Arrival (2016)/Arrival (2016).mkv");
  ok &= Print("one new movie folder, cold instance (connect, full listing)",
              b.Sync(*cold, {{b.media() + "/movies/Arrival (2016)", "added"}}));
  b.Publish("movies/Dune (2021)/Dune (2021).mkv");
  ok &= Print("one new movie folder, warm instance", b.Sync(*cold, {{b.media() + "/movies/Dune (2021)", "added"}}), 3);
  const std::string poster = b.Publish("movies/Arrival (2016)/poster.jpg", /*on_server=*/false);
  ok &= Print("one updated item (new poster: item refresh)", b.Sync(*cold, {{poster, "updated"}}));

  // 100 episodes of one show: 10 seasons x 10 episodes.
  std::vector<std::pair<std::string, std::string>> episodes, artwork;
  for (int season = 1; season <= 10; ++season) {
    for (int episode = 1; episode <= 10; ++episode) {
      const std::string dir = fmt::format("tv/Big Show/Season {:02}", season);
      episodes.emplace_back(b.Publish(fmt::format("{}/Big Show - S{:02}E{:02}.mkv", dir, season, episode)), "added");
      artwork.emplace_back(b.Publish(fmt::format("{}/Big Show - S{:02}E{:02}.jpg", dir, season, episode), false), "updated");
    }
  }
  ok &= Print("100 new episodes of one show, one sync", b.Sync(*cold, episodes));
  ok &= Print("new artwork for those 100 episodes, one sync", b.Sync(*cold, artwork));

  // A bulk import: 10 files in each of 1,000 new folders across the three libraries.
  const int folders = short_mode ? 100 : 1000;
  std::vector<std::pair<std::string, std::string>> bulk;
  const char* roots[] = {"movies", "tv", "uhd"};
  for (int f = 0; f < folders; ++f) {
    const std::string root = roots[f % 3];
    const std::string dir = root == "tv" ? fmt::format("tv/Show {}/Season 01", f)
                                         : fmt::format("{}/Title {} ({})", root, f, 1950 + f % 70);
    const std::string media_name = root == "tv" ? fmt::format("Show {} - S01E01.mkv", f)
                                                : fmt::format("Title {} ({}).mkv", f, 1950 + f % 70);
    bulk.emplace_back(b.Publish(dir + "/" + media_name), "added");
    for (int extra = 0; extra < 9; ++extra) {
      bulk.emplace_back(b.Publish(fmt::format("{}/extra-{}.jpg", dir, extra), false), "added");
    }
  }
  ok &= Print(fmt::format("{} changes across {} new folders in 3 libraries", bulk.size(), folders),
              b.Sync(*cold, bulk));
  return ok ? 0 : 1;
}
