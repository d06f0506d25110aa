// New posters for 100 movies in one sync, through the real driver module against the emulator:
// what pushing them costs (HTTP requests, bytes uploaded, wall time of the Sync call) against the
// refresh path, which asks Plex to re-read each item and lets the server load the poster itself.
//  - push: the section's agent ignores local assets (useLocalAssets false), artwork_mode "push":
//    each poster.jpg (~200 KB, different per movie) is uploaded, selected and locked;
//  - refresh: a fresh emulator whose section reads local assets, the same posters in its file
//    tree, artwork_mode "refresh": one item refresh per movie, nothing uploaded.
// Both are cold instances (the sync connects and lists the library). Honesty is checked, not
// assumed: every change must be `completed`, the bytes the driver says it uploaded must be the
// posters' and what the emulator received (Content-Length of the POSTs), and after a push Plex
// must serve each movie's file bytes as its thumb; the bench fails otherwise. For the refresh
// path the served posters are counted and shown. Medians of 3 runs (1 with PD_BENCH_SHORT=1).
// Targets: push completes the 100 posters in < 30 s and in <= 8 requests per poster + 10.
//
// Measured (RelWithDebInfo build, in-process emulator without latency, metadata_refresh_ms 50;
// 3 runs, identical counts each run):
//   push:    805 requests (the sync_result's http_requests = what the emulator recorded, plus one
//            websocket upgrade): 5 to connect and list the library, then 8 per poster (2 GET
//            item, 2 GET thumb, GET + POST posters, PUT poster, PUT edit to lock); 19.53 MB
//            uploaded (100 x 204,806 bytes, equal to the POSTs' Content-Length); 450-592 ms
//            wall (medians 492, 497); 100/100 completed, 100/100 thumbs serve the file's bytes.
//   refresh: 121 requests (5 + 100 PUT refresh + 16 batched item fetches), 0 bytes uploaded,
//            5,104-5,115 ms wall (the 100 refreshes run one at a time, 50 ms each); 100/100
//            completed, 100/100 thumbs serve the file's bytes.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "bench_util.h"
#include "driver_harness.h"
#include "pms_emulator/emulator.h"

namespace {

constexpr const char* kToken = "bench-token";
constexpr int kMovies = 100;
constexpr size_t kPosterPayloadBytes = 200 * 1024;
constexpr double kPushWallTargetMs = 30000;
constexpr int64_t kRequestsPerPoster = 8;
constexpr int64_t kRequestsConstant = 10;

// One movie as GenerateMovies names it ("Movie N (year)", year 1950 + N % 75), on both sides.
struct Movie {
  std::string folder;         // "Movie 7 (1957)"
  std::string manager_poster; // absolute, below the manager's TempDir
  std::string server_poster;  // /data/movies/<folder>/poster.jpg
  std::string server_video;   // /data/movies/<folder>/<folder>.mkv
  std::string bytes;          // the poster's contents
};

// A JPEG as the driver checks it (FF D8 FF E0 ... FF D9) around ~200 KB of bytes of its own.
std::string PosterBytes(int index) {
  std::mt19937 rng(static_cast<unsigned>(index) + 1);
  std::string bytes("\xFF\xD8\xFF\xE0", 4);
  bytes.reserve(kPosterPayloadBytes + 6);
  for (size_t i = 0; i < kPosterPayloadBytes; ++i) bytes.push_back(static_cast<char>(rng() & 0xFF));
  bytes += "\xFF\xD9";
  return bytes;
}

std::vector<Movie> WriteMovies(itest::TempDir& media) {
  std::vector<Movie> movies;
  for (int i = 0; i < kMovies; ++i) {
    Movie m;
    m.folder = fmt::format("Movie {} ({})", i, 1950 + i % 75);
    m.server_video = fmt::format("/data/movies/{0}/{0}.mkv", m.folder);
    m.server_poster = fmt::format("/data/movies/{}/poster.jpg", m.folder);
    m.bytes = PosterBytes(i);
    media.WriteFile(fmt::format("{0}/{0}.mkv", m.folder));
    m.manager_poster = media.WriteFile(m.folder + "/poster.jpg", m.bytes);
    movies.push_back(std::move(m));
  }
  return movies;
}

struct RunResult {
  std::string error;            // the run could not be measured (sync error, bad document)
  double wall_ms = 0;           // the Sync call
  int64_t driver_requests = 0;  // the sync_result's http_requests
  size_t emulator_requests = 0; // what the emulator recorded, the websocket upgrade excluded
  size_t websocket_upgrades = 0;
  size_t uploads = 0;           // POST .../posters the emulator received
  size_t item_refreshes = 0;    // PUT .../refresh the emulator received
  int64_t claimed_bytes = 0;    // sum of changes[].artwork[].bytes with action "uploaded"
  int64_t received_bytes = 0;   // sum of the Content-Length of the uploads the emulator received
  size_t completed = 0;         // changes whose status is completed
  size_t serving_file = 0;      // items whose selected thumb is the poster file's bytes
  std::string first_problem;    // the first change that was not completed, for the report
  std::map<std::string, size_t> endpoints;  // "GET /library/metadata/{k}/posters" -> count
};

// The request's method and path with each id as {k} and each batch of ids ("1000,1001,…") as
// {k,...}: one key per endpoint.
std::string Endpoint(const pms_emulator::RecordedRequest& req) {
  std::string out = req.method + " ";
  const std::string& path = req.path;
  for (size_t i = 0; i < path.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(path[i]))) {
      out += path[i];
      continue;
    }
    bool batch = false;
    while (i + 1 < path.size() && (std::isdigit(static_cast<unsigned char>(path[i + 1])) || path[i + 1] == ',')) {
      batch |= path[++i] == ',';
    }
    out += batch ? "{k,...}" : "{k}";
  }
  return out;
}

