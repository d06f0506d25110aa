// SPDX-License-Identifier: MIT
// Libraries whose agent is this driver's metadata provider, on the simulated server: an updated
// NFO is refreshed (never edited or locked), refused NFOs refresh nothing, and the change is
// completed only when Plex shows the NFO's title and summary afterwards.
#include "sync/provider_items.h"

#include <gtest/gtest.h>

#include "sync/sync_engine.h"
#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

constexpr const char* kProvider = "tv.plex.agents.custom.plexdriver.movies";
constexpr const char* kNfo = "<movie><title>Heat</title><plot>The NFO's plot.</plot></movie>";

struct ProviderHarness : StageHarness {
  ItemCatalog catalog;
  std::string agent = kProvider;
  ProviderHarness() {
    SimItem heat{"100", "Heat", "/data/movies/Heat (1995)/Heat.mkv", 1700000000, "/t/100/1"};
    heat.fields = {{"summary", "The agent's summary."}};
    server.items["100"] = heat;
    files.contents["/mnt/movies/Heat (1995)/movie.nfo"] = kNfo;
    sections.answer = [this](bool) -> Result<std::vector<LibrarySection>> {
      Result<std::vector<LibrarySection>> listed = client.Sections();
      if (!listed.ok()) return listed;
      std::vector<LibrarySection> out = std::move(listed).value();
      for (LibrarySection& s : out) s.agent = agent;
      return out;
    };
  }
  bool links_images = false;  // config provider.image_links: none on a LAN (the default)
  SyncResult Run(const std::string& path = "/mnt/movies/Heat (1995)/movie.nfo", double timeout = 5) {
    SyncRequest request;
    request.changes = {Change(path, ChangeKind::kUpdated)};
    request.options.timeout_seconds = timeout;
    SyncContext ctx = Context();
    ctx.catalog = &catalog;
    ctx.lock_fields = true;  // would edit and lock anywhere else: never here
    ctx.provider_identifiers = {kProvider, "tv.plex.agents.custom.plexdriver.shows"};
    ctx.provider_links_images = links_images;
    Result<SyncResult> r = RunSync(request, ctx);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::move(r).value() : SyncResult{};
  }
};

TEST(ProviderItemsTest, TheAgentDecidesWhetherALibraryUsesTheProvider) {
  SyncContext ctx;
  ctx.provider_identifiers = {kProvider};
  LibrarySection s = MakeSection("1", "Movies", {"/data/movies"});
  s.agent = kProvider;
  EXPECT_TRUE(UsesDriverProvider(s, ctx));
  s.agent = "tv.plex.agents.movie";
  EXPECT_FALSE(UsesDriverProvider(s, ctx));
}

TEST(ProviderItemsTest, ARefreshThatShowsTheNfoIsCompletedWithoutAnyEdit) {
  ProviderHarness h;
  h.server.refresh_after_fetches = 1;
  h.server.items["100"].fields["summary"] = "The NFO's plot.";  // what the provider makes Plex show
  const SyncResult r = h.Run();
  const ChangeResult& c = r.changes[0];
  EXPECT_EQ(c.status, ChangeStatus::kCompleted) << c.message;
  EXPECT_EQ(c.nfo, "/mnt/movies/Heat (1995)/movie.nfo");
  ASSERT_EQ(c.fields.size(), 2u);
  EXPECT_EQ(c.fields[1].name, "summary");
  EXPECT_EQ(c.fields[1].after, "The NFO's plot.");
  EXPECT_EQ(c.fields[1].action, "provided");
  EXPECT_EQ(h.server.CountStartingWith("PUT /library/metadata/100/refresh"), 1);
  EXPECT_EQ(h.server.CountStartingWith("PUT /library/sections/1/all"), 0);  // nothing set or locked
  EXPECT_TRUE(h.server.items.at("100").locked.empty());
  // No advice about how Plex's own agents read .nfo or image files: the provider serves them.
  EXPECT_TRUE(c.advice.empty()) << ::testing::PrintToString(c.advice);
}

