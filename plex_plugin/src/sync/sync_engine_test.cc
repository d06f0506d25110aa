// The sync engine against a scripted server (no sockets): the polling path, the honesty rules
// (a scan not seen to finish is never "completed"), retries, the safety gate, cancellation.
// The websocket path and the real HTTP stack are covered by tests/integration on the emulator.
#include "sync/sync_engine.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include <fmt/format.h>

#include "planning/url_encoding.h"

namespace plexdriver {
namespace {

// A tiny PMS: one or two sections, and a scan model driven by how often /activities is polled,
// so "the scan starts late" and "the scan never ends" are exact, not timing-dependent.
class SimulatedServer final : public HttpTransport {
 public:
  int start_after_polls = 0;     // polls that see nothing before the activity appears
  int run_for_polls = 1;         // polls that see the activity running
  bool never_starts = false;
  int refresh_failures = 0;      // the first N refresh requests answer this status
  int refresh_failure_status = 503;
  std::vector<std::string> extra_section_json;  // appended to the section list

  Result<HttpResponse> Send(const HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mutex_);
    ++count_;
    requests_.push_back(request.method + " " + request.target);
    HttpResponse r;
    r.status = 200;
    r.content_type = "application/json";
    const std::string path = request.target.substr(0, request.target.find('?'));
    if (path == "/library/sections") {
      r.body = SectionsJson();
    } else if (path.rfind("/library/sections/", 0) == 0 && path.size() > 8 &&
               path.compare(path.size() - 8, 8, "/refresh") == 0) {
      if (refresh_failures > 0) {
        --refresh_failures;
        r.status = refresh_failure_status;
        r.content_type = "text/html";
        r.body = "<html><body>error</body></html>";
        return r;
      }
      scan_requested_ = true;
      polls_since_request_ = 0;
      r.body.clear();
    } else if (path == "/activities") {
      r.body = ActivitiesJson();
    } else {
      r.status = 404;
    }
    return r;
  }
  std::string BaseUrl() const override { return "http://sim.test:32400"; }
  uint64_t RequestCount() const override {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

  std::vector<std::string> Requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }
  int CountStartingWith(const std::string& prefix) const {
    int n = 0;
    for (const std::string& r : Requests()) n += r.rfind(prefix, 0) == 0 ? 1 : 0;
    return n;
  }
  int polls_when_ended() const { return polls_when_ended_; }

 private:
  bool Running() const {
    return scan_requested_ && !never_starts && polls_since_request_ > start_after_polls &&
           polls_since_request_ <= start_after_polls + run_for_polls;
  }
  std::string ActivitiesJson() {
    if (scan_requested_) ++polls_since_request_;
    if (scan_requested_ && !never_starts &&
        polls_since_request_ == start_after_polls + run_for_polls + 1) {
      ++scanned_at_;  // the scan just ended
      polls_when_ended_ = polls_since_request_;
    }
    if (!Running()) return R"({"MediaContainer":{"size":0}})";
    return R"({"MediaContainer":{"size":1,"Activity":[{"uuid":"scan-1","type":"library.update.section",
      "cancellable":true,"userID":1,"title":"Scanning Movies","subtitle":"","progress":50,
      "Context":{"librarySectionID":"1"}}]}})";
  }
  std::string SectionsJson() const {
    std::string dirs = fmt::format(
        R"({{"key":"1","type":"movie","title":"Movies","refreshing":{},"scannedAt":{},)"
        R"("Location":[{{"id":1,"path":"/data/movies"}}]}})",
        Running() ? "true" : "false", scanned_at_);
    for (const std::string& extra : extra_section_json) dirs += "," + extra;
    return R"({"MediaContainer":{"size":1,"Directory":[)" + dirs + "]}}";
  }

  mutable std::mutex mutex_;
  uint64_t count_ = 0;
  std::vector<std::string> requests_;
  bool scan_requested_ = false;
  int polls_since_request_ = 0;
  int polls_when_ended_ = -1;
  int64_t scanned_at_ = 1700000000;
};

struct Harness {
  SimulatedServer server;
  PmsClient client{&server, ClientIdentity{"secret-token", "cid", "test", "plexdriver", "0"}};
  HostBridge bridge{nullptr, "secret-token"};
  Result<PathMapper> mapper = PathMapper::Create({{"/mnt/movies", "/data/movies"}},
                                                 PathStyle::kPosix);
  std::set<std::string> existing = {"/mnt/movies", "/mnt/movies/Heat (1995)",
                                    "/mnt/movies/Heat (1995)/poster.jpg"};

