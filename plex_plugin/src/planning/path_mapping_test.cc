#include "planning/path_mapping.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

PathMapper MustCreate(std::vector<PathMappingRule> rules, PathStyle style) {
  Result<PathMapper> m = PathMapper::Create(std::move(rules), style);
  EXPECT_TRUE(m.ok()) << m.status().message();
  return std::move(m).value();
}

struct MapCase {
  const char* manager;
  const char* server;  // expected
  int rule;
};

TEST(PathMappingTest, LinuxToLinuxLongestPrefixOnFolderBoundary) {
  const PathMapper m = MustCreate({{"/mnt/media", "/data"},
                                   {"/mnt/media/movies", "/movies"},
                                   {"/mnt/media/movies/4k/", "/uhd/"}},
                                  PathStyle::kPosix);
  const MapCase cases[] = {
      {"/mnt/media/movies/Heat (1995)", "/movies/Heat (1995)", 1},
      {"/mnt/media/movies/Heat (1995)/", "/movies/Heat (1995)", 1},
      {"/mnt/media/movies", "/movies", 1},
      {"/mnt/media/movies2/X", "/data/movies2/X", 0},  // not "/movies2/X"
      {"/mnt/media/movies/4k/Dune (2021)/Dune.mkv", "/uhd/Dune (2021)/Dune.mkv", 2},
      {"/mnt/media/movies/4kids/X", "/movies/4kids/X", 1},
      {"/mnt/media/tv/Show", "/data/tv/Show", 0},
      {"/mnt/mediaX/Show", "/mnt/mediaX/Show", -1},  // passes through unchanged
      {"/mnt//media///tv//", "/data/tv", 0},
      {"/mnt/Media/tv", "/mnt/Media/tv", -1},  // case-sensitive manager side
  };
  for (const MapCase& c : cases) {
    Result<MappedPath> r = m.ToServer(c.manager);
    ASSERT_TRUE(r.ok()) << c.manager << ": " << r.status().message();
    EXPECT_EQ(r->server_path, c.server) << c.manager;
    EXPECT_EQ(r->rule_index, c.rule) << c.manager;
  }
}

TEST(PathMappingTest, LinuxManagerToWindowsServer) {
  const PathMapper m = MustCreate({{"/mnt/media/movies", "M:/Media/Movies/"},
                                   {"/mnt/nas", "\\\\nas\\share"}},
                                  PathStyle::kWindows);
  const MapCase cases[] = {
      {"/mnt/media/movies/Heat (1995)/Heat.mkv", "M:\\Media\\Movies\\Heat (1995)\\Heat.mkv", 0},
      {"/mnt/media/movies/", "M:\\Media\\Movies", 0},
      {"/mnt/nas/TV/Show/Season 01", "\\\\nas\\share\\TV\\Show\\Season 01", 1},
      {"/mnt/media/movies/Tom & Jerry #2 + 100%/a b.mkv",
       "M:\\Media\\Movies\\Tom & Jerry #2 + 100%\\a b.mkv", 0},
  };
  for (const MapCase& c : cases) {
    Result<MappedPath> r = m.ToServer(c.manager);
    ASSERT_TRUE(r.ok()) << c.manager;
    EXPECT_EQ(r->server_path, c.server) << c.manager;
    EXPECT_EQ(r->rule_index, c.rule) << c.manager;
  }
}

TEST(PathMappingTest, WindowsManagerIsCaseInsensitiveAndBothSeparators) {
  const PathMapper m = MustCreate({{"D:\\Library\\Movies", "/data/movies"}}, PathStyle::kPosix);
  const MapCase cases[] = {
      {"d:/library/movies/Heat (1995)\\Heat.mkv", "/data/movies/Heat (1995)/Heat.mkv", 0},
      {"D:\\LIBRARY\\MOVIES", "/data/movies", 0},
      {"D:\\Library\\Movies2\\X", "D:\\Library\\Movies2\\X", -1},
  };
  for (const MapCase& c : cases) {
    Result<MappedPath> r = m.ToServer(c.manager);
    ASSERT_TRUE(r.ok()) << c.manager;
    EXPECT_EQ(r->rule_index, c.rule) << c.manager;
    if (c.rule >= 0) {
      EXPECT_EQ(r->server_path, c.server) << c.manager;
    }
  }
}

TEST(PathMappingTest, NonAsciiSurvives) {
  const PathMapper m = MustCreate({{"/mnt/m", "/data"}}, PathStyle::kPosix);
  const std::string nfd = "/mnt/m/Ame\xCC\x81lie (2001)/\xE5\x8D\x83.mkv";
  Result<MappedPath> r = m.ToServer(nfd);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->server_path, "/data/Ame\xCC\x81lie (2001)/\xE5\x8D\x83.mkv");
}

