// The library as clients read it, against shared/reference/plex-api.md: items, metadata,
// children and paging, section settings, Windows paths, fixture validation and generated
// libraries.
#include "emulator_test_support.h"

#include <ctime>
#include <stdexcept>

namespace pms_emulator {
namespace {

using Poco::JSON::Object;

TEST_F(EmulatorTest, ItemsMetadataChildrenAndPaging) {
  Response page = Call(*emu_, "GET", "/library/sections/1/all", true, kToken,
                       {{"X-Plex-Container-Start", "1"}, {"X-Plex-Container-Size", "1"}});
  Object::Ptr mc = Container(page);
  EXPECT_EQ(mc->getValue<int>("size"), 1);
  EXPECT_EQ(mc->getValue<int>("totalSize"), 3);
  EXPECT_EQ(mc->getValue<int>("offset"), 1);
  EXPECT_EQ(page.headers["X-Plex-Container-Total-Size"], "3");
  Object::Ptr movie = mc->getArray("Metadata")->getObject(0);
  Object::Ptr part = movie->getArray("Media")->getObject(0)->getArray("Part")->getObject(0);
  EXPECT_EQ(part->getValue<std::string>("file"), "/data/movies/Amélie (2001)/Amélie (2001).mkv");
  EXPECT_TRUE(part->get("id").isInteger());
  EXPECT_NE(Call(*emu_, "GET", "/library/sections/1/all").body.find("<Video ratingKey=\"101\""), std::string::npos);

  Object::Ptr filtered = Container(Call(*emu_, "GET", "/library/sections/1/all?title=heat", true));
  EXPECT_EQ(filtered->getValue<int>("size"), 1);

  Object::Ptr show = Container(Call(*emu_, "GET", "/library/metadata/201", true))->getArray("Metadata")->getObject(0);
  EXPECT_EQ(show->getValue<std::string>("type"), "show");
  EXPECT_EQ(show->getArray("Location")->getObject(0)->getValue<std::string>("path"), "/data/tv/Severance");
  Object::Ptr seasons = Container(Call(*emu_, "GET", "/library/metadata/201/children", true));
  EXPECT_EQ(seasons->getValue<int>("size"), 1);
  Object::Ptr leaves = Container(Call(*emu_, "GET", "/library/metadata/201/allLeaves", true));
  EXPECT_EQ(leaves->getValue<int>("size"), 2);
  EXPECT_EQ(Call(*emu_, "GET", "/library/metadata/999999", true).status, 404);
  // Several items at once ({ids}): unknown keys left out, none known is 404.
  Object::Ptr many = Container(Call(*emu_, "GET", "/library/metadata/101,203,999999", true));
  EXPECT_EQ(many->getValue<int>("size"), 2);
  EXPECT_EQ(many->getArray("Metadata")->getObject(1)->getValue<std::string>("type"), "episode");
  EXPECT_EQ(Call(*emu_, "GET", "/library/metadata/999998,999999", true).status, 404);
}

// A library's advanced settings as its agent has them: Plex's own agents carry
// "useLocalAssets" (a fixture may turn it off); XML writes setting values as true/false.
TEST_F(EmulatorTest, SectionPrefsFollowTheAgent) {
  emu_->LoadLibraryJson(R"({"sections":[
    {"key":"1","type":"movie","title":"Movies","locations":["/m"],"prefs":{"useLocalAssets":false}},
    {"key":"2","type":"show","title":"Shows","locations":["/t"]},
    {"key":"3","type":"movie","title":"Home Videos","locations":["/h"],"agent":"com.plexapp.agents.none"}]})");
  auto setting = [&](const std::string& section, const std::string& id) -> Object::Ptr {
    Poco::JSON::Array::Ptr list = Container(Call(*emu_, "GET", "/library/sections/" + section + "/prefs", true))->getArray("Setting");
    for (size_t i = 0; list && i < list->size(); ++i) {
      if (list->getObject(static_cast<unsigned>(i))->getValue<std::string>("id") == id) return list->getObject(static_cast<unsigned>(i));
    }
    return nullptr;
  };
  ASSERT_TRUE(setting("1", "useLocalAssets"));
  EXPECT_FALSE(setting("1", "useLocalAssets")->getValue<bool>("value"));
  EXPECT_TRUE(setting("1", "useLocalAssets")->getValue<bool>("default"));
  EXPECT_EQ(setting("1", "useLocalAssets")->getValue<std::string>("type"), "bool");
  ASSERT_TRUE(setting("2", "useLocalAssets"));
  EXPECT_TRUE(setting("2", "useLocalAssets")->getValue<bool>("value"));
  EXPECT_FALSE(setting("3", "useLocalAssets"));
  EXPECT_TRUE(setting("3", "hidden"));
  const std::string xml = Call(*emu_, "GET", "/library/sections/1/prefs").body;
  EXPECT_NE(xml.find("<Setting id=\"useLocalAssets\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("default=\"true\" value=\"false\""), std::string::npos) << xml;
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections/9/prefs").status, 404);
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections/1/prefs", true, "managed-token").status, 403);
}

