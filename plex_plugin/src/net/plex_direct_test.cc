#include "net/plex_direct.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(PlexDirectTest, RecognisesTheNameShape) {
  EXPECT_TRUE(IsPlexDirectName("172-18-0-3.0123abcd.plex.direct"));
  EXPECT_TRUE(IsPlexDirectName("172-18-0-3.0123ABCD.Plex.Direct."));
  EXPECT_FALSE(IsPlexDirectName("plex.direct"));
  EXPECT_FALSE(IsPlexDirectName("abc.plex.direct"));    // no hash label
  EXPECT_FALSE(IsPlexDirectName("a.b.c.plex.direct"));  // one label too many
  EXPECT_FALSE(IsPlexDirectName("172-18-0-3.hash.plex.direct.evil.com"));
  EXPECT_FALSE(IsPlexDirectName("192.168.1.20"));
}

TEST(PlexDirectTest, DecodesTheIpv4Address) {
  EXPECT_EQ(PlexDirectAddress("172-18-0-3.0123abcd.plex.direct"), "172.18.0.3");
  EXPECT_EQ(PlexDirectAddress("127-0-0-1.hash.plex.direct."), "127.0.0.1");
  EXPECT_EQ(PlexDirectAddress("255-255-255-255.h.plex.direct"), "255.255.255.255");
}

TEST(PlexDirectTest, LeavesEverythingElseToDns) {
  EXPECT_EQ(PlexDirectAddress("example.com"), std::nullopt);
  EXPECT_EQ(PlexDirectAddress("256-0-0-1.h.plex.direct"), std::nullopt);
  EXPECT_EQ(PlexDirectAddress("1-2-3.h.plex.direct"), std::nullopt);
  EXPECT_EQ(PlexDirectAddress("1-2-3-4-5.h.plex.direct"), std::nullopt);
  EXPECT_EQ(PlexDirectAddress("1--3-4.h.plex.direct"), std::nullopt);
  EXPECT_EQ(PlexDirectAddress("01-2-3-4.h.plex.direct"), std::nullopt);
  EXPECT_EQ(PlexDirectAddress("2a02-8071-1-2--1.h.plex.direct"), std::nullopt);  // IPv6 form
  EXPECT_EQ(PlexDirectAddress("a-b-c-d.h.plex.direct"), std::nullopt);
}

}  // namespace
}  // namespace plexdriver
