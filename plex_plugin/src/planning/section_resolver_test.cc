#include "planning/section_resolver.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

LibrarySection Section(std::string key, std::string title, std::vector<std::string> locations) {
  LibrarySection s;
  s.key = std::move(key);
  s.title = std::move(title);
  s.type = "movie";
  int64_t id = 1;
  for (std::string& l : locations) s.locations.push_back({id++, std::move(l)});
  return s;
}

std::vector<std::string> Keys(const std::vector<SectionMatch>& m) {
  std::vector<std::string> keys;
  for (const SectionMatch& x : m) keys.push_back(x.section_key);
  return keys;
}

TEST(SectionResolverTest, ResolvesTable) {
  const std::vector<LibrarySection> sections = {
      Section("1", "Movies", {"/data/movies", "/data2/movies"}),
      Section("2", "Movies 4K", {"/data/movies", "/data/uhd"}),
      Section("3", "TV Shows", {"/data/tv"}),
      Section("4", "Nested", {"/data/tv/anime"}),
  };
  const SectionResolver r(sections, PathStyle::kPosix);
  struct Case {
    const char* path;
    std::vector<std::string> keys;
  };
  const Case cases[] = {
      {"/data/movies/Heat (1995)", {"1", "2"}},  // shared folder: both scan
      {"/data2/movies/X", {"1"}},               // second location of a section
      {"/data/uhd/Dune", {"2"}},
      {"/data/movies", {"1", "2"}},  // a location root itself is valid
      {"/data/tv/anime/Show", {"3", "4"}},
      {"/data/tv/Show/Season 01/e.mkv", {"3"}},
  };
  for (const Case& c : cases) {
    Result<std::vector<SectionMatch>> m = r.Resolve(c.path, c.path);
    ASSERT_TRUE(m.ok()) << c.path << ": " << m.status().message();
    EXPECT_EQ(Keys(*m), c.keys) << c.path;
  }
  Result<std::vector<SectionMatch>> m = r.Resolve("/data2/movies/X", "/mnt/x");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ((*m)[0].location_path, "/data2/movies");
  EXPECT_EQ((*m)[0].section_title, "Movies");
}

TEST(SectionResolverTest, UnknownPathNamesEverything) {
  const std::vector<LibrarySection> sections = {Section("1", "Movies", {"/data/movies"}),
                                                Section("3", "TV Shows", {"/data/tv"})};
  const SectionResolver r(sections, PathStyle::kPosix);
  Result<std::vector<SectionMatch>> m = r.Resolve("/data/movies2/X", "/mnt/media/movies2/X");
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), PD_ERR_NOT_FOUND);
  const std::string& msg = m.status().message();
  EXPECT_NE(msg.find("/mnt/media/movies2/X"), std::string::npos) << msg;
  EXPECT_NE(msg.find("mapped to \"/data/movies2/X\""), std::string::npos) << msg;
  EXPECT_NE(msg.find("\"/data/movies\" (Movies)"), std::string::npos) << msg;
  EXPECT_NE(msg.find("\"/data/tv\" (TV Shows)"), std::string::npos) << msg;

  Result<std::vector<SectionMatch>> unmapped = r.Resolve("/srv/x", "/srv/x");
  ASSERT_FALSE(unmapped.ok());
  EXPECT_NE(unmapped.status().message().find("no path mapping matched"), std::string::npos);

  const std::vector<LibrarySection> none;
  Result<std::vector<SectionMatch>> empty = SectionResolver(none, PathStyle::kPosix).Resolve("/x", "/x");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("no libraries"), std::string::npos);
}

TEST(SectionResolverTest, WindowsServerIsCaseInsensitive) {
  const std::vector<LibrarySection> sections = {Section("5", "Movies", {"M:\\Media\\Movies"})};
  const SectionResolver r(sections, PathStyle::kWindows);
  Result<std::vector<SectionMatch>> m = r.Resolve("m:\\media\\movies\\Heat (1995)", "/mnt/x");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(Keys(*m), std::vector<std::string>{"5"});
  EXPECT_FALSE(r.Resolve("M:\\Media\\Movies2\\X", "/mnt/y").ok());
}

}  // namespace
}  // namespace plexdriver
