// The standalone emulator's inputs: the fixture format (errors name the field, nothing is added
// when one is wrong) and the control API under /__emulator/ (PINs approved and expired from
// outside, accounts and servers added, tokens revoked, recorded requests listed with every
// secret redacted, control requests not recorded).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPRequest.h>
#include <gtest/gtest.h>

#include <stdexcept>

#include "plextv_emulator/emulator.h"
#include "test_client.h"

namespace plextv_emulator {
namespace {

class ControlTest : public ::testing::Test {
 protected:
  void SetUp() override {
    emu_.LoadFixtureFile(std::string(PLEXTV_FIXTURES) + "/demo_account.json");
    emu_.Start();
  }

  Answer Call(const std::string& method, const std::string& target, const std::string& body = "",
              const std::string& token = "", const std::string& content_type = "") {
    Poco::Net::HTTPRequest req(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    req.set("Accept", "application/json");
    req.set("X-Plex-Client-Identifier", "control-test");
    if (!token.empty()) req.set("X-Plex-Token", token);
    if (!content_type.empty()) req.setContentType(content_type);
    return Exchange(emu_.port(), req, body);
  }

  Emulator emu_;
};

TEST_F(ControlTest, TheFixtureDefinesAccountsAndServers) {
  EXPECT_EQ(Call("GET", "/api/v2/user", "", "demo-account-token")
                .Object()
                ->getValue<std::string>("username"),
            "someone");
  Answer servers =
      Call("GET", "/api/v2/resources?includeHttps=1&includeRelay=1", "", "demo-account-token");
  ASSERT_EQ(servers.status, 200) << servers.body;
  Poco::JSON::Object::Ptr office = servers.Array()->getObject(0);
  EXPECT_EQ(office->getValue<std::string>("clientIdentifier"), "demo-office-machine-identifier");
  EXPECT_EQ(office->getArray("connections")->getObject(1)->getValue<std::string>("uri"),
            "http://127.0.0.1:32400");
  EXPECT_TRUE(office->getArray("connections")->getObject(0)->getValue<bool>("local"));
}

TEST_F(ControlTest, FixtureErrorsNameTheFieldAndAddNothing) {
  const auto message = [&](const std::string& json) {
    try {
      emu_.LoadFixtureJson(json);
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_EQ(message(R"({"accounts":[{"username":"a","token":"t"}],"resources":[{"owner":"a",)"
                    R"("name":"S","client_identifier":"m","connections":[{"address":"x",)"
                    R"("port":70000}]}]})"),
            "resources[0].connections[0].port: expected an integer 1-65535");
  EXPECT_EQ(message(R"({"accounts":[{"token":"t"}]})"),
            "accounts[0].username: missing (expected a string)");
  EXPECT_EQ(message(R"({"accounts":{}})"), "fixture.accounts: expected an array");
  EXPECT_EQ(message("[1]"), "fixture: expected a JSON object");
  EXPECT_NE(message("{").find("fixture: not valid JSON"), std::string::npos);
  // The first fixture had a valid account before its bad resource: it was not added.
  EXPECT_EQ(Call("GET", "/api/v2/user", "", "t").status, 401);
  EXPECT_THROW(emu_.LoadFixtureFile("/nonexistent/fixture.json"), std::runtime_error);
}

TEST_F(ControlTest, PinsAreApprovedAndExpiredFromOutside) {
  EXPECT_EQ(Call("POST", "/__emulator/pins/approve", R"({"username":"someone"})").status, 404);
  Answer created = Call("POST", "/api/v2/pins?strong=true");
  ASSERT_EQ(created.status, 201);
  const int64_t id = created.Object()->getValue<int64_t>("id");
  Answer pins = Call("GET", "/__emulator/pins");
  ASSERT_EQ(pins.status, 200);
  Poco::JSON::Object::Ptr pin = pins.Array()->getObject(0);
  EXPECT_EQ(pin->getValue<int64_t>("id"), id);
  EXPECT_EQ(pin->getValue<std::string>("client_identifier"), "control-test");
  EXPECT_FALSE(pin->getValue<bool>("approved"));
  EXPECT_TRUE(pin->getValue<bool>("strong"));

  EXPECT_EQ(Call("POST", "/__emulator/pins/approve", R"({"username":"nobody"})").status, 404);
  EXPECT_EQ(Call("POST", "/__emulator/pins/approve", R"({})").status, 400);
  EXPECT_EQ(Call("POST", "/__emulator/pins/approve", R"({"id":"x","username":"someone"})").status,
            400);
  ASSERT_EQ(Call("POST", "/__emulator/pins/approve", R"({"username":"someone"})").status, 200);
  const std::string path = "/api/v2/pins/" + std::to_string(id);
  EXPECT_EQ(Call("GET", path).Object()->getValue<std::string>("authToken"), "demo-account-token");

  ASSERT_EQ(Call("POST", "/__emulator/pins/expire", "{\"id\":" + std::to_string(id) + "}").status,
            200);
  EXPECT_EQ(Call("GET", path).status, 404);
  EXPECT_TRUE(Call("GET", "/__emulator/pins").Array()->getObject(0)->getValue<bool>("expired"));
  EXPECT_EQ(Call("POST", "/__emulator/pins/expire", R"({"id":42})").status, 404);
}

TEST_F(ControlTest, AccountsServersTokensAndSettings) {
  ASSERT_EQ(Call("POST", "/__emulator/accounts",
                 R"({"username":"late","password":"pw","token":"late-token"})")
                .status,
            200);
  Answer bad = Call("POST", "/__emulator/resources", R"({"owner":"late","name":"S"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Object()->getValue<std::string>("error"),
            "resource.client_identifier: missing (expected a string)");
  ASSERT_EQ(Call("POST", "/__emulator/resources",
                 R"({"owner":"late","name":"Late","client_identifier":"m2","access_token":"s2",)"
                 R"("https_required":true,"connections":[{"protocol":"https","address":"10.0.0.2",)"
                 R"("port":32400,"uri":"https://10-0-0-2.abc.plex.direct:32400","local":true}]})")
                .status,
            200);
  Answer listed = Call("GET", "/api/v2/resources?includeHttps=1", "", "late-token");
  ASSERT_EQ(listed.Array()->size(), 1u);
  EXPECT_TRUE(listed.Array()->getObject(0)->getValue<bool>("httpsRequired"));

  ASSERT_EQ(Call("POST", "/__emulator/tokens", R"({"token":"late-token"})").status, 200);
  EXPECT_EQ(Call("GET", "/api/v2/user", "", "late-token").status, 401);
  ASSERT_EQ(Call("POST", "/__emulator/tokens", R"({"token":"late-token","revoked":false})").status,
            200);
  EXPECT_EQ(Call("GET", "/api/v2/user", "", "late-token").status, 200);

  ASSERT_EQ(Call("POST", "/__emulator/settings", R"({"pin_lifetime_seconds":5})").status, 200);
  EXPECT_EQ(Call("POST", "/api/v2/pins").Object()->getValue<int>("expiresIn"), 5);
  EXPECT_EQ(Call("POST", "/__emulator/settings", R"({"pin_lifetime_seconds":-1})").status, 400);
  EXPECT_EQ(Call("GET", "/__emulator/nothing").status, 404);
  EXPECT_EQ(Call("POST", "/__emulator/accounts", "not json").status, 400);
}

TEST_F(ControlTest, RecordedRequestsAreListedWithoutSecretsAndControlCallsAreNotRecorded) {
  Call("GET", "/api/v2/user?X-Plex-Token=demo-account-token&includeSubscriptions=1");
  Call("POST", "/api/v2/users/signin",
       "login=careful&password=battery+staple&verificationCode=123456", "",
       "application/x-www-form-urlencoded");
  Call("POST", "/users/sign_in.json", "user%5Blogin%5D=someone&user%5Bpassword%5D=correct+horse",
       "", "application/x-www-form-urlencoded");
  Call("GET", "/api/v2/ping", "", "demo-careful-token");
  Call("GET", "/api/v2/ping", "", "not-a-known-token");
  Answer listed = Call("GET", "/__emulator/requests");
  ASSERT_EQ(listed.status, 200);
  for (const std::string secret : {"demo-account-token", "demo-careful-token", "not-a-known-token",
                                   "battery", "correct", "123456"}) {
    EXPECT_EQ(listed.body.find(secret), std::string::npos) << secret << " in " << listed.body;
  }
  Poco::JSON::Array::Ptr list = listed.Array();
  ASSERT_EQ(list->size(), 5u);
  Poco::JSON::Object::Ptr user = list->getObject(0);
  EXPECT_EQ(user->getValue<std::string>("path"), "/api/v2/user");
  EXPECT_EQ(user->getValue<std::string>("query"), "X-Plex-Token=<redacted>&includeSubscriptions=1");
  EXPECT_EQ(user->getObject("params")->getValue<std::string>("X-Plex-Token"), "<redacted>");
  EXPECT_EQ(user->getValue<std::string>("token"), "<redacted>");
  EXPECT_EQ(user->getValue<std::string>("token_owner"), "someone");
  EXPECT_EQ(user->getValue<int>("status"), 200);
  Poco::JSON::Object::Ptr signin = list->getObject(1)->getObject("form");
  EXPECT_EQ(signin->getValue<std::string>("login"), "careful");
  EXPECT_EQ(signin->getValue<std::string>("password"), "<redacted>");
  EXPECT_EQ(signin->getValue<std::string>("verificationCode"), "<redacted>");
  EXPECT_EQ(list->getObject(1)->getValue<int>("status"), 201);
  EXPECT_EQ(list->getObject(2)->getObject("form")->getValue<std::string>("user[password]"),
            "<redacted>");
  EXPECT_EQ(list->getObject(3)->getObject("headers")->getValue<std::string>("x-plex-token"),
            "<redacted>");
  EXPECT_EQ(list->getObject(3)->getValue<std::string>("token_owner"), "careful");
  EXPECT_EQ(list->getObject(4)->getValue<std::string>("token_owner"), "");
  EXPECT_EQ(list->getObject(4)->getValue<int>("status"), 401);
  // In-process, the request keeps its token for tests that compare it.
  EXPECT_EQ(emu_.Requests()[3].token, "demo-careful-token");

  ASSERT_EQ(Call("DELETE", "/__emulator/requests").status, 200);
  EXPECT_EQ(Call("GET", "/__emulator/requests").body, "[]");
  EXPECT_EQ(emu_.Requests().size(), 0u);
}

}  // namespace
}  // namespace plextv_emulator
