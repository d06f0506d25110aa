#include "account/pin_wait.h"

#include <gtest/gtest.h>

#include <deque>
#include <mutex>

namespace plexdriver {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

// Answers GET /api/v2/pins/42 from a script, one entry per poll (the last one repeats).
class ScriptedPins final : public HttpTransport {
 public:
  void Then(int status, std::string body) {
    script_.push_back({status, std::move(body), Status()});
  }
  void ThenFail(Status failure) { script_.push_back({0, "", std::move(failure)}); }

  Result<HttpResponse> Send(const HttpRequest& request) override {
    std::lock_guard<std::mutex> lock(mutex_);
    ++polls_;
    EXPECT_EQ(request.target, "/api/v2/pins/42");
    const Step step = script_.size() > 1 ? script_.front() : script_.back();
    if (script_.size() > 1) script_.pop_front();
    if (!step.failure.ok()) return step.failure;
    HttpResponse r;
    r.status = step.status;
    r.content_type = "application/json";
    r.body = step.body;
    return r;
  }
  std::string BaseUrl() const override { return "https://plex.tv"; }
  uint64_t RequestCount() const override { return polls_; }
  int polls() const { return polls_; }

 private:
  struct Step {
    int status;
    std::string body;
    Status failure;
  };
  std::mutex mutex_;
  std::deque<Step> script_;
  int polls_ = 0;
};

constexpr const char* kWaiting = R"({"id":42,"code":"abc","expiresIn":600,"authToken":null})";
constexpr const char* kApproved =
    R"({"id":42,"code":"abc","expiresIn":590,"authToken":"the-token"})";
constexpr const char* kExpired =
    R"({"errors":[{"code":1020,"message":"Code not found or expired","status":404}]})";

// A clock that only moves when the loop sleeps.
struct FakeClock {
  std::chrono::steady_clock::time_point t{};
  std::vector<milliseconds> sleeps;
  PinWaitClock Make() {
    PinWaitClock c;
    c.now = [this] { return t; };
    c.sleep = [this](milliseconds d) {
      sleeps.push_back(d);
      t += d;
    };
    return c;
  }
};

class PinWaitTest : public ::testing::Test {
 protected:
  PinWaitOptions Options(seconds lifetime) {
    PinWaitOptions o;
    o.pin_id = 42;
    o.deadline = clock_.t + lifetime;
    return o;
  }
  ScriptedPins pins_;
  PlexTvClient client_{&pins_, "", PlexTvIdentity{}};
  FakeClock clock_;
};

TEST_F(PinWaitTest, PollsAboutOnceASecondUntilApproved) {
  pins_.Then(200, kWaiting);
  pins_.Then(200, kWaiting);
  pins_.Then(200, kWaiting);
  pins_.Then(200, kApproved);
  Result<PlexPin> pin = WaitForPin(client_, Options(seconds(600)), {}, clock_.Make());
  ASSERT_TRUE(pin.ok()) << pin.status().message();
  EXPECT_EQ(pin->auth_token, "the-token");
  EXPECT_EQ(pins_.polls(), 4);
  EXPECT_EQ(clock_.sleeps, (std::vector<milliseconds>(3, milliseconds(1000))));
}

TEST_F(PinWaitTest, StopsAtTheLifetimeWithOneLastPoll) {
  pins_.Then(200, kWaiting);
  Result<PlexPin> pin = WaitForPin(client_, Options(seconds(3)), {}, clock_.Make());
  EXPECT_EQ(pin.status().code(), PD_ERR_NOT_FOUND);
  EXPECT_NE(pin.status().message().find("expired"), std::string::npos);
  EXPECT_EQ(pins_.polls(), 4);  // t = 0, 1, 2, 3 s
  EXPECT_EQ(clock_.t - std::chrono::steady_clock::time_point{}, seconds(3));
}

TEST_F(PinWaitTest, PlexTvSayingExpiredEndsTheWaitAtOnce) {
  pins_.Then(200, kWaiting);
  pins_.Then(404, kExpired);
  Result<PlexPin> pin = WaitForPin(client_, Options(seconds(600)), {}, clock_.Make());
  EXPECT_EQ(pin.status().code(), PD_ERR_NOT_FOUND);
  EXPECT_NE(pin.status().message().find("1020"), std::string::npos);
  EXPECT_EQ(pins_.polls(), 2);
}

TEST_F(PinWaitTest, NetworkHiccupsAreRetriedOthersAreNot) {
  pins_.ThenFail(Status(PD_ERR_UNREACHABLE, "refused"));
  pins_.Then(503, "<html>busy</html>");
  pins_.Then(200, kApproved);
  Result<PlexPin> pin = WaitForPin(client_, Options(seconds(600)), {}, clock_.Make());
  ASSERT_TRUE(pin.ok()) << pin.status().message();
  EXPECT_EQ(pins_.polls(), 3);

  ScriptedPins unauthorized;
  unauthorized.Then(401, "");
  PlexTvClient client(&unauthorized, "", PlexTvIdentity{});
  FakeClock clock;
  PinWaitOptions o;
  o.pin_id = 42;
  o.deadline = clock.t + seconds(600);
  EXPECT_EQ(WaitForPin(client, o, {}, clock.Make()).status().code(), PD_ERR_UNAUTHORIZED);
  EXPECT_EQ(unauthorized.polls(), 1);
}

TEST_F(PinWaitTest, CancellationAndProgress) {
  struct Host {
    int polls_left = 3;
    std::vector<double> fractions;
  } state;
  pd_host host{};
  host.struct_size = sizeof host;
  host.ctx = &state;
  host.is_cancelled = [](void* ctx, void*) {
    return static_cast<Host*>(ctx)->polls_left-- <= 0 ? 1 : 0;
  };
  host.progress = [](void* ctx, void*, double f, const char*) {
    static_cast<Host*>(ctx)->fractions.push_back(f);
  };
  HostBridge bridge(&host, "");
  pins_.Then(200, kWaiting);
  Result<PlexPin> pin =
      WaitForPin(client_, Options(seconds(10)), Operation{&bridge, nullptr}, clock_.Make());
  EXPECT_EQ(pin.status().code(), PD_ERR_CANCELLED);
  EXPECT_EQ(pins_.polls(), 3);
  ASSERT_EQ(state.fractions.size(), 3u);
  EXPECT_DOUBLE_EQ(state.fractions[0], 0.0);
  EXPECT_DOUBLE_EQ(state.fractions[1], 0.1);
  EXPECT_DOUBLE_EQ(state.fractions[2], 0.2);
}

}  // namespace
}  // namespace plexdriver
