#include "core/config.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

const char* kToken = "SECRET-token-123";

std::string Minimal(const std::string& extra = "") {
  return std::string(R"({"host":"127.0.0.1","plex_token":")") + kToken + "\"" + extra + "}";
}

TEST(ConfigTest, MinimalConfigGetsDefaults) {
  Result<DriverConfig> c = ParseDriverConfig(Minimal());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->host, "127.0.0.1");
  EXPECT_EQ(c->port, 32400);
  EXPECT_FALSE(c->use_https);
  EXPECT_EQ(c->timeout_seconds, 30);
  EXPECT_EQ(c->name, "Plex");
  EXPECT_TRUE(c->verify_tls);
  EXPECT_EQ(c->BaseUrl(), "http://127.0.0.1:32400");
  EXPECT_FALSE(c->client_identifier.empty());
}

TEST(ConfigTest, FullConfigAsMetarrWritesIt) {
  Result<DriverConfig> c = ParseDriverConfig(R"({
    "name": "Living room", "host": "plex.local", "port": 32401, "use_https": true,
    "plex_token": "abc", "timeout_seconds": 2.5, "client_identifier": "metarr-1",
    "path_mappings": [{"metarr_path": "/mnt/movies", "player_path": "/data/movies"},
                      {"metarr_path": "/mnt/tv", "player_path": "T:\\TV"}],
    "verify_tls": false, "ca_file": "/etc/ca.pem", "unknown_key_is_ignored": [1, 2]})");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->name, "Living room");
  EXPECT_EQ(c->port, 32401);
  EXPECT_TRUE(c->use_https);
  EXPECT_DOUBLE_EQ(c->timeout_seconds, 2.5);
  EXPECT_EQ(c->client_identifier, "metarr-1");
  ASSERT_EQ(c->path_mappings.size(), 2u);
  EXPECT_EQ(c->path_mappings[1].player_path, "T:\\TV");
  EXPECT_FALSE(c->verify_tls);
  EXPECT_EQ(c->ca_file, "/etc/ca.pem");
  EXPECT_EQ(c->BaseUrl(), "https://plex.local:32401");
}

TEST(ConfigTest, SyncSettings) {
  Result<DriverConfig> c = ParseDriverConfig(Minimal(
      R"(,"max_folders_per_section":5,"debounce_seconds":0.5,"poll_interval_ms":50,)"
      R"("use_websocket":false,"anchor_files":["/mnt/media/.online"],"queued_timeout_seconds":30)"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->max_folders_per_section, 5);
  EXPECT_DOUBLE_EQ(c->debounce_seconds, 0.5);
  EXPECT_EQ(c->poll_interval_ms, 50);
  EXPECT_FALSE(c->use_websocket);
  EXPECT_EQ(c->anchor_files, std::vector<std::string>{"/mnt/media/.online"});
  EXPECT_DOUBLE_EQ(c->queued_timeout_seconds, 30);
}

TEST(ConfigTest, PlaybackAndTrashSettings) {
  auto c = ParseDriverConfig(Minimal(R"(,"skip_active":"item","paused_is_active":false,"stale_session_seconds":90,)"
                                     R"("webhook_max_bytes":2048,"empty_trash":true,"empty_trash_max_items":5)"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->skip_active, SkipActive::kItem);
  EXPECT_FALSE(c->paused_is_active);
  EXPECT_EQ(c->stale_session_seconds, 90);
  EXPECT_EQ(c->webhook_max_bytes, 2048);
  EXPECT_TRUE(c->empty_trash);
  EXPECT_EQ(c->empty_trash_max_items, 5);
  auto defaults = ParseDriverConfig(Minimal());
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->skip_active, SkipActive::kNever);
  EXPECT_FALSE(defaults->empty_trash);
  EXPECT_EQ(defaults->empty_trash_max_items, 20);
}

TEST(ConfigTest, DerivedClientIdentifierIsStable) {
  auto a = ParseDriverConfig(Minimal());
  auto b = ParseDriverConfig(Minimal());
  auto other = ParseDriverConfig(Minimal(R"(,"port":1234)"));
  ASSERT_TRUE(a.ok() && b.ok() && other.ok());
  EXPECT_EQ(a->client_identifier, b->client_identifier);
  EXPECT_NE(a->client_identifier, other->client_identifier);
}

TEST(ConfigTest, Ipv6HostIsBracketedInUrl) {
  auto c = ParseDriverConfig(R"({"host":"::1","plex_token":"t"})");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->BaseUrl(), "http://[::1]:32400");
}

struct BadConfig {
  const char* json;
  const char* expected_key;  // the message must start with "config.<key>" or "config:"
};

class BadConfigTest : public ::testing::TestWithParam<BadConfig> {};

