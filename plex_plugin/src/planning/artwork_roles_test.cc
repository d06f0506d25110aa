#include "planning/artwork_roles.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

ArtworkRole Role(ArtworkElement e, std::optional<int> season = std::nullopt, bool video = false) {
  ArtworkRole r;
  r.element = e;
  r.season = season;
  r.needs_video_name = video;
  return r;
}

TEST(ArtworkRolesTest, PlexsLocalAssetNamesMapToTheirElements) {
  EXPECT_EQ(ArtworkRoleOf("poster.jpg"), Role(ArtworkElement::kPoster));
  EXPECT_EQ(ArtworkRoleOf("Folder.JPG"), Role(ArtworkElement::kPoster));
  EXPECT_EQ(ArtworkRoleOf("fanart.png"), Role(ArtworkElement::kBackground));
  EXPECT_EQ(ArtworkRoleOf("Heat (1995)-fanart.jpg"), Role(ArtworkElement::kBackground));
  EXPECT_EQ(ArtworkRoleOf("banner.jpg"), Role(ArtworkElement::kBanner));
  EXPECT_EQ(ArtworkRoleOf("Show - S01E01-thumb.jpg"), Role(ArtworkElement::kPoster));
  EXPECT_EQ(ArtworkRoleOf("Heat (1995)-poster.jpeg"), Role(ArtworkElement::kPoster));
}

TEST(ArtworkRolesTest, SeasonArtworkNamesItsSeason) {
  EXPECT_EQ(ArtworkRoleOf("season02-poster.jpg"), Role(ArtworkElement::kPoster, 2));
  EXPECT_EQ(ArtworkRoleOf("season1.jpg"), Role(ArtworkElement::kPoster, 1));
  EXPECT_EQ(ArtworkRoleOf("season-specials-poster.jpg"), Role(ArtworkElement::kPoster, 0));
  EXPECT_EQ(ArtworkRoleOf("season03-fanart.jpg"), Role(ArtworkElement::kBackground, 3));
  EXPECT_EQ(ArtworkRoleOf("season03-banner.jpg"), Role(ArtworkElement::kBanner, 3));
  EXPECT_FALSE(ArtworkRoleOf("season03-clearart.png"));
}

TEST(ArtworkRolesTest, OtherNamesNeedTheVideosNameOrAreNotPushed) {
  EXPECT_EQ(ArtworkRoleOf("Heat (1995).jpg"), Role(ArtworkElement::kPoster, std::nullopt, true));
  EXPECT_FALSE(ArtworkRoleOf("clearlogo.png"));
  EXPECT_FALSE(ArtworkRoleOf("disc.png"));
  EXPECT_FALSE(ArtworkRoleOf("movie.nfo"));
  EXPECT_FALSE(ArtworkRoleOf("Heat.mkv"));
  EXPECT_EQ(DescribeRole(Role(ArtworkElement::kPoster, 2)), "season 2 poster");
  EXPECT_EQ(DescribeRole(Role(ArtworkElement::kBanner)), "banner");
  EXPECT_STREQ(ElementListing(ArtworkElement::kBackground), "arts");
  EXPECT_STREQ(ElementSelection(ArtworkElement::kBackground), "art");
  EXPECT_STREQ(ElementField(ArtworkElement::kPoster), "thumb");
}

}  // namespace
}  // namespace plexdriver
