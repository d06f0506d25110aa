// Stage 4: which item an updated or removed path is, from one listing per library.
#include "sync/item_lookup.h"

#include <gtest/gtest.h>

#include "sync/resolve_changes.h"
#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

struct LookupHarness : StageHarness {
  ItemCatalog catalog;
  LookupHarness() {
    server.items["100"] = SimItem{"100", "Heat", "/data/movies/Heat (1995)/Heat.mkv"};
    files.existing.insert("/mnt/movies/New (2024)");
  }
  SyncPlan Run(std::vector<SyncChange> changes, RefreshStrategy strategy = RefreshStrategy::kAuto,
               bool with_catalog = true) {
    SyncContext ctx = Context();
    if (with_catalog) ctx.catalog = &catalog;
    SyncPlan start = Plan(std::move(changes));
    start.options.strategy = strategy;
    Result<SyncPlan> resolved = ResolveChanges(std::move(start), ctx);
    EXPECT_TRUE(resolved.ok());
    return LookUpItems(std::move(resolved).value(), ctx);
  }
};

TEST(ItemLookupTest, AnUpdatedKnownItemIsRefreshedNotScanned) {
  LookupHarness h;
  SyncPlan plan = h.Run({Change("/mnt/movies/Heat (1995)/poster.jpg", ChangeKind::kUpdated),
                         Change("/mnt/movies/Heat (1995)", ChangeKind::kRemoved),
                         Change("/mnt/movies/New (2024)", ChangeKind::kAdded)});
  ASSERT_TRUE(plan.changes[0].before);
  EXPECT_EQ(plan.changes[0].before->rating_key, "100");
  EXPECT_EQ(plan.changes[0].item_section, "1");
  EXPECT_TRUE(plan.changes[0].refresh_only);
  ASSERT_TRUE(plan.changes[1].before);  // a removal remembers what to verify
  EXPECT_FALSE(plan.changes[1].refresh_only);
  EXPECT_FALSE(plan.changes[2].before);  // added paths need no lookup
  EXPECT_EQ(h.server.CountStartingWith("GET /library/sections/1/all"), 1);  // one listing for all
}

TEST(ItemLookupTest, StrategyScanScansKnownItemsAndRefreshFailsUnknownOnes) {
  LookupHarness h;
  SyncPlan scan = h.Run({Change("/mnt/movies/Heat (1995)/poster.jpg", ChangeKind::kUpdated)}, RefreshStrategy::kScan);
  EXPECT_FALSE(scan.changes[0].refresh_only);
  h.files.existing.insert("/mnt/movies/New (2024)/poster.jpg");
  SyncPlan refresh =
      h.Run({Change("/mnt/movies/New (2024)/poster.jpg", ChangeKind::kUpdated)}, RefreshStrategy::kRefresh);
  EXPECT_TRUE(refresh.changes[0].settled);
  EXPECT_NE(refresh.changes[0].result.message.find("Plex has no item at \"/data/movies/New (2024)/poster.jpg\""),
            std::string::npos);
}

TEST(ItemLookupTest, WithoutACatalogOnlyStrategyRefreshFails) {
  LookupHarness h;
  SyncPlan automatic = h.Run({Change("/mnt/movies/Heat (1995)", ChangeKind::kUpdated)}, RefreshStrategy::kAuto, false);
  EXPECT_FALSE(automatic.changes[0].settled);
  EXPECT_FALSE(automatic.changes[0].refresh_only);
  SyncPlan refresh = h.Run({Change("/mnt/movies/Heat (1995)", ChangeKind::kUpdated)}, RefreshStrategy::kRefresh, false);
  EXPECT_TRUE(refresh.changes[0].settled);
  EXPECT_EQ(h.server.CountStartingWith("GET /library/sections/1/all"), 0);
}

}  // namespace
}  // namespace plexdriver