TEST_P(BadConfigTest, NamesTheKeyAndNeverTheToken) {
  Result<DriverConfig> c = ParseDriverConfig(GetParam().json);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), PD_ERR_INVALID_CONFIG);
  EXPECT_EQ(c.status().message().rfind(GetParam().expected_key, 0), 0u) << c.status().message();
  EXPECT_EQ(c.status().message().find(kToken), std::string::npos) << c.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadConfigTest,
    ::testing::Values(
        BadConfig{"", "config:"},
        BadConfig{"not json", "config:"},
        BadConfig{"[1,2]", "config:"},
        BadConfig{R"({"plex_token":"SECRET-token-123"})", "config.host"},
        BadConfig{R"({"host":"","plex_token":"SECRET-token-123"})", "config.host"},
        BadConfig{R"({"host":42,"plex_token":"SECRET-token-123"})", "config.host"},
        BadConfig{R"({"host":"http://plex:32400","plex_token":"SECRET-token-123"})", "config.host"},
        BadConfig{R"({"host":"plex:32400","plex_token":"SECRET-token-123"})", "config.host"},
        BadConfig{R"({"host":"plex/web","plex_token":"SECRET-token-123"})", "config.host"},
        BadConfig{R"({"host":"a b","plex_token":"SECRET-token-123"})", "config.host"},
        BadConfig{R"({"host":"h"})", "config.plex_token"},
        BadConfig{R"({"host":"h","plex_token":""})", "config.plex_token"},
        BadConfig{R"({"host":"h","plex_token":123})", "config.plex_token"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123 "})", "config.plex_token"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","port":0})", "config.port"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","port":70000})", "config.port"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","port":"32400"})", "config.port"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","port":1.5})", "config.port"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","port":true})", "config.port"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","use_https":"yes"})", "config.use_https"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","timeout_seconds":0})", "config.timeout_seconds"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","timeout_seconds":-1})", "config.timeout_seconds"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","timeout_seconds":99999})", "config.timeout_seconds"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","timeout_seconds":"30"})", "config.timeout_seconds"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","path_mappings":{}})", "config.path_mappings"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","path_mappings":[1]})", "config.path_mappings[0]"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","path_mappings":[{"player_path":"/a"}]})", "config.path_mappings[0].metarr_path"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","path_mappings":[{"metarr_path":"/a","player_path":"/b"},{"metarr_path":"/c","player_path":""}]})", "config.path_mappings[1].player_path"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","verify_tls":1})", "config.verify_tls"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","client_identifier":7})", "config.client_identifier"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","client_identifier":"metarr 1"})", "config.client_identifier"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","client_identifier":"id\r\nX-Evil: 1"})", "config.client_identifier"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","name":"NAS\r\nX-Evil: 1"})", "config.name"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","name":"tab\tname"})", "config.name"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","max_folders_per_section":0})", "config.max_folders_per_section"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","max_folders_per_section":2.5})", "config.max_folders_per_section"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","debounce_seconds":-1})", "config.debounce_seconds"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","poll_interval_ms":"fast"})", "config.poll_interval_ms"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","use_websocket":"no"})", "config.use_websocket"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","anchor_files":"/x"})", "config.anchor_files"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","anchor_files":["/x",3]})", "config.anchor_files[1]"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","skip_active":"always"})", "config.skip_active"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","paused_is_active":"yes"})", "config.paused_is_active"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","stale_session_seconds":0})", "config.stale_session_seconds"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","webhook_max_bytes":10})", "config.webhook_max_bytes"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","empty_trash":"yes"})", "config.empty_trash"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","empty_trash_max_items":-1})", "config.empty_trash_max_items"},
        BadConfig{R"({"host":"h","plex_token":"SECRET-token-123","empty_trash_max_items":2.5})", "config.empty_trash_max_items"}));

}  // namespace
}  // namespace plexdriver

namespace plexdriver {
namespace {

// The "provider" object is read as the metadata provider reads it, so the instance and the
// provider accept and refuse the same documents.
TEST(ConfigTest, ProviderOptionsAreCheckedAsTheProviderChecksThem) {
  auto defaults = ParseDriverConfig(Minimal());
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->provider.MoviesIdentifier(), "tv.plex.agents.custom.plexdriver.movies");
  auto named = ParseDriverConfig(Minimal(R"(,"provider":{"name":"metarr.nas","public_url":"http://nas:7878/pd/"})"));
  ASSERT_TRUE(named.ok()) << named.status().ToString();
  EXPECT_EQ(named->provider.ShowsIdentifier(), "tv.plex.agents.custom.metarr.nas.shows");
  EXPECT_EQ(named->provider.public_url, "http://nas:7878/pd");
  for (const auto& [extra, key] : std::vector<std::pair<std::string, std::string>>{
           {R"(,"provider":5)", "config.provider:"},
           {R"(,"provider":{"name":"plex-driver"})", "config.provider.name:"},
           {R"(,"provider":{"name":".x"})", "config.provider.name:"},
           {R"(,"provider":{"title":""})", "config.provider.title:"},
           {R"(,"provider":{"public_url":"nas:7878"})", "config.provider.public_url:"}}) {
    auto c = ParseDriverConfig(Minimal(extra));
    ASSERT_FALSE(c.ok()) << extra;
    EXPECT_EQ(c.status().code(), PD_ERR_INVALID_CONFIG) << extra;
    EXPECT_EQ(c.status().message().rfind(key, 0), 0u) << c.status().message();
  }
}

}  // namespace
}  // namespace plexdriver
