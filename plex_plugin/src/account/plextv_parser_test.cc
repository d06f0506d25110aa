#include "account/plextv_parser.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(PlexTvParserTest, PinBeforeAndAfterApproval) {
  Result<PlexPin> waiting = ParsePin(
      R"({"id":111222333,"code":"e0x9rl0a6rbvnjtqlyn1rlrg1","product":"plexdriver","trusted":false,
          "clientIdentifier":"cid","location":{"code":"NL"},"expiresIn":1799,
          "createdAt":"2024-01-01T10:00:00Z","expiresAt":"2024-01-01T10:30:00Z","authToken":null,
          "newRegistration":null})");
  ASSERT_TRUE(waiting.ok()) << waiting.status().message();
  EXPECT_EQ(waiting->id, 111222333);
  EXPECT_EQ(waiting->code, "e0x9rl0a6rbvnjtqlyn1rlrg1");
  EXPECT_EQ(waiting->client_identifier, "cid");
  EXPECT_EQ(waiting->expires_in, 1799);
  EXPECT_TRUE(waiting->auth_token.empty());

  Result<PlexPin> approved =
      ParsePin(R"({"id":"7","code":"abc","expiresIn":"12","authToken":"tok"})");
  ASSERT_TRUE(approved.ok());
  EXPECT_EQ(approved->id, 7);  // ids as strings too
  EXPECT_EQ(approved->auth_token, "tok");
}

TEST(PlexTvParserTest, PinWithoutIdOrCodeIsAProtocolError) {
  EXPECT_EQ(ParsePin(R"({"code":"abc"})").status().code(), PD_ERR_PROTOCOL);
  EXPECT_EQ(ParsePin(R"({"id":5})").status().code(), PD_ERR_PROTOCOL);
  Result<PlexPin> xml = ParsePin(R"(<?xml version="1.0"?><pin id="5" code="abc"/>)");
  EXPECT_EQ(xml.status().code(), PD_ERR_PROTOCOL);
  EXPECT_NE(xml.status().message().find("XML although JSON"), std::string::npos);
  EXPECT_EQ(ParsePin("<html><body>oops</body></html>").status().code(), PD_ERR_PROTOCOL);
}

TEST(PlexTvParserTest, UserKeepsWhatTheDriverShowsAndTheToken) {
  Result<PlexUser> u = ParseUser(
      R"({"id":1234567,"uuid":"a1b2c3","username":"someone","title":"Someone","email":"s@example.com",
          "twoFactorEnabled":true,"authToken":"secret-token",
          "subscription":{"active":true,"status":"Active","plan":"lifetime","features":["a","b"]},
          "roles":["plexpass"],"profile":{"autoSelectAudio":true}})");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->id, 1234567);
  EXPECT_EQ(u->uuid, "a1b2c3");
  EXPECT_EQ(u->username, "someone");
  EXPECT_EQ(u->title, "Someone");
  EXPECT_EQ(u->email, "s@example.com");
  EXPECT_TRUE(u->subscription_active);
  EXPECT_TRUE(u->two_factor_enabled);
  EXPECT_EQ(u->auth_token, "secret-token");
  EXPECT_EQ(ParseUser(R"({"username":"x"})").status().code(), PD_ERR_PROTOCOL);
}

TEST(PlexTvParserTest, LegacySignInNestsTheUser) {
  Result<PlexUser> u = ParseLegacySignIn(
      R"({"user":{"id":9,"uuid":"u9","username":"legacy","email":"l@example.com",
                  "authentication_token":"old-style","authToken":"old-style"}})");
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(u->username, "legacy");
  EXPECT_EQ(u->auth_token, "old-style");
  EXPECT_EQ(
      ParseLegacySignIn(R"({"error":"Invalid email, username, or password."})").status().code(),
      PD_ERR_PROTOCOL);
}

