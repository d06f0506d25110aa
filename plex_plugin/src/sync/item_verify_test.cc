// Stage 11: what a finished scan was meant to do is checked, not assumed.
#include "sync/item_verify.h"

#include <gtest/gtest.h>

#include "sync/sync_engine.h"
#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

// The whole pipeline up to verification is the engine's; these tests look at what verification
// concluded from the simulated server's items after the scan.
struct VerifyHarness : StageHarness {
  ItemCatalog catalog;
  VerifyHarness() {
    server.items["100"] = SimItem{"100", "Heat", "/data/movies/Heat (1995)/Heat.mkv"};
    files.existing.insert("/mnt/movies/Arrival (2016)");
  }
  SyncResult Run(std::vector<SyncChange> changes) {
    SyncRequest request;
    request.changes = std::move(changes);
    request.options.timeout_seconds = 5;
    SyncContext ctx = Context();
    ctx.catalog = &catalog;
    Result<SyncResult> r = RunSync(request, ctx);
    EXPECT_TRUE(r.ok());
    return r.ok() ? std::move(r).value() : SyncResult{};
  }
};

TEST(ItemVerifyTest, AnAddedItemIsConfirmedWithItsRatingKey) {
  VerifyHarness h;
  h.server.appear_after_scan = {SimItem{"200", "Arrival", "/data/movies/Arrival (2016)/Arrival.mkv"}};
  SyncResult r = h.Run({Change("/mnt/movies/Arrival (2016)", ChangeKind::kAdded)});
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kCompleted) << r.changes[0].message;
  ASSERT_TRUE(r.changes[0].item);
  EXPECT_EQ(r.changes[0].item->rating_key, "200");
  EXPECT_EQ(r.changes[0].item->action, "confirmed");
}

TEST(ItemVerifyTest, AScannedButMissingItemFails) {
  VerifyHarness h;
  SyncResult r = h.Run({Change("/mnt/movies/Arrival (2016)", ChangeKind::kAdded)});
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kFailed);
  EXPECT_NE(r.changes[0].message.find("scanned but not found in the library"), std::string::npos);
}

TEST(ItemVerifyTest, ARemovedItemMustBeGoneOrInTheTrash) {
  VerifyHarness h;
  h.server.trashed_after_scan = {"100"};
  SyncResult trashed = h.Run({Change("/mnt/movies/Heat (1995)", ChangeKind::kRemoved)});
  EXPECT_EQ(trashed.changes[0].status, ChangeStatus::kCompleted) << trashed.changes[0].message;
  ASSERT_TRUE(trashed.changes[0].item);
  EXPECT_EQ(trashed.changes[0].item->action, "trashed");

  VerifyHarness still;
  SyncResult present = still.Run({Change("/mnt/movies/Heat (1995)", ChangeKind::kRemoved)});
  EXPECT_EQ(present.changes[0].status, ChangeStatus::kFailed);
  EXPECT_NE(present.changes[0].message.find("still lists item 100 (\"Heat\") as present"), std::string::npos);
}

TEST(ItemVerifyTest, TheLibraryRootConfirmsNoSingleItem) {
  VerifyHarness h;
  SyncResult r = h.Run({Change("/mnt/movies", ChangeKind::kAdded)});
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kCompleted) << r.changes[0].message;
  EXPECT_FALSE(r.changes[0].item);
}

}  // namespace
}  // namespace plexdriver