TEST(PathMappingTest, ReverseMapping) {
  const PathMapper m = MustCreate({{"/mnt/media/movies", "M:\\Media\\Movies"},
                                   {"/mnt/media", "M:\\Media"}},
                                  PathStyle::kWindows);
  const std::pair<const char*, const char*> cases[] = {
      {"M:\\Media\\Movies\\Heat (1995)\\Heat.mkv", "/mnt/media/movies/Heat (1995)/Heat.mkv"},
      {"m:/media/movies", "/mnt/media/movies"},
      {"M:\\Media\\TV\\Show", "/mnt/media/TV/Show"},
  };
  for (const auto& [server, manager] : cases) {
    Result<ManagerPath> r = m.ToManager(server);
    ASSERT_TRUE(r.ok()) << server;
    EXPECT_EQ(r->manager_path, manager) << server;
  }
  Result<ManagerPath> unmapped = m.ToManager("Z:\\Other");
  ASSERT_TRUE(unmapped.ok());
  EXPECT_EQ(unmapped->rule_index, -1);
  EXPECT_FALSE(m.ToManager("relative\\x").ok());
}

TEST(PathMappingTest, RoundTrip) {
  const PathMapper m = MustCreate({{"/mnt/media/movies", "M:\\Media\\Movies"}}, PathStyle::kWindows);
  const std::string path = "/mnt/media/movies/A & B (2001)/a.mkv";
  Result<MappedPath> to = m.ToServer(path);
  ASSERT_TRUE(to.ok());
  Result<ManagerPath> back = m.ToManager(to->server_path);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->manager_path, path);
}

TEST(PathMappingTest, BadPathsAreRefusedWithTheirName) {
  const PathMapper m = MustCreate({{"/mnt/m", "/data"}}, PathStyle::kPosix);
  for (const char* bad : {"", "relative/path", "/mnt/m/../../etc", "C:relative"}) {
    Result<MappedPath> r = m.ToServer(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), PD_ERR_INVALID_ARGUMENT);
    EXPECT_NE(r.status().message().find(std::string("\"") + bad + "\""), std::string::npos)
        << r.status().message();
  }
}

// Found by fuzzing: a backslash is an ordinary character for a POSIX manager but a separator on
// a Windows server, so "..\\" passed the manager-side check and climbed out of the mapping.
TEST(PathMappingTest, ParentReferencesAreRefusedInTheServersStyleToo) {
  const PathMapper m = MustCreate({{"/mnt/movies", "M:\\Movies"}}, PathStyle::kWindows);
  for (const char* bad : {"/mnt/movies/..\\..\\Windows", "/mnt/other/..\\x"}) {
    Result<MappedPath> r = m.ToServer(bad);
    ASSERT_FALSE(r.ok()) << bad << " -> " << r->server_path;
    EXPECT_EQ(r.status().code(), PD_ERR_INVALID_ARGUMENT);
    EXPECT_NE(r.status().message().find(".."), std::string::npos) << r.status().message();
  }
  EXPECT_FALSE(m.ToManager("M:\\Movies\\..\\x").ok());
  Result<MappedPath> fine = m.ToServer("/mnt/movies/a..b\\c");  // ".." inside a name is fine
  ASSERT_TRUE(fine.ok()) << fine.status().ToString();
  EXPECT_EQ(fine->server_path, "M:\\Movies\\a..b\\c");
}

TEST(PathMappingTest, UncPrefixWithoutAHostIsNoRule) {
  Result<PathMapper> m = PathMapper::Create({{"D:\\", "\\\\\\"}}, PathStyle::kWindows);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), PD_ERR_INVALID_CONFIG);
  EXPECT_NE(m.status().message().find("path_mappings[0].player_path"), std::string::npos);
}

TEST(PathMappingTest, BadRulesNameTheField) {
  struct Case {
    std::vector<PathMappingRule> rules;
    PathStyle style;
    const char* field;
  };
  const Case cases[] = {
      {{{"mnt/m", "/data"}}, PathStyle::kPosix, "path_mappings[0].metarr_path"},
      {{{"/mnt/m", "data"}}, PathStyle::kPosix, "path_mappings[0].player_path"},
      {{{"/a", "/b"}, {"/mnt/m", "/data"}}, PathStyle::kWindows, "path_mappings[0].player_path"},
      {{{"/a", "/b"}, {"/mnt/../m", "/data"}}, PathStyle::kPosix, "path_mappings[1].metarr_path"},
      {{{"/a", "/b"}, {"/a/", "/c"}}, PathStyle::kPosix, "path_mappings[0] and path_mappings[1]"},
  };
  for (const Case& c : cases) {
    Result<PathMapper> r = PathMapper::Create(c.rules, c.style);
    ASSERT_FALSE(r.ok()) << c.field;
    EXPECT_EQ(r.status().code(), PD_ERR_INVALID_CONFIG);
    EXPECT_NE(r.status().message().find(c.field), std::string::npos) << r.status().message();
  }
  // The same rule twice is harmless.
  EXPECT_TRUE(PathMapper::Create({{"/a", "/b"}, {"/a/", "/b/"}}, PathStyle::kPosix).ok());
}

}  // namespace
}  // namespace plexdriver
