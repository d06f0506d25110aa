// The token after sign-in: a 401 from the server marks the instance's token rejected (an event,
// the test-connection report) without taking the instance down, and the plex.tv keep-alive pings
// at most once a day per token (through the real module: once per token however many instances;
// with an injected clock: the day boundary, against the plex.tv emulator's recorded pings).
#include <fmt/format.h>

#include <thread>

#include "account/plextv_client.h"
#include "account/token_keepalive.h"
#include "account_harness.h"
#include "emulator_fixture.h"
#include "net/poco_http_transport.h"

namespace atest {
namespace {

using std::chrono::milliseconds;

std::string Config(uint16_t port, const std::string& token, const std::string& extra) {
  return fmt::format(R"({{"name":"Office","host":"127.0.0.1","port":{},"plex_token":"{}",)"
                     R"("timeout_seconds":10,"use_websocket":false{}{}}})",
                     port, token, extra.empty() ? "" : ",", extra);
}

bool EventOfType(const std::string& json, const std::string& type) {
  return json.find("\"type\":\"" + type + "\"") != std::string::npos;
}

class TokenTest : public AccountTest {};

TEST_F(TokenTest, A401MarksTheTokenRejectedAndTheInstanceKeepsWorking) {
  const std::string movies = temp_.MakeDir("movies/Existing (2000)");
  itest::DriverInstance instance(*driver_,
                                 Config(pms_->port(), kServerToken,
                                        R"("path_mappings":[{"metarr_path":")" + temp_.path() +
                                            R"(/movies","player_path":"/data/movies"}])"));
  ASSERT_TRUE(instance.ok()) << instance.create_result().message;
  ASSERT_EQ(instance.Connect().status, PD_OK);

  pms_->SetTokenRevoked(kServerToken, true);  // signed out everywhere / token expired
  const CallResult sync = instance.Sync(itest::SyncRequest({{movies, "updated"}}, 10));
  EXPECT_NE(sync.json.find("failed"), std::string::npos)
      << sync.status << " " << sync.message << " " << sync.json;
  const std::string rejected = instance.recorder().WaitForEvent(
      [](const std::string& e) { return EventOfType(e, "token.rejected"); });
  ASSERT_FALSE(rejected.empty()) << "no token.rejected event";
  Poco::JSON::Object::Ptr event = Parse(rejected);
  EXPECT_EQ(event->getValue<std::string>("source"), "http");
  EXPECT_NE(event->getValue<std::string>("reason").find("401"), std::string::npos);
  EXPECT_EQ(event->getObject("server")->getValue<std::string>("machine_identifier"), kMachineId);
  size_t answered_401 = 0;
  for (const pms_emulator::RecordedRequest& r : pms_->Requests()) answered_401 += r.status == 401;
  EXPECT_GE(answered_401, 1u);

  // test-connection says so, and what was refused.
  const CallResult report = instance.TestConnection();
  EXPECT_EQ(report.status, PD_ERR_UNAUTHORIZED);
  Poco::JSON::Object::Ptr token = Parse(report.json)->getObject("token");
  ASSERT_TRUE(token) << report.json;
  EXPECT_EQ(token->getValue<std::string>("state"), "rejected");
  EXPECT_FALSE(token->getValue<std::string>("rejected_request").empty());
  // One event per change of state, not one per 401.
  size_t rejections = 0;
  for (const std::string& e : instance.recorder().Events())
    rejections += EventOfType(e, "token.rejected");
  EXPECT_EQ(rejections, 1u);

  // The instance is still there: capabilities answer, and once the token is accepted again the
  // same instance syncs and says so.
  EXPECT_EQ(instance.Capabilities().status, PD_OK);
  pms_->SetTokenRevoked(kServerToken, false);
  const CallResult again = instance.Sync(itest::SyncRequest({{movies, "updated"}}, 10));
  EXPECT_EQ(again.status, PD_OK) << again.message;
  EXPECT_NE(again.json.find("\"status\":\"completed\""), std::string::npos) << again.json;
  EXPECT_FALSE(
      instance.recorder()
          .WaitForEvent([](const std::string& e) { return EventOfType(e, "token.accepted"); })
          .empty());
  EXPECT_EQ(
      Parse(instance.TestConnection().json)->getObject("token")->getValue<std::string>("state"),
      "accepted");
  for (const std::string& line : instance.recorder().Logs())
    EXPECT_EQ(line.find(kServerToken), std::string::npos);
}