RunResult RunOnce(const itest::LoadedDriver& driver, const std::string& media_root,
                  const std::vector<Movie>& movies, bool push) {
  RunResult out;
  pms_emulator::EmulatorOptions options;
  options.admin_token = kToken;
  options.scan_start_delay_ms = 20;  // no scan is expected; short in case one is asked for
  options.metadata_refresh_ms = 50;  // the emulator's default: refreshes run one at a time
  pms_emulator::Emulator emu(options);
  emu.LoadLibraryJson(fmt::format(
      R"({{"sections":[{{"key":"1","type":"movie","title":"Movies","agent":"tv.plex.agents.movie",)"
      R"("locations":["/data/movies"],"prefs":{{"useLocalAssets":{}}}}}]}})",
      push ? "false" : "true"));
  emu.GenerateMovies("1", kMovies);
  if (!push) {
    for (const Movie& m : movies) emu.AddFile(m.server_poster, m.bytes);  // what the refresh reads
  }
  emu.Start();
  std::vector<std::string> rating_keys;
  for (const Movie& m : movies) {
    const std::optional<pms_emulator::ItemView> item = emu.FindItemByFile(m.server_video);
    if (!item) {
      out.error = "the emulator has no item for " + m.server_video + " (GenerateMovies naming changed?)";
      return out;
    }
    rating_keys.push_back(item->rating_key);
  }

  itest::DriverInstance instance(
      driver, fmt::format(R"({{"host":"127.0.0.1","port":{},"plex_token":"{}","timeout_seconds":60,)"
                          R"("path_mappings":[{{"metarr_path":"{}","player_path":"/data/movies"}}]}})",
                          emu.port(), kToken, media_root));
  if (!instance.ok()) {
    out.error = "instance: " + instance.create_result().message;
    return out;
  }
  std::string list;
  for (size_t i = 0; i < movies.size(); ++i) {
    list += fmt::format(R"({}{{"path":"{}","kind":"updated"}})", i ? "," : "", movies[i].manager_poster);
  }
  const std::string request = fmt::format(
      R"({{"schema_version":1,"changes":[{}],"options":{{"wait":true,"timeout_seconds":120,"artwork_mode":"{}"}}}})",
      list, push ? "push" : "refresh");

  const auto start = std::chrono::steady_clock::now();
  const itest::CallResult r = instance.Sync(request);
  out.wall_ms = bench::MillisSince(start);
  if (r.status != PD_OK) {
    out.error = fmt::format("sync returned {}: {}", static_cast<int>(r.status), r.message);
    return out;
  }

  try {
    Poco::JSON::Object::Ptr doc = Poco::JSON::Parser().parse(r.json).extract<Poco::JSON::Object::Ptr>();
    out.driver_requests = doc->getValue<int64_t>("http_requests");
    Poco::JSON::Array::Ptr changes = doc->getArray("changes");
    if (!changes || changes->size() != movies.size()) {
      out.error = fmt::format("sync_result lists {} changes for {} requested", changes ? changes->size() : 0,
                              movies.size());
      return out;
    }
    for (size_t i = 0; i < changes->size(); ++i) {
      Poco::JSON::Object::Ptr change = changes->getObject(static_cast<unsigned>(i));
      const std::string status = change->getValue<std::string>("status");
      if (status == "completed") {
        ++out.completed;
      } else if (out.first_problem.empty()) {
        out.first_problem = fmt::format("\"{}\": {} ({})", movies[i].folder, status,
                                        change->optValue<std::string>("message", ""));
      }
      Poco::JSON::Array::Ptr artwork = change->getArray("artwork");
      for (size_t a = 0; artwork && a < artwork->size(); ++a) {
        Poco::JSON::Object::Ptr pushed = artwork->getObject(static_cast<unsigned>(a));
        if (pushed->getValue<std::string>("action") == "uploaded") out.claimed_bytes += pushed->getValue<int64_t>("bytes");
      }
    }
  } catch (const std::exception& e) {
    out.error = std::string("sync_result: ") + e.what();
    return out;
  }

  for (const pms_emulator::RecordedRequest& req : emu.Requests()) {
    if (req.path.find("websockets") != std::string::npos) {
      ++out.websocket_upgrades;
      continue;
    }
    ++out.emulator_requests;
    ++out.endpoints[Endpoint(req)];
    const bool item_path = req.path.rfind("/library/metadata/", 0) == 0;
    if (req.method == "POST" && item_path && req.path.size() > 8 &&
        req.path.compare(req.path.size() - 8, 8, "/posters") == 0) {
      ++out.uploads;
      const auto length = req.headers.find("content-length");
      if (length != req.headers.end()) out.received_bytes += std::strtoll(length->second.c_str(), nullptr, 10);
    }
    if (req.method == "PUT" && item_path && req.path.size() > 8 &&
        req.path.compare(req.path.size() - 8, 8, "/refresh") == 0) {
      ++out.item_refreshes;
    }
  }
  emu.WaitForIdle(std::chrono::seconds(30));  // a refresh still queued would change the thumb
  for (size_t i = 0; i < movies.size(); ++i) {
    const std::optional<std::string> served = emu.SelectedImage(rating_keys[i], "thumb");
    if (served && *served == movies[i].bytes) ++out.serving_file;
  }
  emu.Stop();
  return out;
}

