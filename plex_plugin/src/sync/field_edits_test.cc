// lock_fields on the simulated server: the NFO's fields that differ are set and locked in one
// edit, checked afterwards; bad NFOs change nothing; unlock_fields unlocks.
#include "sync/field_edits.h"

#include <gtest/gtest.h>

#include "sync/sync_engine.h"
#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

constexpr const char* kNfo = "<movie><title>Heat</title><sorttitle>Heat 1995</sorttitle><plot>Robbers.</plot>"
                             "<year>1995</year><genre>Crime</genre><genre>Action</genre></movie>";

struct FieldHarness : StageHarness {
  ItemCatalog catalog;
  FieldHarness() {
    SimItem heat{"100", "Heat", "/data/movies/Heat (1995)/Heat.mkv"};
    heat.fields = {{"summary", "The agent's summary."}, {"year", "1995"}};
    heat.genres = {"Drama"};
    server.items["100"] = heat;
    files.contents["/mnt/movies/Heat (1995)/movie.nfo"] = kNfo;
  }
  SyncResult Run(bool unlock = false) {
    SyncRequest request;
    request.changes = {Change("/mnt/movies/Heat (1995)/movie.nfo", ChangeKind::kUpdated)};
    request.options.timeout_seconds = 5;
    request.options.unlock_fields = unlock;
    SyncContext ctx = Context();
    ctx.catalog = &catalog;
    ctx.lock_fields = true;
    Result<SyncResult> r = RunSync(request, ctx);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::move(r).value() : SyncResult{};
  }
};

const FieldChange* FieldNamed(const ChangeResult& c, const std::string& name) {
  for (const FieldChange& f : c.fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

TEST(FieldEditsTest, DifferingFieldsAreSetAndLockedInOneEditWithBeforeAndAfter) {
  FieldHarness h;
  SyncResult r = h.Run();
  const ChangeResult& c = r.changes[0];
  EXPECT_EQ(c.status, ChangeStatus::kCompleted) << c.message;
  EXPECT_EQ(c.nfo, "/mnt/movies/Heat (1995)/movie.nfo");
  ASSERT_TRUE(FieldNamed(c, "summary"));
  EXPECT_EQ(FieldNamed(c, "summary")->before, "The agent's summary.");
  EXPECT_EQ(FieldNamed(c, "summary")->after, "Robbers.");
  EXPECT_EQ(FieldNamed(c, "summary")->action, "set");
  EXPECT_EQ(FieldNamed(c, "year")->action, "locked");  // the value was right: only locked
  EXPECT_EQ(FieldNamed(c, "title")->action, "locked");
  EXPECT_EQ(FieldNamed(c, "genre")->after, "Crime, Action");
  const SimItem& heat = h.server.items.at("100");
  EXPECT_EQ(heat.fields.at("summary"), "Robbers.");
  EXPECT_EQ(heat.fields.at("titleSort"), "Heat 1995");
  EXPECT_EQ(heat.genres, (std::vector<std::string>{"Crime", "Action"}));
  EXPECT_EQ(heat.locked, (std::set<std::string>{"genre", "summary", "title", "titleSort", "year"}));
  EXPECT_EQ(h.server.CountStartingWith("PUT /library/sections/1/all?type=1&id=100"), 1);
  EXPECT_EQ(h.server.CountStartingWith("PUT /library/metadata/100/refresh"), 0);

  SyncResult again = h.Run();  // everything is set and locked: no edit at all
  EXPECT_EQ(again.changes[0].status, ChangeStatus::kCompleted);
  EXPECT_TRUE(again.changes[0].fields.empty());
  EXPECT_EQ(h.server.CountStartingWith("PUT /library/sections/1/all"), 1);
}

TEST(FieldEditsTest, ABadOrForeignNfoChangesNothing) {
  for (const auto& [nfo, expected] : std::vector<std::pair<std::string, std::string>>{
           {"<movie><title>Heat</title>", "not well-formed XML"},
           {"<tvshow><title>Heat</title></tvshow>", "is a <tvshow> NFO, but Plex's item 100 (\"Heat\") is a movie"},
           {"<!DOCTYPE x [<!ENTITY a \"b\">]><movie><title>&a;</title></movie>", "DOCTYPE"}}) {
    FieldHarness h;
    h.files.contents["/mnt/movies/Heat (1995)/movie.nfo"] = nfo;
    SyncResult r = h.Run();
    EXPECT_EQ(r.changes[0].status, ChangeStatus::kFailed);
    EXPECT_NE(r.changes[0].message.find(expected), std::string::npos) << r.changes[0].message;
    EXPECT_NE(r.changes[0].message.find("no field was changed"), std::string::npos);
    EXPECT_EQ(h.server.CountStartingWith("PUT /library/sections/1/all"), 0);
  }
}

TEST(FieldEditsTest, UnlockUnlocksWithoutChangingValues) {
  FieldHarness h;
  h.Run();
  SyncResult r = h.Run(/*unlock=*/true);
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kCompleted) << r.changes[0].message;
  EXPECT_EQ(r.changes[0].fields.size(), 5u);
  for (const FieldChange& f : r.changes[0].fields) {
    EXPECT_EQ(f.action, "unlocked");
    EXPECT_FALSE(f.locked);
  }
  EXPECT_TRUE(h.server.items.at("100").locked.empty());
  EXPECT_EQ(h.server.items.at("100").fields.at("summary"), "Robbers.");
}

}  // namespace
}  // namespace plexdriver
