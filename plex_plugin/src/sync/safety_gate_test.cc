// Stage 3: a path whose storage looks offline is never scanned.
#include "sync/safety_gate.h"

#include <gtest/gtest.h>

#include "sync/resolve_changes.h"
#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

SyncPlan Gate(StageHarness& h, std::vector<SyncChange> changes, const SyncContext& ctx) {
  Result<SyncPlan> resolved = ResolveChanges(h.Plan(std::move(changes)), ctx);
  EXPECT_TRUE(resolved.ok());
  return ApplySafetyGate(std::move(resolved).value(), ctx);
}

TEST(SafetyGateTest, MissingPathsFailAndPresentOnesPass) {
  StageHarness h;
  SyncPlan plan = Gate(h, {Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded),
                           Change("/mnt/movies/Gone (2000)", ChangeKind::kUpdated)},
                       h.Context());
  EXPECT_FALSE(plan.changes[0].settled);
  EXPECT_TRUE(plan.changes[1].settled);
  EXPECT_NE(plan.changes[1].result.message.find("does not exist on the media manager's side"), std::string::npos);
}

TEST(SafetyGateTest, ARemovalNeedsItsParent) {
  StageHarness h;
  SyncPlan present = Gate(h, {Change("/mnt/movies/Old (1990)", ChangeKind::kRemoved)}, h.Context());
  EXPECT_FALSE(present.changes[0].settled);
  h.files.existing.clear();
  SyncPlan offline = Gate(h, {Change("/mnt/movies/Old (1990)", ChangeKind::kRemoved)}, h.Context());
  EXPECT_TRUE(offline.changes[0].settled);
  EXPECT_NE(offline.changes[0].result.message.find("\"/mnt/movies\""), std::string::npos);
}

TEST(SafetyGateTest, AMissingAnchorHoldsBackEverythingButRemovals) {
  StageHarness h;
  SyncContext ctx = h.Context();
  ctx.anchor_files = {"/mnt/movies/.anchor"};
  SyncPlan plan = Gate(h, {Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded),
                           Change("/mnt/movies/Old (1990)", ChangeKind::kRemoved)},
                       ctx);
  EXPECT_TRUE(plan.changes[0].settled);
  EXPECT_NE(plan.changes[0].result.message.find("anchor file \"/mnt/movies/.anchor\" is missing"), std::string::npos);
  EXPECT_FALSE(plan.changes[1].settled);
  h.files.existing.insert("/mnt/movies/.anchor");
  EXPECT_FALSE(Gate(h, {Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded)}, ctx).changes[0].settled);
}

}  // namespace
}  // namespace plexdriver
