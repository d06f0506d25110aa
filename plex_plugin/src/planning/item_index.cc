#include "planning/item_index.h"

#include <algorithm>

#include "planning/artwork_names.h"

namespace plexdriver {
namespace {

constexpr char kStemPrefix = 's';
constexpr char kFolderPrefix = 'd';

// The path without the extension of its last component; the path itself when it has none.
std::string_view Stem(std::string_view path) {
  const size_t slash = path.find_last_of("/\\");
  const size_t dot = path.find_last_of('.');
  const size_t name = slash == std::string_view::npos ? 0 : slash + 1;
  if (dot == std::string_view::npos || dot <= name) return path;
  return path.substr(0, dot);
}

}  // namespace

int ItemIndex::Rank(const std::string& type) {
  if (type == "show") return 3;
  if (type == "season") return 2;
  return 1;
}

void ItemIndex::LinkFolder(const std::string& path, const std::string& rating_key) {
  const std::string key = ComparisonKey(NormalizePath(path, style_), style_);
  auto it = by_folder_.find(key);
  if (it != by_folder_.end() && it->second != rating_key) {
    auto current = items_.find(it->second);
    auto candidate = items_.find(rating_key);
    if (current != items_.end() && candidate != items_.end() &&
        Rank(current->second.type) > Rank(candidate->second.type)) {
      return;  // a show keeps its folder against the episodes inside it
    }
  }
  by_folder_[key] = rating_key;
  keys_of_[rating_key].push_back(kFolderPrefix + key);
}

void ItemIndex::LinkFile(const std::string& path, const std::string& rating_key) {
  // Keyed by the name without extension: the file itself and the artwork named after it
  // ("S01E01.mkv", "S01E01.jpg") find the same item, with one entry per file.
  const std::string stem(Stem(ComparisonKey(NormalizePath(path, style_), style_)));
  by_stem_[stem] = rating_key;
  keys_of_[rating_key].push_back(kStemPrefix + stem);
}

void ItemIndex::Unlink(const std::string& rating_key) {
  auto it = keys_of_.find(rating_key);
  if (it == keys_of_.end()) return;
  for (const std::string& tagged : it->second) {
    auto& map = tagged[0] == kFolderPrefix ? by_folder_ : by_stem_;
    auto owner = map.find(tagged.substr(1));
    if (owner != map.end() && owner->second == rating_key) map.erase(owner);
  }
  keys_of_.erase(it);
}

void ItemIndex::Upsert(const LibraryItem& item) {
  Unlink(item.rating_key);
  items_[item.rating_key] = item;
  for (const std::string& file : item.files) {
    LinkFile(file, item.rating_key);
    const std::string folder = ParentFolder(file, style_);
    if (item.type == "episode") {
      // The season owns the folder of its episodes (unless that is the show's folder).
      if (!item.parent_key.empty()) {
        if (items_.find(item.parent_key) == items_.end()) {
          LibraryItem season;
          season.rating_key = item.parent_key;
          season.type = "season";
          season.parent_key = item.grandparent_key;
          season.index = item.parent_index;
          items_[season.rating_key] = season;
        }
        if (!item.grandparent_key.empty() && item.parent_index >= 0) {
          seasons_[{item.grandparent_key, item.parent_index}] = item.parent_key;
        }
        LinkFolder(folder, item.parent_key);
      }
    } else {
      LinkFolder(folder, item.rating_key);
    }
  }
  for (const std::string& location : item.locations) LinkFolder(location, item.rating_key);
}

void ItemIndex::Remove(const std::string& rating_key) {
  Unlink(rating_key);
  items_.erase(rating_key);
}

size_t ItemIndex::CountDeleted() const {
  size_t n = 0;
  for (const auto& [key, item] : items_) n += item.deleted_at != 0 ? 1 : 0;
  return n;
}

const LibraryItem* ItemIndex::Season(const std::string& show_key, int index) const {
  auto it = seasons_.find({show_key, index});
  return it == seasons_.end() ? nullptr : Get(it->second);
}

const LibraryItem* ItemIndex::Get(const std::string& rating_key) const {
  auto it = items_.find(rating_key);
  return it == items_.end() ? nullptr : &it->second;
}

const LibraryItem* ItemIndex::Find(std::string_view server_path) const {
  const std::string normalized = NormalizePath(server_path, style_);
  const std::string key = ComparisonKey(normalized, style_);
  if (auto it = by_folder_.find(key); it != by_folder_.end()) return Get(it->second);
  // The media file itself, or artwork named after it ("S01E01.jpg", "Heat-fanart.jpg").
  const std::string stem(Stem(key));
  if (auto it = by_stem_.find(stem); it != by_stem_.end()) return Get(it->second);
  if (stem.size() < key.size()) {
    // Plex's names for artwork beside the video, and "-thumb" (episode thumbnails).
    auto named_after_video = [&](std::string_view suffix) -> const LibraryItem* {
      if (stem.size() <= suffix.size() || stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) != 0) {
        return nullptr;
      }
      auto it = by_stem_.find(stem.substr(0, stem.size() - suffix.size()));
      return it == by_stem_.end() ? nullptr : Get(it->second);
    };
    for (std::string_view suffix : kVideoArtworkSuffixes) {
      if (const LibraryItem* item = named_after_video(suffix)) return item;
    }
    if (const LibraryItem* item = named_after_video("-thumb")) return item;
  }
  // Anything else in an item's folder belongs to that item (poster.jpg beside the movie).
  const std::string parent = ComparisonKey(ParentFolder(normalized, style_), style_);
  if (parent != key) {
    if (auto it = by_folder_.find(parent); it != by_folder_.end()) return Get(it->second);
  }
  return nullptr;
}

}  // namespace plexdriver
