#include "core/account_settings.h"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

namespace plexdriver {
namespace {

Poco::JSON::Object::Ptr Parse(const std::string& json) {
  return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

TEST(PlexTvUrlTest, AcceptsTheServiceAndAnEmulator) {
  Result<PlexTvUrl> real = ParsePlexTvUrl("https://plex.tv", "k", PD_ERR_INVALID_ARGUMENT);
  ASSERT_TRUE(real.ok()) << real.status().message();
  EXPECT_TRUE(real->https);
  EXPECT_EQ(real->host, "plex.tv");
  EXPECT_EQ(real->port, 443);
  EXPECT_EQ(real->ToString(), "https://plex.tv");

  Result<PlexTvUrl> emu =
      ParsePlexTvUrl("http://127.0.0.1:41234/prefix/", "k", PD_ERR_INVALID_ARGUMENT);
  ASSERT_TRUE(emu.ok());
  EXPECT_FALSE(emu->https);
  EXPECT_EQ(emu->port, 41234);
  EXPECT_EQ(emu->base_path, "/prefix");
  EXPECT_EQ(emu->ToString(), "http://127.0.0.1:41234/prefix");
}

TEST(PlexTvUrlTest, RefusesWhatIsNotABaseUrl) {
  for (const char* bad : {"plex.tv", "ftp://plex.tv", "https://", "https://user:pw@plex.tv",
                          "https://plex.tv/?x=1", "https://plex.tv/#x"}) {
    Result<PlexTvUrl> r = ParsePlexTvUrl(bad, "options.plex_tv_url", PD_ERR_INVALID_ARGUMENT);
    EXPECT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), PD_ERR_INVALID_ARGUMENT);
    EXPECT_EQ(r.status().message().rfind("options.plex_tv_url:", 0), 0u) << r.status().message();
  }
}

TEST(AccountSettingsTest, DefaultsAreTheRealServiceWithoutKeepAlive) {
  AccountSettings s;
  ASSERT_TRUE(ReadAccountSettings(*Parse("{}"), &s).ok());
  EXPECT_EQ(s.plex_tv_url.ToString(), "https://plex.tv");
  EXPECT_FALSE(s.token_keepalive);
  EXPECT_TRUE(s.plex_account_token.empty());
}

TEST(AccountSettingsTest, ReadsEveryKey) {
  AccountSettings s;
  ASSERT_TRUE(
      ReadAccountSettings(*Parse(R"({"plex_tv_url":"http://127.0.0.1:9","token_keepalive":true,
                                            "plex_account_token":"abc"})"),
                          &s)
          .ok());
  EXPECT_EQ(s.plex_tv_url.port, 9);
  EXPECT_TRUE(s.token_keepalive);
  EXPECT_EQ(s.plex_account_token, "abc");
}

TEST(AccountSettingsTest, ErrorsNameTheKeyAndNeverQuoteTheToken) {
  AccountSettings s;
  Status st = ReadAccountSettings(*Parse(R"({"token_keepalive":"yes"})"), &s);
  EXPECT_EQ(st.code(), PD_ERR_INVALID_CONFIG);
  EXPECT_NE(st.message().find("config.token_keepalive"), std::string::npos);
  st = ReadAccountSettings(*Parse(R"({"plex_tv_url":"plex.tv"})"), &s);
  EXPECT_NE(st.message().find("config.plex_tv_url"), std::string::npos);
  st = ReadAccountSettings(*Parse(R"({"plex_account_token":"se cret"})"), &s);
  EXPECT_NE(st.message().find("config.plex_account_token"), std::string::npos);
  EXPECT_EQ(st.message().find("se cret"), std::string::npos);
}

}  // namespace
}  // namespace plexdriver
