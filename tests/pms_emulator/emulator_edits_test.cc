// Field edits and locks as a media manager pushes NFO fields: values, tags, locks that keep
// them through a refresh (and only locks do), Field elements for the locked ones, what the
// agent gives the unlocked ones (fixture and C++ API), and the edits PMS refuses.
#include "emulator_test_support.h"

#include <stdexcept>

namespace pms_emulator {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr Listed(const Emulator& emu, const std::string& key) {
  return Container(Call(emu, "GET", "/library/metadata/" + key, true))->getArray("Metadata")->getObject(0);
}

TEST_F(EmulatorTest, LockedFieldsSurviveARefreshUnlockedOnesTakeTheAgents) {
  emu_->SetAgentMetadata("101", {{"summary", "The agent's summary"}, {"tagline", "A Los Angeles crime saga"}});
  const Response r = EditItems(*emu_, "1", "1", "101",
                               "title.value=Heat%20%28Director%27s%20Cut%29&title.locked=1&summary.value=Mine"
                               "&year.value=1996&originallyAvailableAt.value=1995-12-15&studio.value=Forward%20Pass");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.body.empty());
  ItemView v = *emu_->FindItem("101");
  EXPECT_EQ(v.title, "Heat (Director's Cut)");
  EXPECT_EQ(v.year, 1996);
  EXPECT_EQ(v.fields["summary"], "Mine");
  EXPECT_EQ(v.fields["originallyAvailableAt"], "1995-12-15");
  EXPECT_EQ(v.locked, std::vector<std::string>{"title"});  // setting a value does not lock it
  Object::Ptr listed = Listed(*emu_, "101");
  EXPECT_EQ(listed->getValue<std::string>("summary"), "Mine");
  EXPECT_EQ(listed->getValue<std::string>("studio"), "Forward Pass");
  EXPECT_FALSE(listed->has("tagline"));  // only the set fields

  ASSERT_TRUE(RefreshItem(*emu_, "101"));
  v = *emu_->FindItem("101");
  EXPECT_EQ(v.title, "Heat (Director's Cut)");  // locked
  EXPECT_EQ(v.year, 1995);                      // the fixture's, which the agent gives by default
  EXPECT_EQ(v.fields["summary"], "The agent's summary");
  EXPECT_EQ(v.fields["tagline"], "A Los Angeles crime saga");
  EXPECT_EQ(v.fields.count("studio"), 0u);      // the agent has none
  EXPECT_EQ(emu_->CountRequests("PUT", "/library/sections/1/all"), 1u);
}

TEST_F(EmulatorTest, TagsAreSetAndRemoved) {
  ASSERT_EQ(EditItems(*emu_, "1", "1", "101",
                      "genre%5B0%5D.tag.tag=Crime&genre%5B1%5D.tag.tag=Science%20Fiction&genre%5B2%5D.tag.tag=Drama"
                      "&collection%5B0%5D.tag.tag=Mann").status, 200);
  EXPECT_EQ(emu_->FindItem("101")->genres, (std::vector<std::string>{"Crime", "Science Fiction", "Drama"}));
  EXPECT_EQ(emu_->FindItem("101")->collections, std::vector<std::string>{"Mann"});
  // Removal: names url-encoded, then comma-separated (so encoded twice on the wire).
  ASSERT_EQ(EditItems(*emu_, "1", "1", "101", "genre%5B%5D.tag.tag-=Science%2520Fiction%2CDrama&genre.locked=1").status, 200);
  EXPECT_EQ(emu_->FindItem("101")->genres, std::vector<std::string>{"Crime"});
  // The indexed form adds (as in PMS: python-plexapi's addCollection sends it); a name already
  // there is not doubled.
  ASSERT_EQ(EditItems(*emu_, "1", "1", "101", "collection%5B0%5D.tag.tag=Heist&collection%5B1%5D.tag.tag=Mann").status,
            200);
  EXPECT_EQ(emu_->FindItem("101")->collections, (std::vector<std::string>{"Mann", "Heist"}));
  const std::string xml = Call(*emu_, "GET", "/library/metadata/101").body;
  EXPECT_NE(xml.find("<Genre tag=\"Crime\" />"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<Collection tag=\"Heist\" />"), std::string::npos) << xml;
  Object::Ptr listed = Listed(*emu_, "101");
  EXPECT_EQ(listed->getArray("Genre")->getObject(0)->getValue<std::string>("tag"), "Crime");
  // A refresh keeps the locked genres and gives the unlocked collections the agent's (none).
  ASSERT_TRUE(RefreshItem(*emu_, "101"));
  EXPECT_EQ(emu_->FindItem("101")->genres, std::vector<std::string>{"Crime"});
  EXPECT_TRUE(emu_->FindItem("101")->collections.empty());
}