// Where the provider links no images (Plex could not show a LAN link), an updated poster is
// refreshed for the NFO's fields, then uploaded, selected and locked, and completed once the
// server serves its bytes; where it links them, Plex takes it from the provider (no upload).
TEST(ProviderItemsTest, AnUpdatedPosterIsUploadedAfterTheRefreshWhereTheProviderLinksNoImages) {
  const std::string poster = "\xFF\xD8\xFF\xE0 the manager's poster \xFF\xD9";
  for (bool links : {false, true}) {
    SCOPED_TRACE(links ? "links images" : "links none");
    ProviderHarness h;
    h.links_images = links;
    h.files.contents["/mnt/movies/Heat (1995)/poster.jpg"] = poster;
    h.server.refresh_after_fetches = 1;
    h.server.items["100"].fields["summary"] = "The NFO's plot.";
    const ChangeResult c = h.Run("/mnt/movies/Heat (1995)/poster.jpg").changes[0];
    EXPECT_EQ(h.server.CountStartingWith("PUT /library/metadata/100/refresh"), 1);
    EXPECT_EQ(h.server.CountStartingWith("POST /library/metadata/100/posters"), links ? 0 : 1);
    ASSERT_EQ(c.artwork.size(), 1u);
    if (links) {
      EXPECT_EQ(c.artwork[0].action, "failed");  // the simulated provider never changes the poster
      EXPECT_EQ(c.status, ChangeStatus::kFailed);
    } else {
      EXPECT_EQ(c.status, ChangeStatus::kCompleted) << c.message;
      EXPECT_EQ(c.artwork[0].action, "uploaded");
      EXPECT_EQ(h.server.items.at("100").images.at("thumb"), poster);
      EXPECT_TRUE(h.server.items.at("100").locked.count("thumb"));
      EXPECT_FALSE(h.server.items.at("100").locked.count("summary"));  // fields stay the provider's
    }
  }
}

TEST(ProviderItemsTest, ARefreshThatLeavesOtherValuesFailsNamingThem) {
  ProviderHarness h;
  h.server.refresh_after_fetches = 1;  // re-read, but Plex keeps the agent's summary
  const SyncResult r = h.Run();
  const ChangeResult& c = r.changes[0];
  EXPECT_EQ(c.status, ChangeStatus::kFailed);
  EXPECT_NE(c.message.find("summary \"The agent's summary.\" (the NFO: \"The NFO's plot.\")"), std::string::npos)
      << c.message;
  EXPECT_NE(c.message.find("host_stub provider-check"), std::string::npos) << c.message;
  EXPECT_EQ(h.server.CountStartingWith("PUT /library/sections/1/all"), 0);
}

TEST(ProviderItemsTest, AnNfoTheProviderWouldRefuseRefreshesNothing) {
  for (const char* nfo : {"<movie><plot>no title</plot></movie>", "<movie><title>Heat</title>",
                          "<tvshow><title>Heat</title></tvshow>",
                          "<movie><title>Heat</title><uniqueid type=\"tmdb\">1</uniqueid><uniqueid type=\"tmdb\">2</uniqueid></movie>"}) {
    SCOPED_TRACE(nfo);
    ProviderHarness h;
    h.files.contents["/mnt/movies/Heat (1995)/movie.nfo"] = nfo;
    const SyncResult r = h.Run();
    EXPECT_EQ(r.changes[0].status, ChangeStatus::kFailed);
    EXPECT_NE(r.changes[0].message.find("nothing was refreshed"), std::string::npos) << r.changes[0].message;
    EXPECT_EQ(h.server.CountStartingWith("PUT /library/metadata/100/refresh"), 0);
  }
}

TEST(ProviderItemsTest, OtherLibrariesAndItemsWithoutAnNfoAreNotTheProviders) {
  ProviderHarness other;
  other.agent = "tv.plex.agents.movie";
  other.server.refresh_after_fetches = 1;
  const SyncResult edited = other.Run();
  EXPECT_TRUE(edited.changes[0].fields.empty() || edited.changes[0].fields[0].action != "provided");
  EXPECT_EQ(other.server.CountStartingWith("PUT /library/sections/1/all"), 1);  // lock_fields as usual

  ProviderHarness bare;
  bare.files.contents.clear();
  bare.server.refresh_after_fetches = 1;
  const SyncResult r = bare.Run("/mnt/movies/Heat (1995)/poster.jpg");
  for (const FieldChange& f : r.changes[0].fields) EXPECT_NE(f.action, "provided");
  EXPECT_EQ(r.changes[0].nfo, "");
}

}  // namespace
}  // namespace plexdriver
