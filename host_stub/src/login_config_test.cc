// host_stub's account commands, the pure parts: CLI options, the config file login writes (merged,
// 0600) and the reports of `servers` and `login`.
#include "login_config.h"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "account_report.h"
#include "cli_options.h"

namespace host_stub {
namespace {

using Poco::JSON::Object;

Object::Ptr Parse(const std::string& json) {
  return Poco::JSON::Parser().parse(json).extract<Object::Ptr>();
}

TEST(LoginCliTest, OptionsOfLoginAndServers) {
  CliOptions o;
  std::string error;
  ASSERT_TRUE(ParseCli({"login", "--config", "plex.json", "--server", "Office", "--plex-tv-url",
                        "http://127.0.0.1:9", "--show-token"},
                       &o, &error))
      << error;
  EXPECT_EQ(o.command, "login");
  EXPECT_EQ(o.server, "Office");
  EXPECT_EQ(o.plex_tv_url, "http://127.0.0.1:9");
  EXPECT_TRUE(o.show_token);
  ASSERT_TRUE(
      ParseCli({"login", "--config", "c.json", "--user", "me", "--code", "123456"}, &o, &error));
  EXPECT_EQ(o.user, "me");
  EXPECT_EQ(o.code, "123456");
  EXPECT_FALSE(ParseCli({"login", "--config", "c.json", "--code", "12ab"}, &o, &error));
  EXPECT_NE(error.find("--code"), std::string::npos);
  EXPECT_FALSE(ParseCli({"login"}, &o, &error));
  EXPECT_NE(error.find("--config"), std::string::npos);
  ASSERT_TRUE(ParseCli({"servers", "--config", "c.json", "--json"}, &o, &error));
  EXPECT_EQ(o.command, "servers");
}

TEST(LoginConfigTest, MergeKeepsTheUsersSettingsAndReplacesTheConnection) {
  Object::Ptr existing =
      Parse(R"({"name":"Living room","host":"old","port":1,"plex_token":"old-token",
      "plex_account_token":"old-account","path_mappings":[{"metarr_path":"/m","player_path":"/data"}],
      "debounce_seconds":2})");
  Object::Ptr ready = Parse(R"({"name":"Office","host":"127.0.0.1","port":32400,"use_https":false,
      "plex_token":"new-token","client_identifier":"cid","plex_tv_url":"https://plex.tv","token_keepalive":true})");
  Object::Ptr merged = Parse(MergeLoginConfig(existing, ready));
  EXPECT_EQ(merged->getValue<std::string>("name"), "Living room");
  EXPECT_EQ(merged->getValue<std::string>("host"), "127.0.0.1");
  EXPECT_EQ(merged->getValue<int>("port"), 32400);
  EXPECT_EQ(merged->getValue<std::string>("plex_token"), "new-token");
  EXPECT_FALSE(merged->has("plex_account_token"));  // stale: the new token is the account's too
  EXPECT_EQ(merged->getArray("path_mappings")->size(), 1u);
  EXPECT_EQ(merged->getValue<double>("debounce_seconds"), 2);
  EXPECT_TRUE(merged->getValue<bool>("token_keepalive"));

  Object::Ptr fresh = Parse(MergeLoginConfig(nullptr, ready));
  EXPECT_EQ(fresh->getValue<std::string>("name"), "Office");
}

TEST(LoginConfigTest, TokensAreRedactedForPrinting) {
  Object::Ptr doc =
      Parse(R"({"token":"a","config":{"plex_token":"b","plex_account_token":"c","host":"h"},
      "candidates":[{"uri":"u"}]})");
  const std::string text = WithoutTokens(doc);
  for (const char* secret : {"\"a\"", "\"b\"", "\"c\""})
    EXPECT_EQ(text.find(secret), std::string::npos) << text;
  EXPECT_NE(text.find("\"host\":\"h\""), std::string::npos);
  EXPECT_NE(text.find("<redacted>"), std::string::npos);
}

TEST(LoginConfigTest, WrittenFilesAreOwnerOnlyEvenOverAWiderOne) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("host_stub_login_" + std::to_string(getpid()) + ".json"))
                               .string();
  std::ofstream(path) << "{}";
  chmod(path.c_str(), 0644);
  std::string error;
  ASSERT_TRUE(WritePrivateFile(path, "{\"plex_token\":\"x\"}\n", &error)) << error;
  struct stat st {};
  ASSERT_EQ(stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "{\"plex_token\":\"x\"}\n");
  std::remove(path.c_str());
  EXPECT_FALSE(WritePrivateFile("/nonexistent-dir/x.json", "{}", &error));
  EXPECT_NE(error.find("/nonexistent-dir"), std::string::npos);
}

TEST(AccountReportTest, ServersAndTheConnectionChoice) {
  const std::string servers = RenderServers(R"({"schema_version":1,"servers":[{"name":"Office",
      "machine_identifier":"m1","version":"1.32","platform":"Linux","owned":true,"owner":"","online":true,
      "https_required":true,"connections":[{"uri":"https://1-2-3-4.h.plex.direct:32400","kind":"local"}]}]})");
  EXPECT_NE(servers.find("Office  (owned, online, requires https)"), std::string::npos) << servers;
  EXPECT_NE(servers.find("local   https://1-2-3-4.h.plex.direct:32400"), std::string::npos)
      << servers;
  EXPECT_EQ(RenderServers(R"({"servers":[]})"), "the account has no Plex Media Server\n");

  const std::string choice =
      RenderConnectionChoice(R"({"server":{"name":"Office","machine_identifier":"m1"},
      "chosen":{"uri":"http://203.0.113.7:32400","kind":"remote","version":"1.32"},
      "candidates":[{"uri":"http://10.0.0.5:32400","kind":"local","result":"rejected","status":"unreachable","reason":"refused"},
                    {"uri":"http://203.0.113.7:32400","kind":"remote","result":"chosen"}],
      "config":{"plex_token":"secret"},"other_servers":["Basement"]})");
  EXPECT_NE(choice.find("reached at http://203.0.113.7:32400 (remote)"), std::string::npos)
      << choice;
  EXPECT_NE(choice.find("rejected   http://10.0.0.5:32400 (local): unreachable: refused"),
            std::string::npos)
      << choice;
  EXPECT_NE(choice.find("Basement"), std::string::npos);
  EXPECT_EQ(choice.find("secret"), std::string::npos);
}

}  // namespace
}  // namespace host_stub
