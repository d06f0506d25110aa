#include "core/text.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(TextTest, LowersAsciiOnlyAndLeavesUtf8Alone) {
  EXPECT_EQ(ToLowerAscii("Poster.JPG"), "poster.jpg");
  EXPECT_EQ(ToLowerAscii("AM\xC3\x89LIE"), "am\xC3\x89lie");  // É stays É
  EXPECT_EQ(ToLowerAscii(""), "");
}

TEST(TextTest, PrefixesAndSuffixes) {
  EXPECT_TRUE(StartsWith("season01-poster", "season"));
  EXPECT_FALSE(StartsWith("sea", "season"));
  EXPECT_TRUE(EndsWith("heat-banner", "-banner"));
  EXPECT_FALSE(EndsWith("banner", "-banner"));
  EXPECT_TRUE(EndsWith("x", ""));
}

}  // namespace
}  // namespace plexdriver
