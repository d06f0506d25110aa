#include "sync/sync_request.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(SyncRequestTest, FullRequest) {
  auto r = ParseSyncRequest(R"J({"schema_version":1,"changes":[
      {"path":"/mnt/movies/Heat (1995)","kind":"added","media_type":"movie","title":"Heat","year":1995},
      {"path":"M:\\Movies\\Alien (1979)\\poster.jpg","kind":"updated"},
      {"path":"/mnt/tv/Show/Season 01","kind":"removed"}],
      "options":{"wait":false,"timeout_seconds":12.5,"dry_run":true,"full_scan":false}})J");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->changes.size(), 3u);
  EXPECT_EQ(r->changes[0].kind, ChangeKind::kAdded);
  EXPECT_EQ(r->changes[0].media_type, "movie");
  EXPECT_EQ(*r->changes[0].year, 1995);
  EXPECT_EQ(r->changes[1].kind, ChangeKind::kUpdated);
  EXPECT_EQ(r->changes[2].kind, ChangeKind::kRemoved);
  EXPECT_FALSE(r->options.wait);
  EXPECT_TRUE(r->options.dry_run);
  EXPECT_DOUBLE_EQ(r->options.timeout_seconds, 12.5);
}

TEST(SyncRequestTest, HostChosenIdsAreKept) {
  auto r = ParseSyncRequest(R"({"changes":[{"path":"/a","kind":"added","id":"metarr-job-17"},
                                           {"path":"/b","kind":"added"}]})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->changes[0].id, "metarr-job-17");
  EXPECT_EQ(r->changes[1].id, "");
  auto longest = ParseSyncRequest(R"({"changes":[{"path":"/a","kind":"added","id":")" +
                                  std::string(kMaxChangeIdBytes, 'x') + "\"}]}");
  EXPECT_TRUE(longest.ok());
  auto too_long = ParseSyncRequest(R"({"changes":[{"path":"/a","kind":"added","id":")" +
                                   std::string(kMaxChangeIdBytes + 1, 'x') + "\"}]}");
  ASSERT_FALSE(too_long.ok());
  EXPECT_EQ(too_long.status().message().rfind("changes[0].id", 0), 0u);
}

TEST(SyncRequestTest, DefaultsWaitWithTimeout) {
  auto r = ParseSyncRequest(R"({"changes":[{"path":"/a","kind":"updated"}]})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->options.wait);
  EXPECT_FALSE(r->options.dry_run);
  EXPECT_GT(r->options.timeout_seconds, 0);
}

TEST(SyncRequestTest, YearZeroMeansUnknownAndTheRangeEndsAreYears) {
  // Managers such as Radarr send 0 for a movie whose year they do not know.
  auto unknown = ParseSyncRequest(R"({"changes":[{"path":"/a","kind":"added","year":0}]})");
  ASSERT_TRUE(unknown.ok()) << unknown.status().ToString();
  EXPECT_FALSE(unknown->changes[0].year.has_value());
  auto first = ParseSyncRequest(R"({"changes":[{"path":"/a","kind":"added","year":1}]})");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->changes[0].year, 1);
  auto last = ParseSyncRequest(R"({"changes":[{"path":"/a","kind":"added","year":9999}]})");
  ASSERT_TRUE(last.ok()) << last.status().ToString();
  EXPECT_EQ(last->changes[0].year, kMaxYear);
}

TEST(SyncRequestTest, AYearWiderThanIntIsRefusedNotThrown) {
  // Found by fuzz.sync_request.run in CI: Poco threw RangeException converting to int.
  auto r = ParseSyncRequest(R"({"changes":[{"path":"/a","kind":"added","year":99999999999}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "changes[0].year: 99999999999 is not a year; give 1 to 9999, or 0 or nothing when the "
            "year is unknown");
}

struct Bad {
  const char* json;
  const char* key;
};

class BadSyncRequestTest : public ::testing::TestWithParam<Bad> {};

TEST_P(BadSyncRequestTest, NamesTheKey) {
  auto r = ParseSyncRequest(GetParam().json);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), PD_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(r.status().message().rfind(GetParam().key, 0), 0u) << r.status().message();
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BadSyncRequestTest,
    ::testing::Values(
        Bad{"", "sync request"}, Bad{"[]", "sync request"}, Bad{"{}", "changes"},
        Bad{R"({"changes":[]})", "changes"}, Bad{R"({"changes":{}})", "changes"},
        Bad{R"({"changes":[1]})", "changes[0]"},
        Bad{R"({"changes":[{"kind":"added"}]})", "changes[0].path"},
        Bad{R"({"changes":[{"path":"","kind":"added"}]})", "changes[0].path"},
        Bad{R"({"changes":[{"path":"relative/x","kind":"added"}]})", "changes[0].path"},
        Bad{"{\"changes\":[{\"path\":\"/\xff\xfe\",\"kind\":\"added\"}]}", "sync request: not valid UTF-8"},
        Bad{R"({"changes":[{"path":"/a"}]})", "changes[0].kind"},
        Bad{R"({"changes":[{"path":"/a","kind":"added"},{"path":"/b","kind":"modified"}]})", "changes[1].kind"},
        Bad{R"({"changes":[{"path":"/a","kind":"added","media_type":"album"}]})", "changes[0].media_type"},
        Bad{R"({"changes":[{"path":"/a","kind":"added","year":"1999"}]})", "changes[0].year"},
        Bad{R"({"changes":[{"path":"/a","kind":"added","year":99999999999}]})", "changes[0].year"},
        Bad{R"({"changes":[{"path":"/a","kind":"added","year":18446744073709551615}]})", "changes[0].year"},
        Bad{R"({"changes":[{"path":"/a","kind":"added","year":-1995}]})", "changes[0].year"},
        Bad{R"({"changes":[{"path":"/a","kind":"added","year":10000}]})", "changes[0].year"},
        Bad{R"({"changes":[{"path":"/a","kind":"added","id":""}]})", "changes[0].id"},
        Bad{R"({"changes":[{"path":"/a","kind":"added","id":7}]})", "changes[0].id"},
        Bad{"{\"changes\":[{\"path\":\"/a\",\"kind\":\"added\",\"id\":\"a\\u0001b\"}]}", "changes[0].id"},
        Bad{R"({"changes":[{"path":"/a","kind":"added","id":"j"},{"path":"/b","kind":"added","id":"j"}]})",
            "changes[1].id"},
        Bad{R"({"changes":[{"path":"/a","kind":"added"}],"options":[]})", "options"},
        Bad{R"({"changes":[{"path":"/a","kind":"added"}],"options":{"wait":"yes"}})", "options.wait"},
        Bad{R"({"changes":[{"path":"/a","kind":"added"}],"options":{"timeout_seconds":0}})", "options.timeout_seconds"}));

}  // namespace
}  // namespace plexdriver
