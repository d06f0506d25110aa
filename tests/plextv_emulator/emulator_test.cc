// The plex.tv emulator against the reference (shared/reference/plex-api.md §9): PIN life cycle,
// sign-in with and without a two-factor code, the token check, resources, ping, recording.
#include "plextv_emulator/emulator.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPRequest.h>
#include <gtest/gtest.h>

#include <sstream>

#include "test_client.h"

namespace plextv_emulator {
namespace {

class PlexTvEmulatorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Account me;
    me.username = "someone";
    me.email = "someone@example.com";
    me.password = "correct horse";
    me.token = "account-token-1";
    me.plex_pass = true;
    emu_.AddAccount(me);
    Account careful;
    careful.username = "careful";
    careful.password = "pw";
    careful.token = "account-token-2fa";
    careful.two_factor_code = "123456";
    emu_.AddAccount(careful);
    emu_.Start();
  }

  Answer Call(const std::string& method, const std::string& target, bool json = true,
              const std::string& token = "", const std::string& client = "client-1",
              const std::string& form = "") {
    Poco::Net::HTTPRequest req(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    if (json) req.set("Accept", "application/json");
    if (!client.empty()) req.set("X-Plex-Client-Identifier", client);
    req.set("X-Plex-Product", "emulator-test");
    if (!token.empty()) req.set("X-Plex-Token", token);
    if (!form.empty()) req.setContentType("application/x-www-form-urlencoded");
    return Exchange(emu_.port(), req, form);
  }

  Emulator emu_;
};

TEST_F(PlexTvEmulatorTest, StrongPinIsCreatedPolledApprovedAndExpires) {
  Answer created = Call("POST", "/api/v2/pins?strong=true");
  ASSERT_EQ(created.status, 201) << created.body;
  Poco::JSON::Object::Ptr pin = created.Object();
  const int64_t id = pin->getValue<int64_t>("id");
  EXPECT_EQ(pin->getValue<std::string>("code").size(), 25u);
  EXPECT_EQ(pin->getValue<int>("expiresIn"), 900);
  EXPECT_TRUE(pin->get("authToken").isEmpty());
  const std::string path = "/api/v2/pins/" + std::to_string(id);

  Answer waiting = Call("GET", path);
  ASSERT_EQ(waiting.status, 200);
  EXPECT_TRUE(waiting.Object()->get("authToken").isEmpty());
  // Another client does not see the PIN.
  EXPECT_EQ(Call("GET", path, true, "", "client-2").status, 404);

  ASSERT_TRUE(emu_.ApprovePin(id, "someone"));
  Answer approved = Call("GET", path);
  EXPECT_EQ(approved.Object()->getValue<std::string>("authToken"), "account-token-1");

  ASSERT_TRUE(emu_.ExpirePin(id));
  Answer expired = Call("GET", path);
  EXPECT_EQ(expired.status, 404);
  EXPECT_EQ(expired.Object()->getArray("errors")->getObject(0)->getValue<int>("code"), 1020);
  EXPECT_FALSE(emu_.ApprovePin(id, "someone"));
  EXPECT_EQ(emu_.Pins().at(0).polls, 4);
}

TEST_F(PlexTvEmulatorTest, PinsAreXmlByDefaultAndNeedAClientIdentifier) {
  Answer xml = Call("POST", "/api/v2/pins", /*json=*/false);
  EXPECT_EQ(xml.status, 201);
  EXPECT_NE(xml.body.find("<pin "), std::string::npos) << xml.body;
  EXPECT_NE(xml.body.find(" id=\"111222333\""), std::string::npos) << xml.body;
  EXPECT_EQ(emu_.Pins().back().code.size(), 4u);  // not strong: the 4-character plex.tv/link code
  Answer missing = Call("POST", "/api/v2/pins?strong=true", true, "", "");
  EXPECT_EQ(missing.status, 400);
  emu_.SetPinLifetime(0);
  Answer short_lived = Call("POST", "/api/v2/pins?strong=true");
  EXPECT_EQ(
      Call("GET", "/api/v2/pins/" + std::to_string(short_lived.Object()->getValue<int64_t>("id")))
          .status,
      404);
}

TEST_F(PlexTvEmulatorTest, SignInWithAndWithoutTheTwoFactorCode) {
  Answer ok = Call("POST", "/api/v2/users/signin", true, "", "client-1",
                   "login=someone%40example.com&password=correct+horse&rememberMe=true");
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.Object()->getValue<std::string>("authToken"), "account-token-1");

