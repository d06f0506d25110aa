#include "playback/playback_tracker.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::seconds;

PlaybackSession Listed(const std::string& key, const std::string& state, int64_t offset = 0) {
  PlaybackSession s;
  s.session_key = key;
  s.rating_key = "101";
  s.section_id = "1";
  s.user = "alice";
  s.player = "TV";
  s.player_id = "tv-" + key;
  s.title = "Heat";
  s.state = state;
  s.view_offset_ms = offset;
  return s;
}

PlayingEvent Report(const std::string& key, const std::string& state, int64_t offset = 0) {
  PlayingEvent e;
  e.session_key = key;
  e.rating_key = "101";
  e.client_identifier = "tv-" + key;
  e.state = state;
  e.view_offset = offset;
  return e;
}

std::vector<PlaybackChange> Changes(const std::vector<PlaybackTransition>& t) {
  std::vector<PlaybackChange> out;
  for (const auto& x : t) out.push_back(x.change);
  return out;
}

TEST(PlaybackTrackerTest, WebsocketReportsMakeTransitions) {
  PlaybackTracker tracker;
  const auto t0 = Clock::now();
  EXPECT_EQ(Changes(tracker.OnPlaying(Report("7", "playing"), t0)), std::vector{PlaybackChange::kStarted});
  EXPECT_TRUE(tracker.NeedsDetails());
  EXPECT_TRUE(Changes(tracker.OnPlaying(Report("7", "playing", 10000), t0)).empty());  // progress
  EXPECT_EQ(Changes(tracker.OnPlaying(Report("7", "paused"), t0)), std::vector{PlaybackChange::kPaused});
  EXPECT_EQ(Changes(tracker.OnPlaying(Report("7", "buffering"), t0)), std::vector{PlaybackChange::kResumed});
  EXPECT_EQ(Changes(tracker.OnPlaying(Report("7", "stopped"), t0)), std::vector{PlaybackChange::kStopped});
  EXPECT_TRUE(tracker.All().empty());
}

TEST(PlaybackTrackerTest, ListFillsDetailsWithoutASecondStart) {
  PlaybackTracker tracker;
  const auto t0 = Clock::now();
  tracker.OnPlaying(Report("7", "playing"), t0);
  EXPECT_TRUE(tracker.OnSessionList({Listed("7", "playing")}, t0).empty());
  EXPECT_FALSE(tracker.NeedsDetails());
  EXPECT_EQ(tracker.Find("7")->user, "alice");
}

TEST(PlaybackTrackerTest, StoppedOnTheWebsocketStaysStoppedThoughTheListLingers) {
  PlaybackTracker tracker;
  const auto t0 = Clock::now();
  tracker.OnSessionList({Listed("7", "playing")}, t0);
  tracker.OnPlaying(Report("7", "stopped"), t0);
  // The client vanished; PMS keeps listing the session for a while.
  EXPECT_TRUE(tracker.OnSessionList({Listed("7", "playing")}, t0 + seconds(1)).empty());
  EXPECT_TRUE(tracker.Active(t0 + seconds(1), {}).empty());
}

TEST(PlaybackTrackerTest, SessionsMissingFromTheListHaveStopped) {
  PlaybackTracker tracker;
  const auto t0 = Clock::now();
  EXPECT_EQ(Changes(tracker.OnSessionList({Listed("1", "playing"), Listed("2", "paused")}, t0)),
            (std::vector{PlaybackChange::kStarted, PlaybackChange::kStarted}));
  auto t = tracker.OnSessionList({Listed("2", "playing")}, t0);
  EXPECT_EQ(Changes(t), (std::vector{PlaybackChange::kResumed, PlaybackChange::kStopped}));
  EXPECT_EQ(t[1].session.session_key, "1");
}

TEST(PlaybackTrackerTest, PausedCountsUnlessConfigured) {
  PlaybackTracker tracker;
  const auto t0 = Clock::now();
  tracker.OnSessionList({Listed("1", "paused")}, t0);
  ActivityRules rules;
  EXPECT_EQ(tracker.Active(t0, rules).size(), 1u);
  rules.paused_is_active = false;
  EXPECT_TRUE(tracker.Active(t0, rules).empty());
}

TEST(PlaybackTrackerTest, ASessionWithoutSignsOfLifeGoesStale) {
  PlaybackTracker tracker;
  ActivityRules rules;
  rules.stale_after = seconds(60);
  const auto t0 = Clock::now();
  tracker.OnSessionList({Listed("1", "playing", 1000)}, t0);
  // Listed again, unmoved: no sign of life.
  tracker.OnSessionList({Listed("1", "playing", 1000)}, t0 + seconds(50));
  EXPECT_EQ(tracker.Active(t0 + seconds(59), rules).size(), 1u);
  EXPECT_TRUE(tracker.Active(t0 + seconds(61), rules).empty());
  // Its position moved: alive again.
  tracker.OnSessionList({Listed("1", "playing", 9000)}, t0 + seconds(70));
  EXPECT_EQ(tracker.Active(t0 + seconds(100), rules).size(), 1u);
  // A websocket report (even a paused one) is a sign of life too.
  tracker.OnPlaying(Report("1", "paused", 9000), t0 + seconds(125));
  EXPECT_EQ(tracker.Active(t0 + seconds(180), rules).size(), 1u);
  EXPECT_TRUE(tracker.Active(t0 + seconds(190), rules).empty());
}

TEST(PlaybackTrackerTest, WebhooksAreMatchedByPlayer) {
  PlaybackTracker tracker;
  const auto t0 = Clock::now();
  PlaybackSession hook = Listed("", "playing");
  hook.player_id = "tv-7";
  EXPECT_EQ(Changes(tracker.OnWebhook(hook, t0)), std::vector{PlaybackChange::kStarted});
  // The websocket then reports the same player with its session key: no second start.
  EXPECT_TRUE(tracker.OnPlaying(Report("7", "playing"), t0).empty());
  ASSERT_EQ(tracker.All().size(), 1u);
  EXPECT_EQ(tracker.All()[0].session_key, "7");
  EXPECT_EQ(tracker.All()[0].user, "alice");  // kept from the webhook
  hook.state = "paused";
  EXPECT_EQ(Changes(tracker.OnWebhook(hook, t0)), std::vector{PlaybackChange::kPaused});
  hook.state = "stopped";
  EXPECT_EQ(Changes(tracker.OnWebhook(hook, t0)), std::vector{PlaybackChange::kStopped});
  EXPECT_TRUE(tracker.OnSessionList({Listed("7", "paused")}, t0).empty());  // lingering: ignored
  EXPECT_TRUE(tracker.Active(t0, {}).empty());
}

}  // namespace
}  // namespace plexdriver