  SyncEnvironment Env() {
    SyncEnvironment env;
    env.client = &client;
    env.op = Operation{&bridge, nullptr};
    env.mapper = &*mapper;
    env.sections = [this](bool) { return client.Sections(); };
    env.path_exists = [this](const std::string& p) { return existing.count(p) > 0; };
    env.server_platform = "Linux";
    env.tuning.poll_initial = std::chrono::milliseconds(2);
    env.tuning.poll_max = std::chrono::milliseconds(5);
    env.tuning.retry_backoff = std::chrono::milliseconds(1);
    return env;
  }

  SyncResult Run(std::vector<SyncChange> changes, double timeout = 5, bool dry_run = false) {
    SyncRequest request;
    request.changes = std::move(changes);
    request.options.timeout_seconds = timeout;
    request.options.dry_run = dry_run;
    SyncEnvironment env = Env();
    Result<SyncResult> r = RunSync(request, env);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::move(r).value() : SyncResult{};
  }
};

SyncChange Added(std::string path) { return SyncChange{std::move(path), ChangeKind::kAdded, "", "", {}}; }

TEST(SyncEngineTest, PollingSeesTheScanStartAndEnd) {
  Harness h;
  const SyncResult r = h.Run({Added("/mnt/movies/Heat (1995)")});
  ASSERT_EQ(r.changes.size(), 1u);
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kCompleted) << r.changes[0].message;
  EXPECT_EQ(r.changes[0].server_path, "/data/movies/Heat (1995)");
  ASSERT_EQ(r.scans.size(), 1u);
  EXPECT_EQ(r.scans[0].path, "/data/movies/Heat (1995)");
  EXPECT_EQ(h.server.CountStartingWith("GET /library/sections/1/refresh?path=" +
                                       PercentEncode("/data/movies/Heat (1995)")),
            1);
  EXPECT_EQ(r.http_requests, h.server.RequestCount());
}

TEST(SyncEngineTest, LateStartIsNotMistakenForCompletion) {
  Harness h;
  h.server.start_after_polls = 4;  // four polls see an idle server after the request
  h.server.run_for_polls = 2;
  const SyncResult r = h.Run({Added("/mnt/movies/Heat (1995)")});
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kCompleted);
  // Completion can only have been concluded at or after the poll that saw the scan end.
  EXPECT_GE(h.server.CountStartingWith("GET /activities") - 1, h.server.polls_when_ended());
}

TEST(SyncEngineTest, AScanThatNeverStartsTimesOut) {
  Harness h;
  h.server.never_starts = true;
  const SyncResult r = h.Run({Added("/mnt/movies/Heat (1995)")}, /*timeout=*/0.3);
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kTimedOut);
  EXPECT_NE(r.changes[0].message.find("did not report the scan as finished"), std::string::npos);
  EXPECT_EQ(r.Overall(), ChangeStatus::kTimedOut);
}

TEST(SyncEngineTest, ServerErrorsAreRetriedThenReported) {
  Harness h;
  h.server.refresh_failures = 2;
  SyncResult r = h.Run({Added("/mnt/movies/Heat (1995)")});
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kCompleted);
  EXPECT_EQ(h.server.CountStartingWith("GET /library/sections/1/refresh"), 3);

  Harness always;
  always.server.refresh_failures = 100;
  r = always.Run({Added("/mnt/movies/Heat (1995)")});
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kFailed);
  EXPECT_NE(r.changes[0].message.find("503"), std::string::npos) << r.changes[0].message;
  EXPECT_EQ(always.server.CountStartingWith("GET /library/sections/1/refresh"), 3);
}

TEST(SyncEngineTest, NotFoundIsNotRetried) {
  Harness h;
  h.server.refresh_failures = 1;
  h.server.refresh_failure_status = 404;
  const SyncResult r = h.Run({Added("/mnt/movies/Heat (1995)")});
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kFailed);
  EXPECT_EQ(h.server.CountStartingWith("GET /library/sections/1/refresh"), 1);
}

