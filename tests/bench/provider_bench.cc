// SPDX-License-Identifier: MIT
// The metadata provider (provider/provider_service) over 10,000 movie folders in a temporary
// directory, each with an empty video, a movie.nfo (title, year, plot, genres, two actors, a TMDB
// id) and a small poster.jpg, through ProviderService::Handle as the host's server calls it:
//  (a) match and describe: every movie matched by its server file name, then its metadata
//      fetched by the rating key the match returned; the provider's time (the sum of Handle()
//      wall times) must be <= 5 s;
//  (b) GET metadata of random movies from 8 threads at once (20,000 requests): p99 <= 5 ms;
//  (c) memory: resident size after 10,000 warm-up requests and after 100,000 more (a mix of
//      every route, refusals included) must not grow by more than 10 MB.
// Also shown without a target: the first request after a restart for a rating key the provider
// has not seen (it walks the roots once).
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "bench_util.h"
#include "provider/provider_config.h"
#include "provider/provider_service.h"
#include "provider/safe_path.h"

namespace {

namespace fs = std::filesystem;
using plexdriver::ProviderRequest;
using plexdriver::ProviderResponse;
using plexdriver::ProviderService;
using Clock = std::chrono::steady_clock;

constexpr int kMovies = 10000;
constexpr int kThreads = 8;
constexpr int kConcurrentRequests = 20000;
constexpr int kWarmupRequests = 10000;
constexpr int kSteadyRequests = 100000;
constexpr double kMatchDescribeTargetMs = 5000;
constexpr double kP99TargetMs = 5;
constexpr double kRssGrowthTargetMb = 10;

// The temporary tree; removed when the benchmark ends, whatever happens. In memory (/dev/shm)
// when the machine has it, so that writing and removing 30,000 files does not depend on the
// disk (once written, the provider reads the tree from the page cache either way);
// PD_BENCH_TMPDIR chooses another folder.
struct TempTree {
  fs::path dir;
  static std::string Parent() {
    if (const char* chosen = std::getenv("PD_BENCH_TMPDIR")) return chosen;
    if (::access("/dev/shm", W_OK) == 0) return "/dev/shm";
    return fs::temp_directory_path().string();
  }
  TempTree() {
    std::string d = fmt::format("{}/pd_provider_bench_{}_XXXXXX", Parent(), ::getpid());
    if (!::mkdtemp(d.data())) {
      std::perror("mkdtemp");
      std::exit(2);
    }
    dir = d;
  }
  ~TempTree() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

std::string FolderName(int i) { return fmt::format("Movie {:05} ({})", i, 1950 + i % 70); }
std::string ServerFile(int i) { return fmt::format("/data/movies/{0}/{0}.mkv", FolderName(i)); }
std::string RatingKey(int i) { return fmt::format("tmdb-{}", 100000 + i); }

void Write(const fs::path& p, const std::string& bytes) {
  std::ofstream out(p, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

void GenerateMovies(const fs::path& root) {
  const std::string jpeg = std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20) +
                           std::string(200, '\x55') + std::string("\xFF\xD9", 2);
  for (int i = 0; i < kMovies; ++i) {
    const std::string name = FolderName(i);
    const fs::path folder = root / name;
    fs::create_directory(folder);
    Write(folder / (name + ".mkv"), "");
    Write(folder / "movie.nfo",
          fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<movie>\n"
                      "  <title>Movie {0:05}</title>\n  <year>{1}</year>\n"
                      "  <plot>Movie {0:05} is the story of a benchmark that generated ten thousand folders and "
                      "asked for every one of them.</plot>\n"
                      "  <genre>Drama</genre>\n  <genre>{2}</genre>\n"
                      "  <actor><name>Actor {0} A</name><role>Lead</role><order>0</order></actor>\n"
                      "  <actor><name>Actor {0} B</name><role>Support</role><order>1</order></actor>\n"
                      "  <uniqueid type=\"tmdb\" default=\"true\">{3}</uniqueid>\n</movie>\n",
                      i, 1950 + i % 70, i % 2 ? "Crime" : "Comedy", 100000 + i));
    Write(folder / "poster.jpg", jpeg);
  }
}

std::unique_ptr<ProviderService> MakeService(const fs::path& root) {
  plexdriver::Result<plexdriver::ProviderConfig> config = plexdriver::ParseProviderConfig(
      fmt::format(R"({{"path_mappings":[{{"metarr_path":"{}","player_path":"/data/movies"}}]}})", root.string()));
  if (!config.ok()) {
    std::fprintf(stderr, "config: %s\n", config.status().ToString().c_str());
    return nullptr;
  }
  auto service = ProviderService::Create(std::move(config).value(), nullptr);
  if (!service.ok()) {
    std::fprintf(stderr, "provider: %s\n", service.status().ToString().c_str());
    return nullptr;
  }
  return std::move(service).value();
}

ProviderRequest Get(std::string path) {
  ProviderRequest r;
  r.method = "GET";
  r.path = std::move(path);
  r.base_url = "http://127.0.0.1:32600/provider";
  return r;
}

ProviderRequest Match(int i) {
  ProviderRequest r = Get("/movies/library/metadata/matches");
  r.method = "POST";
  r.body = fmt::format(R"({{"type":1,"title":"Movie {:05}","year":{},"filename":"{}"}})", i, 1950 + i % 70,
                       ServerFile(i));
  return r;
}

ProviderRequest Metadata(const std::string& key) { return Get("/movies/library/metadata/" + key); }

// Times one Handle() call, in ms.
double Timed(const ProviderService& service, const ProviderRequest& request, ProviderResponse* response) {
  const auto start = Clock::now();
  *response = service.Handle(request);
  return bench::MillisSince(start);
}

std::string FirstRatingKey(const std::string& body) {
  try {
    Poco::JSON::Object::Ptr doc = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
    Poco::JSON::Array::Ptr list = doc->getObject("MediaContainer")->getArray("Metadata");
    if (!list || list->size() == 0) return "";
    return list->getObject(0)->getValue<std::string>("ratingKey");
  } catch (const std::exception&) {
    return "";
  }
}

double ThreadCpuMs() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double Percentile(std::vector<double>* sorted, double p) {
  if (sorted->empty()) return 0;
  const size_t at = std::min(sorted->size() - 1, static_cast<size_t>(static_cast<double>(sorted->size()) * p));
  return (*sorted)[at];
}

// Prints "name: value unit (detail) target <= T: ok|MISSED", like bench::Report for one value.
bool ReportValue(const std::string& name, double value, const std::string& detail, double target, const char* unit) {
  const bool ok = value <= target;
  std::printf("%-58s %8.2f %s (%s)  target <= %.1f %s: %s%s\n", name.c_str(), value, unit, detail.c_str(), target,
              unit, ok ? "ok" : "MISSED", bench::kEnforceTargets ? "" : " (debug build: not enforced)");
  std::fflush(stdout);
  return ok || !bench::kEnforceTargets;
}

double ResidentMbFromStatm() {
  std::ifstream statm("/proc/self/statm");
  long total = 0, resident = 0;
  if (!(statm >> total >> resident)) return 0;
  return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

// (a) Every movie matched, then described by the key the match returned.
bool MatchAndDescribe(const ProviderService& service, std::vector<std::string>* keys) {
  std::vector<double> match_ms, describe_ms;
  match_ms.reserve(kMovies);
  describe_ms.reserve(kMovies);
  double total = 0;
  int failures = 0;
  for (int i = 0; i < kMovies; ++i) {
    ProviderResponse r;
    const double m = Timed(service, Match(i), &r);
    const std::string key = r.status == 200 ? FirstRatingKey(r.body) : "";
    if (key != RatingKey(i)) {
      if (++failures <= 3) std::fprintf(stderr, "match %d: %d %s\n", i, r.status, r.body.substr(0, 300).c_str());
      continue;
    }
    const double d = Timed(service, Metadata(key), &r);
    if (r.status != 200 || r.body.find(fmt::format("\"title\":\"Movie {:05}\"", i)) == std::string::npos) {
      if (++failures <= 3) std::fprintf(stderr, "metadata %s: %d %s\n", key.c_str(), r.status, r.body.substr(0, 300).c_str());
      continue;
    }
    match_ms.push_back(m);
    describe_ms.push_back(d);
    total += m + d;
    keys->push_back(key);
  }
  bench::Show("  match (POST .../matches with the server file name)", bench::Summarize(match_ms), "ms");
  bench::Show("  describe (GET .../metadata/<ratingKey>)", bench::Summarize(describe_ms), "ms");
  const bool ok = ReportValue(fmt::format("match and describe {} movies (sum of Handle times)", kMovies), total,
                              fmt::format("{} answered, {} failed", keys->size(), failures), kMatchDescribeTargetMs,
                              "ms");
  return ok && failures == 0;
}

// (b) GET metadata of random movies from kThreads threads at once.
bool ConcurrentMetadata(const ProviderService& service, const std::vector<std::string>& keys) {
  std::vector<std::vector<double>> per_thread(kThreads), cpu_per_thread(kThreads);
  std::atomic<int> ready{0}, failures{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(1234u + static_cast<unsigned>(t));
      std::uniform_int_distribution<size_t> pick(0, keys.size() - 1);
      std::vector<double>& samples = per_thread[static_cast<size_t>(t)];
      std::vector<double>& cpu = cpu_per_thread[static_cast<size_t>(t)];
      samples.reserve(kConcurrentRequests / kThreads);
      cpu.reserve(kConcurrentRequests / kThreads);
      ++ready;
      while (!go.load()) std::this_thread::yield();
      for (int n = 0; n < kConcurrentRequests / kThreads; ++n) {
        ProviderResponse r;
        const double cpu_start = ThreadCpuMs();
        samples.push_back(Timed(service, Metadata(keys[pick(rng)]), &r));
        cpu.push_back(ThreadCpuMs() - cpu_start);
        if (r.status != 200) ++failures;
      }
    });
  }
  while (ready.load() < kThreads) std::this_thread::yield();
  const auto start = Clock::now();
  go = true;
  for (std::thread& th : threads) th.join();
  const double wall = bench::MillisSince(start);
  std::vector<double> all;
  for (const auto& v : per_thread) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  const double p99 = Percentile(&all, 0.99);
  const bool ok = ReportValue(
      fmt::format("GET metadata, {} threads, p99 latency", kThreads), p99,
      fmt::format("median {:.2f}, p90 {:.2f}, max {:.2f}, n={}, {:.0f} req/s, {} failed", Percentile(&all, 0.5),
                  Percentile(&all, 0.9), all.back(), all.size(), static_cast<double>(all.size()) / (wall / 1000.0),
                  failures.load()),
      kP99TargetMs, "ms");
  // The same requests' CPU time (of their own thread): what the provider costs, without the
  // time a request waited for a core (8 threads on however many cores the machine has).
  std::vector<double> cpu;
  for (const auto& v : cpu_per_thread) cpu.insert(cpu.end(), v.begin(), v.end());
  std::sort(cpu.begin(), cpu.end());
  std::printf("%-58s %8.2f ms (median %.2f, p90 %.2f, max %.2f; %u hardware threads)\n",
              "  the same requests' own CPU time, p99", Percentile(&cpu, 0.99), Percentile(&cpu, 0.5),
              Percentile(&cpu, 0.9), cpu.back(), std::thread::hardware_concurrency());
  std::fflush(stdout);
  return ok && failures.load() == 0;
}

// One request of the mixed load in (c): every route, refusals included.
ProviderRequest Mixed(std::mt19937* rng, const std::vector<std::string>& keys) {
  const size_t i = (*rng)() % keys.size();  // keys[i] is movie i when every match succeeded
  switch ((*rng)() % 20) {
    case 0: case 1: case 2: case 3: return Match(static_cast<int>(i));
    case 4: case 5: return Get("/movies/library/metadata/" + keys[i] + "/images");
    case 6: case 7: return Get(fmt::format("/movies/images/0/{}/poster.jpg", plexdriver::EncodeRelativePath(FolderName(static_cast<int>(i)))));
    case 8: return Get("/movies/images/0/..%2F..%2Fetc%2Fpasswd");
    case 9: return Get("/movies/library/metadata/not-a-key!");
    case 10: return Get("/movies");
    default: return Metadata(keys[i]);
  }
}

bool MemoryFlat(const ProviderService& service, const std::vector<std::string>& keys) {
  std::mt19937 rng(42);
  int unexpected = 0;
  auto run = [&](int n) {
    for (int k = 0; k < n; ++k) {
      const ProviderResponse r = service.Handle(Mixed(&rng, keys));
      if (r.status != 200 && r.status != 404) ++unexpected;
    }
  };
  const auto start = Clock::now();
  run(kWarmupRequests);
  const double after_warmup = ResidentMbFromStatm();
  run(kSteadyRequests);
  const double after = ResidentMbFromStatm();
  const double seconds = bench::MillisSince(start) / 1000.0;
  const bool ok = ReportValue(
      fmt::format("resident memory growth over {} requests", kSteadyRequests), after - after_warmup,
      fmt::format("{:.1f} MB after {} warm-up requests, {:.1f} MB after {} more; {:.0f} req/s; {} unexpected statuses",
                  after_warmup, kWarmupRequests, after, kSteadyRequests,
                  (kWarmupRequests + kSteadyRequests) / seconds, unexpected),
      kRssGrowthTargetMb, "MB");
  return ok && unexpected == 0;
}

// A fresh provider (as after a restart) asked for a key it has not seen: it walks the roots.
void FirstRequestAfterRestart(const fs::path& root) {
  std::unique_ptr<ProviderService> fresh = MakeService(root);
  if (!fresh) return;
  ProviderResponse r;
  const double first = Timed(*fresh, Metadata(RatingKey(kMovies / 2)), &r);
  const int first_status = r.status;
  const double second = Timed(*fresh, Metadata(RatingKey(kMovies / 2 + 1)), &r);
  std::printf("%-58s %8.2f ms (status %d; the next unseen key %.2f ms, status %d)\n",
              fmt::format("first GET after a restart (walks {} folders)", kMovies).c_str(), first, first_status,
              second, r.status);
  std::fflush(stdout);
}

}  // namespace

