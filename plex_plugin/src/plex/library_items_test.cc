#include "plex/library_items.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(LibraryItemsTest, JsonAndXmlListings) {
  const char* json = R"({"MediaContainer":{"size":1,"totalSize":3,"offset":1,"Metadata":[
    {"ratingKey":"101","type":"movie","title":"Heat","year":1995,"addedAt":10,"updatedAt":20,
     "thumb":"/library/metadata/101/thumb/20","Media":[{"id":1,"Part":[{"id":2,"file":"/data/movies/Heat (1995)/Heat.mkv"}]}]},
    {"ratingKey":"201","type":"show","title":"Severance","Location":[{"path":"/data/tv/Severance"}]}]}})";
  const char* xml = R"(<?xml version="1.0"?><MediaContainer size="1" totalSize="3" offset="1">
    <Video ratingKey="101" type="movie" title="Heat" year="1995" addedAt="10" updatedAt="20"
           thumb="/library/metadata/101/thumb/20"><Media id="1"><Part id="2" file="/data/movies/Heat (1995)/Heat.mkv"/></Media></Video>
    <Directory ratingKey="201" type="show" title="Severance"><Location path="/data/tv/Severance"/></Directory>
    </MediaContainer>)";
  for (const char* body : {json, xml}) {
    Result<ItemPage> page = ParseItemPage(body);
    ASSERT_TRUE(page.ok()) << page.status().message();
    EXPECT_EQ(page->total_size, 3);
    EXPECT_EQ(page->offset, 1);
    ASSERT_EQ(page->items.size(), 2u);
    EXPECT_EQ(page->items[0].rating_key, "101");
    EXPECT_EQ(page->items[0].year, 1995);
    EXPECT_EQ(page->items[0].updated_at, 20);
    EXPECT_EQ(page->items[0].files, std::vector<std::string>{"/data/movies/Heat (1995)/Heat.mkv"});
    EXPECT_EQ(page->items[1].locations, std::vector<std::string>{"/data/tv/Severance"});
  }
}

TEST(LibraryItemsTest, RejectsWhatIsNotAListing) {
  EXPECT_FALSE(ParseItemPage("<html>401</html>").ok());
  Result<ItemPage> missing = ParseItemPage(R"({"MediaContainer":{"Metadata":[{"title":"X"}]}})");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("\"X\""), std::string::npos);
  Result<ItemPage> empty = ParseItemPage(R"({"MediaContainer":{"size":0}})");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->items.empty());
  EXPECT_EQ(empty->total_size, -1);
}

}  // namespace
}  // namespace plexdriver
