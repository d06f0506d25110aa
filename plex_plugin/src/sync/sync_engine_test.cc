// The sync engine against a scripted server (no sockets): the polling path, the honesty rules
// (a scan not seen to finish is never "completed"), retries, the safety gate, cancellation.
// The websocket path and the real HTTP stack are covered by tests/integration on the emulator.
#include "sync/sync_engine.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>

#include <fmt/format.h>

#include "planning/url_encoding.h"
#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

struct Harness : StageHarness {
  SyncResult Run(std::vector<SyncChange> changes, double timeout = 5, bool dry_run = false) {
    SyncRequest request;
    request.changes = std::move(changes);
    request.options.timeout_seconds = timeout;
    request.options.dry_run = dry_run;
    Result<SyncResult> r = RunSync(request, Context());
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::move(r).value() : SyncResult{};
  }
};

SyncChange Added(std::string path) { return SyncChange{std::move(path), ChangeKind::kAdded, "", "", {}, ""}; }

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
  h.files.existing.insert("/srv/elsewhere/X");
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
  SyncRequest request;
  request.changes = {Added("/mnt/movies/Heat (1995)")};
  // The cache predates the "Movies" library: only a forced read sees it.
  h.sections.answer = [&](bool force) -> Result<std::vector<LibrarySection>> {
    if (!force) return std::vector<LibrarySection>{};
    return h.client.Sections();
  };
  Result<SyncResult> r = RunSync(request, h.Context());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->changes[0].status, ChangeStatus::kCompleted) << r->changes[0].message;
  EXPECT_GE(h.sections.reads, 2);
}

TEST(SyncEngineTest, SafetyGateRefusesMissingStorage) {
  Harness h;
  const SyncResult r = h.Run({Added("/mnt/movies/Gone (2000)")});
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kFailed);
  EXPECT_NE(r.changes[0].message.find("does not exist"), std::string::npos);
  EXPECT_EQ(h.server.CountStartingWith("GET /library/sections/1/refresh"), 0);

  // A removal is fine when its parent is there...
  Harness removal;
  SyncChange removed{"/mnt/movies/Old (1990)", ChangeKind::kRemoved, "", "", {}, ""};
  EXPECT_EQ(removal.Run({removed}).changes[0].status, ChangeStatus::kCompleted);
  // ...and refused when the parent is gone too (storage offline).
  Harness offline;
  offline.files.existing.clear();
  EXPECT_EQ(offline.Run({removed}).changes[0].status, ChangeStatus::kFailed);
}

TEST(SyncEngineTest, DryRunPlansButRequestsNoScan) {
  Harness h;
  const SyncResult r = h.Run({Added("/mnt/movies/Heat (1995)"),
                              SyncChange{"/mnt/movies/Heat (1995)/poster.jpg", ChangeKind::kUpdated,
                                         "", "", {}, ""}},
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
  SyncContext ctx = h.Context();
  ctx.op = Operation{&bridge, nullptr};
  Result<SyncResult> r = RunSync(request, ctx);
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
