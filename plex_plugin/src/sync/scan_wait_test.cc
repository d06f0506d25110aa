// Stage 8 by polling (the websocket path runs against the emulator in tests/integration): a
// scan counts only once it is seen to end, late starts are waited for, a scan that never ends
// runs the clock out, and progress reaches the host.
#include "sync/scan_wait.h"

#include <gtest/gtest.h>

#include <atomic>

#include "sync/resolve_changes.h"
#include "sync/scan_coalescing.h"
#include "sync/scan_requests.h"
#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

SyncPlan Wait(StageHarness& h, const SyncContext& ctx, double timeout = 5) {
  Result<SyncPlan> resolved = ResolveChanges(h.Plan({Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded)}, timeout), ctx);
  EXPECT_TRUE(resolved.ok());
  return WaitForScans(RequestScans(CoalesceScans(std::move(resolved).value(), ctx), ctx), ctx);
}

TEST(ScanWaitTest, ALateScanIsWaitedForUntilItEnds) {
  StageHarness h;
  h.server.start_after_polls = 3;
  h.server.run_for_polls = 2;
  SyncPlan plan = Wait(h, h.Context());
  ASSERT_EQ(plan.watching.watches.size(), 1u);
  const SectionScanWatch& watch = plan.watching.watches.begin()->second;
  EXPECT_TRUE(watch.finished());
  EXPECT_EQ(watch.observed_via(), "activities");
  // Finished no earlier than the poll that saw the scan end (the baseline poll not counted).
  EXPECT_GE(h.server.CountStartingWith("GET /activities") - 1, h.server.polls_when_ended());
  EXPECT_FALSE(plan.cancelled);
}

TEST(ScanWaitTest, AScanThatNeverStartsRunsTheClockOut) {
  StageHarness h;
  h.server.never_starts = true;
  const auto before = SyncClock::now();
  SyncPlan plan = Wait(h, h.Context(), /*timeout=*/0.2);
  EXPECT_FALSE(plan.watching.watches.begin()->second.finished());
  EXPECT_GE(SyncClock::now(), before + std::chrono::milliseconds(200));
  EXPECT_FALSE(plan.cancelled);
}

TEST(ScanWaitTest, ProgressIsReportedAndCancellingStopsTheWait) {
  StageHarness h;
  h.server.never_starts = true;
  static std::atomic<int> progress_calls{0};
  static std::atomic<int> checks{0};
  progress_calls = 0;
  checks = 0;
  pd_host host{};
  host.struct_size = sizeof(pd_host);
  host.progress = [](void*, void*, double, const char*) { ++progress_calls; };
  host.is_cancelled = [](void*, void*) -> int { return ++checks > 20 ? 1 : 0; };
  HostBridge bridge(&host, "secret-token");
  SyncContext ctx = h.Context();
  ctx.op = Operation{&bridge, nullptr};
  SyncPlan plan = Wait(h, ctx, /*timeout=*/30);
  EXPECT_TRUE(plan.cancelled);
  EXPECT_GT(progress_calls.load(), 0);
}

}  // namespace
}  // namespace plexdriver
