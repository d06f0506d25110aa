#include "planning/path_style.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

constexpr PathStyle kPosix = PathStyle::kPosix;
constexpr PathStyle kWin = PathStyle::kWindows;

struct NormalizeCase {
  const char* in;
  PathStyle style;
  const char* out;
};

TEST(PathStyleTest, NormalizeTable) {
  const NormalizeCase cases[] = {
      {"/data/movies", kPosix, "/data/movies"},
      {"/data/movies/", kPosix, "/data/movies"},
      {"/data//movies///", kPosix, "/data/movies"},
      {"/", kPosix, "/"},
      {"//", kPosix, "/"},
      {"/data\\movies", kPosix, "/data\\movies"},  // '\' is a name character on POSIX
      {"M:\\Media\\Movies", kWin, "M:\\Media\\Movies"},
      {"M:/Media/Movies/", kWin, "M:\\Media\\Movies"},
      {"M:\\Media\\\\Movies\\\\", kWin, "M:\\Media\\Movies"},
      {"m:\\", kWin, "m:\\"},
      {"M:/", kWin, "M:\\"},
      {"\\\\nas\\share\\Movies\\", kWin, "\\\\nas\\share\\Movies"},
      {"//nas/share/Movies", kWin, "\\\\nas\\share\\Movies"},
      {"\\\\\\nas\\\\share", kWin, "\\\\nas\\share"},
      {"/data/Café (2019)", kPosix, "/data/Café (2019)"},
  };
  for (const NormalizeCase& c : cases) {
    EXPECT_EQ(NormalizePath(c.in, c.style), c.out) << c.in << " as " << PathStyleName(c.style);
  }
}

struct WithinCase {
  const char* path;
  const char* root;
  PathStyle style;
  bool within;
};

TEST(PathStyleTest, WithinOnFolderBoundaryOnly) {
  const WithinCase cases[] = {
      {"/media/movies/X", "/media/movies", kPosix, true},
      {"/media/movies", "/media/movies", kPosix, true},
      {"/media/movies/", "/media/movies", kPosix, true},
      {"/media/movies", "/media/movies/", kPosix, true},
      {"/media/movies2/X", "/media/movies", kPosix, false},
      {"/media/movie", "/media/movies", kPosix, false},
      {"/media", "/media/movies", kPosix, false},
      {"/Media/Movies/X", "/media/movies", kPosix, false},  // Linux is case-sensitive
      {"/anything", "/", kPosix, true},
      {"M:\\Media\\Movies\\X", "M:\\Media\\Movies", kWin, true},
      {"m:/media/movies/X", "M:\\Media\\Movies", kWin, true},  // case and separator ignored
      {"M:\\Media\\Movies2\\X", "M:\\Media\\Movies", kWin, false},
      {"N:\\Media\\Movies\\X", "M:\\Media\\Movies", kWin, false},
      {"M:\\anything", "M:\\", kWin, true},
      {"\\\\NAS\\Share\\a", "\\\\nas\\share", kWin, true},
      {"\\\\nas\\share2\\a", "\\\\nas\\share", kWin, false},
      {"/x", "", kPosix, false},
  };
  for (const WithinCase& c : cases) {
    EXPECT_EQ(PathIsWithin(c.path, c.root, c.style), c.within)
        << c.path << " within " << c.root << " (" << PathStyleName(c.style) << ")";
  }
}

TEST(PathStyleTest, NonAsciiIsComparedExactly) {
  // NFC "é" (C3 A9) vs NFD "e" + U+0301 (65 CC 81): different names, never rewritten.
  const std::string nfc = "/data/Am\xC3\xA9lie (2001)";
  const std::string nfd = "/data/Ame\xCC\x81lie (2001)";
  EXPECT_TRUE(PathIsWithin(nfc + "/a.mkv", nfc, kPosix));
  EXPECT_FALSE(PathIsWithin(nfd + "/a.mkv", nfc, kPosix));
  EXPECT_EQ(NormalizePath(nfd + "/", kWin), "\\data\\Ame\xCC\x81lie (2001)");
  // Windows folds ASCII only: "É" and "é" stay distinct bytes.
  EXPECT_FALSE(PathIsWithin("M:\\\xC3\x89t\xC3\xA9", "M:\\\xC3\xA9t\xC3\xA9", kWin));
}

