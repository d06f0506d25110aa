// Scripted playback: /status/sessions, playing frames on the websocket, periodic reports,
// abandoned and lingering sessions.
#include "emulator_test_support.h"

namespace pms_emulator {
namespace {

using Poco::JSON::Object;

TEST_F(EmulatorTest, PlaybackSessionsAndPlayingFrames) {
  FrameCollector ws(*emu_, "/:/websockets/notifications");
  ASSERT_TRUE(WaitFor([&] { return emu_->WebsocketClients() == 1; }));
  EXPECT_EQ(Container(Call(*emu_, "GET", "/status/sessions", true))->getValue<int>("size"), 0);
  const std::string key = emu_->StartPlayback("101", "alice", "Living Room TV");
  Object::Ptr mc = Container(Call(*emu_, "GET", "/status/sessions", true));
  ASSERT_EQ(mc->getValue<int>("size"), 1);
  Object::Ptr s = mc->getArray("Metadata")->getObject(0);
  EXPECT_EQ(s->getValue<std::string>("sessionKey"), key);
  EXPECT_EQ(s->getValue<std::string>("ratingKey"), "101");
  EXPECT_TRUE(s->get("librarySectionID").isString());  // a string in sessions
  EXPECT_EQ(s->getObject("User")->getValue<std::string>("title"), "alice");
  EXPECT_EQ(s->getObject("Player")->getValue<std::string>("state"), "playing");
  EXPECT_EQ(s->getObject("Player")->getValue<std::string>("title"), "Living Room TV");
  // One client id everywhere: Player.machineIdentifier here, clientIdentifier on the websocket.
  const std::string player_id = s->getObject("Player")->getValue<std::string>("machineIdentifier");
  EXPECT_EQ(player_id, emu_->Sessions().at(0).player_id);
  ASSERT_TRUE(WaitFor([&] { return ws.Saw("\"clientIdentifier\":\"" + player_id + "\""); }));
  EXPECT_TRUE(emu_->PausePlayback(key));
  EXPECT_FALSE(emu_->PausePlayback(key));  // already paused
  EXPECT_EQ(Container(Call(*emu_, "GET", "/status/sessions", true))->getArray("Metadata")->getObject(0)
                ->getObject("Player")->getValue<std::string>("state"), "paused");
  EXPECT_TRUE(emu_->ResumePlayback(key));
  EXPECT_TRUE(emu_->StopPlayback(key));
  EXPECT_FALSE(emu_->StopPlayback(key));
  EXPECT_FALSE(emu_->ResumePlayback(key));
  EXPECT_EQ(Container(Call(*emu_, "GET", "/status/sessions", true))->getValue<int>("size"), 0);
  ASSERT_TRUE(WaitFor([&] { return ws.Saw("\"state\":\"stopped\""); }));
  EXPECT_TRUE(ws.Saw("\"type\":\"playing\""));
  EXPECT_TRUE(ws.Saw("\"state\":\"paused\""));
  EXPECT_TRUE(ws.Saw("PlaySessionStateNotification"));
}

// Playing clients keep reporting (PMS relays each report), paused ones too; the position moves
// only while playing.
TEST_F(EmulatorTest, LiveSessionsReportPeriodically) {
  emu_->SetPlaybackReportMs(50);
  FrameCollector ws(*emu_, "/:/websockets/notifications");
  ASSERT_TRUE(WaitFor([&] { return emu_->WebsocketClients() == 1; }));
  const std::string key = emu_->StartPlayback("203", "bob", "Bedroom");
  auto reports = [&](const std::string& state) {
    size_t n = 0;
    for (const std::string& f : ws.frames()) {
      if (f.find("\"sessionKey\":\"" + key + "\"") != std::string::npos &&
          f.find("\"state\":\"" + state + "\"") != std::string::npos) {
        ++n;
      }
    }
    return n;
  };
  ASSERT_TRUE(WaitFor([&] { return reports("playing") >= 4; }));
  const int64_t offset = emu_->Sessions().at(0).view_offset_ms;
  EXPECT_GT(offset, 0);
  ASSERT_TRUE(emu_->PausePlayback(key));
  const int64_t paused_at = emu_->Sessions().at(0).view_offset_ms;
  ASSERT_TRUE(WaitFor([&] { return reports("paused") >= 3; }));
  EXPECT_EQ(emu_->Sessions().at(0).view_offset_ms, paused_at);
  // An episode's session names its show and season as Plex does.
  Object::Ptr s = Container(Call(*emu_, "GET", "/status/sessions", true))->getArray("Metadata")->getObject(0);
  EXPECT_EQ(s->getValue<std::string>("type"), "episode");
  EXPECT_EQ(s->getValue<std::string>("grandparentTitle"), "Severance");
  EXPECT_EQ(s->getValue<std::string>("librarySectionID"), "2");
}

// A client that vanished stays listed (PMS keeps such sessions ~30 minutes) but sends nothing.
TEST_F(EmulatorTest, AbandonedSessionsLingerSilently) {
  emu_->SetPlaybackReportMs(40);
  FrameCollector ws(*emu_, "/:/websockets/notifications");
  ASSERT_TRUE(WaitFor([&] { return emu_->WebsocketClients() == 1; }));
  const std::string key = emu_->StartPlayback("101", "carol", "Phone");
  ASSERT_TRUE(WaitFor([&] { return ws.Saw("\"sessionKey\":\"" + key + "\""); }));
  ASSERT_TRUE(emu_->AbandonPlayback(key));
  EXPECT_FALSE(emu_->PausePlayback(key));  // nobody is there to pause
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // a report in flight lands
  const size_t frames = ws.frames().size();
  std::this_thread::sleep_for(std::chrono::milliseconds(400));  // ten report periods
  EXPECT_EQ(ws.frames().size(), frames);
  Object::Ptr mc = Container(Call(*emu_, "GET", "/status/sessions", true));
  ASSERT_EQ(mc->getValue<int>("size"), 1);
  EXPECT_EQ(mc->getArray("Metadata")->getObject(0)->getObject("Player")->getValue<std::string>("state"), "playing");
}

// With a linger time, a stopped session stays in /status/sessions with its last state: only the
// websocket's "stopped" says it ended.
TEST_F(EmulatorTest, StoppedSessionsCanLingerInTheList) {
  EmulatorOptions o;
  o.stopped_session_linger_ms = 400;
  Start(o);
  FrameCollector ws(*emu_, "/:/websockets/notifications");
  ASSERT_TRUE(WaitFor([&] { return emu_->WebsocketClients() == 1; }));
  const std::string key = emu_->StartPlayback("102", "dave", "TV");
  ASSERT_TRUE(emu_->StopPlayback(key));
  ASSERT_TRUE(WaitFor([&] { return ws.Saw("\"state\":\"stopped\""); }));
  Object::Ptr mc = Container(Call(*emu_, "GET", "/status/sessions", true));
  ASSERT_EQ(mc->getValue<int>("size"), 1);
  EXPECT_EQ(mc->getArray("Metadata")->getObject(0)->getObject("Player")->getValue<std::string>("state"), "playing");
  EXPECT_TRUE(WaitFor([&] {
    return Container(Call(*emu_, "GET", "/status/sessions", true))->getValue<int>("size") == 0;
  }));
}

}  // namespace
}  // namespace pms_emulator