void PrintRow(const std::string& name, const RunResult& r) {
  std::printf("%-28s %5lld requests (emulator %5zu, +%zu ws), %3zu uploads, %3zu refreshes, %9.3f MB uploaded, "
              "%8.0f ms, completed %3zu/%d, thumb = file %3zu/%d\n",
              name.c_str(), static_cast<long long>(r.driver_requests), r.emulator_requests, r.websocket_upgrades,
              r.uploads, r.item_refreshes, static_cast<double>(r.claimed_bytes) / (1024.0 * 1024.0), r.wall_ms,
              r.completed, kMovies, r.serving_file, kMovies);
  std::fflush(stdout);
}

void PrintEndpoints(const std::string& name, const RunResult& r) {
  for (const auto& [endpoint, count] : r.endpoints) {
    std::printf("  %-10s %5zu x %s (%.2f per poster)\n", name.c_str(), count, endpoint.c_str(),
                static_cast<double>(count) / kMovies);
  }
  std::fflush(stdout);
}

// Whether the run is honest: every change completed; for push also every upload claimed is the
// poster's size, received by the emulator, and served back as the item's thumb.
bool Honest(const std::string& name, const RunResult& r, int64_t poster_bytes_total, bool push) {
  std::vector<std::string> problems;
  if (!r.error.empty()) problems.push_back(r.error);
  if (r.completed != static_cast<size_t>(kMovies)) {
    problems.push_back(fmt::format("{} of {} changes completed; first other: {}", r.completed, kMovies, r.first_problem));
  }
  if (push) {
    if (r.claimed_bytes != poster_bytes_total) {
      problems.push_back(fmt::format("the driver reports {} bytes uploaded, the posters are {}", r.claimed_bytes,
                                     poster_bytes_total));
    }
    if (r.received_bytes != r.claimed_bytes) {
      problems.push_back(fmt::format("the emulator received {} upload bytes, the driver reports {}", r.received_bytes,
                                     r.claimed_bytes));
    }
    if (r.serving_file != static_cast<size_t>(kMovies)) {
      problems.push_back(fmt::format("Plex serves the file's bytes as the thumb of {} of {} movies", r.serving_file,
                                     kMovies));
    }
  }
  if (r.error.empty() && r.driver_requests != static_cast<int64_t>(r.emulator_requests)) {
    std::printf("%-28s note: http_requests %lld, the emulator recorded %zu\n", name.c_str(),
                static_cast<long long>(r.driver_requests), r.emulator_requests);
  }
  for (const std::string& p : problems) std::printf("%-28s DISHONEST/FAILED: %s\n", name.c_str(), p.c_str());
  std::fflush(stdout);
  return problems.empty();
}

