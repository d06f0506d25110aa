#include "account/plextv_client.h"

#include <gtest/gtest.h>

#include "net/fake_transport.h"

namespace plexdriver {
namespace {

constexpr const char* kToken = "tok-3f9a-secret";

HttpResponse Json(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

std::string HeaderOf(const HttpRequest& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

class PlexTvClientTest : public ::testing::Test {
 protected:
  PlexTvClient MakeClient(const std::string& base_path = "") {
    PlexTvIdentity id;
    id.client_identifier = "client-1";
    id.product = "Metarr";
    id.version = "1.0";
    return PlexTvClient(&transport_, base_path, id);
  }
  FakeTransport transport_;
};

TEST_F(PlexTvClientTest, CreatePinAsksForAStrongPinWithTheClientIdentity) {
  transport_.On("POST", "/api/v2/pins",
                Json(201, R"({"id":42,"code":"abcdef","expiresIn":900,"authToken":null})"));
  PlexTvClient client = MakeClient();
  Result<PlexPin> pin = client.CreatePin();
  ASSERT_TRUE(pin.ok()) << pin.status().message();
  EXPECT_EQ(pin->id, 42);
  const std::vector<HttpRequest> sent = transport_.requests();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].target, "/api/v2/pins?strong=true");
  EXPECT_EQ(HeaderOf(sent[0], "Accept"), "application/json");
  EXPECT_EQ(HeaderOf(sent[0], "X-Plex-Client-Identifier"), "client-1");
  EXPECT_EQ(HeaderOf(sent[0], "X-Plex-Product"), "Metarr");
  EXPECT_EQ(HeaderOf(sent[0], "X-Plex-Token"), "");  // no token needed to start a sign-in
}

TEST_F(PlexTvClientTest, BasePathPrefixesEveryRequest) {
  transport_.On("GET", "/proxy/api/v2/pins/42",
                Json(200, R"({"id":42,"code":"c","authToken":"t"})"));
  PlexTvClient client = MakeClient("/proxy");
  Result<PlexPin> pin = client.GetPin(42);
  ASSERT_TRUE(pin.ok()) << pin.status().message();
  EXPECT_EQ(pin->auth_token, "t");
}

TEST_F(PlexTvClientTest, ExpiredPinIsNotFoundAndSaysStartAgain) {
  transport_.On(
      "GET", "/api/v2/pins/42",
      Json(404,
           R"({"errors":[{"code":1020,"message":"Code not found or expired","status":404}]})"));
  PlexTvClient client = MakeClient();
  Result<PlexPin> pin = client.GetPin(42);
  EXPECT_EQ(pin.status().code(), PD_ERR_NOT_FOUND);
  EXPECT_EQ(pin.status().detail(), 404);
  EXPECT_NE(pin.status().message().find("expired"), std::string::npos);
  EXPECT_NE(pin.status().message().find("1020"), std::string::npos);
}

TEST_F(PlexTvClientTest, UserWithABadTokenIsUnauthorizedWithoutTheToken) {
  transport_.On(
      "GET", "/api/v2/user",
      Json(
          401,
          R"({"errors":[{"code":1001,"message":"User could not be authenticated","status":401}]})"));
  PlexTvClient client = MakeClient();
  Result<PlexUser> user = client.User(kToken);
  EXPECT_EQ(user.status().code(), PD_ERR_UNAUTHORIZED);
  EXPECT_EQ(user.status().detail(), 401);
  EXPECT_EQ(user.status().message().find(kToken), std::string::npos);
  EXPECT_EQ(HeaderOf(transport_.requests()[0], "X-Plex-Token"), kToken);
}

TEST_F(PlexTvClientTest, SignInSendsAFormAndReportsTheTwoFactorCode) {
  transport_.On(
      "POST", "/api/v2/users/signin",
      Json(
          401,
          R"({"errors":[{"code":1029,"message":"Please enter the verification code","status":401}]})"));
  PlexTvClient client = MakeClient();
  Result<PlexUser> user = client.SignIn("me@example.com", "p&ss word", "");
  EXPECT_EQ(user.status().code(), PD_ERR_UNAUTHORIZED);
  EXPECT_EQ(user.status().detail(), kPlexTvNeedsTwoFactor);
  EXPECT_NE(user.status().message().find("two-factor"), std::string::npos);
  EXPECT_EQ(user.status().message().find("p&ss word"), std::string::npos);
  const HttpRequest sent = transport_.requests()[0];
  EXPECT_EQ(HeaderOf(sent, "Content-Type"), "application/x-www-form-urlencoded");
  EXPECT_EQ(sent.body, "login=me%40example.com&password=p%26ss%20word&rememberMe=true");

  transport_.On("POST", "/api/v2/users/signin",
                Json(201, R"({"id":1,"username":"me","authToken":"new"})"));
  user = client.SignIn("me@example.com", "pw", "123456");
  ASSERT_TRUE(user.ok()) << user.status().message();
  EXPECT_EQ(user->auth_token, "new");
  EXPECT_EQ(transport_.requests()[1].body,
            "login=me%40example.com&password=pw&rememberMe=true&verificationCode=123456");
}

TEST_F(PlexTvClientTest, LegacySignInAppendsTheCodeToThePassword) {
  transport_.On("POST", "/users/sign_in.json",
                Json(201, R"({"user":{"id":1,"username":"me","authToken":"old"}})"));
  PlexTvClient client = MakeClient();
  Result<PlexUser> user = client.SignInLegacy("me", "pw", "654321");
  ASSERT_TRUE(user.ok()) << user.status().message();
  EXPECT_EQ(user->auth_token, "old");
  EXPECT_EQ(transport_.requests()[0].body, "user%5Blogin%5D=me&user%5Bpassword%5D=pw654321");

  transport_.On("POST", "/users/sign_in.json",
                Json(401, R"({"error":"Invalid email, username, or password."})"));
  user = client.SignInLegacy("me", "bad", "");
  EXPECT_EQ(user.status().code(), PD_ERR_UNAUTHORIZED);
  EXPECT_NE(user.status().message().find("Invalid email"), std::string::npos);
}

TEST_F(PlexTvClientTest, ResourcesAskForHttpsAndRelayConnections) {
  transport_.On("GET", "/api/v2/resources",
                Json(200, R"([{"name":"S","clientIdentifier":"m","provides":"server"}])"));
  PlexTvClient client = MakeClient();
  Result<std::vector<PlexResource>> r = client.Resources(kToken);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(transport_.requests()[0].target, "/api/v2/resources?includeHttps=1&includeRelay=1");
}

TEST_F(PlexTvClientTest, StatusesMapToActionableCodes) {
  PlexTvClient client = MakeClient();
  transport_.On("GET", "/api/v2/ping", Json(503, "<html>down</html>"));
  EXPECT_EQ(client.Ping(kToken).code(), PD_ERR_SERVER);
  transport_.On("GET", "/api/v2/ping", Json(429, ""));
  EXPECT_EQ(client.Ping(kToken).code(), PD_ERR_SERVER);
  transport_.On(
      "GET", "/api/v2/ping",
      Json(400, R"({"errors":[{"code":1000,"message":"X-Plex-Client-Identifier is missing"}]})"));
  Status bad = client.Ping(kToken);
  EXPECT_EQ(bad.code(), PD_ERR_INVALID_ARGUMENT);
  EXPECT_NE(bad.message().find("X-Plex-Client-Identifier is missing"), std::string::npos);
  transport_.On("GET", "/api/v2/ping", Json(200, "<pong>true</pong>"));
  EXPECT_TRUE(client.Ping(kToken).ok());
  transport_.OnFailure(
      "GET", "/api/v2/ping",
      Status(PD_ERR_UNREACHABLE, "connection refused by x: is Plex Media Server running"));
  Status down = client.Ping(kToken);
  EXPECT_EQ(down.code(), PD_ERR_UNREACHABLE);
  EXPECT_NE(down.message().find("plex.tv"), std::string::npos);
  EXPECT_EQ(down.message().find("Plex Media Server"), std::string::npos) << down.message();
}

}  // namespace
}  // namespace plexdriver
