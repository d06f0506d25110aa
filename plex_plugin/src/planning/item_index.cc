#include "planning/item_index.h"

#include <algorithm>

namespace plexdriver {
namespace {

constexpr char kFilePrefix = 'f';
constexpr char kFolderPrefix = 'd';
constexpr char kStemPrefix = 's';

// The path without its extension ("" when the last component has none).
std::string WithoutExtension(const std::string& path) {
  const size_t slash = path.find_last_of("/\\");
  const size_t dot = path.find_last_of('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash) || dot == slash + 1) return "";
  return path.substr(0, dot);
}

}  // namespace

int ItemIndex::Rank(const std::string& type) {
  if (type == "show") return 3;
  if (type == "season") return 2;
  return 1;
}

void ItemIndex::Link(std::unordered_map<std::string, std::string>* map, const std::string& path,
                     const std::string& rating_key, bool folder) {
  const std::string key = ComparisonKey(NormalizePath(path, style_), style_);
  if (map == &by_stem_) {
    const std::string stem = WithoutExtension(key);
    if (stem.empty()) return;
    (*map)[stem] = rating_key;
    keys_of_[rating_key].push_back(kStemPrefix + stem);
    return;
  }
  auto it = map->find(key);
  if (folder && it != map->end() && it->second != rating_key) {
    auto current = items_.find(it->second);
    auto candidate = items_.find(rating_key);
    if (current != items_.end() && candidate != items_.end() &&
        Rank(current->second.type) > Rank(candidate->second.type)) {
      return;  // a show keeps its folder against the episodes inside it
    }
  }
  (*map)[key] = rating_key;
  keys_of_[rating_key].push_back((folder ? kFolderPrefix : kFilePrefix) + key);
}

void ItemIndex::Unlink(const std::string& rating_key) {
  auto it = keys_of_.find(rating_key);
  if (it == keys_of_.end()) return;
  for (const std::string& tagged : it->second) {
    auto& map = tagged[0] == kFolderPrefix ? by_folder_ : tagged[0] == kStemPrefix ? by_stem_ : by_file_;
    auto owner = map.find(tagged.substr(1));
    if (owner != map.end() && owner->second == rating_key) map.erase(owner);
  }
  keys_of_.erase(it);
}

void ItemIndex::Upsert(const LibraryItem& item) {
  Unlink(item.rating_key);
  items_[item.rating_key] = item;
  for (const std::string& file : item.files) {
    Link(&by_file_, file, item.rating_key, false);
    Link(&by_stem_, file, item.rating_key, false);
    const std::string folder = ParentFolder(file, style_);
    if (item.type == "episode") {
      // The season owns the folder of its episodes (unless that is the show's folder).
      if (!item.parent_key.empty()) {
        if (items_.find(item.parent_key) == items_.end()) {
          LibraryItem season;
          season.rating_key = item.parent_key;
          season.type = "season";
          season.parent_key = item.grandparent_key;
          items_[season.rating_key] = season;
        }
        Link(&by_folder_, folder, item.parent_key, true);
      }
    } else {
      Link(&by_folder_, folder, item.rating_key, true);
    }
  }
  for (const std::string& location : item.locations) Link(&by_folder_, location, item.rating_key, true);
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

const LibraryItem* ItemIndex::Get(const std::string& rating_key) const {
  auto it = items_.find(rating_key);
  return it == items_.end() ? nullptr : &it->second;
}

const LibraryItem* ItemIndex::Find(std::string_view server_path) const {
  const std::string normalized = NormalizePath(server_path, style_);
  const std::string key = ComparisonKey(normalized, style_);
  if (auto it = by_file_.find(key); it != by_file_.end()) return Get(it->second);
  if (auto it = by_folder_.find(key); it != by_folder_.end()) return Get(it->second);
  // Artwork named after a media file belongs to that file's item ("S01E01.jpg", "Heat-fanart.jpg").
  if (std::string stem = WithoutExtension(key); !stem.empty()) {
    if (auto it = by_stem_.find(stem); it != by_stem_.end()) return Get(it->second);
    for (std::string_view suffix : {"-fanart", "-poster", "-banner", "-background", "-art", "-thumb"}) {
      if (stem.size() > suffix.size() && stem.compare(stem.size() - suffix.size(), suffix.size(), suffix) == 0) {
        auto it = by_stem_.find(stem.substr(0, stem.size() - suffix.size()));
        if (it != by_stem_.end()) return Get(it->second);
      }
    }
  }
  const std::string parent = ComparisonKey(ParentFolder(normalized, style_), style_);
  if (parent != key) {
    if (auto it = by_folder_.find(parent); it != by_folder_.end()) return Get(it->second);
  }
  return nullptr;
}

}  // namespace plexdriver
