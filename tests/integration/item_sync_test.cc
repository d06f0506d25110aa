// Item-level work through the real driver and the emulator: new artwork is re-read by an item
// refresh, added items are confirmed with their ratingKey, removed ones are verified gone, and
// an item Plex cannot match is reported, not called a success.
#include <map>
#include <thread>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include "emulator_fixture.h"

namespace itest {
namespace {

using pms_emulator::EmulatorOptions;

constexpr const char* kItemSyncLibrary = R"({"sections":[
  {"key":"1","type":"movie","title":"Movies","locations":["/data/movies"],
   "items":[{"rating_key":"101","title":"Heat","year":1995,"files":["/data/movies/Heat (1995)/Heat (1995).mkv"]}]},
  {"key":"2","type":"show","title":"TV Shows","locations":["/data/tv"],
   "items":[{"rating_key":"201","title":"Severance","folder":"/data/tv/Severance","seasons":[
     {"index":1,"rating_key":"202","episodes":[{"index":1,"rating_key":"203","files":["/data/tv/Severance/Season 01/Severance - S01E01.mkv"]}]}]}]}]})";

class ItemSyncTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorOptions options;
    options.admin_token = kToken;
    options.scan_start_delay_ms = 40;
    options.scan_ms_per_folder = 20;
    StartEmulator(options, kItemSyncLibrary);
    temp_.WriteFile("movies/Heat (1995)/Heat (1995).mkv");
    temp_.WriteFile("tv/Severance/Season 01/Severance - S01E01.mkv");
    instance_ = NewInstance({{temp_.path() + "/movies", "/data/movies"}, {temp_.path() + "/tv", "/data/tv"}});
  }
  Poco::JSON::Object::Ptr SyncOne(const std::string& relative, const std::string& kind,
                                  const std::string& extra_options = "") {
    const CallResult r =
        instance_->Sync(SyncRequest({{temp_.path() + "/" + relative, kind}}, 20, true, false, extra_options));
    EXPECT_EQ(r.status, PD_OK) << r.message;
    ExpectNoToken(*instance_, {r.json});
    return Change(ParseJson(r.json));
  }
  static std::string Status(const Poco::JSON::Object::Ptr& change) {
    return change->getValue<std::string>("status") + " " + change->getValue<std::string>("message");
  }
  std::unique_ptr<DriverInstance> instance_;
};

TEST_F(ItemSyncTest, NewArtworkShowsOnlyAfterTheItemRefresh) {
  const auto before = *emulator_->FindItem("101");
  temp_.WriteFile("movies/Heat (1995)/poster.jpg");
  emulator_->AddFile("/data/movies/Heat (1995)/poster.jpg");
  emulator_->ClearRequests();
  Poco::JSON::Object::Ptr change = SyncOne("movies/Heat (1995)/poster.jpg", "updated");
  ASSERT_EQ(change->getValue<std::string>("status"), "completed") << Status(change);
  Poco::JSON::Object::Ptr item = change->getObject("item");
  EXPECT_EQ(item->getValue<std::string>("rating_key"), "101");
  EXPECT_EQ(item->getValue<std::string>("action"), "refreshed");
  EXPECT_EQ(item->getValue<std::string>("thumb_before"), before.thumb);
  // What the emulator holds now is what the driver reported.
  const auto after = *emulator_->FindItem("101");
  EXPECT_NE(after.thumb, before.thumb);
  EXPECT_EQ(item->getValue<std::string>("thumb_after"), after.thumb);
  EXPECT_EQ(item->getValue<int64_t>("updated_at_after"), after.updated_at);
  EXPECT_EQ(emulator_->CountRequests("PUT", "/library/metadata/101/refresh"), 1u);
  EXPECT_EQ(emulator_->CountRequests("GET", "/library/sections/1/refresh"), 0u);  // no scan needed
}

TEST_F(ItemSyncTest, ArtworkPlexWillNotReadIsPointedOut) {
  temp_.WriteFile("movies/Heat (1995)/clearart.png");
  Poco::JSON::Object::Ptr change = SyncOne("movies/Heat (1995)/clearart.png", "updated");
  EXPECT_EQ(change->getValue<std::string>("status"), "completed") << Status(change);
  Poco::JSON::Array::Ptr advice = change->getArray("advice");
  ASSERT_EQ(advice->size(), 1u);
  EXPECT_NE(advice->getElement<std::string>(0).find("poster.jpg"), std::string::npos);
  temp_.WriteFile("movies/Heat (1995)/poster.jpg");
  EXPECT_EQ(SyncOne("movies/Heat (1995)/poster.jpg", "updated")->getArray("advice")->size(), 0u);
}

