// The library model: items and their keys, the server-side file tree, sections, the queries the
// routes answer from, and the generators benchmarks fill large libraries with. Fixture loading
// is library_fixture.cc; what scans and refreshes change is library_scan.cc.
#include "library.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

namespace pms_emulator {

int TypeNumber(const std::string& type) {
  if (type == "movie") return 1;
  if (type == "show") return 2;
  if (type == "season") return 3;
  if (type == "episode") return 4;
  return 0;
}

Item& Library::NewItem(const std::string& type, const std::string& section_key, int64_t now,
                       int64_t key) {
  if (key == 0) key = next_rating_key_;
  next_rating_key_ = std::max(next_rating_key_, key + 1);
  Item& item = items_[key];
  item.rating_key = key;
  item.type = type;
  item.section_key = section_key;
  item.added_at = now;
  item.updated_at = now;
  return item;
}

void Library::IndexFiles(Item& item) {
  item.part_ids.clear();
  for (const std::string& f : item.files) {
    const std::string key = paths_.TreeKey(f);
    files_[key] = f;
    file_owner_[key] = item.rating_key;
    item.part_ids.push_back(next_part_id_++);
  }
}

void Library::AddFile(const std::string& path) {
  const std::string key = paths_.TreeKey(path);
  files_[key] = paths_.Normalize(path);
  contents_.erase(key);
  ++revisions_[key];  // a file written again has other bytes
}

void Library::RemovePath(const std::string& path) {
  const std::string key = paths_.TreeKey(path);
  files_.erase(key);
  const std::string prefix = key + '\x01';
  auto it = files_.lower_bound(prefix);
  while (it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0) it = files_.erase(it);
  for (auto c = contents_.begin(); c != contents_.end();) {
    c = c->first == key || c->first.compare(0, prefix.size(), prefix) == 0 ? contents_.erase(c) : std::next(c);
  }
}

int64_t Library::FolderId(const std::string& folder) {
  auto [it, created] = folder_ids_.try_emplace(paths_.TreeKey(folder), static_cast<int64_t>(folder_paths_.size()) + 1);
  if (created) folder_paths_.push_back(paths_.Normalize(folder));
  return it->second;
}

std::optional<std::string> Library::FolderPath(int64_t id) const {
  if (id < 1 || id > static_cast<int64_t>(folder_paths_.size())) return std::nullopt;
  return folder_paths_[static_cast<size_t>(id - 1)];
}

void Library::ListFolder(const std::string& folder, std::vector<std::string>* folders,
                         std::vector<std::string>* files) const {
  const std::string prefix = paths_.TreeKey(folder) + '\x01';
  for (auto it = files_.lower_bound(prefix);
       it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    if (it->first.find('\x01', prefix.size()) == std::string::npos) {
      files->push_back(it->second);
      continue;
    }
    // The subfolder as written: the file's path up to the component after `folder`.
    const std::string sub = paths_.Join(folder, paths_.Components(paths_.Relative(it->second, folder))[0]);
    if (folders->empty() || folders->back() != sub) folders->push_back(sub);
  }
}

bool Library::HasFile(const std::string& path) const { return files_.count(paths_.TreeKey(path)) > 0; }

bool Library::FolderExists(const std::string& path) const {
  for (const Section& s : sections_) {
    for (const std::string& l : s.locations) {
      if (paths_.TreeKey(l) == paths_.TreeKey(path)) return true;
    }
  }
  const std::string prefix = paths_.TreeKey(path) + '\x01';
  auto it = files_.lower_bound(prefix);
  return it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

size_t Library::FoldersUnder(const std::string& path) const {
  const std::string prefix = paths_.TreeKey(path) + '\x01';
  std::set<std::string> folders;
  for (auto it = files_.lower_bound(prefix);
       it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    folders.insert(it->first.substr(0, it->first.find_last_of('\x01')));
  }
  return std::max<size_t>(1, folders.size());
}

Section* Library::FindSection(const std::string& key) {
  for (Section& s : sections_) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

bool Library::InSection(const Section& s, const std::string& path) const {
  for (const std::string& l : s.locations) {
    if (paths_.Within(path, l)) return true;
  }
  return false;
}

const Item* Library::FindItem(int64_t rating_key) const {
  auto it = items_.find(rating_key);
  return it == items_.end() ? nullptr : &it->second;
}

const Item* Library::FindByFile(const std::string& path) const {
  auto it = file_owner_.find(paths_.TreeKey(path));
  return it == file_owner_.end() ? nullptr : FindItem(it->second);
}

std::vector<const Item*> Library::SectionItems(const std::string& section_key, int type) const {
  std::vector<const Item*> out;
  for (const auto& [rk, item] : items_) {
    if (item.section_key != section_key) continue;
    if (type == 0 ? (item.type != "movie" && item.type != "show") : TypeNumber(item.type) != type) continue;
    out.push_back(&item);
  }
  return out;
}

std::vector<const Item*> Library::Children(int64_t rating_key) const {
  std::vector<const Item*> out;
  for (const auto& [rk, item] : items_) {
    if (item.parent_key == rating_key) out.push_back(&item);
  }
  std::sort(out.begin(), out.end(), [](const Item* a, const Item* b) { return a->index < b->index; });
  return out;
}

std::vector<const Item*> Library::AllItems() const {
  std::vector<const Item*> out;
  for (const auto& [rk, item] : items_) out.push_back(&item);
  return out;
}

std::vector<const Item*> Library::Leaves(int64_t rating_key) const {
  std::vector<const Item*> out;
  for (const auto& [rk, item] : items_) {
    if (item.grandparent_key == rating_key && item.type == "episode") out.push_back(&item);
  }
  return out;
}

size_t Library::ChildCount(int64_t rating_key) const { return Children(rating_key).size(); }

std::unordered_map<int64_t, Library::Counts> Library::AllCounts() const {
  std::unordered_map<int64_t, Counts> counts;
  for (const auto& [rk, item] : items_) {
    if (item.parent_key) ++counts[item.parent_key].children;
    if (item.type == "episode") {
      if (item.parent_key) ++counts[item.parent_key].leaves;
      if (item.grandparent_key) ++counts[item.grandparent_key].leaves;
    }
  }
  return counts;
}

ItemView Library::View(const Item& item) const {
  ItemView v;
  v.rating_key = std::to_string(item.rating_key);
  v.type = item.type;
  v.title = item.title;
  v.year = item.year;
  v.section_key = item.section_key;
  v.parent_rating_key = item.parent_key ? std::to_string(item.parent_key) : "";
  v.thumb = ImageUrl(item, "thumb");
  v.art = ImageUrl(item, "art");
  v.updated_at = item.updated_at;
  v.files = item.files;
  v.deleted = item.deleted;
  v.fields = Fields(item);
  if (const ItemExtra* extra = FindExtra(item.rating_key)) {
    auto tags = [&](const char* name) {
      auto it = extra->current.tags.find(name);
      return it == extra->current.tags.end() ? std::vector<std::string>() : it->second;
    };
    v.genres = tags("genre");
    v.collections = tags("collection");
    v.locked.assign(extra->locked.begin(), extra->locked.end());  // a std::set: sorted
    v.directors = tags("director");
    v.writers = tags("writer");
    v.external_guids = extra->external_guids;
    v.roles = extra->roles;
  }
  v.guid = Guid(item);
  return v;
}

std::vector<Item*> Library::WithDescendants(int64_t rating_key) {
  std::vector<Item*> out;
  auto it = items_.find(rating_key);
  if (it == items_.end()) return out;
  out.push_back(&it->second);
  for (auto& [rk, item] : items_) {
    if (item.parent_key == rating_key || item.grandparent_key == rating_key) out.push_back(&item);
  }
  return out;
}

void Library::GenerateMovies(const std::string& section_key, int count, int64_t now) {
  Section* s = FindSection(section_key);
  if (!s) throw std::invalid_argument("no section \"" + section_key + "\"");
  for (int i = 0; i < count; ++i) {
    Item& item = NewItem("movie", s->key, now);
    item.title = fmt::format("Movie {}", i);
    item.year = 1950 + i % 75;
    const std::string folder = paths_.Join(s->locations[0], fmt::format("{} ({})", item.title, item.year));
    item.files = {paths_.Join(folder, fmt::format("{} ({}).mkv", item.title, item.year))};
    item.thumb = fmt::format("/library/metadata/{}/thumb/{}", item.rating_key, now);
    item.art = fmt::format("/library/metadata/{}/art/{}", item.rating_key, now);
    IndexFiles(item);
  }
}

void Library::GenerateShows(const std::string& section_key, int shows, int seasons, int episodes,
                            int64_t now) {
  Section* s = FindSection(section_key);
  if (!s) throw std::invalid_argument("no section \"" + section_key + "\"");
  for (int i = 0; i < shows; ++i) {
    Item& show = NewItem("show", s->key, now);
    show.title = fmt::format("Show {}", i);
    show.folder = paths_.Join(s->locations[0], show.title);
    const int64_t show_key = show.rating_key;
    const std::string show_folder = show.folder;
    for (int n = 1; n <= seasons; ++n) {
      Item& season = NewItem("season", s->key, now);
      season.index = n;
      season.title = fmt::format("Season {}", n);
      season.parent_key = show_key;
      season.folder = paths_.Join(show_folder, fmt::format("Season {:02d}", n));
      const int64_t season_key = season.rating_key;
      const std::string season_folder = season.folder;
      for (int e = 1; e <= episodes; ++e) {
        Item& ep = NewItem("episode", s->key, now);
        ep.index = e;
        ep.title = fmt::format("Episode {}", e);
        ep.parent_key = season_key;
        ep.grandparent_key = show_key;
        ep.files = {paths_.Join(season_folder, fmt::format("Show {} - S{:02d}E{:02d}.mkv", i, n, e))};
        IndexFiles(ep);
      }
    }
  }
}

}  // namespace pms_emulator
