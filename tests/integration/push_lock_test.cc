// Push and lock through the real driver module against the emulator: artwork uploaded, selected
// and locked where the library's agent ignores local artwork, completed only once Plex serves
// the file's bytes; NFO fields set and locked; every claim checked on what the emulator holds
// (its selected image's bytes, its locks, its requests), and each kept through a later metadata
// refresh of the item, which in the emulator (as in Plex) reverts whatever is not locked.
#include <algorithm>
#include <cstdio>

#include <sys/stat.h>
#include <unistd.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include "emulator_fixture.h"

namespace itest {
namespace {

using pms_emulator::EmulatorOptions;

// Plex's movie agent with local assets off (the default for many libraries), and a TV library
// whose legacy agent reads none either; the agent gives Heat its own poster, title and summary.
constexpr const char* kPushLockLibrary = R"({"sections":[
  {"key":"1","type":"movie","title":"Movies","agent":"tv.plex.agents.movie","locations":["/data/movies"],
   "prefs":{"useLocalAssets":false},
   "items":[{"rating_key":"101","title":"Heat","year":1995,"summary":"The agent's summary.","tagline":"Agent tagline",
             "genres":["Thriller"],"files":["/data/movies/Heat (1995)/Heat (1995).mkv"]},
            {"rating_key":"102","title":"Ronin","year":1998,"files":["/data/movies/Ronin (1998)/Ronin (1998).mkv"]}]},
  {"key":"2","type":"show","title":"TV Shows","agent":"com.plexapp.agents.thetvdb","locations":["/data/tv"],
   "items":[{"rating_key":"201","title":"Severance","folder":"/data/tv/Severance","seasons":[
     {"index":1,"rating_key":"202","episodes":[{"index":1,"rating_key":"203",
       "files":["/data/tv/Severance/Season 01/Severance - S01E01.mkv"]}]}]}]}]})";

std::string Jpeg(const std::string& text) { return std::string("\xFF\xD8\xFF\xE0", 4) + text + "\xFF\xD9"; }
std::string Png(const std::string& text) {
  return std::string("\x89PNG\r\n\x1a\n", 8) + text + std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
}

class PushLockTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorOptions options;
    options.admin_token = kToken;
    options.scan_start_delay_ms = 40;
    StartEmulator(options, kPushLockLibrary);
    temp_.WriteFile("movies/Heat (1995)/Heat (1995).mkv");
    temp_.WriteFile("movies/Ronin (1998)/Ronin (1998).mkv");
    temp_.WriteFile("tv/Severance/Season 01/Severance - S01E01.mkv");
    instance_ = NewInstance({{temp_.path() + "/movies", "/data/movies"}, {temp_.path() + "/tv", "/data/tv"}});
  }

  Poco::JSON::Object::Ptr SyncResultOf(const std::vector<std::pair<std::string, std::string>>& relative_changes,
                                       const std::string& options = "") {
    std::vector<std::pair<std::string, std::string>> changes;
    for (const auto& [path, kind] : relative_changes) changes.emplace_back(temp_.path() + "/" + path, kind);
    const CallResult r = instance_->Sync(SyncRequest(changes, 10, true, false, options));
    EXPECT_EQ(r.status, PD_OK) << r.message;
    ExpectNoToken(*instance_, {r.json});
    return ParseJson(r.json);
  }
  Poco::JSON::Object::Ptr SyncOne(const std::string& relative, const std::string& options = "",
                                  const std::string& kind = "updated") {
    return Change(SyncResultOf({{relative, kind}}, options));
  }

  // What a user's "Refresh metadata" in Plex does: the agent's values and images come back
  // wherever nothing is locked.
  void RefreshInPlex(const std::string& rating_key) {
    Poco::Net::HTTPClientSession session("127.0.0.1", emulator_->port());
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_PUT, "/library/metadata/" + rating_key + "/refresh");
    request.set("X-Plex-Token", kToken);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    session.receiveResponse(response).ignore(1 << 20);
    ASSERT_EQ(response.getStatus(), 200);
    ASSERT_TRUE(emulator_->WaitForIdle(std::chrono::seconds(5)));
  }

  static bool Has(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  }
  static std::string Describe(const Poco::JSON::Object::Ptr& change) { return JsonText(change); }

  std::unique_ptr<DriverInstance> instance_;
};