TEST_F(ItemSyncTest, AddedMovieIsConfirmedWithItsRatingKey) {
  temp_.WriteFile("movies/Arrival (2016)/Arrival (2016).mkv");
  emulator_->AddFile("/data/movies/Arrival (2016)/Arrival (2016).mkv");
  Poco::JSON::Object::Ptr change = SyncOne("movies/Arrival (2016)", "added");
  ASSERT_EQ(change->getValue<std::string>("status"), "completed") << Status(change);
  const auto item = emulator_->FindItemByFile("/data/movies/Arrival (2016)/Arrival (2016).mkv");
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(change->getObject("item")->getValue<std::string>("rating_key"), item->rating_key);
  EXPECT_EQ(change->getObject("item")->getValue<std::string>("action"), "confirmed");
}

TEST_F(ItemSyncTest, AnItemPlexCannotMatchIsReportedNotFound) {
  emulator_->AddUnmatchable("xq7");
  temp_.WriteFile("movies/xq7 (2020)/xq7.mkv");
  emulator_->AddFile("/data/movies/xq7 (2020)/xq7.mkv");
  Poco::JSON::Object::Ptr change = SyncOne("movies/xq7 (2020)", "added");
  EXPECT_EQ(change->getValue<std::string>("status"), "failed");
  EXPECT_NE(change->getValue<std::string>("message").find("scanned but not found in the library"),
            std::string::npos)
      << Status(change);
  EXPECT_EQ(emulator_->Scans().size(), 1u);  // the scan did run and finish
}

TEST_F(ItemSyncTest, RemovedMovieIsVerifiedInTheTrash) {
  // The movie's folder is gone on both sides; its parent still exists.
  emulator_->RemovePath("/data/movies/Heat (1995)");
  Poco::JSON::Object::Ptr change = SyncOne("movies/Heat (1995)", "removed");
  ASSERT_EQ(change->getValue<std::string>("status"), "completed") << Status(change);
  EXPECT_EQ(change->getObject("item")->getValue<std::string>("action"), "trashed");
  EXPECT_TRUE(emulator_->FindItem("101")->deleted);
  EXPECT_EQ(emulator_->CountRequests("PUT", "/library/sections/1/emptyTrash"), 0u);  // not asked to
}

// With empty_trash, a verified removal empties that library's trash, and the item is gone.
TEST_F(ItemSyncTest, EmptyTrashAfterAVerifiedRemoval) {
  instance_ = NewInstance({{temp_.path() + "/movies", "/data/movies"}}, R"("empty_trash": true)");
  emulator_->RemovePath("/data/movies/Heat (1995)");
  Poco::JSON::Object::Ptr result = ParseJson(instance_->Sync(SyncRequest({{temp_.path() + "/movies/Heat (1995)", "removed"}})).json);
  Poco::JSON::Object::Ptr change = Change(result);
  ASSERT_EQ(change->getValue<std::string>("status"), "completed") << Status(change);
  EXPECT_EQ(change->getObject("item")->getValue<std::string>("action"), "removed");
  Poco::JSON::Object::Ptr trash = result->getArray("trash")->getObject(0);
  EXPECT_EQ(trash->getValue<std::string>("section"), "1");
  EXPECT_EQ(trash->getValue<int>("items"), 1);
  EXPECT_TRUE(trash->getValue<bool>("emptied"));
  EXPECT_EQ(emulator_->CountRequests("PUT", "/library/sections/1/emptyTrash"), 1u);
  EXPECT_FALSE(emulator_->FindItem("101").has_value());  // Plex really deleted it
  // The index forgot it too: find has nothing there any more.
  EXPECT_FALSE(ParseJson(instance_->Find(temp_.path() + "/movies/Heat (1995)").json)->getValue<bool>("found"));
}

