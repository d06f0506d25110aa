// NFO files as Kodi and media managers write them, and the hostile or broken ones a driver must
// refuse without reading them half.
#include "metadata/nfo.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

constexpr const char* kMovie = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- written by Metarr -->
<movie>
  <title>Heat</title>
  <originaltitle>Heat (original)</originaltitle>
  <sorttitle>Heat 1995</sorttitle>
  <year>1995</year>
  <premiered>1995-12-15</premiered>
  <plot>A group of &amp; professional bank robbers...</plot>
  <outline>Cops and robbers.</outline>
  <tagline>A Los Angeles crime saga</tagline>
  <mpaa>Rated R</mpaa>
  <studio>Warner Bros.</studio>
  <genre>Action</genre>
  <genre>Crime / Drama</genre>
  <director>Michael Mann</director>
  <credits>Michael Mann</credits>
  <set><name>Mann Collection</name><overview/></set>
  <tag>heist</tag>
  <uniqueid type="imdb" default="true">tt0113277</uniqueid>
  <uniqueid type="TMDB">949</uniqueid>
  <ratings><rating name="imdb" max="10" default="true"><value>8.3</value><votes>700000</votes></rating></ratings>
  <actor><name>Al Pacino</name><role>Vincent Hanna</role><order>0</order><thumb>https://img/pacino.jpg</thumb></actor>
  <actor><name>Robert De Niro</name><role>Neil McCauley</role><order>1</order></actor>
</movie>
https://www.themoviedb.org/movie/949
)";

TEST(NfoTest, ReadsAKodiMovie) {
  Result<NfoDocument> doc = ParseNfo(kMovie, "/m/Heat/movie.nfo");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->kind, NfoKind::kMovie);
  EXPECT_EQ(doc->title, "Heat");
  EXPECT_EQ(doc->original_title, "Heat (original)");
  EXPECT_EQ(doc->sort_title, "Heat 1995");
  EXPECT_EQ(doc->year, 1995);
  EXPECT_EQ(doc->premiered, "1995-12-15");
  EXPECT_EQ(doc->plot, "A group of & professional bank robbers...");
  EXPECT_EQ(doc->tagline, "A Los Angeles crime saga");
  EXPECT_EQ(doc->mpaa, "Rated R");
  EXPECT_EQ(doc->studios, std::vector<std::string>{"Warner Bros."});
  EXPECT_EQ(doc->genres, (std::vector<std::string>{"Action", "Crime", "Drama"}));
  EXPECT_EQ(doc->collections, std::vector<std::string>{"Mann Collection"});
  EXPECT_EQ(doc->writers, std::vector<std::string>{"Michael Mann"});
  ASSERT_EQ(doc->actors.size(), 2u);
  EXPECT_EQ(doc->actors[0].role, "Vincent Hanna");
  EXPECT_EQ(doc->actors[0].thumb, "https://img/pacino.jpg");
  EXPECT_EQ(doc->actors[1].order, 1);
  EXPECT_EQ(doc->UniqueId("imdb"), "tt0113277");
  EXPECT_EQ(doc->UniqueId("tmdb"), "949");
  EXPECT_EQ(doc->DefaultId()->type, "imdb");
  ASSERT_EQ(doc->ratings.size(), 1u);
  EXPECT_DOUBLE_EQ(doc->ratings[0].value, 8.3);
  EXPECT_EQ(doc->ratings[0].votes, 700000);
  // The scraper URL after the document is noted, not an error.
  ASSERT_EQ(doc->problems.size(), 1u);
  EXPECT_NE(doc->problems[0].find("text after </movie> was ignored"), std::string::npos);
}