TEST_F(PushLockTest, APosterShowsAfterOneSyncSurvivesARefreshAndIsNotUploadedTwice) {
  const std::string poster = Jpeg("the manager's Heat poster");
  const std::string agent_poster = *emulator_->SelectedImage("101", "thumb");
  const std::string thumb_before = emulator_->FindItem("101")->thumb;
  temp_.WriteFile("movies/Heat (1995)/poster.jpg", poster);
  emulator_->ClearRequests();

  Poco::JSON::Object::Ptr change = SyncOne("movies/Heat (1995)/poster.jpg");  // artwork_mode auto
  ASSERT_EQ(change->getValue<std::string>("status"), "completed") << Describe(change);
  Poco::JSON::Object::Ptr pushed = change->getArray("artwork")->getObject(0);
  EXPECT_EQ(pushed->getValue<std::string>("action"), "uploaded");
  EXPECT_EQ(pushed->getValue<std::string>("rating_key"), "101");
  EXPECT_EQ(pushed->getValue<size_t>("bytes"), poster.size());
  // The item as Plex shows it now; no advice to turn local assets on (the push did not need it).
  Poco::JSON::Object::Ptr item = change->getObject("item");
  EXPECT_EQ(item->getValue<std::string>("action"), "pushed");
  EXPECT_EQ(item->getValue<int64_t>("updated_at_after"), emulator_->FindItem("101")->updated_at);
  EXPECT_EQ(item->getValue<std::string>("thumb_after"), emulator_->FindItem("101")->thumb);
  EXPECT_EQ(JsonText(change->getArray("advice")).find("Use local assets"), std::string::npos) << Describe(change);
  // Plex serves the file's bytes at the item's moved thumb, and keeps them locked.
  ASSERT_NE(agent_poster, poster);
  EXPECT_EQ(emulator_->SelectedImage("101", "thumb"), poster);
  EXPECT_NE(emulator_->FindItem("101")->thumb, thumb_before);
  EXPECT_EQ(pushed->getValue<std::string>("url_after"), emulator_->FindItem("101")->thumb);
  EXPECT_TRUE(Has(emulator_->FindItem("101")->locked, "thumb"));
  EXPECT_EQ(emulator_->CountRequests("POST", "/library/metadata/101/posters"), 1u);
  EXPECT_EQ(emulator_->CountRequests("PUT", "/library/metadata/101/poster"), 1u);
  EXPECT_EQ(emulator_->CountRequests("GET", "/library/sections/1/refresh"), 0u);  // no scan for a poster

  RefreshInPlex("101");
  EXPECT_EQ(emulator_->SelectedImage("101", "thumb"), poster) << "the lock keeps the agent's poster out";

  emulator_->ClearRequests();
  change = SyncOne("movies/Heat (1995)/poster.jpg");
  ASSERT_EQ(change->getValue<std::string>("status"), "completed") << Describe(change);
  EXPECT_EQ(change->getArray("artwork")->getObject(0)->getValue<std::string>("action"), "unchanged");
  EXPECT_EQ(emulator_->CountRequests("POST", "/"), 0u);
  EXPECT_EQ(emulator_->CountRequests("PUT", "/"), 0u);
}

// The control: the refresh path in the same library leaves the agent's poster, and says so.
// A test that passes here with a poster change would mean the emulator is kinder than Plex.
TEST_F(PushLockTest, RefreshModeInALibraryThatIgnoresLocalArtworkChangesNothing) {
  temp_.WriteFile("movies/Heat (1995)/poster.jpg", Jpeg("ignored poster"));
  emulator_->AddFile("/data/movies/Heat (1995)/poster.jpg", Jpeg("ignored poster"));
  Poco::JSON::Object::Ptr change = SyncOne("movies/Heat (1995)/poster.jpg", R"("artwork_mode":"refresh")");
  EXPECT_NE(JsonText(change->getArray("advice")).find("Use local assets"), std::string::npos) << Describe(change);
  // The refresh re-downloads the agent's poster (a new version of it), never the file.
  EXPECT_NE(emulator_->SelectedImage("101", "thumb"), Jpeg("ignored poster"));
  EXPECT_NE(emulator_->SelectedImage("101", "thumb")->find("agent thumb 101"), std::string::npos);
  EXPECT_EQ(emulator_->CountRequests("POST", "/library/metadata"), 0u);
}

