#include "planning/item_index.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

LibraryItem Item(std::string key, std::string type, std::vector<std::string> files,
                 std::vector<std::string> locations = {}, std::string parent = "",
                 std::string grandparent = "") {
  LibraryItem i;
  i.rating_key = std::move(key);
  i.type = std::move(type);
  i.title = "t" + i.rating_key;
  i.files = std::move(files);
  i.locations = std::move(locations);
  i.parent_key = std::move(parent);
  i.grandparent_key = std::move(grandparent);
  return i;
}

std::string KeyOf(const ItemIndex& index, const std::string& path) {
  const LibraryItem* item = index.Find(path);
  return item ? item->rating_key : "-";
}

TEST(ItemIndexTest, FindsMoviesShowsSeasonsAndEpisodesByPath) {
  ItemIndex index(PathStyle::kPosix);
  index.Upsert(Item("101", "movie", {"/data/movies/Heat (1995)/Heat.mkv"}));
  index.Upsert(Item("203", "episode", {"/data/tv/Show/Season 01/S01E01.mkv"}, {}, "202", "201"));
  index.Upsert(Item("201", "show", {}, {"/data/tv/Show"}));
  index.Upsert(Item("301", "episode", {"/data/tv/Flat/Flat - S01E01.mkv"}, {}, "302", "300"));
  index.Upsert(Item("300", "show", {}, {"/data/tv/Flat"}));
  const std::pair<const char*, const char*> cases[] = {
      {"/data/movies/Heat (1995)/Heat.mkv", "101"},          // the file
      {"/data/movies/Heat (1995)", "101"},                   // its folder
      {"/data/movies/Heat (1995)/", "101"},
      {"/data/movies/Heat (1995)/poster.jpg", "101"},        // artwork beside it
      {"/data/movies/Heat (1995)/extras/x.mkv", "-"},        // deeper: not guessed
      {"/data/movies/Other", "-"},
      {"/data/tv/Show", "201"},                              // show folder
      {"/data/tv/Show/poster.jpg", "201"},
      {"/data/tv/Show/Season 01", "202"},                    // season folder
      {"/data/tv/Show/Season 01/season01-poster.jpg", "202"},
      {"/data/tv/Show/Season 01/S01E01.mkv", "203"},         // the episode
      {"/data/tv/Flat", "300"},                              // episodes in the show folder: show keeps it
      {"/data/tv/Flat/fanart.jpg", "300"},
      {"/data/tv/Flat/Flat - S01E01.mkv", "301"},
      // Artwork named after a video belongs to that video's item, not to the folder's owner.
      {"/data/tv/Show/Season 01/S01E01.jpg", "203"},
      {"/data/tv/Flat/Flat - S01E01.jpg", "301"},
      {"/data/tv/Flat/Flat - S01E01-thumb.png", "301"},
      {"/data/tv/Show/Season 01/S01E02.jpg", "202"},         // no such episode: the season
      {"/data/movies/Heat (1995)/Heat-fanart.jpg", "101"},
  };
  for (const auto& [path, key] : cases) EXPECT_EQ(KeyOf(index, path), key) << path;
}

TEST(ItemIndexTest, WindowsIgnoresCaseAndSeparators) {
  ItemIndex index(PathStyle::kWindows);
  index.Upsert(Item("5", "movie", {"M:\\Media\\Movies\\Dune (2021)\\Dune.mkv"}));
  EXPECT_EQ(KeyOf(index, "m:/media/movies/dune (2021)"), "5");
  EXPECT_EQ(KeyOf(index, "M:\\MEDIA\\MOVIES\\DUNE (2021)\\POSTER.JPG"), "5");
  ItemIndex posix(PathStyle::kPosix);
  posix.Upsert(Item("6", "movie", {"/data/Dune/Dune.mkv"}));
  EXPECT_EQ(KeyOf(posix, "/data/dune"), "-");
}

TEST(ItemIndexTest, UpsertReplacesPathsAndRemoveForgets) {
  ItemIndex index(PathStyle::kPosix);
  index.Upsert(Item("1", "movie", {"/m/A (2000)/a.mkv"}));
  index.Upsert(Item("1", "movie", {"/m/B (2000)/b.mkv"}));  // renamed on disk, same item
  EXPECT_EQ(KeyOf(index, "/m/A (2000)"), "-");
  EXPECT_EQ(KeyOf(index, "/m/B (2000)"), "1");
  EXPECT_EQ(KeyOf(index, "/m/B (2000)/b.jpg"), "1");
  index.Remove("1");
  EXPECT_EQ(KeyOf(index, "/m/B (2000)"), "-");
  EXPECT_EQ(KeyOf(index, "/m/B (2000)/b.jpg"), "-");
  EXPECT_EQ(index.Get("1"), nullptr);
}

}  // namespace
}  // namespace plexdriver