int main() {
  const auto bench_start = Clock::now();
  TempTree tree;
  const fs::path root = tree.dir / "movies";
  fs::create_directory(root);
  const auto gen_start = Clock::now();
  GenerateMovies(root);
  std::printf("%-58s %8.2f s (in %s)\n", fmt::format("generated {} movie folders (video, NFO, poster)", kMovies).c_str(),
              bench::MillisSince(gen_start) / 1000.0, tree.dir.parent_path().c_str());
  std::unique_ptr<ProviderService> service = MakeService(root);
  if (!service) return 1;

  bool ok = true;
  std::vector<std::string> keys;
  keys.reserve(kMovies);
  ok = MatchAndDescribe(*service, &keys) && ok;
  if (keys.empty()) return 1;
  ok = ConcurrentMetadata(*service, keys) && ok;
  ok = MemoryFlat(*service, keys) && ok;
  FirstRequestAfterRestart(root);
  service.reset();
  const auto clean_start = Clock::now();
  std::error_code ec;
  fs::remove_all(tree.dir, ec);
  std::printf("%-58s %8.2f s (removing the tree: %.2f s)\n", "provider bench wall time",
              bench::MillisSince(bench_start) / 1000.0, bench::MillisSince(clean_start) / 1000.0);
  return ok ? 0 : 1;
}
