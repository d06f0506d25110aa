#include "plex/item_details.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(ItemDetailsTest, ReadsFieldsTagsAndLocksFromXmlAndJson) {
  const char* xml = R"(<MediaContainer size="1" librarySectionID="1">
    <Video ratingKey="100" type="movie" title="Heat" titleSort="Heat 1995" summary="Robbers." year="1995"
           studio="Warner" thumb="/library/metadata/100/thumb/17" art="/library/metadata/100/art/17" updatedAt="17">
      <Genre tag="Action"/><Genre tag="Crime"/><Collection tag="Mann"/>
      <Field locked="1" name="title"/><Field locked="1" name="thumb"/>
    </Video></MediaContainer>)";
  const char* json = R"({"MediaContainer":{"size":1,"Metadata":[{"ratingKey":"100","type":"movie","title":"Heat",
    "titleSort":"Heat 1995","summary":"Robbers.","year":1995,"studio":"Warner","librarySectionID":1,
    "thumb":"/library/metadata/100/thumb/17","art":"/library/metadata/100/art/17","updatedAt":17,
    "Genre":[{"tag":"Action"},{"tag":"Crime"}],"Collection":[{"tag":"Mann"}],
    "Field":[{"locked":true,"name":"title"},{"locked":true,"name":"thumb"}]}]}})";
  for (const char* body : {xml, json}) {
    Result<ItemDetails> d = ParseItemDetails(body, "100");
    ASSERT_TRUE(d.ok()) << d.status().message();
    EXPECT_EQ(d->Field("title"), "Heat");
    EXPECT_EQ(d->Field("titleSort"), "Heat 1995");
    EXPECT_EQ(d->Field("year"), "1995");
    EXPECT_EQ(d->Field("tagline"), "");
    EXPECT_EQ(d->section_id, "1");
    EXPECT_EQ(d->Tags("genre"), (std::vector<std::string>{"Action", "Crime"}));
    EXPECT_EQ(d->Tags("collection"), std::vector<std::string>{"Mann"});
    EXPECT_EQ(d->locked, (std::set<std::string>{"thumb", "title"}));
    EXPECT_EQ(d->thumb, "/library/metadata/100/thumb/17");
    EXPECT_EQ(d->updated_at, 17);
  }
  EXPECT_EQ(ParseItemDetails(json, "101").status().code(), PD_ERR_NOT_FOUND);
}

TEST(ItemDetailsTest, ReadsImageCandidates) {
  const char* xml = R"(<MediaContainer size="2">
    <Photo key="/library/metadata/100/file?url=upload%3A%2F%2Fposters%2Fabc" ratingKey="upload://posters/abc" selected="1" thumb="/t"/>
    <Photo key="https://m/p.jpg" ratingKey="metadata://posters/tv.plex.agents.movie_1" selected="0" provider="tv.plex.agents.movie"/>
  </MediaContainer>)";
  Result<std::vector<ImageCandidate>> c = ParseImageCandidates(xml);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->size(), 2u);
  EXPECT_EQ((*c)[0].rating_key, "upload://posters/abc");
  EXPECT_TRUE((*c)[0].selected);
  EXPECT_EQ((*c)[1].provider, "tv.plex.agents.movie");
  EXPECT_FALSE((*c)[1].selected);
}

}  // namespace
}  // namespace plexdriver
