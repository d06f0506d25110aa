// Stage 9 (pure): only a scan seen to finish is completed; a change takes its worst scan.
#include "sync/scan_outcome.h"

#include <gtest/gtest.h>

#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

ActivityEvent ScanEvent(const char* event, const char* uuid, const char* section) {
  Activity a;
  a.uuid = uuid;
  a.type = kActivitySectionScan;
  a.section_id = section;
  return ActivityEvent{event, a};
}

// Two changes; scan 0 covers both, scan 1 only the second.
SyncPlan TwoScans(bool second_finished) {
  SyncRequest request;
  request.changes = {Change("/mnt/a", ChangeKind::kAdded), Change("/mnt/b", ChangeKind::kAdded)};
  request.options.timeout_seconds = 7;
  SyncPlan plan = SyncPlan::Start(request, 0);
  for (const char* section : {"1", "2"}) {
    PlannedScan s;
    s.result.section_key = section;
    s.requested = true;
    s.started = SyncClock::now();
    plan.scans.push_back(s);
  }
  plan.scans[0].change_indices = {0, 1};
  plan.scans[1].change_indices = {1};
  SectionScanWatch one("1", 1, {}, 0);
  one.OnActivityEvent(ScanEvent("started", "u1", "1"));
  one.OnActivityEvent(ScanEvent("ended", "u1", "1"));
  plan.watching.watches.emplace("1", one);
  SectionScanWatch two("2", 1, {}, 0);
  if (second_finished) {
    two.OnActivityEvent(ScanEvent("started", "u2", "2"));
    two.OnActivityEvent(ScanEvent("ended", "u2", "2"));
  }
  plan.watching.watches.emplace("2", two);
  return plan;
}

TEST(ScanOutcomeTest, FinishedScansCompleteTheirChanges) {
  SyncPlan plan = SettleScans(TwoScans(true));
  EXPECT_EQ(plan.scans[0].result.status, ChangeStatus::kCompleted);
  EXPECT_EQ(plan.scans[0].result.observed_via, "websocket");
  EXPECT_EQ(plan.changes[0].result.status, ChangeStatus::kCompleted);
  EXPECT_EQ(plan.changes[1].result.status, ChangeStatus::kCompleted);
}

TEST(ScanOutcomeTest, AScanNotSeenToFinishTimesOutItsChangesOnly) {
  SyncPlan plan = SettleScans(TwoScans(false));
  EXPECT_EQ(plan.scans[1].result.status, ChangeStatus::kTimedOut);
  EXPECT_NE(plan.scans[1].result.message.find("within 7 s (saw 0 of its scans start, 0 end)"), std::string::npos);
  EXPECT_EQ(plan.changes[0].result.status, ChangeStatus::kCompleted);
  EXPECT_EQ(plan.changes[1].result.status, ChangeStatus::kTimedOut);
  EXPECT_EQ(plan.changes[1].result.message, plan.scans[1].result.message);
}

TEST(ScanOutcomeTest, CancelledAndUnrequestedScansAreNeverCompleted) {
  SyncPlan cancelled = TwoScans(false);
  cancelled.cancelled = true;
  cancelled.scans[0].requested = false;
  cancelled = SettleScans(std::move(cancelled));
  EXPECT_EQ(cancelled.scans[0].result.status, ChangeStatus::kCancelled);
  EXPECT_EQ(cancelled.scans[0].result.message, "cancelled before the scan was requested");
  EXPECT_EQ(cancelled.scans[1].result.status, ChangeStatus::kCancelled);
  EXPECT_EQ(cancelled.changes[0].result.status, ChangeStatus::kCancelled);
}

TEST(ScanOutcomeTest, SettledAndRefreshedChangesKeepTheirStatus) {
  SyncPlan plan = TwoScans(false);
  plan.Fail(1, "mapped nowhere");
  plan = SettleScans(std::move(plan));
  EXPECT_EQ(plan.changes[1].result.status, ChangeStatus::kFailed);
  EXPECT_EQ(plan.changes[1].result.message, "mapped nowhere");
}

}  // namespace
}  // namespace plexdriver