TEST_F(EmulatorTest, FieldElementsListOnlyLockedFields) {
  ASSERT_EQ(EditItems(*emu_, "1", "1", "101", "title.locked=1&summary.value=S&genre.locked=1&art.locked=1").status, 200);
  EXPECT_EQ(emu_->FindItem("101")->locked, (std::vector<std::string>{"art", "genre", "title"}));
  const std::string xml = Call(*emu_, "GET", "/library/sections/1/all").body;
  EXPECT_NE(xml.find("<Field locked=\"1\" name=\"title\" />"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<Field locked=\"1\" name=\"art\" />"), std::string::npos);
  EXPECT_EQ(xml.find("name=\"summary\""), std::string::npos);
  Object::Ptr heat;
  Array::Ptr all = Container(Call(*emu_, "GET", "/library/sections/1/all", true))->getArray("Metadata");
  for (size_t i = 0; i < all->size(); ++i) {
    if (all->getObject(static_cast<unsigned>(i))->getValue<std::string>("ratingKey") == "101") heat = all->getObject(static_cast<unsigned>(i));
  }
  ASSERT_TRUE(heat);
  Array::Ptr fields = heat->getArray("Field");
  ASSERT_EQ(fields->size(), 3u);
  for (size_t i = 0; i < fields->size(); ++i) EXPECT_TRUE(fields->getObject(static_cast<unsigned>(i))->getValue<bool>("locked"));
  ASSERT_EQ(EditItems(*emu_, "1", "1", "101", "title.locked=0&genre.locked=0&art.locked=0").status, 200);
  EXPECT_FALSE(Listed(*emu_, "101")->has("Field"));
  EXPECT_EQ(Call(*emu_, "GET", "/library/metadata/101").body.find("<Field"), std::string::npos);
}

TEST_F(EmulatorTest, EditsPmsRefuses) {
  EXPECT_EQ(EditItems(*emu_, "1", "2", "101", "title.value=X").status, 400);  // a movie is type 1
  const Response unknown = EditItems(*emu_, "1", "1", "999999", "title.value=X");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.content_type, "text/html");
  EXPECT_EQ(EditItems(*emu_, "1", "4", "203", "title.value=X").status, 404);  // in another section
  EXPECT_EQ(EditItems(*emu_, "9", "1", "101", "title.value=X").status, 404);
  EXPECT_EQ(Call(*emu_, "PUT", "/library/sections/1/all?id=101&title.value=X").status, 400);  // no type
  EXPECT_EQ(Call(*emu_, "PUT", "/library/sections/1/all?type=1&title.value=X").status, 400);  // no id
  EXPECT_EQ(EditItems(*emu_, "1", "1", "101", "sumary.value=typo").status, 400);
  EXPECT_EQ(EditItems(*emu_, "1", "1", "101", "year.value=nineteen").status, 400);
  EXPECT_EQ(EditItems(*emu_, "1", "1", "101", "originallyAvailableAt.value=15.12.1995").status, 400);
  EXPECT_EQ(EditItems(*emu_, "1", "1", "101", "title.locked=yes").status, 400);
  EXPECT_EQ(EditItems(*emu_, "1", "1", "101", "title.value=").status, 400);
  // One bad id leaves the good one unchanged too.
  EXPECT_EQ(EditItems(*emu_, "1", "1", "101,999999", "summary.value=Both").status, 404);
  EXPECT_EQ(emu_->FindItem("101")->fields.count("summary"), 0u);
  EXPECT_EQ(EditItems(*emu_, "1", "1", "101,102", "summary.value=Both").status, 200);
  EXPECT_EQ(emu_->FindItem("102")->fields["summary"], "Both");
  EXPECT_EQ(Call(*emu_, "PUT", "/library/sections/1/all?type=1&id=101&title.value=X", false, "managed-token").status, 403);
  EXPECT_EQ(emu_->CountRequests("PUT", "/library/sections/"), 14u);  // every one recorded
}

