// The endpoints a client walks around its edits, answered as PMS shapes them in XML and JSON:
// analyze, a section's folders, hub search, the server's settings and the watch history.
#include "emulator_test_support.h"

namespace pms_emulator {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

TEST_F(EmulatorTest, AnalyzeAndFolders) {
  EXPECT_EQ(Call(*emu_, "PUT", "/library/metadata/101/analyze").status, 200);
  EXPECT_EQ(Call(*emu_, "PUT", "/library/metadata/999999/analyze").status, 404);
  Object::Ptr top = Container(Call(*emu_, "GET", "/library/sections/1/folder", true));
  Array::Ptr roots = top->getArray("Metadata");
  ASSERT_EQ(roots->size(), 1u);
  EXPECT_EQ(roots->getObject(0)->getValue<std::string>("title"), "/data/movies");
  const std::string root = roots->getObject(0)->getValue<std::string>("key");
  EXPECT_EQ(root.rfind("/library/sections/1/folder?parent=", 0), 0u);
  Array::Ptr movies = Container(Call(*emu_, "GET", root, true))->getArray("Metadata");
  ASSERT_EQ(movies->size(), 3u);
  EXPECT_EQ(movies->getObject(0)->getValue<std::string>("title"), "Amélie (2001)");
  const std::string heat = movies->getObject(1)->getValue<std::string>("key");
  emu_->AddFile("/data/movies/Heat (1995)/poster.jpg");  // not an item: not listed
  const std::string xml = Call(*emu_, "GET", heat).body;
  EXPECT_NE(xml.find("<Video ratingKey=\"101\""), std::string::npos) << xml;
  EXPECT_EQ(xml.find("poster.jpg"), std::string::npos);
  EXPECT_NE(Call(*emu_, "GET", "/library/sections/1/folder").body.find("<Directory key=\"/library/sections/1/folder?parent="),
            std::string::npos);
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections/1/folder?parent=424242").status, 404);
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections/9/folder").status, 404);
  EXPECT_EQ(emu_->CountRequests("GET", "/library/sections/1/folder"), 5u);
}

TEST_F(EmulatorTest, HubSearchFindsTitlesOfEveryType) {
  Object::Ptr mc = Container(Call(*emu_, "GET", "/hubs/search?query=HEAT", true));
  Array::Ptr hubs = mc->getArray("Hub");
  ASSERT_EQ(hubs->size(), 4u);
  EXPECT_EQ(hubs->getObject(0)->getValue<std::string>("type"), "movie");
  EXPECT_EQ(hubs->getObject(0)->getValue<int>("size"), 1);
  EXPECT_EQ(hubs->getObject(0)->getArray("Metadata")->getObject(0)->getValue<std::string>("ratingKey"), "101");
  Object::Ptr episodes = hubs->getObject(3);
  EXPECT_EQ(episodes->getValue<std::string>("type"), "episode");
  EXPECT_EQ(episodes->getValue<int>("size"), 0);
  Array::Ptr found = Container(Call(*emu_, "GET", "/hubs/search?query=loop", true))->getArray("Hub")->getObject(3)->getArray("Metadata");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->getObject(0)->getValue<std::string>("title"), "Half Loop");
  const std::string xml = Call(*emu_, "GET", "/hubs/search?query=sever").body;
  EXPECT_NE(xml.find("<Hub title=\"Shows\" type=\"show\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("<Directory ratingKey=\"201\""), std::string::npos);
  EXPECT_EQ(Call(*emu_, "GET", "/hubs/search").status, 400);
  // Digits too many to be a number: a 400 saying so, not a dropped connection; the server goes on.
  for (const char* target : {"/hubs/search?query=heat&limit=99999999999999999999999",
                             "/library/sections/1/folder?parent=99999999999999999999999",
                             "/library/metadata/99999999999999999999999/posters"}) {
    const auto r = Call(*emu_, "GET", target);
    EXPECT_EQ(r.status, 400) << target;
    EXPECT_NE(r.body.find("out of range"), std::string::npos) << r.body;
  }
  EXPECT_EQ(Call(*emu_, "GET", "/hubs/search?query=heat&limit=1").status, 200);
  EXPECT_EQ(Call(*emu_, "GET", "/hubs/search?query=heat", false, nullptr).status, 401);
}

TEST_F(EmulatorTest, ServerPrefsAreAdminOnly) {
  Array::Ptr settings = Container(Call(*emu_, "GET", "/:/prefs", true))->getArray("Setting");
  ASSERT_TRUE(settings);
  std::map<std::string, Object::Ptr> by_id;
  for (size_t i = 0; i < settings->size(); ++i) {
    Object::Ptr s = settings->getObject(static_cast<unsigned>(i));
    by_id[s->getValue<std::string>("id")] = s;
  }
  ASSERT_TRUE(by_id.count("FriendlyName"));
  EXPECT_EQ(by_id["FriendlyName"]->getValue<std::string>("value"), emu_->options().friendly_name);
  EXPECT_EQ(by_id["MachineIdentifier"]->getValue<std::string>("value"), emu_->options().machine_identifier);
  EXPECT_FALSE(by_id["ScheduledLibraryUpdatesEnabled"]->getValue<bool>("value"));
  EXPECT_NE(Call(*emu_, "GET", "/:/prefs").body.find("<Setting id=\"FriendlyName\""), std::string::npos);
  EXPECT_EQ(Call(*emu_, "GET", "/:/prefs", true, "managed-token").status, 403);
}

TEST_F(EmulatorTest, HistoryListsStoppedSessions) {
  Object::Ptr empty = Container(Call(*emu_, "GET", "/status/sessions/history/all", true));
  EXPECT_EQ(empty->getValue<int>("size"), 0);
  EXPECT_FALSE(empty->has("Metadata"));
  const std::string key = emu_->StartPlayback("203", "alice", "Living Room TV");
  EXPECT_EQ(Container(Call(*emu_, "GET", "/status/sessions/history/all", true))->getValue<int>("size"), 0);
  ASSERT_TRUE(emu_->StopPlayback(key));
  Object::Ptr mc = Container(Call(*emu_, "GET", "/status/sessions/history/all", true));
  ASSERT_EQ(mc->getValue<int>("size"), 1);
  Object::Ptr entry = mc->getArray("Metadata")->getObject(0);
  EXPECT_EQ(entry->getValue<std::string>("ratingKey"), "203");
  EXPECT_EQ(entry->getValue<std::string>("type"), "episode");
  EXPECT_GT(entry->getValue<int64_t>("viewedAt"), 1600000000);
  EXPECT_EQ(entry->getValue<int>("accountID"), 1);
  EXPECT_NE(Call(*emu_, "GET", "/status/sessions/history/all").body.find("<Video historyKey="), std::string::npos);
  EXPECT_EQ(Call(*emu_, "GET", "/status/sessions/history/all", true, "managed-token").status, 403);
  EXPECT_EQ(emu_->CountRequests("GET", "/status/sessions/history/all"), 5u);
}

}  // namespace
}  // namespace pms_emulator