TEST(NfoTest, ReadsShowsEpisodesAndLegacyIds) {
  Result<NfoDocument> show = ParseNfo("<tvshow><title>Severance</title><id>371980</id><set>Apple</set></tvshow>", "t");
  ASSERT_TRUE(show.ok());
  EXPECT_EQ(show->kind, NfoKind::kShow);
  EXPECT_EQ(show->UniqueId("tvdb"), "371980");
  EXPECT_EQ(show->collections, std::vector<std::string>{"Apple"});
  Result<NfoDocument> episode = ParseNfo(
      "\xEF\xBB\xBF<episodedetails><title>Good News About Hell</title><season>1</season><episode>1</episode>"
      "<aired>2022-02-18</aired></episodedetails>", "e");
  ASSERT_TRUE(episode.ok()) << episode.status().message();
  EXPECT_EQ(episode->season, 1);
  EXPECT_EQ(episode->episode, 1);
  EXPECT_EQ(episode->premiered, "2022-02-18");
  EXPECT_EQ(episode->year, 2022);  // from the date
  EXPECT_TRUE(episode->problems.empty());
}

TEST(NfoTest, OddValuesAreNotedAndTheRestIsKept) {
  Result<NfoDocument> doc = ParseNfo(
      "<movie><year>nineteen</year><premiered>15/12/1995</premiered>"
      "<uniqueid type=\"imdb\" default=\"true\">tt1</uniqueid><uniqueid type=\"imdb\">tt2</uniqueid>"
      "<uniqueid type=\"tmdb\" default=\"true\">9</uniqueid></movie>", "m");
  ASSERT_TRUE(doc.ok());
  EXPECT_FALSE(doc->year);
  EXPECT_EQ(doc->premiered, "");
  EXPECT_EQ(doc->UniqueId("imdb"), "tt1");
  std::string all;
  for (const std::string& p : doc->problems) all += p + "\n";
  EXPECT_NE(all.find("no <title>"), std::string::npos);
  EXPECT_NE(all.find("<year> \"nineteen\" is not a year"), std::string::npos);
  EXPECT_NE(all.find("not a date"), std::string::npos);
  EXPECT_NE(all.find("two imdb ids (\"tt1\" and \"tt2\")"), std::string::npos);
  EXPECT_NE(all.find("2 unique ids are marked default"), std::string::npos);
}

struct Refusal {
  std::string text;
  std::string expected;
};

class NfoRefusalTest : public ::testing::TestWithParam<Refusal> {};

TEST_P(NfoRefusalTest, IsRefusedNamingTheFileAndTheFix) {
  Result<NfoDocument> doc = ParseNfo(GetParam().text, "/m/X/movie.nfo");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), PD_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(doc.status().message().rfind("/m/X/movie.nfo: ", 0), 0u) << doc.status().message();
  EXPECT_NE(doc.status().message().find(GetParam().expected), std::string::npos) << doc.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, NfoRefusalTest,
    ::testing::Values(
        Refusal{"<movie><title>Heat</title>", "not well-formed XML"},
        Refusal{"<movie><title>Heat</titel></movie>", "not well-formed XML"},
        Refusal{std::string("\xFF\xFE<\0m\0", 6), "UTF-16"},
        Refusal{"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><movie><title>Caf\xE9</title></movie>",
                "declares encoding \"iso-8859-1\""},
        Refusal{"<movie><title>Caf\xE9</title></movie>", "not valid UTF-8 at byte 17"},
        Refusal{"<?xml version=\"1.0\"?><!DOCTYPE movie [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                "<movie><title>&xxe;</title></movie>", "DOCTYPE or entity declaration"},
        Refusal{"<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
                "<movie><title>&lol2;</title></movie>", "expands no entity"},
        Refusal{"<movie><title>&undefined;</title></movie>", "not well-formed XML"},
        Refusal{"<musicvideo><title>X</title></musicvideo>", "the root element is <musicvideo>"},
        Refusal{"just some text", "holds no XML element"},
        Refusal{std::string(kMaxNfoBytes + 1, ' '), "more than the"}));

}  // namespace
}  // namespace plexdriver