struct PathSamples {
  std::vector<double> wall_ms, requests, emulator_requests, megabytes, serving;
};

void Add(PathSamples& s, const RunResult& r) {
  s.wall_ms.push_back(r.wall_ms);
  s.requests.push_back(static_cast<double>(r.driver_requests));
  s.emulator_requests.push_back(static_cast<double>(r.emulator_requests));
  s.megabytes.push_back(static_cast<double>(r.claimed_bytes) / (1024.0 * 1024.0));
  s.serving.push_back(static_cast<double>(r.serving_file));
}

}  // namespace

int main() {
  const int runs = std::getenv("PD_BENCH_SHORT") ? 1 : 3;
  itest::LoadedDriver driver(itest::DriverPath());
  if (!driver.ok()) {
    std::fprintf(stderr, "cannot load the driver: %s\n", driver.load_error().c_str());
    return 2;
  }
  itest::TempDir media;
  const std::vector<Movie> movies = WriteMovies(media);
  int64_t poster_bytes_total = 0;
  for (const Movie& m : movies) poster_bytes_total += static_cast<int64_t>(m.bytes.size());
  std::printf("%d movies, one poster.jpg each (%zu bytes), one sync of %d updated posters per run, %d run(s)\n",
              kMovies, movies.front().bytes.size(), kMovies, runs);

  bool honest = true;
  PathSamples push, refresh;
  for (int run = 0; run < runs; ++run) {
    const RunResult p = RunOnce(driver, media.path(), movies, /*push=*/true);
    PrintRow(fmt::format("push, run {}", run + 1), p);
    honest &= Honest("push", p, poster_bytes_total, true);
    Add(push, p);
    const RunResult f = RunOnce(driver, media.path(), movies, /*push=*/false);
    PrintRow(fmt::format("refresh, run {}", run + 1), f);
    honest &= Honest("refresh", f, poster_bytes_total, false);
    Add(refresh, f);
    if (run == 0) {
      PrintEndpoints("push", p);
      PrintEndpoints("refresh", f);
    }
  }

  const int64_t request_target = kRequestsPerPoster * kMovies + kRequestsConstant;
  bool ok = bench::Report("push: wall time of the sync (100 posters)", bench::Summarize(push.wall_ms),
                          kPushWallTargetMs, "ms");
  ok &= bench::Report("push: HTTP requests of the sync (sync_result)", bench::Summarize(push.requests),
                      static_cast<double>(request_target), "requests");
  bench::Show("push: HTTP requests the emulator recorded", bench::Summarize(push.emulator_requests), "requests");
  bench::Show("push: bytes uploaded", bench::Summarize(push.megabytes), "MB");
  bench::Show("refresh: wall time of the sync (100 item refreshes)", bench::Summarize(refresh.wall_ms), "ms");
  bench::Show("refresh: HTTP requests of the sync (sync_result)", bench::Summarize(refresh.requests), "requests");
  bench::Show("refresh: HTTP requests the emulator recorded", bench::Summarize(refresh.emulator_requests), "requests");
  bench::Show("refresh: bytes uploaded", bench::Summarize(refresh.megabytes), "MB");
  bench::Show("refresh: movies whose thumb is then the file's bytes", bench::Summarize(refresh.serving), "movies");
  const double push_ms = bench::Summarize(push.wall_ms).median;
  const double refresh_ms = bench::Summarize(refresh.wall_ms).median;
  std::printf("push against refresh: %.1fx the requests, %.2fx the wall time, %.1f MB more sent\n",
              bench::Summarize(push.requests).median / std::max(1.0, bench::Summarize(refresh.requests).median),
              push_ms / std::max(1.0, refresh_ms),
              bench::Summarize(push.megabytes).median - bench::Summarize(refresh.megabytes).median);
  std::printf("every change completed and (push) every thumb served the file's bytes: %s\n", honest ? "yes" : "NO");
  return ok && honest ? 0 : 1;
}
