// The last stage: the plan's statuses become the result as they are, with the sync's counts.
#include "sync/sync_report.h"

#include <gtest/gtest.h>

#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

TEST(SyncReportTest, KeepsEveryStatusAndCountsTheRequests) {
  StageHarness h;
  SyncPlan plan = h.Plan({Change("/mnt/a", ChangeKind::kAdded), Change("/mnt/b", ChangeKind::kRemoved)});
  plan.Fail(0, "no mapping");
  plan.changes[1].result.status = ChangeStatus::kCompleted;
  plan.skip_active = SkipActive::kSection;
  plan.warnings = {"could not check active playback"};
  (void)h.client.Get("/identity");  // one request during the sync
  SyncResult r = ReportSync(std::move(plan), h.Context());
  ASSERT_EQ(r.changes.size(), 2u);
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kFailed);
  EXPECT_EQ(r.changes[0].message, "no mapping");
  EXPECT_EQ(r.changes[1].path, "/mnt/b");
  EXPECT_EQ(r.changes[1].kind, ChangeKind::kRemoved);
  EXPECT_EQ(r.Overall(), ChangeStatus::kFailed);
  EXPECT_EQ(r.skip_active, "section");
  EXPECT_EQ(r.warnings.size(), 1u);
  EXPECT_EQ(r.http_requests, 1u);
  EXPECT_FALSE(r.dry_run);
}

TEST(SyncReportTest, ADryRunSkipsWhatWouldHaveRun) {
  StageHarness h;
  SyncPlan plan = h.Plan({Change("/mnt/a", ChangeKind::kAdded), Change("/mnt/b", ChangeKind::kUpdated),
                          Change("/mnt/c", ChangeKind::kAdded)});
  plan.options.dry_run = true;
  plan.changes[1].refresh_only = true;
  plan.changes[1].before = LibraryItem{};
  plan.changes[1].before->rating_key = "42";
  plan.Fail(2, "missing");
  plan.scans.push_back(PlannedScan{});
  SyncResult r = ReportDryRun(std::move(plan), h.Context());
  EXPECT_TRUE(r.dry_run);
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kSkipped);
  EXPECT_EQ(r.changes[0].message, "dry run: nothing was scanned");
  EXPECT_EQ(r.changes[1].message, "dry run: item 42 would be refreshed, nothing was");
  EXPECT_EQ(r.changes[2].status, ChangeStatus::kFailed);
  ASSERT_EQ(r.scans.size(), 1u);
  EXPECT_EQ(r.scans[0].status, ChangeStatus::kSkipped);
  EXPECT_EQ(r.http_requests, 0u);
}

}  // namespace
}  // namespace plexdriver