  Answer wrong =
      Call("POST", "/api/v2/users/signin", true, "", "client-1", "login=someone&password=nope");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.Object()->getArray("errors")->getObject(0)->getValue<int>("code"), 1001);

  Answer needs_code =
      Call("POST", "/api/v2/users/signin", true, "", "client-1", "login=careful&password=pw");
  EXPECT_EQ(needs_code.status, 401);
  EXPECT_EQ(needs_code.Object()->getArray("errors")->getObject(0)->getValue<int>("code"), 1029);
  Answer xml_code =
      Call("POST", "/api/v2/users/signin", false, "", "client-1", "login=careful&password=pw");
  EXPECT_NE(xml_code.body.find("code=\"1029\""), std::string::npos);
  Answer with_code = Call("POST", "/api/v2/users/signin", true, "", "client-1",
                          "login=careful&password=pw&verificationCode=123456");
  EXPECT_EQ(with_code.status, 201);
  EXPECT_EQ(emu_.Requests().back().form.at("verificationCode"), "123456");

  Answer legacy = Call("POST", "/users/sign_in.json", true, "", "client-1",
                       "user%5Blogin%5D=careful&user%5Bpassword%5D=pw123456");
  ASSERT_EQ(legacy.status, 201) << legacy.body;
  EXPECT_EQ(legacy.Object()->getObject("user")->getValue<std::string>("authToken"),
            "account-token-2fa");
  Answer legacy_bad = Call("POST", "/users/sign_in.json", true, "", "client-1",
                           "user%5Blogin%5D=someone&user%5Bpassword%5D=nope");
  EXPECT_EQ(legacy_bad.status, 401);
  EXPECT_NE(legacy_bad.body.find("Invalid email"), std::string::npos);
}

TEST_F(PlexTvEmulatorTest, UserAndPingAnswerByToken) {
  EXPECT_EQ(Call("GET", "/api/v2/user", true, "account-token-1")
                .Object()
                ->getValue<std::string>("username"),
            "someone");
  EXPECT_EQ(Call("GET", "/api/v2/user", true, "nope").status, 401);
  EXPECT_EQ(Call("GET", "/api/v2/ping", true, "account-token-1").status, 200);
  emu_.SetTokenRevoked("account-token-1", true);
  EXPECT_EQ(Call("GET", "/api/v2/user", true, "account-token-1").status, 401);
  EXPECT_EQ(Call("GET", "/api/v2/ping", true, "account-token-1").status, 401);
  emu_.SetTokenRevoked("account-token-1", false);
  EXPECT_EQ(Call("GET", "/api/v2/ping", true, "account-token-1").status, 200);
  EXPECT_EQ(emu_.CountRequests("GET", "/api/v2/ping"), 3u);
  EXPECT_EQ(emu_.Requests().back().token, "account-token-1");
  EXPECT_EQ(Call("GET", "/nowhere").status, 404);
}

TEST_F(PlexTvEmulatorTest, ResourcesListTheAccountsServersWithTheConnectionsAskedFor) {
  Resource office;
  office.owner = "someone";
  office.name = "Office";
  office.client_identifier = "machine-1";
  office.access_token = "server-token";
  office.connections = {
      {"http", "127.0.0.1", 1, "", true, false, false},
      {"https", "127.0.0.1", 2, "https://127-0-0-1.abc.plex.direct:2", false, false, false},
      {"https", "198.51.100.9", 8443, "https://198-51-100-9.abc.plex.direct:8443", false, true,
       false}};
  emu_.AddResource(office);
  Resource other = office;
  other.owner = "careful";
  other.name = "Not yours";
  emu_.AddResource(other);

  Answer all =
      Call("GET", "/api/v2/resources?includeHttps=1&includeRelay=1", true, "account-token-1");
  ASSERT_EQ(all.status, 200) << all.body;
  Poco::JSON::Array::Ptr list = all.Array();
  ASSERT_EQ(list->size(), 1u);
  Poco::JSON::Object::Ptr r = list->getObject(0);
  EXPECT_EQ(r->getValue<std::string>("accessToken"), "server-token");
  EXPECT_EQ(r->getArray("connections")->size(), 3u);
  EXPECT_EQ(r->getArray("connections")->getObject(0)->getValue<std::string>("uri"),
            "http://127.0.0.1:1");

  Answer plain = Call("GET", "/api/v2/resources", true, "account-token-1");
  EXPECT_EQ(plain.Array()->getObject(0)->getArray("connections")->size(), 1u);
  EXPECT_EQ(Call("GET", "/api/v2/resources", true, "nope").status, 401);
}

}  // namespace
}  // namespace plextv_emulator