TEST_F(TokenTest, KeepAlivePingsOncePerTokenAcrossInstances) {
  // Tokens of their own: the module's ledger lives as long as the module stays loaded.
  plextv_emulator::Account a;
  a.username = "keeper";
  a.token = "atest-keepalive-shared-token";
  plextv_->AddAccount(a);
  plextv_emulator::Account b;
  b.username = "other-keeper";
  b.token = "atest-keepalive-other-token";
  plextv_->AddAccount(b);
  const std::string keepalive =
      R"("token_keepalive":true,"plex_tv_url":")" + plextv_->base_url() + "\"";
  {
    itest::DriverInstance first(
        *driver_, Config(pms_->port(), kServerToken,
                         keepalive + R"(,"plex_account_token":"atest-keepalive-shared-token")"));
    itest::DriverInstance second(
        *driver_, Config(pms_->port(), kServerToken,
                         keepalive + R"(,"plex_account_token":"atest-keepalive-shared-token")"));
    itest::DriverInstance third(*driver_,
                                Config(pms_->port(), "atest-keepalive-other-token", keepalive));
    itest::DriverInstance off(*driver_, Config(pms_->port(), kServerToken, ""));
    for (int round = 0; round < 3; ++round) {
      EXPECT_EQ(first.Connect().status, PD_OK);
      EXPECT_EQ(second.TestConnection().status, PD_OK);
      third.Connect();  // the PMS does not know this token: the keep-alive pings all the same
      EXPECT_EQ(off.Connect().status, PD_OK);
    }
  }  // destroy waits for pings in flight
  size_t shared = 0;
  size_t other = 0;
  for (const plextv_emulator::RecordedRequest& r : plextv_->Requests()) {
    if (r.path != "/api/v2/ping") continue;
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.headers.at("x-plex-client-identifier").rfind("plexdriver-", 0), 0u);
    shared += r.token == "atest-keepalive-shared-token";
    other += r.token == "atest-keepalive-other-token";
  }
  EXPECT_EQ(shared, 1u);
  EXPECT_EQ(other, 1u);
  EXPECT_EQ(plextv_->CountRequests("", "/api/v2/ping"),
            2u);  // nothing for the instance without keep-alive
}

TEST_F(TokenTest, KeepAliveRespectsTheDayWithAnInjectedClock) {
  plexdriver::TransportOptions t;
  t.host = "127.0.0.1";
  t.port = plextv_->port();
  t.use_https = false;
  plexdriver::PocoHttpTransport transport(t);
  plexdriver::PlexTvIdentity identity;
  identity.client_identifier = "atest-clock";
  auto ping = [&](const std::string& token) {
    return plexdriver::PlexTvClient(&transport, "", identity).Ping(token);
  };
  std::mutex mutex;
  auto now = std::chrono::system_clock::time_point(std::chrono::hours(500000));
  auto clock = [&] {
    std::lock_guard<std::mutex> lock(mutex);
    return now;
  };
  auto advance = [&](std::chrono::seconds d) {
    std::lock_guard<std::mutex> lock(mutex);
    now += d;
  };
  plexdriver::KeepAliveLedger ledger;
  plexdriver::TokenKeepAlive keepalive(kAccountToken, ping, clock, &ledger, nullptr);
  auto use = [&] {
    keepalive.Touch();
    keepalive.WaitIdle();
  };
  auto pings = [&] { return plextv_->CountRequests("GET", "/api/v2/ping"); };
  use();
  use();
  EXPECT_EQ(pings(), 1u);
  advance(std::chrono::hours(23));
  use();
  EXPECT_EQ(pings(), 1u);
  advance(std::chrono::hours(1));
  use();
  EXPECT_EQ(pings(), 2u);
  // plex.tv refuses (token revoked): retried on a later use, not before an hour has passed.
  plextv_->SetTokenRevoked(kAccountToken, true);
  advance(std::chrono::hours(24));
  use();
  advance(std::chrono::minutes(30));
  use();
  EXPECT_EQ(pings(), 3u);
  plextv_->SetTokenRevoked(kAccountToken, false);
  advance(std::chrono::minutes(30));
  use();
  EXPECT_EQ(pings(), 4u);
  const plextv_emulator::RecordedRequest last = plextv_->Requests().back();
  EXPECT_EQ(last.token, kAccountToken);
  EXPECT_EQ(last.status, 200);
  EXPECT_EQ(last.headers.at("x-plex-client-identifier"), "atest-clock");
}

}  // namespace
}  // namespace atest
