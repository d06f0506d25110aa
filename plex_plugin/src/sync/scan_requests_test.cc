// Stage 7: scan requests, their retries, the polling baseline, and the watches they set up.
#include "sync/scan_requests.h"

#include <gtest/gtest.h>

#include "planning/url_encoding.h"
#include "sync/resolve_changes.h"
#include "sync/scan_coalescing.h"
#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

SyncPlan Request(StageHarness& h, std::vector<SyncChange> changes, const SyncContext& ctx) {
  Result<SyncPlan> resolved = ResolveChanges(h.Plan(std::move(changes)), ctx);
  EXPECT_TRUE(resolved.ok());
  return RequestScans(CoalesceScans(std::move(resolved).value(), ctx), ctx);
}

TEST(ScanRequestsTest, OneGetPerScanAfterAPollingBaseline) {
  StageHarness h;
  h.files.existing.insert("/mnt/movies/Ronin (1998)");
  SyncPlan plan = Request(h, {Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded),
                              Change("/mnt/movies/Ronin (1998)", ChangeKind::kAdded)},
                          h.Context());
  const std::vector<std::string> sent = h.server.Requests();
  ASSERT_GE(sent.size(), 5u);
  EXPECT_EQ(sent[1], "GET /activities");         // baseline: what runs already
  EXPECT_EQ(sent[2], "GET /library/sections");   // baseline: each library's scannedAt
  EXPECT_EQ(sent[3], "GET /library/sections/1/refresh?path=" + PercentEncode("/data/movies/Heat (1995)"));
  EXPECT_EQ(sent[4], "GET /library/sections/1/refresh?path=" + PercentEncode("/data/movies/Ronin (1998)"));
  ASSERT_EQ(plan.watching.watches.size(), 1u);  // one watch per library, counting two scans
  EXPECT_TRUE(plan.scans[0].requested && plan.scans[1].requested);
  EXPECT_EQ(plan.watching.scanned_at_before.at("1"), 1700000000);
}

TEST(ScanRequestsTest, TransientFailuresAreRetriedA404IsExplained) {
  StageHarness h;
  h.server.refresh_failures = 2;
  SyncPlan retried = Request(h, {Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded)}, h.Context());
  EXPECT_TRUE(retried.scans[0].requested);
  EXPECT_EQ(h.server.CountStartingWith("GET /library/sections/1/refresh"), 3);

  StageHarness gone;
  gone.server.refresh_failures = 1;
  gone.server.refresh_failure_status = 404;
  SyncPlan refused = Request(gone, {Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded)}, gone.Context());
  EXPECT_FALSE(refused.scans[0].requested);
  EXPECT_EQ(refused.scans[0].result.status, ChangeStatus::kFailed);
  EXPECT_NE(refused.scans[0].result.message.find("only GET works for refresh"), std::string::npos);
  EXPECT_TRUE(refused.watching.watches.empty());
  EXPECT_EQ(gone.server.CountStartingWith("GET /library/sections/1/refresh"), 1);
}

TEST(ScanRequestsTest, ACancelledSyncRequestsNothing) {
  StageHarness h;
  pd_host host{};
  host.struct_size = sizeof(pd_host);
  host.is_cancelled = [](void*, void*) -> int { return 1; };
  HostBridge bridge(&host, "secret-token");
  SyncContext ctx = h.Context();
  ctx.op = Operation{&bridge, nullptr};
  SyncPlan plan = Request(h, {Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded)}, ctx);
  EXPECT_TRUE(plan.cancelled);
  EXPECT_FALSE(plan.scans[0].requested);
  EXPECT_EQ(h.server.CountStartingWith("GET /library/sections/1/refresh"), 0);
}

}  // namespace
}  // namespace plexdriver
