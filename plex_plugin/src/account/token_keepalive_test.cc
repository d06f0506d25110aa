#include "account/token_keepalive.h"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>

namespace plexdriver {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

// Counts pings per token; the clock only moves when the test says so.
struct World {
  KeepAliveLedger::TimePoint now{std::chrono::hours(1000)};
  std::mutex mutex;
  std::map<std::string, int> pings;
  bool fail = false;

  TokenKeepAlive::Clock Clock() {
    return [this] {
      std::lock_guard<std::mutex> lock(mutex);
      return now;
    };
  }
  TokenKeepAlive::Ping Ping() {
    return [this](const std::string& token) {
      std::lock_guard<std::mutex> lock(mutex);
      ++pings[token];
      return fail ? Status(PD_ERR_UNREACHABLE, "plex.tv is down") : Status::Ok();
    };
  }
  void Advance(std::chrono::seconds d) {
    std::lock_guard<std::mutex> lock(mutex);
    now += d;
  }
  int Pings(const std::string& token) {
    std::lock_guard<std::mutex> lock(mutex);
    return pings[token];
  }
};

TEST(TokenKeepAliveTest, AtMostOncePerDayPerToken) {
  World w;
  KeepAliveLedger ledger;
  TokenKeepAlive a("token-a", w.Ping(), w.Clock(), &ledger, nullptr);
  for (int i = 0; i < 5; ++i) {
    a.Touch();
    a.WaitIdle();
  }
  EXPECT_EQ(w.Pings("token-a"), 1);
  w.Advance(hours(23) + minutes(59));
  a.Touch();
  a.WaitIdle();
  EXPECT_EQ(w.Pings("token-a"), 1);
  w.Advance(minutes(1));
  a.Touch();
  a.WaitIdle();
  EXPECT_EQ(w.Pings("token-a"), 2);
  EXPECT_EQ(a.attempts(), 2);
}

TEST(TokenKeepAliveTest, InstancesSharingATokenShareTheDay) {
  World w;
  KeepAliveLedger ledger;
  TokenKeepAlive a("shared", w.Ping(), w.Clock(), &ledger, nullptr);
  TokenKeepAlive b("shared", w.Ping(), w.Clock(), &ledger, nullptr);
  TokenKeepAlive c("other", w.Ping(), w.Clock(), &ledger, nullptr);
  a.Touch();
  b.Touch();
  c.Touch();
  a.WaitIdle();
  b.WaitIdle();
  c.WaitIdle();
  EXPECT_EQ(w.Pings("shared"), 1);
  EXPECT_EQ(w.Pings("other"), 1);
}

TEST(TokenKeepAliveTest, FailedPingsAreRetriedHourly) {
  World w;
  w.fail = true;
  KeepAliveLedger ledger;
  std::vector<std::string> logs;
  pd_host host{};
  host.struct_size = sizeof host;
  host.ctx = &logs;
  host.log = [](void* ctx, pd_log_level, const char* m) {
    static_cast<std::vector<std::string>*>(ctx)->push_back(m);
  };
  HostBridge bridge(&host, "token-f");
  TokenKeepAlive k("token-f", w.Ping(), w.Clock(), &ledger, &bridge);
  k.Touch();
  k.WaitIdle();
  w.Advance(minutes(59));
  k.Touch();
  k.WaitIdle();
  EXPECT_EQ(w.Pings("token-f"), 1);
  w.Advance(minutes(1));
  w.fail = false;
  k.Touch();
  k.WaitIdle();
  EXPECT_EQ(w.Pings("token-f"), 2);
  w.Advance(hours(1));
  k.Touch();
  k.WaitIdle();
  EXPECT_EQ(w.Pings("token-f"), 2);  // succeeded: the next one is due a day later
  ASSERT_FALSE(logs.empty());
  EXPECT_NE(logs[0].find("plex.tv is down"), std::string::npos);
  for (const std::string& l : logs) EXPECT_EQ(l.find("token-f"), std::string::npos) << l;
}

}  // namespace
}  // namespace plexdriver