TEST(SyncEngineTest, PathUnderNoSectionFailsAndScansNothing) {
  Harness h;
  h.existing.insert("/srv/elsewhere/X");
  const SyncResult r = h.Run({Added("/srv/elsewhere/X"), Added("/mnt/movies/Heat (1995)")});
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kFailed);
  EXPECT_NE(r.changes[0].message.find("/srv/elsewhere/X"), std::string::npos);
  EXPECT_NE(r.changes[0].message.find("/data/movies"), std::string::npos);
  EXPECT_EQ(r.changes[1].status, ChangeStatus::kCompleted);
  EXPECT_EQ(h.server.CountStartingWith("GET /library/sections/1/refresh"), 1);
  EXPECT_EQ(r.Overall(), ChangeStatus::kFailed);
}

TEST(SyncEngineTest, SectionsAreReReadWhenAPathIsUnknown) {
  Harness h;
  int reads = 0;
  SyncRequest request;
  request.changes = {Added("/mnt/movies/Heat (1995)")};
  SyncEnvironment env = h.Env();
  // The cache predates the "Movies" library: only a forced read sees it.
  env.sections = [&](bool force) -> Result<std::vector<LibrarySection>> {
    ++reads;
    if (!force) return std::vector<LibrarySection>{};
    return h.client.Sections();
  };
  Result<SyncResult> r = RunSync(request, env);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->changes[0].status, ChangeStatus::kCompleted) << r->changes[0].message;
  EXPECT_GE(reads, 2);
}

TEST(SyncEngineTest, SafetyGateRefusesMissingStorage) {
  Harness h;
  const SyncResult r = h.Run({Added("/mnt/movies/Gone (2000)")});
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kFailed);
  EXPECT_NE(r.changes[0].message.find("does not exist"), std::string::npos);
  EXPECT_EQ(h.server.CountStartingWith("GET /library/sections/1/refresh"), 0);

  // A removal is fine when its parent is there...
  Harness removal;
  SyncChange removed{"/mnt/movies/Old (1990)", ChangeKind::kRemoved, "", "", {}};
  EXPECT_EQ(removal.Run({removed}).changes[0].status, ChangeStatus::kCompleted);
  // ...and refused when the parent is gone too (storage offline).
  Harness offline;
  offline.existing.clear();
  EXPECT_EQ(offline.Run({removed}).changes[0].status, ChangeStatus::kFailed);
}

TEST(SyncEngineTest, DryRunPlansButRequestsNoScan) {
  Harness h;
  const SyncResult r = h.Run({Added("/mnt/movies/Heat (1995)"),
                              SyncChange{"/mnt/movies/Heat (1995)/poster.jpg", ChangeKind::kUpdated,
                                         "", "", {}}},
                             5, /*dry_run=*/true);
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kSkipped);
  EXPECT_EQ(r.changes[1].status, ChangeStatus::kSkipped);
  ASSERT_EQ(r.scans.size(), 1u);  // both covered by one folder scan
  EXPECT_EQ(r.scans[0].path, "/data/movies/Heat (1995)");
  EXPECT_EQ(h.server.CountStartingWith("GET /library/sections/1/refresh"), 0);
}

TEST(SyncEngineTest, CancellationIsReported) {
  Harness h;
  h.server.never_starts = true;
  pd_host host{};
  host.struct_size = sizeof(pd_host);
  static std::atomic<int> checks{0};
  checks = 0;
  host.is_cancelled = [](void*, void*) -> int { return ++checks > 2 ? 1 : 0; };
  HostBridge bridge(&host, "secret-token");
  SyncRequest request;
  request.changes = {Added("/mnt/movies/Heat (1995)")};
  SyncEnvironment env = h.Env();
  env.op = Operation{&bridge, nullptr};
  Result<SyncResult> r = RunSync(request, env);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->cancelled);
  EXPECT_EQ(r->changes[0].status, ChangeStatus::kCancelled);
}

TEST(SyncEngineTest, TokenNeverInResults) {
  Harness h;
  h.server.refresh_failures = 100;
  const SyncResult r = h.Run({Added("/mnt/movies/Heat (1995)"), Added("/nowhere/x")});
  for (const ChangeResult& c : r.changes) EXPECT_EQ(c.message.find("secret-token"), std::string::npos);
  EXPECT_EQ(SyncResultToJson(r).find("secret-token"), std::string::npos);
}

}  // namespace
}  // namespace plexdriver
