// Stage 12: the trash is emptied only when it holds what the sync expects.
#include "sync/trash_emptying.h"

#include <gtest/gtest.h>

#include "sync/sync_engine.h"
#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

struct TrashHarness : StageHarness {
  ItemCatalog catalog;
  TrashHarness() { server.items["100"] = SimItem{"100", "Heat", "/data/movies/Heat (1995)/Heat.mkv"}; }
  SyncResult Run(int max_items, double timeout = 5) {
    server.trashed_after_scan = {"100"};
    SyncRequest request;
    request.changes = {Change("/mnt/movies/Heat (1995)", ChangeKind::kRemoved)};
    request.options.timeout_seconds = timeout;
    SyncContext ctx = Context();
    ctx.catalog = &catalog;
    ctx.empty_trash = true;
    ctx.empty_trash_max_items = max_items;
    Result<SyncResult> r = RunSync(request, ctx);
    EXPECT_TRUE(r.ok());
    return r.ok() ? std::move(r).value() : SyncResult{};
  }
};

TEST(TrashEmptyingTest, ASmallTrashIsEmptiedAndTheItemReportedRemoved) {
  TrashHarness h;
  SyncResult r = h.Run(20);
  ASSERT_EQ(r.trash.size(), 1u);
  EXPECT_TRUE(r.trash[0].emptied);
  EXPECT_EQ(r.trash[0].items, 1);
  EXPECT_EQ(r.changes[0].item->action, "removed");
  EXPECT_EQ(h.server.CountStartingWith("PUT /library/sections/1/emptyTrash"), 1);
  EXPECT_TRUE(h.server.items.empty());
}

TEST(TrashEmptyingTest, AFullerTrashIsLeftAloneWithAWarning) {
  TrashHarness h;
  h.server.items["101"] = SimItem{"101", "Ronin", "/data/movies/Ronin (1998)/Ronin.mkv", 1700000000, "", true};
  SyncResult r = h.Run(1);
  ASSERT_EQ(r.trash.size(), 1u);
  EXPECT_FALSE(r.trash[0].emptied);
  EXPECT_EQ(r.trash[0].items, 2);
  EXPECT_EQ(h.server.CountStartingWith("PUT /library/sections/1/emptyTrash"), 0);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("holds 2 items, more than empty_trash_max_items (1)"), std::string::npos);
  EXPECT_EQ(r.changes[0].item->action, "trashed");
}

TEST(TrashEmptyingTest, ATrashPlexDoesNotEmptyIsSaid) {
  TrashHarness h;
  h.server.empty_trash_works = false;
  SyncResult r = h.Run(20, /*timeout=*/0.3);  // the wait for the trash ends with the sync
  ASSERT_EQ(r.trash.size(), 1u);
  EXPECT_FALSE(r.trash[0].emptied);
  EXPECT_NE(r.trash[0].message.find("still listed 1 of the removed items"), std::string::npos);
  EXPECT_EQ(r.changes[0].item->action, "trashed");
}

}  // namespace
}  // namespace plexdriver