TEST(PathStyleTest, DetectStyle) {
  EXPECT_EQ(DetectPathStyle("Windows", {"/x"}), kWin);
  EXPECT_EQ(DetectPathStyle("windows", {}), kWin);
  EXPECT_EQ(DetectPathStyle("Linux", {"M:\\x"}), kPosix);  // the platform is authoritative
  EXPECT_EQ(DetectPathStyle("MacOSX", {}), kPosix);
  EXPECT_EQ(DetectPathStyle("", {"/data", "M:\\Media"}), kWin);
  EXPECT_EQ(DetectPathStyle("", {"\\\\nas\\share"}), kWin);
  EXPECT_EQ(DetectPathStyle("", {"/data"}), kPosix);
  EXPECT_EQ(GuessPathStyle("C:\\x"), kWin);
  EXPECT_EQ(GuessPathStyle("/mnt/x"), kPosix);
}

TEST(PathStyleTest, AbsoluteRelativeJoinParent) {
  EXPECT_TRUE(IsAbsolutePath("/x", kPosix));
  EXPECT_FALSE(IsAbsolutePath("x/y", kPosix));
  EXPECT_FALSE(IsAbsolutePath("", kPosix));
  EXPECT_TRUE(IsAbsolutePath("C:\\x", kWin));
  EXPECT_TRUE(IsAbsolutePath("C:/x", kWin));
  EXPECT_FALSE(IsAbsolutePath("C:x", kWin));
  EXPECT_FALSE(IsAbsolutePath("\\x", kWin));
  EXPECT_TRUE(IsAbsolutePath("\\\\nas\\share", kWin));
  EXPECT_TRUE(IsAbsolutePath("\\\\\\nas", kWin));  // normalizes to \\nas
  EXPECT_FALSE(IsAbsolutePath("\\\\\\", kWin));    // no host: not a path
  EXPECT_FALSE(IsAbsolutePath("//", kWin));

  EXPECT_EQ(JoinPath("M:\\Movies", "c:\\", kWin), "M:\\Movies\\c:");  // not a root once joined
  EXPECT_EQ(RelativePart("/a/b/c", "/a", kPosix), "b/c");
  EXPECT_EQ(RelativePart("/a", "/a/", kPosix), "");
  EXPECT_EQ(RelativePart("/a/b", "/", kPosix), "a/b");
  EXPECT_EQ(RelativePart("m:/media/x/y", "M:\\Media", kWin), "x\\y");

  EXPECT_EQ(JoinPath("/data/", "x/y/", kPosix), "/data/x/y");
  EXPECT_EQ(JoinPath("/data", "", kPosix), "/data");
  EXPECT_EQ(JoinPath("/", "x", kPosix), "/x");
  EXPECT_EQ(JoinPath("M:\\Media", "Heat (1995)/Heat.mkv", kWin), "M:\\Media\\Heat (1995)\\Heat.mkv");
  EXPECT_EQ(JoinPath("M:\\", "x", kWin), "M:\\x");

  EXPECT_EQ(ParentFolder("/a/b/c.mkv", kPosix), "/a/b");
  EXPECT_EQ(ParentFolder("/a", kPosix), "/");
  EXPECT_EQ(ParentFolder("/", kPosix), "/");
  EXPECT_EQ(ParentFolder("M:\\a", kWin), "M:\\");
  EXPECT_EQ(ParentFolder("M:\\a\\b\\", kWin), "M:\\a");
  EXPECT_EQ(LastComponent("/a/b.mkv", kPosix), "b.mkv");
  EXPECT_EQ(LastComponent("M:\\a\\b", kWin), "b");

  EXPECT_TRUE(HasParentReference("/a/../b", kPosix));
  EXPECT_TRUE(HasParentReference("M:\\a\\..", kWin));
  EXPECT_FALSE(HasParentReference("/a/..b/c..", kPosix));
  EXPECT_FALSE(HasParentReference("/a\\..\\b", kPosix));  // one name on POSIX
}

}  // namespace
}  // namespace plexdriver
