// Which library item a server path belongs to, for item refresh and verification (pure).
//
// Built from listings: a movie or episode owns its files, and the folder its files are in; a
// show owns its Location folders; a season owns the folder its episodes are in (when that is not
// the show's own folder). Lookups are hash lookups on normalized, style-aware keys (Windows
// servers ignore case), so a sync can afford one per change on a 100,000-item library.
#ifndef PLEXDRIVER_PLANNING_ITEM_INDEX_H_
#define PLEXDRIVER_PLANNING_ITEM_INDEX_H_

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "planning/path_style.h"
#include "plex/library_items.h"

namespace plexdriver {

class ItemIndex {
 public:
  explicit ItemIndex(PathStyle style) : style_(style) {}

  // Adds or replaces (by rating key) an item and its paths.
  void Upsert(const LibraryItem& item);
  void Remove(const std::string& rating_key);

  // The most specific item for `server_path`: the item owning that file; else the item whose
  // folder it is; else the item whose media file has the same name but for the extension (and a
  // -fanart/-poster/... suffix): an episode's own thumbnail "S01E01.jpg" beside "S01E01.mkv";
  // else the item owning its parent folder (artwork beside the media). nullptr when none.
  const LibraryItem* Find(std::string_view server_path) const;
  const LibraryItem* Get(const std::string& rating_key) const;
  // Season `index` (0: specials) of show `show_key`, known from its episodes; nullptr when none.
  const LibraryItem* Season(const std::string& show_key, int index) const;
  size_t size() const { return items_.size(); }
  // Items in the trash (deletedAt set). O(n).
  size_t CountDeleted() const;

 private:
  // Folder owners rank: a show's own folder beats a season's, which beats a movie's.
  static int Rank(const std::string& type);
  void LinkFolder(const std::string& path, const std::string& rating_key);
  void LinkFile(const std::string& path, const std::string& rating_key);
  void Unlink(const std::string& rating_key);

  PathStyle style_;
  std::unordered_map<std::string, LibraryItem> items_;     // by rating key
  std::unordered_map<std::string, std::string> by_stem_;   // file path key without extension → rating key
  std::unordered_map<std::string, std::string> by_folder_; // path key → rating key
  std::unordered_map<std::string, std::vector<std::string>> keys_of_;  // rating key → its path keys
  std::map<std::pair<std::string, int>, std::string> seasons_;  // (show, season number) → season key
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLANNING_ITEM_INDEX_H_