TEST_F(PushLockTest, PushModeUploadsBackgroundAndBannerOfAFolderInOneChange) {
  temp_.WriteFile("movies/Ronin (1998)/fanart.jpg", Jpeg("Ronin background"));
  temp_.WriteFile("movies/Ronin (1998)/banner.png", Png("Ronin banner"));
  Poco::JSON::Object::Ptr change = SyncOne("movies/Ronin (1998)", R"("artwork_mode":"push")");
  ASSERT_EQ(change->getValue<std::string>("status"), "completed") << Describe(change);
  EXPECT_EQ(change->getArray("artwork")->size(), 2u);
  EXPECT_EQ(emulator_->SelectedImage("102", "art"), Jpeg("Ronin background"));
  EXPECT_EQ(emulator_->SelectedImage("102", "banner"), Png("Ronin banner"));
  const auto locked = emulator_->FindItem("102")->locked;
  EXPECT_TRUE(Has(locked, "art") && Has(locked, "banner")) << JsonText(change);
  RefreshInPlex("102");
  EXPECT_EQ(emulator_->SelectedImage("102", "art"), Jpeg("Ronin background"));
}

TEST_F(PushLockTest, SeasonPosterAndEpisodeThumbReachTheirOwnItems) {
  temp_.WriteFile("tv/Severance/season01-poster.jpg", Jpeg("season one"));
  temp_.WriteFile("tv/Severance/Season 01/Severance - S01E01-thumb.jpg", Jpeg("episode one"));
  Poco::JSON::Object::Ptr result = SyncResultOf({{"tv/Severance/season01-poster.jpg", "updated"},
                                                 {"tv/Severance/Season 01/Severance - S01E01-thumb.jpg", "updated"}});
  for (size_t i = 0; i < 2; ++i) EXPECT_EQ(StatusOf(result, i), "completed") << Describe(Change(result, i));
  EXPECT_EQ(Change(result, 0)->getArray("artwork")->getObject(0)->getValue<std::string>("rating_key"), "202");
  EXPECT_EQ(emulator_->SelectedImage("202", "thumb"), Jpeg("season one"));
  EXPECT_EQ(emulator_->SelectedImage("203", "thumb"), Jpeg("episode one"));
  EXPECT_NE(emulator_->SelectedImage("201", "thumb"), Jpeg("season one"));  // not the show's
}

TEST_F(PushLockTest, BadImagesFailTheirOwnChangeNamingTheFileAndNothingElseIsAffected) {
  temp_.WriteFile("movies/Heat (1995)/poster.jpg", std::string("\xFF\xD8\xFF\xE0 cut sho", 12));  // truncated
  temp_.WriteFile("movies/Heat (1995)/fanart.jpg", "");                                          // 0 bytes
  temp_.WriteFile("movies/Heat (1995)/banner.jpg", Png("a PNG"));                                // misnamed
  // Unreadable: no read permission (root reads anything, so there: a link to a file that is gone).
  const std::string unreadable = temp_.WriteFile("movies/Ronin (1998)/poster.jpg", Jpeg("unreadable"));
  if (geteuid() != 0) {
    ASSERT_EQ(::chmod(unreadable.c_str(), 0), 0);
  } else {
    ASSERT_EQ(std::remove(unreadable.c_str()), 0);
    ASSERT_EQ(::symlink((temp_.path() + "/gone.jpg").c_str(), unreadable.c_str()), 0);
  }
  temp_.WriteFile("movies/Unknown (2020)/Unknown (2020).mkv");     // Plex has no such item
  temp_.WriteFile("movies/Unknown (2020)/poster.jpg", Jpeg("orphan"));
  temp_.WriteFile("movies/Ronin (1998)/fanart.jpg", Jpeg("good background"));
  const std::vector<std::pair<std::string, std::string>> changes = {
      {"movies/Heat (1995)/poster.jpg", "updated"}, {"movies/Heat (1995)/fanart.jpg", "updated"},
      {"movies/Heat (1995)/banner.jpg", "updated"}, {"movies/Ronin (1998)/poster.jpg", "updated"},
      {"movies/Unknown (2020)/poster.jpg", "updated"}, {"movies/Ronin (1998)/fanart.jpg", "updated"}};
  const std::string heat_poster = *emulator_->SelectedImage("101", "thumb");
  emulator_->ClearRequests();
  Poco::JSON::Object::Ptr result = SyncResultOf(changes, R"("artwork_mode":"push")");
  const char* expected[] = {"cut short", "is empty (0 bytes)", "is a PNG image named .jpg",
                            geteuid() != 0 ? "cannot read" : "does not exist on the media manager's side",
                            "Plex has no item"};
  for (size_t i = 0; i < 5; ++i) {
    Poco::JSON::Object::Ptr c = Change(result, i);
    EXPECT_EQ(c->getValue<std::string>("status"), "failed") << Describe(c);
    const std::string message = c->getValue<std::string>("message");
    EXPECT_NE(message.find(changes[i].first.substr(changes[i].first.rfind('/') + 1)), std::string::npos) << message;
    EXPECT_NE(message.find(expected[i]), std::string::npos) << message;
  }
  EXPECT_EQ(StatusOf(result, 5), "completed") << Describe(Change(result, 5));
  // Plex kept its artwork; only the good file went up.
  EXPECT_EQ(emulator_->SelectedImage("101", "thumb"), heat_poster);
  EXPECT_EQ(emulator_->SelectedImage("102", "art"), Jpeg("good background"));
  EXPECT_EQ(emulator_->CountRequests("POST", "/library/metadata"), 1u);
}

