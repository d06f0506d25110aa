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

TEST(LibraryItemsTest, TitlesAndFilesAreUtf8WhateverTheServerSent) {
  Result<ItemPage> page = ParseItemPage(
      "{\"MediaContainer\":{\"Metadata\":[{\"ratingKey\":\"1\",\"title\":\"Am\xE9lie\","
      "\"Media\":[{\"Part\":[{\"file\":\"/m/Am\xE9lie.mkv\"}]}]}]}}");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->items[0].title, "Am\xEF\xBF\xBDlie");
  EXPECT_EQ(page->items[0].files, std::vector<std::string>{"/m/Am\xEF\xBF\xBDlie.mkv"});
}

// Found by fuzzing: a huge or non-finite number was cast to int64 (undefined behaviour).
TEST(LibraryItemsTest, NumbersOutOfRangeAreIgnored) {
  Result<ItemPage> page = ParseItemPage(
      R"({"MediaContainer":{"totalSize":1.5e90,"Metadata":[{"ratingKey":"1","updatedAt":-1e300,"addedAt":12.0}]}})");
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->total_size, -1);
  EXPECT_EQ(page->items[0].updated_at, 0);
  EXPECT_EQ(page->items[0].added_at, 12);
}

}  // namespace
}  // namespace plexdriver
