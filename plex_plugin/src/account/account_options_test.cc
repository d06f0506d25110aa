#include "account/account_options.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(AccountOptionsTest, DefaultsTalkToTheRealServiceWithANewIdentifier) {
  for (const char* json : {"", "{}"}) {
    Result<AccountOptions> o = ParseAccountOptions(json);
    ASSERT_TRUE(o.ok()) << o.status().message();
    EXPECT_EQ(o->plex_tv_url.ToString(), "https://plex.tv");
    EXPECT_EQ(o->auth_app_url, "https://app.plex.tv/auth");
    EXPECT_TRUE(o->client_identifier_generated);
    EXPECT_EQ(o->client_identifier.rfind("plexdriver-", 0), 0u);
    EXPECT_EQ(o->client_identifier.size(), 11u + 32u);
    EXPECT_EQ(o->pin_poll_interval, std::chrono::milliseconds(1000));
    EXPECT_EQ(o->product, "plexdriver");
  }
  EXPECT_NE(NewClientIdentifier(), NewClientIdentifier());
}

TEST(AccountOptionsTest, ReadsEveryKey) {
  Result<AccountOptions> o = ParseAccountOptions(
      R"({"schema_version":1,"plex_tv_url":"http://127.0.0.1:4000","auth_app_url":"http://127.0.0.1:4000/auth",
          "client_identifier":"metarr-1","product":"Metarr","device_name":"nas","timeout_seconds":5,
          "probe_timeout_seconds":1.5,"pin_poll_ms":50,"verify_tls":false,"ca_file":"/etc/ca.pem",
          "unknown_key":"ignored"})");
  ASSERT_TRUE(o.ok()) << o.status().message();
  EXPECT_EQ(o->plex_tv_url.port, 4000);
  EXPECT_EQ(o->auth_app_url, "http://127.0.0.1:4000/auth");
  EXPECT_EQ(o->client_identifier, "metarr-1");
  EXPECT_FALSE(o->client_identifier_generated);
  EXPECT_EQ(o->product, "Metarr");
  EXPECT_EQ(o->device_name, "nas");
  EXPECT_DOUBLE_EQ(o->timeout_seconds, 5);
  EXPECT_DOUBLE_EQ(o->probe_timeout_seconds, 1.5);
  EXPECT_EQ(o->pin_poll_interval, std::chrono::milliseconds(50));
  EXPECT_FALSE(o->verify_tls);
  EXPECT_EQ(o->ca_file, "/etc/ca.pem");
}

TEST(AccountOptionsTest, ErrorsNameTheKey) {
  struct Case {
    const char* json;
    const char* key;
  };
  for (const Case& c : {Case{R"({"plex_tv_url":"plex.tv"})", "options.plex_tv_url"},
                        Case{R"({"plex_tv_url":5})", "options.plex_tv_url"},
                        Case{R"({"auth_app_url":"nope"})", "options.auth_app_url"},
                        Case{R"({"client_identifier":"has space"})", "options.client_identifier"},
                        Case{R"({"timeout_seconds":0})", "options.timeout_seconds"},
                        Case{R"({"pin_poll_ms":"fast"})", "options.pin_poll_ms"},
                        Case{R"({"pin_poll_ms":50.5})", "options.pin_poll_ms"},
                        Case{R"({"verify_tls":"yes"})", "options.verify_tls"},
                        Case{R"({"product":""})", "options.product"},
                        Case{R"({"product":"Metarr\r\nX-Evil: 1"})", "options.product"},
                        Case{R"({"device_name":"NAS\n"})", "options.device_name"},
                        Case{"[1]", "options"},
                        Case{"{nope", "options"}}) {
    Result<AccountOptions> o = ParseAccountOptions(c.json);
    EXPECT_EQ(o.status().code(), PD_ERR_INVALID_ARGUMENT) << c.json;
    EXPECT_EQ(o.status().message().rfind(c.key, 0), 0u) << o.status().message();
  }
}

}  // namespace
}  // namespace plexdriver