TEST_F(PushLockTest, AnOversizedImageIsRefusedBeforeItIsUploaded) {
  instance_ = NewInstance({{temp_.path() + "/movies", "/data/movies"}}, "\"max_upload_bytes\": 2048");
  temp_.WriteFile("movies/Heat (1995)/poster.jpg", Jpeg(std::string(4096, 'p')));
  Poco::JSON::Object::Ptr change = SyncOne("movies/Heat (1995)/poster.jpg", R"("artwork_mode":"push")");
  EXPECT_EQ(change->getValue<std::string>("status"), "failed");
  EXPECT_NE(change->getValue<std::string>("message").find("max_upload_bytes"), std::string::npos) << Describe(change);
  EXPECT_EQ(emulator_->CountRequests("POST", "/library/metadata"), 0u);
}

TEST_F(PushLockTest, ARemovedImageNeverDeletesPlexsArtwork) {
  temp_.WriteFile("movies/Heat (1995)/poster.jpg", Jpeg("pushed"));
  ASSERT_EQ(SyncOne("movies/Heat (1995)/poster.jpg")->getValue<std::string>("status"), "completed");
  ASSERT_EQ(std::remove((temp_.path() + "/movies/Heat (1995)/poster.jpg").c_str()), 0);
  emulator_->ClearRequests();
  SyncOne("movies/Heat (1995)/poster.jpg", "", "removed");
  EXPECT_EQ(emulator_->SelectedImage("101", "thumb"), Jpeg("pushed"));
  EXPECT_EQ(emulator_->CountRequests("DELETE", "/"), 0u);
  EXPECT_EQ(emulator_->CountRequests("POST", "/"), 0u);
}

TEST_F(PushLockTest, AnItemPlayingUnderSkipActiveIsDeferredAndNothingIsUploaded) {
  temp_.WriteFile("movies/Heat (1995)/poster.jpg", Jpeg("while playing"));
  const std::string session = emulator_->StartPlayback("101", "alice", "Living Room TV");
  Poco::JSON::Object::Ptr change = SyncOne("movies/Heat (1995)/poster.jpg", R"("skip_active":"item")");
  EXPECT_EQ(change->getValue<std::string>("status"), "deferred") << Describe(change);
  EXPECT_EQ(emulator_->CountRequests("POST", "/library/metadata"), 0u);
  emulator_->StopPlayback(session);
}

constexpr const char* kHeatNfo = R"(<?xml version="1.0" encoding="UTF-8"?>
<movie><title>Heat</title><sorttitle>Heat 1995</sorttitle><plot>The manager's summary.</plot>
<year>1995</year><studio>Forward Pass</studio><genre>Crime</genre><genre>Drama</genre></movie>)";

