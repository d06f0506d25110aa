// Size limits against oversized input from the emulator: response bodies (announced and
// streamed), websocket messages, webhook bodies. Each is refused with a clear error, memory stays
// bounded, and the instance keeps working afterwards.
#include <chrono>
#include <functional>
#include <thread>

#include "emulator_fixture.h"

namespace itest {
namespace {

using pms_emulator::EmulatorOptions;
using pms_emulator::FaultKind;
using pms_emulator::FaultRule;
using Clock = std::chrono::steady_clock;

constexpr int64_t kResponseLimit = 64 << 20;  // PocoHttpTransport's max_body_bytes
constexpr size_t kFrameLimit = 1 << 20;       // NotificationSocket's max_frame_bytes

class LimitsTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorOptions options;
    options.admin_token = kToken;
    options.scan_start_delay_ms = 50;
    StartEmulator(options, LinuxLibraryJson());
  }
};

TEST_F(LimitsTest, ResponseBodiesOverTheLimitAreRefused) {
  auto instance = NewInstance({});
  for (bool chunked : {false, true}) {
    FaultRule huge;
    huge.kind = FaultKind::kOversizedBody;
    huge.path_prefix = "/library/sections";
    huge.body_bytes = kResponseLimit + (4 << 20);
    huge.chunked = chunked;  // announced (refused unread) or streamed (cut at the limit)
    huge.times = 1;
    emulator_->AddFault(huge);
    const CallResult r = instance->TestConnection();
    EXPECT_EQ(r.status, PD_ERR_PROTOCOL) << r.message;
    EXPECT_NE(r.message.find("byte limit"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find(std::to_string(kResponseLimit)), std::string::npos) << r.message;
    // The server did send it: the refusal is the driver's.
    bool answered = false;
    for (const auto& req : emulator_->Requests())
      answered |= req.path == "/library/sections" && req.status == 200;
    EXPECT_TRUE(answered);
    EXPECT_EQ(instance->TestConnection().status, PD_OK)
        << (chunked ? "after a streamed body" : "after an announced one");
  }
  ExpectNoToken(*instance, {});
}

// Every read returns in time, but the answer never ends: the whole exchange is limited too.
TEST_F(LimitsTest, ATrickledAnswerTimesOutAsAWhole) {
  auto instance = NewInstance({}, "\"timeout_seconds\": 1");
  FaultRule trickle;
  trickle.kind = FaultKind::kOversizedBody;
  trickle.path_prefix = "/identity";
  trickle.body_bytes = 2 << 20;  // 32 pieces, 300 ms apart: ~10 s in all
  trickle.latency_ms = 300;
  trickle.times = 1;
  emulator_->AddFault(trickle);
  const auto start = Clock::now();
  const CallResult r = instance->TestConnection();
  EXPECT_EQ(r.status, PD_ERR_TIMEOUT) << r.message;
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(4));
  EXPECT_NE(r.message.find("within 1 s"), std::string::npos) << r.message;
  EXPECT_EQ(instance->TestConnection().status, PD_OK);
}

TEST_F(LimitsTest, WebsocketMessageOverTheLimitDropsTheConnectionWhichComesBack) {
  auto instance = NewInstance({{temp_.path() + "/movies", "/data/movies"}});
  ASSERT_EQ(instance->Connect().status, PD_OK);
  ASSERT_TRUE(
      WaitUntil([&] { return LogLinesWith(*instance, "websocket notifications connected") == 1; }));
  emulator_->SendNotificationFrame(std::string(kFrameLimit + 1000, ' '));
  ASSERT_TRUE(
      WaitUntil([&] { return LogLinesWith(*instance, "over 1048576 bytes (the limit)") == 1; }));
  // It reconnects (with backoff) and scans are followed on the websocket again.
  ASSERT_TRUE(
      WaitUntil([&] { return LogLinesWith(*instance, "websocket notifications connected") == 2; }));
  temp_.WriteFile("movies/Heat (1995)/Heat (1995).mkv");
  emulator_->AddFile("/data/movies/Heat (1995)/Heat (1995).mkv");
  const CallResult r =
      instance->Sync(SyncRequest({{temp_.path() + "/movies/Heat (1995)", "added"}}));
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  EXPECT_EQ(StatusOf(result),
            "completed");
  EXPECT_EQ(result->getArray("scans")->getObject(0)->getValue<std::string>("observed_via"),
            "websocket");
}

TEST_F(LimitsTest, WebhookBodyOverTheLimitIsRefusedUnread) {
  const pms_emulator::WebhookBody hook =
      emulator_->BuildWebhook("media.play", "101", "alice", "TV");
  ASSERT_GT(hook.body.size(), 1024u);
  auto small = NewInstance({}, "\"webhook_max_bytes\": 1024");
  const CallResult refused = small->HandleWebhook(hook.content_type, hook.body);
  EXPECT_EQ(refused.status, PD_ERR_INVALID_ARGUMENT) << refused.message;
  EXPECT_NE(refused.message.find("webhook_max_bytes"), std::string::npos) << refused.message;
  EXPECT_TRUE(refused.json.empty());
  EXPECT_EQ(emulator_->CountRequests("", "/"), 0u);  // refused before anything else was done
  // The same body within the limit is a good webhook.
  auto roomy = NewInstance({});
  const CallResult accepted = roomy->HandleWebhook(hook.content_type, hook.body);
  EXPECT_EQ(accepted.status, PD_OK) << accepted.message;
}

}  // namespace
}  // namespace itest