TEST(PlexTvParserTest, ResourcesWithEveryConnectionKind) {
  Result<std::vector<PlexResource>> r = ParseResources(R"([
    {"name":"Office","product":"Plex Media Server","productVersion":"1.32.7.7621","platform":"Linux",
     "clientIdentifier":"96f2fe7a78c9dc1f16a16bedbe90f98149be16b4","provides":"server",
     "accessToken":"server-token","owned":true,"presence":true,"httpsRequired":false,
     "connections":[
       {"protocol":"https","address":"172.18.0.3","port":32400,
        "uri":"https://172-18-0-3.abc.plex.direct:32400","local":true,"relay":false,"IPv6":false},
       {"protocol":"https","address":"203.0.113.7","port":32401,
        "uri":"https://203-0-113-7.abc.plex.direct:32401","local":false,"relay":false,"IPv6":false},
       {"protocol":"https","address":"198.51.100.9","port":8443,
        "uri":"https://198-51-100-9.abc.plex.direct:8443","local":false,"relay":true,"IPv6":false}]},
    {"name":"Phone","product":"Plex for iOS","clientIdentifier":"phone","provides":"client,player",
     "connections":[]},
    {"name":"Friend's","clientIdentifier":"f1","provides":"server","owned":"0","presence":1,
     "httpsRequired":"1","sourceTitle":"friend","connections":[]}])");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), 3u);
  const PlexResource& office = (*r)[0];
  EXPECT_TRUE(office.IsServer());
  EXPECT_TRUE(office.owned);
  EXPECT_EQ(office.access_token, "server-token");
  ASSERT_EQ(office.connections.size(), 3u);
  EXPECT_TRUE(office.connections[0].local);
  EXPECT_EQ(office.connections[1].port, 32401);
  EXPECT_TRUE(office.connections[2].relay);
  EXPECT_FALSE((*r)[1].IsServer());
  EXPECT_FALSE((*r)[2].owned);
  EXPECT_TRUE((*r)[2].https_required);
  EXPECT_EQ((*r)[2].source_title, "friend");
}

TEST(PlexTvParserTest, ResourcesMustBeJson) {
  EXPECT_EQ(ParseResources(R"(<MediaContainer size="0"/>)").status().code(), PD_ERR_PROTOCOL);
  EXPECT_EQ(ParseResources("[1, 2").status().code(), PD_ERR_PROTOCOL);
  Result<std::vector<PlexResource>> empty = ParseResources("[]");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(PlexTvParserTest, ErrorsInEveryForm) {
  std::vector<PlexTvError> json = ParsePlexTvErrors(
      R"({"errors":[{"code":1020,"message":"Code not found or expired","status":404}]})");
  ASSERT_EQ(json.size(), 1u);
  EXPECT_EQ(json[0].code, 1020);
  EXPECT_EQ(json[0].message, "Code not found or expired");

  std::vector<PlexTvError> xml = ParsePlexTvErrors(
      R"(<?xml version="1.0" encoding="UTF-8"?><errors><error code="1029" message="Please enter the verification code" status="401"/></errors>)");
  ASSERT_EQ(xml.size(), 1u);
  EXPECT_EQ(xml[0].code, 1029);

  std::vector<PlexTvError> legacy =
      ParsePlexTvErrors(R"({"error":"Invalid email, username, or password."})");
  ASSERT_EQ(legacy.size(), 1u);
  EXPECT_EQ(legacy[0].code, 0);
  EXPECT_EQ(legacy[0].message, "Invalid email, username, or password.");

  // Codes int cannot hold are no code (4294968316 would wrap to 1020, "PIN not found").
  EXPECT_EQ(ParsePlexTvErrors(R"({"errors":[{"code":4294968316,"message":"x"}]})").at(0).code, 0);
  EXPECT_EQ(ParsePlexTvErrors(R"(<errors><error code="99999999999999999999" message="x"/></errors>)")
                .at(0).code,
            0);

  EXPECT_TRUE(ParsePlexTvErrors("<html><body>401</body></html>").empty());
  EXPECT_TRUE(ParsePlexTvErrors("").empty());
}

}  // namespace
}  // namespace plexdriver
