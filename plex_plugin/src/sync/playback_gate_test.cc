// Stage 5: work is held back while someone watches, per policy, and proceeds when playback
// cannot be told.
#include "sync/playback_gate.h"

#include <gtest/gtest.h>

#include "sync/item_lookup.h"
#include "sync/resolve_changes.h"
#include "sync/scan_coalescing.h"
#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

PlaybackSession Watching(std::string rating_key, std::string section, std::string file) {
  PlaybackSession s;
  s.session_key = "7";
  s.rating_key = std::move(rating_key);
  s.section_id = std::move(section);
  s.user = "alice";
  s.title = "Heat";
  s.player = "TV";
  s.state = "playing";
  s.files = {std::move(file)};
  return s;
}

struct GateHarness : StageHarness {
  FakePlayback playback;
  ItemCatalog catalog;
  GateHarness() {
    server.items["100"] = SimItem{"100", "Heat", "/data/movies/Heat (1995)/Heat.mkv"};
    files.existing.insert("/mnt/movies/Ronin (1998)");
  }
  SyncPlan Run(std::vector<SyncChange> changes, SkipActive policy) {
    SyncContext ctx = Context();
    ctx.playback = &playback;
    ctx.catalog = &catalog;
    ctx.skip_active = policy;
    Result<SyncPlan> resolved = ResolveChanges(Plan(std::move(changes)), ctx);
    EXPECT_TRUE(resolved.ok());
    SyncPlan plan = HoldBackWatchedChanges(LookUpItems(std::move(resolved).value(), ctx), ctx);
    return HoldBackWatchedScans(CoalesceScans(std::move(plan), ctx));
  }
};

TEST(PlaybackGateTest, NeverAsksNobody) {
  GateHarness h;
  SyncPlan plan = h.Run({Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded)}, SkipActive::kNever);
  EXPECT_EQ(h.playback.asked, 0);
  EXPECT_FALSE(plan.changes[0].settled);
  EXPECT_EQ(plan.scans.size(), 1u);
}

TEST(PlaybackGateTest, SectionPolicyDefersTheWatchedLibraryNamingTheSession) {
  GateHarness h;
  h.playback.sessions = std::vector<PlaybackSession>{Watching("100", "1", "/data/movies/Heat (1995)/Heat.mkv")};
  SyncPlan plan = h.Run({Change("/mnt/movies/Ronin (1998)", ChangeKind::kAdded)}, SkipActive::kSection);
  EXPECT_EQ(plan.changes[0].result.status, ChangeStatus::kDeferred);
  ASSERT_TRUE(plan.changes[0].result.blocked_by);
  EXPECT_NE(plan.changes[0].result.message.find("alice"), std::string::npos);
  EXPECT_NE(plan.changes[0].result.message.find("skip_active \"section\""), std::string::npos);
  EXPECT_TRUE(plan.scans.empty());
  EXPECT_EQ(plan.skip_active, SkipActive::kSection);
}

TEST(PlaybackGateTest, ItemPolicyDefersTheWatchedItemAndTheScanOfItsFolderOnly) {
  GateHarness h;
  h.playback.sessions = std::vector<PlaybackSession>{Watching("100", "1", "/data/movies/Heat (1995)/Heat.mkv")};
  SyncPlan plan = h.Run({Change("/mnt/movies/Heat (1995)/poster.jpg", ChangeKind::kUpdated),  // the item
                         Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded),  // a scan walking its file
                         Change("/mnt/movies/Ronin (1998)", ChangeKind::kAdded)},
                        SkipActive::kItem);
  EXPECT_EQ(plan.changes[0].result.status, ChangeStatus::kDeferred);
  EXPECT_EQ(plan.changes[1].result.status, ChangeStatus::kDeferred);
  EXPECT_FALSE(plan.changes[2].settled);
  ASSERT_EQ(plan.scans.size(), 1u);
  EXPECT_EQ(plan.scans[0].result.path, "/data/movies/Ronin (1998)");
}

TEST(PlaybackGateTest, UnknownPlaybackHoldsNothingBackAndWarns) {
  GateHarness h;
  h.playback.sessions = Status(PD_ERR_FORBIDDEN, "HTTP 403");
  SyncPlan plan = h.Run({Change("/mnt/movies/Ronin (1998)", ChangeKind::kAdded)}, SkipActive::kAny);
  EXPECT_FALSE(plan.changes[0].settled);
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_NE(plan.warnings[0].find("could not check active playback (HTTP 403)"), std::string::npos);
  EXPECT_EQ(plan.skip_active, SkipActive::kAny);  // still the policy the sync ran under
}

}  // namespace
}  // namespace plexdriver
