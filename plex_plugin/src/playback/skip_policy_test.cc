#include "playback/skip_policy.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

PlaybackSession Watching(const std::string& section, const std::string& key, const std::string& file) {
  PlaybackSession s;
  s.session_key = "1";
  s.section_id = section;
  s.rating_key = key;
  s.parent_rating_key = key + "-season";
  s.grandparent_rating_key = key + "-show";
  s.files = {file};
  s.user = "alice";
  s.player = "TV";
  s.title = "Heat";
  s.state = "paused";
  return s;
}

TEST(SkipPolicyTest, EachPolicyBlocksWhatItNames) {
  const std::vector<PlaybackSession> active = {Watching("1", "101", "/data/movies/Heat (1995)/Heat.mkv")};
  PlaybackTarget other_section{{"2"}, "/data/tv/Lost", false, {}};
  PlaybackTarget same_section{{"1"}, "/data/movies/Arrival (2016)", false, {}};
  PlaybackTarget same_folder{{"1"}, "/data/movies/Heat (1995)", false, {}};
  PlaybackTarget whole{{"1"}, "", true, {}};
  PlaybackTarget same_item{{"1"}, "", false, {"101"}};
  PlaybackTarget its_show{{"1"}, "", false, {"101-show"}};
  const auto blocks = [&](SkipActive p, const PlaybackTarget& t) {
    return FindBlockingSession(p, t, active, PathStyle::kPosix).has_value();
  };
  for (const auto* t : {&other_section, &same_section, &same_folder, &whole, &same_item}) {
    EXPECT_FALSE(blocks(SkipActive::kNever, *t));
    EXPECT_TRUE(blocks(SkipActive::kAny, *t));
  }
  EXPECT_FALSE(blocks(SkipActive::kSection, other_section));
  EXPECT_TRUE(blocks(SkipActive::kSection, same_section));
  EXPECT_FALSE(blocks(SkipActive::kItem, same_section));
  EXPECT_TRUE(blocks(SkipActive::kItem, same_folder));
  EXPECT_TRUE(blocks(SkipActive::kItem, whole));
  EXPECT_TRUE(blocks(SkipActive::kItem, same_item));
  EXPECT_TRUE(blocks(SkipActive::kItem, its_show));
  EXPECT_FALSE(FindBlockingSession(SkipActive::kAny, same_item, {}, PathStyle::kPosix).has_value());
}

TEST(SkipPolicyTest, FolderBoundariesAndWindowsCase) {
  const std::vector<PlaybackSession> active = {Watching("1", "101", "M:\\Movies\\Heat (1995)\\Heat.mkv")};
  PlaybackTarget prefix_only{{"1"}, "M:\\Movies\\Heat", false, {}};
  PlaybackTarget other_case{{"1"}, "m:\\movies\\heat (1995)", false, {}};
  EXPECT_FALSE(FindBlockingSession(SkipActive::kItem, prefix_only, active, PathStyle::kWindows));
  EXPECT_TRUE(FindBlockingSession(SkipActive::kItem, other_case, active, PathStyle::kWindows));
}

TEST(SkipPolicyTest, UnknownSectionBlocksUnderSection) {
  PlaybackSession bare;  // a websocket report not yet matched to a session list entry
  bare.session_key = "9";
  bare.rating_key = "5";
  bare.state = "playing";
  PlaybackTarget t{{"1"}, "/x", false, {}};
  EXPECT_TRUE(FindBlockingSession(SkipActive::kSection, t, {bare}, PathStyle::kPosix));
}

TEST(SkipPolicyTest, NamesAndDescriptions) {
  EXPECT_EQ(*ParseSkipActive("section", "skip_active"), SkipActive::kSection);
  Result<SkipActive> bad = ParseSkipActive("always", "options.skip_active");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "options.skip_active: expected one of never, any, section, item, got \"always\"");
  EXPECT_EQ(DescribeSession(Watching("1", "101", "/x")), "alice is playing \"Heat\" on TV (paused)");
}

}  // namespace
}  // namespace plexdriver
