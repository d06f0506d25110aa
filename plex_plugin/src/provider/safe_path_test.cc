// SPDX-License-Identifier: MIT
#include "provider/safe_path.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace plexdriver {
namespace {
namespace fs = std::filesystem;

TEST(SafePath, DecodesOrdinaryNames) {
  Result<std::string> r = DecodeRelativePath("Heat%20(1995)/poster.jpg");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "Heat (1995)/poster.jpg");
  EXPECT_EQ(*DecodeRelativePath(EncodeRelativePath("Amélie (2001)/fan art #1.jpg")), "Amélie (2001)/fan art #1.jpg");
}

TEST(SafePath, RefusesEveryFormThatClimbsOut) {
  for (const char* bad : {"..", "../etc/passwd", "a/../../b", "a/./b", "%2e%2e/x", "a%2Fb", "a%2fb", "a%5Cb",
                          "..%2F..%2Fetc%2Fpasswd", "/etc/passwd", "%2Fetc/passwd", "C:/Windows/win.ini", "C%3A/x",
                          "c:x", "a\\b", "%5C%5Chost%5Cshare", "//host/share", "a//b", "a/", "", "a%00b", "a%0Ab",
                          "%25252e", "a%2", "a%zz", "%ff%fe"}) {
    EXPECT_FALSE(DecodeRelativePath(bad).ok()) << bad;
  }
}

TEST(SafePath, ContainedRealPathFollowsSymlinksAndRefusesThoseLeavingTheRoot) {
  const fs::path base = fs::temp_directory_path() / ("pd_safe_path_" + std::to_string(::getpid()));
  fs::remove_all(base);
  fs::create_directories(base / "root/Heat");
  fs::create_directories(base / "outside");
  std::ofstream(base / "root/Heat/poster.jpg") << "x";
  std::ofstream(base / "outside/secret.jpg") << "s";
  fs::create_symlink(base / "outside/secret.jpg", base / "root/Heat/link.jpg");
  fs::create_directory_symlink(base / "outside", base / "root/escape");
  fs::create_symlink(base / "root/Heat/poster.jpg", base / "root/Heat/inner.jpg");
  const std::string root = fs::canonical(base / "root").string();
  EXPECT_TRUE(ContainedRealPath(root, "Heat/poster.jpg").ok());
  EXPECT_TRUE(ContainedRealPath(root, "Heat/inner.jpg").ok()) << "a symlink staying inside is fine";
  EXPECT_FALSE(ContainedRealPath(root, "Heat/link.jpg").ok());
  EXPECT_FALSE(ContainedRealPath(root, "escape/secret.jpg").ok());
  EXPECT_FALSE(ContainedRealPath(root, "Heat/missing.jpg").ok());
  EXPECT_FALSE(ContainedRealPath(root, "../outside/secret.jpg").ok());
  EXPECT_EQ(*ContainedRealPath(root, "Heat/inner.jpg"), root + "/Heat/poster.jpg");

  // The short way (no symlink below the root) and realpath's way give the same answers.
  EXPECT_EQ(RealPathBelow(root, "Heat/poster.jpg"), root + "/Heat/poster.jpg");
  EXPECT_EQ(RealPathBelow(root, "Heat"), root + "/Heat");
  EXPECT_EQ(RealPathBelow(root, "Heat/inner.jpg"), root + "/Heat/poster.jpg");
  EXPECT_EQ(RealPathBelow(root, "escape/secret.jpg"), fs::canonical(base / "outside/secret.jpg").string());
  EXPECT_EQ(RealPathBelow(root, "Heat/missing.jpg"), "");
  EXPECT_EQ(RealPathBelow(root, "missing/poster.jpg"), "");
  fs::remove_all(base);
}

}  // namespace
}  // namespace plexdriver