// A trash fuller than empty_trash_max_items (storage went offline, say) is never emptied.
TEST_F(ItemSyncTest, AFullTrashIsNotEmptied) {
  for (const char* movie : {"Ronin (1998)", "Thief (1981)", "Collateral (2004)"}) {
    emulator_->AddFile(std::string("/data/movies/") + movie + "/" + movie + ".mkv");
  }
  emulator_->AddFile("/data/movies/Heat (1995)/Heat (1995).mkv");
  ASSERT_EQ(ParseJson(instance_->Sync(SyncRequest({{temp_.path() + "/movies", "updated"}})).json)
                ->getValue<std::string>("status"), "completed");
  ASSERT_EQ(emulator_->Items("1").size(), 4u);
  // Three of them vanish from the server unseen (a disk failing), and one more is removed.
  for (const char* movie : {"Ronin (1998)", "Thief (1981)", "Collateral (2004)"}) {
    emulator_->RemovePath(std::string("/data/movies/") + movie);
  }
  emulator_->RemovePath("/data/movies/Heat (1995)");
  instance_ = NewInstance({{temp_.path() + "/movies", "/data/movies"}},
                          R"("empty_trash": true, "empty_trash_max_items": 2)");
  emulator_->ClearRequests();
  Poco::JSON::Object::Ptr result = ParseJson(instance_->Sync(SyncRequest({{temp_.path() + "/movies/Heat (1995)", "removed"}})).json);
  Poco::JSON::Object::Ptr change = Change(result);
  ASSERT_EQ(change->getValue<std::string>("status"), "completed") << Status(change);
  EXPECT_EQ(change->getObject("item")->getValue<std::string>("action"), "trashed");
  Poco::JSON::Object::Ptr trash = result->getArray("trash")->getObject(0);
  EXPECT_EQ(trash->getValue<int>("items"), 4);
  EXPECT_FALSE(trash->getValue<bool>("emptied"));
  EXPECT_NE(trash->getValue<std::string>("message").find("empty_trash_max_items (2)"), std::string::npos);
  EXPECT_NE(JsonText(change->getArray("advice")).find("storage went offline"), std::string::npos);
  EXPECT_FALSE(JsonText(result->getArray("warnings")).empty());
  EXPECT_EQ(emulator_->CountRequests("PUT", "/library/sections/1/emptyTrash"), 0u);
  for (const auto& item : emulator_->Items("1")) EXPECT_TRUE(item.deleted) << item.title;  // all still there
}

// Someone empties the trash in Plex: the timeline says so, and the driver's index forgets the
// item (an "updated since" listing never would).
TEST_F(ItemSyncTest, ItemsDeletedInPlexAreForgottenFromTheTimeline) {
  ASSERT_EQ(instance_->Connect().status, PD_OK);
  emulator_->RemovePath("/data/movies/Heat (1995)");
  ASSERT_EQ(SyncOne("movies/Heat (1995)", "removed")->getObject("item")->getValue<std::string>("action"), "trashed");
  EXPECT_TRUE(ParseJson(instance_->Find(temp_.path() + "/movies/Heat (1995)").json)->getValue<bool>("found"));
  Poco::Net::HTTPClientSession session("127.0.0.1", emulator_->port());
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_PUT, "/library/sections/1/emptyTrash");
  request.set("X-Plex-Token", kToken);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  session.receiveResponse(response).ignore(1 << 20);
  ASSERT_EQ(response.getStatus(), 200);
  ASSERT_TRUE(emulator_->WaitForIdle(std::chrono::seconds(5)));
  ASSERT_FALSE(emulator_->FindItem("101").has_value());
  bool forgotten = false;
  for (int i = 0; i < 500 && !forgotten; ++i) {
    forgotten = !ParseJson(instance_->Find(temp_.path() + "/movies/Heat (1995)").json)->getValue<bool>("found");
    if (!forgotten) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(forgotten);
}

// The index survives a server restart: items found before are still right after it.
TEST_F(ItemSyncTest, IndexStaysRightAcrossAServerRestart) {
  temp_.WriteFile("movies/Heat (1995)/poster.jpg");
  ASSERT_EQ(SyncOne("movies/Heat (1995)/poster.jpg", "updated")->getValue<std::string>("status"), "completed");
  emulator_->Restart();
  temp_.WriteFile("movies/Heat (1995)/fanart.jpg");
  Poco::JSON::Object::Ptr change = SyncOne("movies/Heat (1995)/fanart.jpg", "updated");
  ASSERT_EQ(change->getValue<std::string>("status"), "completed") << Status(change);
  EXPECT_EQ(change->getObject("item")->getValue<std::string>("rating_key"), "101");
  temp_.WriteFile("movies/Arrival (2016)/Arrival (2016).mkv");
  emulator_->AddFile("/data/movies/Arrival (2016)/Arrival (2016).mkv");
  change = SyncOne("movies/Arrival (2016)", "added");
  ASSERT_EQ(change->getValue<std::string>("status"), "completed") << Status(change);
  EXPECT_EQ(change->getObject("item")->getValue<std::string>("rating_key"),
            emulator_->FindItemByFile("/data/movies/Arrival (2016)/Arrival (2016).mkv")->rating_key);
  // Listed in full once, before the restart; since then only what changed.
  size_t full = 0;
  for (const auto& r : emulator_->Requests()) {
    if (r.path == "/library/sections/1/all" && !r.params.count("updatedAt>>")) ++full;
  }
  EXPECT_EQ(full, 1u);
}

