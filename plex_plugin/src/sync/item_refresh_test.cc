// Stage 10: item refreshes are requested together and completed only once Plex shows the item
// re-read.
#include "sync/item_refresh.h"

#include <gtest/gtest.h>

#include "sync/item_lookup.h"
#include "sync/resolve_changes.h"
#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

struct RefreshHarness : StageHarness {
  ItemCatalog catalog;
  RefreshHarness() {
    server.items["100"] = SimItem{"100", "Heat", "/data/movies/Heat (1995)/Heat.mkv", 1700000000, "/t/100/1"};
    server.items["101"] = SimItem{"101", "Ronin", "/data/movies/Ronin (1998)/Ronin.mkv", 1700000000, "/t/101/1"};
    files.existing.insert("/mnt/movies/Ronin (1998)/poster.jpg");
  }
  SyncPlan Run(double timeout = 5, bool force = false) {
    SyncContext ctx = Context();
    ctx.catalog = &catalog;
    SyncPlan start = Plan({Change("/mnt/movies/Heat (1995)/poster.jpg", ChangeKind::kUpdated),
                           Change("/mnt/movies/Ronin (1998)/poster.jpg", ChangeKind::kUpdated)},
                          timeout);
    start.options.force_refresh = force;
    Result<SyncPlan> resolved = ResolveChanges(std::move(start), ctx);
    EXPECT_TRUE(resolved.ok());
    return RefreshItems(LookUpItems(std::move(resolved).value(), ctx), ctx);
  }
};

TEST(ItemRefreshTest, CompletedOnceThePosterMovedWithBeforeAndAfter) {
  RefreshHarness h;
  h.server.refresh_after_fetches = 2;  // Plex takes a while
  SyncPlan plan = h.Run();
  for (const ChangeState& c : plan.changes) {
    EXPECT_EQ(c.result.status, ChangeStatus::kCompleted) << c.result.message;
    ASSERT_TRUE(c.result.item);
    EXPECT_EQ(c.result.item->action, "refreshed");
    EXPECT_NE(c.result.item->thumb_after, c.result.item->thumb_before);
    EXPECT_GT(c.result.item->updated_at_after, c.result.item->updated_at_before);
  }
  EXPECT_EQ(h.server.CountStartingWith("PUT /library/metadata/100/refresh"), 1);
  EXPECT_EQ(h.server.CountStartingWith("PUT /library/metadata/101/refresh"), 1);
  // Both watched together: every poll is one batched request for both items.
  EXPECT_EQ(h.server.CountStartingWith("GET /library/metadata/100,101"), h.server.CountStartingWith("GET /library/metadata/"));
  EXPECT_EQ(h.catalog.Find("1", "/data/movies/Heat (1995)/Heat.mkv")->thumb, plan.changes[0].result.item->thumb_after);
}

TEST(ItemRefreshTest, ARefreshPlexNeverShowsTimesOutAndIsNotCompleted) {
  RefreshHarness h;
  h.server.refresh_after_fetches = -1;
  SyncPlan plan = h.Run(/*timeout=*/0.2, /*force=*/true);
  EXPECT_EQ(plan.changes[0].result.status, ChangeStatus::kTimedOut);
  EXPECT_NE(plan.changes[0].result.message.find("did not show item 100 (\"Heat\") re-read within 0.2 s"),
            std::string::npos);
  EXPECT_EQ(h.server.CountStartingWith("PUT /library/metadata/100/refresh?force=1"), 1);
}

TEST(ItemRefreshTest, ARefusedRefreshFailsNamingTheAnswer) {
  RefreshHarness h;
  h.server.item_refresh_status = 403;
  SyncPlan plan = h.Run();
  EXPECT_EQ(plan.changes[0].result.status, ChangeStatus::kFailed);
  EXPECT_NE(plan.changes[0].result.message.find("the item refresh was refused"), std::string::npos);
  EXPECT_EQ(h.server.CountStartingWith("GET /library/metadata/"), 0);  // nothing to watch
}

TEST(ItemRefreshTest, AnItemGoneAfterItsRefreshFails) {
  RefreshHarness h;
  h.server.refresh_after_fetches = 3;
  SyncContext ctx = h.Context();
  ctx.catalog = &h.catalog;
  Result<SyncPlan> resolved =
      ResolveChanges(h.Plan({Change("/mnt/movies/Heat (1995)/poster.jpg", ChangeKind::kUpdated)}), ctx);
  ASSERT_TRUE(resolved.ok());
  SyncPlan looked_up = LookUpItems(std::move(resolved).value(), ctx);
  h.server.items.erase("100");  // deleted in Plex meanwhile
  SyncPlan plan = RefreshItems(std::move(looked_up), ctx);
  EXPECT_EQ(plan.changes[0].result.status, ChangeStatus::kFailed);
  EXPECT_NE(plan.changes[0].result.message.find("Plex no longer has item 100"), std::string::npos);
  EXPECT_FALSE(h.catalog.Find("1", "/data/movies/Heat (1995)/Heat.mkv"));
}

}  // namespace
}  // namespace plexdriver