TEST_F(PushLockTest, NfoFieldsAreSetAndLockedAndSurviveARefresh) {
  temp_.WriteFile("movies/Heat (1995)/movie.nfo", kHeatNfo);
  emulator_->ClearRequests();
  Poco::JSON::Object::Ptr change = SyncOne("movies/Heat (1995)/movie.nfo", R"("lock_fields":true)");
  ASSERT_EQ(change->getValue<std::string>("status"), "completed") << Describe(change);
  EXPECT_EQ(change->getValue<std::string>("nfo"), temp_.path() + "/movies/Heat (1995)/movie.nfo");
  std::map<std::string, Poco::JSON::Object::Ptr> fields;
  Poco::JSON::Array::Ptr list = change->getArray("fields");
  for (size_t i = 0; i < list->size(); ++i) {
    fields[list->getObject(static_cast<unsigned>(i))->getValue<std::string>("name")] = list->getObject(static_cast<unsigned>(i));
  }
  ASSERT_TRUE(fields.count("summary") && fields.count("genre") && fields.count("titleSort")) << Describe(change);
  EXPECT_EQ(fields["summary"]->getValue<std::string>("before"), "The agent's summary.");
  EXPECT_EQ(fields["summary"]->getValue<std::string>("after"), "The manager's summary.");
  EXPECT_EQ(fields["genre"]->getValue<std::string>("before"), "Thriller");
  EXPECT_EQ(fields["title"]->getValue<std::string>("action"), "locked");  // right already: locked only
  EXPECT_EQ(emulator_->CountRequests("PUT", "/library/sections/1/all"), 1u);  // one edit for all of them

  auto heat = *emulator_->FindItem("101");
  EXPECT_EQ(heat.fields["summary"], "The manager's summary.");
  EXPECT_EQ(heat.fields["titleSort"], "Heat 1995");
  EXPECT_EQ(heat.genres, (std::vector<std::string>{"Crime", "Drama"}));
  for (const char* f : {"title", "summary", "titleSort", "year", "studio", "genre"}) EXPECT_TRUE(Has(heat.locked, f)) << f;

  RefreshInPlex("101");
  heat = *emulator_->FindItem("101");
  EXPECT_EQ(heat.fields["summary"], "The manager's summary.");
  EXPECT_EQ(heat.genres, (std::vector<std::string>{"Crime", "Drama"}));
  EXPECT_EQ(heat.fields["tagline"], "Agent tagline");  // not in the NFO: the agent's, unlocked

  // The same NFO again: nothing differs, nothing is sent.
  emulator_->ClearRequests();
  change = SyncOne("movies/Heat (1995)/movie.nfo", R"("lock_fields":true)");
  EXPECT_EQ(change->getValue<std::string>("status"), "completed");
  EXPECT_EQ(change->getArray("fields")->size(), 0u) << Describe(change);
  EXPECT_EQ(emulator_->CountRequests("PUT", "/"), 0u);
}

TEST_F(PushLockTest, UnlockLetsTheAgentBackWithoutChangingTheValuesNow) {
  temp_.WriteFile("movies/Heat (1995)/movie.nfo", kHeatNfo);
  ASSERT_EQ(SyncOne("movies/Heat (1995)/movie.nfo", R"("lock_fields":true)")->getValue<std::string>("status"), "completed");
  Poco::JSON::Object::Ptr change = SyncOne("movies/Heat (1995)/movie.nfo", R"("unlock_fields":true)");
  ASSERT_EQ(change->getValue<std::string>("status"), "completed") << Describe(change);
  auto heat = *emulator_->FindItem("101");
  EXPECT_FALSE(Has(heat.locked, "summary"));
  EXPECT_EQ(heat.fields["summary"], "The manager's summary.");
  RefreshInPlex("101");
  EXPECT_EQ(emulator_->FindItem("101")->fields["summary"], "The agent's summary.");
}

TEST_F(PushLockTest, ABadNfoIsAFailureNamingItAndChangesNoField) {
  temp_.WriteFile("movies/Heat (1995)/movie.nfo", "<movie><title>Heat</movie>");
  Poco::JSON::Object::Ptr change = SyncOne("movies/Heat (1995)/movie.nfo", R"("lock_fields":true)");
  EXPECT_EQ(change->getValue<std::string>("status"), "failed");
  EXPECT_NE(change->getValue<std::string>("message").find("movie.nfo"), std::string::npos) << Describe(change);
  EXPECT_EQ(emulator_->CountRequests("PUT", "/library/sections/1/all"), 0u);
}

TEST_F(PushLockTest, FindShowsTheLockedFields) {
  temp_.WriteFile("movies/Heat (1995)/poster.jpg", Jpeg("locked poster"));
  ASSERT_EQ(SyncOne("movies/Heat (1995)/poster.jpg")->getValue<std::string>("status"), "completed");
  Poco::JSON::Object::Ptr found = ParseJson(instance_->Find(temp_.path() + "/movies/Heat (1995)").json);
  Poco::JSON::Object::Ptr item = found->getArray("items")->getObject(0);
  EXPECT_EQ(JsonText(item->getArray("locked_fields")), "[\"thumb\"]");
}

}  // namespace
}  // namespace itest