// Will Plex read the artwork at all? test-connection tells per library, sync advises.
class LocalArtworkTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorOptions options;
    options.admin_token = kToken;
    options.scan_start_delay_ms = 40;
    StartEmulator(options, R"({"sections":[
      {"key":"1","type":"movie","title":"Movies","locations":["/data/movies"],"prefs":{"useLocalAssets":false},
       "items":[{"rating_key":"101","title":"Heat","year":1995,"files":["/data/movies/Heat (1995)/Heat (1995).mkv"]}]},
      {"key":"2","type":"movie","title":"Home Videos","locations":["/data/home"],"agent":"com.plexapp.agents.none"},
      {"key":"3","type":"show","title":"Old TV","locations":["/data/tv"],"agent":"com.plexapp.agents.thetvdb"}]})");
    temp_.WriteFile("movies/Heat (1995)/Heat (1995).mkv");
  }
};

TEST_F(LocalArtworkTest, TestConnectionTellsPerLibrary) {
  auto instance = NewInstance({{temp_.path() + "/movies", "/data/movies"}});
  const CallResult r = instance->TestConnection();
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr report = ParseJson(r.json);
  auto sections = report->getArray("sections");
  std::map<std::string, Poco::JSON::Object::Ptr> by_key;
  for (size_t i = 0; i < sections->size(); ++i) {
    Poco::JSON::Object::Ptr s = sections->getObject(static_cast<unsigned>(i));
    by_key[s->getValue<std::string>("key")] = s->getObject("local_artwork");
  }
  EXPECT_EQ(by_key["1"]->getValue<std::string>("state"), "ignored");
  EXPECT_EQ(by_key["1"]->getValue<std::string>("agent"), "Plex Movie");
  EXPECT_NE(by_key["1"]->getValue<std::string>("advice").find("Use local assets"), std::string::npos);
  EXPECT_EQ(by_key["2"]->getValue<std::string>("state"), "read");
  EXPECT_EQ(by_key["3"]->getValue<std::string>("state"), "unknown");
  EXPECT_NE(by_key["3"]->getValue<std::string>("advice").find("Local Media Assets"), std::string::npos);
  EXPECT_NE(JsonText(report->getArray("warnings")).find("Use local assets"), std::string::npos);
  for (const char* key : {"1", "2", "3"}) {
    EXPECT_EQ(emulator_->CountRequests("GET", std::string("/library/sections/") + key + "/prefs"), 1u) << key;
  }
  ExpectNoToken(*instance, {r.json});
}

// artwork_mode "refresh" (auto would upload the poster instead: push_artwork_test.cc).
TEST_F(LocalArtworkTest, RefreshOfArtworkIntoALibraryThatIgnoresItSaysSo) {
  auto instance = NewInstance({{temp_.path() + "/movies", "/data/movies"}});
  temp_.WriteFile("movies/Heat (1995)/poster.jpg");
  for (int round = 0; round < 2; ++round) {
    Poco::JSON::Object::Ptr change = Change(ParseJson(
        instance->Sync(SyncRequest({{temp_.path() + "/movies/Heat (1995)/poster.jpg", "updated"}}, 20, true, false,
                                   "\"artwork_mode\":\"refresh\"")).json));
    EXPECT_EQ(change->getValue<std::string>("status"), "completed");  // the refresh still ran
    EXPECT_NE(JsonText(change->getArray("advice")).find("Use local assets"), std::string::npos) << JsonText(change);
  }
  EXPECT_EQ(emulator_->CountRequests("GET", "/library/sections/1/prefs"), 1u);  // read once, then cached
}

TEST_F(ItemSyncTest, RemovalThatPlexDidNotSeeIsNotASuccess) {
  // The manager says removed, but the file is still on the server: Plex keeps the item.
  Poco::JSON::Object::Ptr change = SyncOne("movies/Heat (1995)", "removed");
  EXPECT_EQ(change->getValue<std::string>("status"), "failed");
  EXPECT_NE(change->getValue<std::string>("message").find("still lists item 101"), std::string::npos)
      << Status(change);
}

