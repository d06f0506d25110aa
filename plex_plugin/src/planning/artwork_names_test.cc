#include "planning/artwork_names.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(ArtworkNamesTest, NamesPlexReadsNeedNoAdvice) {
  for (const char* name : {"poster.jpg", "Poster.JPG", "folder.jpg", "cover.png", "fanart.jpg", "art.jpg",
                           "backdrop.jpeg", "banner.jpg", "season01.jpg", "season1-fanart.jpg",
                           "season02-banner.png", "season-specials-poster.jpg",
                           "Heat (1995)-fanart.jpg", "Heat (1995)-poster.jpg", "movie.mkv", "theme.mp3",
                           "README"}) {
    EXPECT_FALSE(ArtworkNameAdvice(name).has_value()) << name;
  }
}

TEST(ArtworkNamesTest, OtherNamesGetAdviceNamingTheFix) {
  auto advice = ArtworkNameAdvice("clearart.png");
  ASSERT_TRUE(advice.has_value());
  EXPECT_NE(advice->find("\"clearart.png\""), std::string::npos);
  EXPECT_NE(advice->find("poster.jpg"), std::string::npos);
  EXPECT_TRUE(ArtworkNameAdvice("landscape.jpg").has_value());
  EXPECT_TRUE(ArtworkNameAdvice("seasonfoo.jpg").has_value());
  auto nfo = ArtworkNameAdvice("movie.nfo");
  ASSERT_TRUE(nfo.has_value());
  EXPECT_NE(nfo->find(".nfo"), std::string::npos);
}

}  // namespace
}  // namespace plexdriver

namespace plexdriver {
namespace {

TEST(ArtworkNamesTest, ArtworkImagesByExtension) {
  for (const char* name : {"poster.jpg", "Clearart.PNG", "Heat (1995).tbn", "folder.jpeg"}) {
    EXPECT_TRUE(IsArtworkImage(name)) << name;
  }
  for (const char* name : {"movie.nfo", "Heat (1995).mkv", "poster", "poster.jpg.part", "subs.srt"}) {
    EXPECT_FALSE(IsArtworkImage(name)) << name;
  }
}

}  // namespace
}  // namespace plexdriver
