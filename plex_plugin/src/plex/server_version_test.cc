#include "plex/server_version.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(ServerVersionTest, ParsesPlexVersions) {
  auto v = ServerVersion::Parse("1.32.7.7621-871adbd44");
  ASSERT_TRUE(v);
  EXPECT_EQ(v->parts, (std::array<int, 4>{1, 32, 7, 7621}));
  EXPECT_TRUE(v->AtLeast(kPartialScanMinimum));
}

TEST(ServerVersionTest, PartialScanThreshold) {
  EXPECT_TRUE(ServerVersion::Parse("1.20.0.3125-abc")->AtLeast(kPartialScanMinimum));
  EXPECT_FALSE(ServerVersion::Parse("1.20.0.3124-abc")->AtLeast(kPartialScanMinimum));
  EXPECT_FALSE(ServerVersion::Parse("1.19.5.3112")->AtLeast(kPartialScanMinimum));
  EXPECT_TRUE(ServerVersion::Parse("2.0")->AtLeast(kPartialScanMinimum));
}

TEST(ServerVersionTest, RejectsGarbage) {
  EXPECT_FALSE(ServerVersion::Parse(""));
  EXPECT_FALSE(ServerVersion::Parse("abc"));
  EXPECT_FALSE(ServerVersion::Parse("7"));
}

}  // namespace
}  // namespace plexdriver
