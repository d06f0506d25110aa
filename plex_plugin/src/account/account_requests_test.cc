#include "account/account_requests.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(AccountRequestsTest, PinRefTakesTheStartPinDocument) {
  Result<PinRef> ref =
      ParsePinRef(R"({"schema_version":1,"id":111222333,"code":"abc","auth_url":"x",
                                       "expires_in":900,"expires_at":1700000900})");
  ASSERT_TRUE(ref.ok()) << ref.status().message();
  EXPECT_EQ(ref->id, 111222333);
  EXPECT_EQ(ref->expires_at, 1700000900);
  EXPECT_EQ(ref->expires_in, 900);
  EXPECT_EQ(ParsePinRef(R"({"id":"42"})")->id, 42);
  EXPECT_NE(ParsePinRef("{}").status().message().find("pin.id"), std::string::npos);
  EXPECT_NE(ParsePinRef(R"({"id":true})").status().message().find("pin.id"), std::string::npos);
  EXPECT_NE(ParsePinRef("nope").status().message().find("pin:"), std::string::npos);
}

TEST(AccountRequestsTest, PinNumbersOutsideInt64AreRefusedNotThrown) {
  // Poco throws converting these to int64; the parser must answer with the field instead.
  for (const char* json : {R"({"id":1e300})", R"({"id":18446744073709551615})", R"({"id":-1e19})",
                           R"({"id":"99999999999999999999"})", R"({"id":"12abc"})", R"({"id":1.5})"}) {
    Result<PinRef> ref = ParsePinRef(json);
    ASSERT_FALSE(ref.ok()) << json;
    EXPECT_EQ(ref.status().code(), PD_ERR_INVALID_ARGUMENT) << json;
    EXPECT_EQ(ref.status().message(), "pin.id: expected an integer") << json;
  }
  Result<PinRef> late = ParsePinRef(R"({"id":7,"expires_at":1e300})");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().message(), "pin.expires_at: expected an integer");
  EXPECT_EQ(ParsePinRef(R"({"id":9007199254740992})")->id, 9007199254740992);
}

TEST(AccountRequestsTest, CredentialsNeverQuoteThePassword) {
  Result<Credentials> c =
      ParseCredentials(R"({"login":"me","password":"hunter2","code":"123456"})");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->code, "123456");
  EXPECT_FALSE(c->legacy);
  EXPECT_TRUE(ParseCredentials(R"({"login":"me","password":"x","method":"legacy"})")->legacy);
  EXPECT_NE(ParseCredentials(R"({"password":"x"})").status().message().find("credentials.login"),
            std::string::npos);
  EXPECT_NE(ParseCredentials(R"({"login":"me"})").status().message().find("credentials.password"),
            std::string::npos);
  EXPECT_NE(ParseCredentials(R"({"login":"me","password":"x","code":"12a"})")
                .status()
                .message()
                .find("credentials.code"),
            std::string::npos);
  Status broken = ParseCredentials(R"({"login":"me","password":"hunter2)").status();
  EXPECT_EQ(broken.code(), PD_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(broken.message().find("hunter2"), std::string::npos) << broken.message();
  EXPECT_NE(ParseCredentials(R"({"login":"me","password":"x","method":"v3"})")
                .status()
                .message()
                .find("credentials.method"),
            std::string::npos);
}

TEST(AccountRequestsTest, ConnectionRequest) {
  Result<ConnectionRequest> r = ParseConnectionRequest(
      R"({"token":"tok","server":"Office","name":"Living room","allow_relay":false})");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->token, "tok");
  EXPECT_EQ(r->server, "Office");
  EXPECT_EQ(r->config_name, "Living room");
  EXPECT_FALSE(r->allow_relay);
  EXPECT_NE(ParseConnectionRequest("{}").status().message().find("request.token"),
            std::string::npos);
  Status spaced = ParseConnectionRequest(R"({"token":"a b"})").status();
  EXPECT_NE(spaced.message().find("request.token"), std::string::npos);
  EXPECT_EQ(spaced.message().find("a b"), std::string::npos);
  // The name becomes config.name, which is sent as a header: one line only.
  Status broken = ParseConnectionRequest(R"({"token":"tok","name":"NAS\r\nX-Evil: 1"})").status();
  EXPECT_EQ(broken.code(), PD_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(broken.message().rfind("request.name:", 0), 0u) << broken.message();
}

PlexResource Res(const std::string& name, const std::string& id, bool owned, bool presence,
                 const std::string& provides = "server") {
  PlexResource r;
  r.name = name;
  r.client_identifier = id;
  r.owned = owned;
  r.presence = presence;
  r.provides = provides;
  return r;
}

TEST(AccountRequestsTest, SelectServerByIdNameOrPreference) {
  const std::vector<PlexResource> all = {
      Res("Phone", "p", true, true, "client,player"), Res("Friend", "f", false, true),
      Res("Old", "o", true, false), Res("Office", "m1", true, true),
      Res("office", "m2", true, true)};
  EXPECT_EQ(*SelectServer(all, "m2"), 4u);
  EXPECT_EQ(*SelectServer(all, "Friend"), 1u);
  EXPECT_EQ(*SelectServer(all, "FRIEND"), 1u);
  Status ambiguous = SelectServer(all, "Office").status();
  EXPECT_EQ(ambiguous.code(), PD_ERR_INVALID_ARGUMENT);
  EXPECT_NE(ambiguous.message().find("machine identifier"), std::string::npos);
  Status missing = SelectServer(all, "Basement").status();
  EXPECT_EQ(missing.code(), PD_ERR_NOT_FOUND);
  EXPECT_NE(missing.message().find("\"Office\" (m1)"), std::string::npos) << missing.message();
  EXPECT_EQ(missing.message().find("Phone"), std::string::npos);  // not a server
  EXPECT_EQ(*SelectServer(all, ""), 3u);                          // first owned and online
  EXPECT_EQ(*SelectServer({Res("Friend", "f", false, true), Res("Old", "o", true, false)}, ""), 1u);
  EXPECT_EQ(SelectServer({Res("Phone", "p", true, true, "client")}, "").status().code(),
            PD_ERR_NOT_FOUND);
}

}  // namespace
}  // namespace plexdriver
