// The notification websocket: activity, timeline and status frames, the token by query,
// refusals, and raw frames of any size.
#include "emulator_test_support.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

namespace pms_emulator {
namespace {

using Poco::JSON::Object;

TEST_F(EmulatorTest, WebsocketSendsActivityTimelineAndStatusFrames) {
  FrameCollector ws(*emu_, "/:/websockets/notifications");
  ASSERT_TRUE(WaitFor([&] { return emu_->WebsocketClients() == 1; }));
  emu_->AddFile("/data/movies/Arrival (2016)/Arrival (2016).mkv");
  Call(*emu_, "GET", "/library/sections/1/refresh?path=%2Fdata%2Fmovies%2FArrival%20%282016%29");
  ASSERT_TRUE(WaitFor([&] { return ws.Saw("\"event\":\"ended\""); }));
  const auto frames = ws.frames();
  ASSERT_FALSE(frames.empty());
  Object::Ptr first = ParseObject(frames.front())->getObject("NotificationContainer");
  EXPECT_EQ(first->getValue<std::string>("type"), "activity");
  EXPECT_EQ(first->getValue<int>("size"), 1);
  Object::Ptr n = first->getArray("ActivityNotification")->getObject(0);
  EXPECT_EQ(n->getValue<std::string>("event"), "started");
  EXPECT_EQ(n->getObject("Activity")->getObject("Context")->getValue<std::string>("librarySectionID"), "1");
  EXPECT_TRUE(ws.Saw("\"type\":\"timeline\""));
  EXPECT_TRUE(ws.Saw("\"metadataState\":\"created\""));
  // The status notification follows the activity's end.
  EXPECT_TRUE(WaitFor([&] { return ws.Saw("\"notificationName\":\"LIBRARY_UPDATE\""); }));
  // Ended comes after the library changed.
  EXPECT_TRUE(emu_->FindItemByFile("/data/movies/Arrival (2016)/Arrival (2016).mkv").has_value());
}

TEST_F(EmulatorTest, WebsocketTokenByQueryAndRefusals) {
  {
    FrameCollector ws(*emu_, std::string("/:/websockets/notifications?X-Plex-Token=") + kToken, false);
    EXPECT_TRUE(WaitFor([&] { return emu_->WebsocketClients() == 1; }));
  }
  EXPECT_THROW(FrameCollector(*emu_, "/:/websockets/notifications", false), Poco::Exception);
  emu_->SetWebsocketEnabled(false);
  EXPECT_THROW(FrameCollector(*emu_, "/:/websockets/notifications"), Poco::Exception);
  EXPECT_EQ(emu_->CountRequests("GET", "/:/websockets/notifications"), 3u);
}

TEST_F(EmulatorTest, RawNotificationFramesReachEveryClient) {
  Poco::Net::HTTPClientSession session("127.0.0.1", emu_->port());
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/:/websockets/notifications",
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("X-Plex-Token", kToken);
  Poco::Net::HTTPResponse response;
  Poco::Net::WebSocket ws(session, request, response);
  ws.setReceiveTimeout(Poco::Timespan(10, 0));
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (emu_->WebsocketClients() == 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const std::string big(2 << 20, 'x');
  emu_->SendNotificationFrame(big);
  std::vector<char> buffer(big.size() + 16);
  int flags = 0;
  const int n = ws.receiveFrame(buffer.data(), static_cast<int>(buffer.size()), flags);
  EXPECT_EQ(n, static_cast<int>(big.size()));
  EXPECT_EQ(flags & Poco::Net::WebSocket::FRAME_OP_BITMASK, Poco::Net::WebSocket::FRAME_OP_TEXT);
  ws.close();
}

}  // namespace
}  // namespace pms_emulator