TEST(EmulatorWindowsTest, BackslashPathsMatchCaseInsensitively) {
  EmulatorOptions options;
  options.admin_token = kToken;
  options.scan_start_delay_ms = 10;
  Emulator emu(options);
  emu.LoadLibraryFile(std::string(EMULATOR_FIXTURES) + "/windows_library.json");
  emu.Start();
  Object::Ptr root = Container(Call(emu, "GET", "/", true));
  EXPECT_EQ(root->getValue<std::string>("platform"), "Windows");
  emu.AddFile("M:\\Media\\Movies\\Dune (2021)\\Dune (2021).mkv");
  // Lower case and forward slashes still reach the location M:\Media\Movies.
  Call(emu, "GET", "/library/sections/3/refresh?path=m%3A%2Fmedia%2Fmovies%2Fdune%20%282021%29");
  ASSERT_TRUE(emu.WaitForIdle(std::chrono::seconds(5)));
  auto item = emu.FindItemByFile("m:/media/movies/DUNE (2021)/dune (2021).mkv");
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->files[0], "M:\\Media\\Movies\\Dune (2021)\\Dune (2021).mkv");
  Object::Ptr sections = Container(Call(emu, "GET", "/library/sections", true));
  EXPECT_EQ(sections->getArray("Directory")->getObject(1)->getArray("Location")->getObject(0)->getValue<std::string>("path"),
            "\\\\nas\\tv");
}

TEST(EmulatorFixtureTest, ErrorsNameTheField) {
  struct Case {
    const char* json;
    const char* field;
  };
  const Case cases[] = {
      {"[]", "library"},
      {"{oops", "library"},
      {R"({"sections":[{"key":"1","title":"M","locations":[7]}]})", "sections[0].locations[0]"},
      {R"({"sections":[{"key":"1","title":"M","locations":[]}]})", "sections[0].locations"},
      {R"({"sections":[{"title":"M","locations":["/m"]}]})", "sections[0].key"},
      {R"({"sections":[{"key":"1","type":"music","title":"M","locations":["/m"]}]})", "sections[0].type"},
      {R"({"sections":[{"key":"1","title":"M","locations":["/m"],"items":[{"year":1}]}]})", "sections[0].items[0].title"},
      {R"({"server":{"platform":"Amiga"},"sections":[]})", "server.platform"},
  };
  for (const Case& c : cases) {
    Emulator emu;
    try {
      emu.LoadLibraryJson(c.json);
      ADD_FAILURE() << "accepted: " << c.json;
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()).rfind(c.field, 0), 0u) << e.what();
    }
  }
}

TEST(EmulatorGeneratorTest, LargeLibraries) {
  Emulator emu;
  emu.LoadLibraryFile(std::string(EMULATOR_FIXTURES) + "/demo_library.json");
  emu.GenerateMovies("1", 20000);
  emu.GenerateShows("2", 20, 3, 5);
  EXPECT_EQ(emu.Items("1").size(), 20003u);
  EXPECT_EQ(emu.Items("2").size(), 21u);
  EXPECT_TRUE(emu.FindItemByFile("/data/movies/Movie 19999 (1999)/Movie 19999 (1999).mkv").has_value());
  EXPECT_THROW(emu.GenerateMovies("99", 1), std::invalid_argument);
  // Listings report children/episode counts (computed in one pass, not per show).
  emu.Start();
  Object::Ptr shows = Container(Call(emu, "GET", "/library/sections/2/all?X-Plex-Container-Size=2", true,
                                     "emulator-admin-token"));
  EXPECT_EQ(shows->getValue<int>("totalSize"), 21);
  Object::Ptr generated = shows->getArray("Metadata")->getObject(1);
  EXPECT_EQ(generated->getValue<int>("childCount"), 3);
  EXPECT_EQ(generated->getValue<int>("leafCount"), 15);
  Object::Ptr severance = shows->getArray("Metadata")->getObject(0);
  EXPECT_EQ(severance->getValue<int>("leafCount"), 2);
  // A generated library exists already: nothing in it changed in the last hour, so an
  // incremental listing ("updatedAt>>=") from an hour ago finds none of the 20,000 movies.
  const long long hour_ago = static_cast<long long>(std::time(nullptr)) - 3600;
  Object::Ptr recent = Container(Call(emu, "GET",
                                      "/library/sections/1/all?updatedAt%3E%3E=" + std::to_string(hour_ago),
                                      true, "emulator-admin-token"));
  EXPECT_EQ(recent->getValue<int>("size"), 0);
}

}  // namespace
}  // namespace pms_emulator