TEST_F(ItemSyncTest, NewEpisodeInAnExistingSeason) {
  temp_.WriteFile("tv/Severance/Season 01/Severance - S01E02.mkv");
  emulator_->AddFile("/data/tv/Severance/Season 01/Severance - S01E02.mkv");
  Poco::JSON::Object::Ptr change = SyncOne("tv/Severance/Season 01/Severance - S01E02.mkv", "added");
  ASSERT_EQ(change->getValue<std::string>("status"), "completed") << Status(change);
  const auto episode = emulator_->FindItemByFile("/data/tv/Severance/Season 01/Severance - S01E02.mkv");
  ASSERT_TRUE(episode.has_value());
  EXPECT_EQ(change->getObject("item")->getValue<std::string>("rating_key"), episode->rating_key);
  EXPECT_EQ(change->getObject("item")->getValue<std::string>("type"), "episode");
  // A season poster refreshes the season.
  temp_.WriteFile("tv/Severance/Season 01/season01-poster.jpg");
  Poco::JSON::Object::Ptr season = SyncOne("tv/Severance/Season 01/season01-poster.jpg", "updated");
  ASSERT_EQ(season->getValue<std::string>("status"), "completed") << Status(season);
  EXPECT_EQ(season->getObject("item")->getValue<std::string>("rating_key"), "202");
}

TEST_F(ItemSyncTest, TheLibraryIsListedInFullOnlyOnce) {
  auto full_listings = [&] {
    size_t n = 0;
    for (const auto& r : emulator_->Requests()) {
      n += r.path == "/library/sections/1/all" && !r.params.count("updatedAt>>") ? 1 : 0;
    }
    return n;
  };
  temp_.WriteFile("movies/Heat (1995)/fanart.jpg");
  ASSERT_EQ(SyncOne("movies/Heat (1995)/fanart.jpg", "updated")->getValue<std::string>("status"), "completed");
  EXPECT_EQ(full_listings(), 1u);
  temp_.WriteFile("movies/Arrival (2016)/Arrival (2016).mkv");
  emulator_->AddFile("/data/movies/Arrival (2016)/Arrival (2016).mkv");
  ASSERT_EQ(SyncOne("movies/Arrival (2016)", "added")->getValue<std::string>("status"), "completed");
  temp_.WriteFile("movies/Arrival (2016)/poster.jpg");
  // The item added by the previous sync is found by the incremental index, after a restart too.
  emulator_->Restart();
  Poco::JSON::Object::Ptr change = SyncOne("movies/Arrival (2016)/poster.jpg", "updated");
  ASSERT_EQ(change->getValue<std::string>("status"), "completed") << Status(change);
  EXPECT_EQ(change->getObject("item")->getValue<std::string>("action"), "refreshed");
  EXPECT_EQ(full_listings(), 1u);
}

TEST_F(ItemSyncTest, StrategiesChooseScanOrRefresh) {
  temp_.WriteFile("movies/Heat (1995)/poster.jpg");
  emulator_->ClearRequests();
  Poco::JSON::Object::Ptr scanned = SyncOne("movies/Heat (1995)/poster.jpg", "updated", R"("strategy":"scan")");
  EXPECT_EQ(scanned->getValue<std::string>("status"), "completed") << Status(scanned);
  EXPECT_EQ(emulator_->CountRequests("GET", "/library/sections/1/refresh"), 1u);
  EXPECT_EQ(emulator_->CountRequests("PUT", "/library/metadata/"), 0u);

  temp_.WriteFile("movies/Unknown (2001)/poster.jpg");
  Poco::JSON::Object::Ptr refused = SyncOne("movies/Unknown (2001)/poster.jpg", "updated", R"("strategy":"refresh")");
  EXPECT_EQ(refused->getValue<std::string>("status"), "failed");
  EXPECT_NE(refused->getValue<std::string>("message").find("no item"), std::string::npos) << Status(refused);

  Poco::JSON::Object::Ptr forced = SyncOne("movies/Heat (1995)/poster.jpg", "updated", R"("force_refresh":true)");
  EXPECT_EQ(forced->getValue<std::string>("status"), "completed") << Status(forced);
  bool saw_force = false;
  for (const auto& r : emulator_->Requests()) {
    saw_force |= r.path == "/library/metadata/101/refresh" && r.params.count("force") && r.params.at("force") == "1";
  }
  EXPECT_TRUE(saw_force);
}

}  // namespace
}  // namespace itest