TEST_F(EmulatorTest, SeasonsAndEpisodesAreEditedAndRefreshedWithTheirShow) {
  ASSERT_EQ(EditItems(*emu_, "2", "3", "202", "title.value=The%20First%20Season&summary.value=S1").status, 200);
  ASSERT_EQ(EditItems(*emu_, "2", "4", "203", "summary.value=Mark%20learns&summary.locked=1").status, 200);
  ASSERT_EQ(EditItems(*emu_, "2", "4", "204", "summary.value=Unlocked").status, 200);
  EXPECT_EQ(EditItems(*emu_, "2", "2", "203", "summary.value=X").status, 400);  // an episode is type 4
  Object::Ptr season = Container(Call(*emu_, "GET", "/library/metadata/201/children", true))->getArray("Metadata")->getObject(0);
  EXPECT_EQ(season->getValue<std::string>("title"), "The First Season");
  Array::Ptr episodes = Container(Call(*emu_, "GET", "/library/metadata/201/allLeaves", true))->getArray("Metadata");
  EXPECT_EQ(episodes->getObject(0)->getValue<std::string>("summary"), "Mark learns");
  ASSERT_TRUE(RefreshItem(*emu_, "201"));  // a show's refresh reaches its seasons and episodes
  EXPECT_EQ(emu_->FindItem("202")->title, "Season 1");
  EXPECT_EQ(emu_->FindItem("203")->fields["summary"], "Mark learns");
  EXPECT_EQ(emu_->FindItem("204")->fields.count("summary"), 0u);
}

TEST_F(EmulatorTest, FixtureAgentValuesAndMatching) {
  emu_->LoadLibraryJson(R"J({"sections":[{"key":"1","type":"movie","title":"Movies","locations":["/m"],
    "items":[{"rating_key":"11","title":"Heat","year":1995,"summary":"Mine","genres":["Crime"],
              "contentRating":"R","files":["/m/Heat (1995)/Heat (1995).mkv"],
              "agent":{"title":"Heat (Agent)","summary":"Theirs","genres":["Thriller","Drama"],"year":1996}}]}]})J");
  ItemView v = *emu_->FindItem("11");
  EXPECT_EQ(v.title, "Heat");
  EXPECT_EQ(v.genres, std::vector<std::string>{"Crime"});
  EXPECT_EQ(v.fields["contentRating"], "R");
  EXPECT_EQ(Call(*emu_, "PUT", "/library/metadata/11/match").status, 400);  // which match?
  ASSERT_EQ(EditItems(*emu_, "1", "1", "11", "genre.locked=1").status, 200);
  ASSERT_EQ(Call(*emu_, "PUT", "/library/metadata/11/match?guid=" + Encoded("plex://movie/5d776") + "&name=Heat").status, 200);
  ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(5)));
  v = *emu_->FindItem("11");
  EXPECT_EQ(v.title, "Heat (Agent)");
  EXPECT_EQ(v.year, 1996);
  EXPECT_EQ(v.fields["summary"], "Theirs");
  EXPECT_EQ(v.fields["contentRating"], "R");  // the agent gives the loaded value where it does not differ
  EXPECT_EQ(v.genres, std::vector<std::string>{"Crime"});  // locked
  emu_->SetAgentMetadata("11", {{"title", "Heat"}, {"collections", "Mann,Heist"}});
  ASSERT_EQ(Call(*emu_, "PUT", "/library/metadata/11/unmatch").status, 200);
  ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(5)));
  EXPECT_EQ(emu_->FindItem("11")->title, "Heat");
  EXPECT_EQ(emu_->FindItem("11")->collections, (std::vector<std::string>{"Mann", "Heist"}));
  EXPECT_THROW(emu_->SetAgentMetadata("11", {{"rating", "9"}}), std::invalid_argument);
  EXPECT_THROW(emu_->SetAgentMetadata("999", {{"title", "X"}}), std::invalid_argument);
  EXPECT_THROW(emu_->LoadLibraryJson(R"({"sections":[{"key":"1","title":"M","locations":["/m"],
    "items":[{"title":"A","agent":7}]}]})"), std::invalid_argument);
}

}  // namespace
}  // namespace pms_emulator
