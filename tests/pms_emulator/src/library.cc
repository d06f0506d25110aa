#include "library.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

namespace pms_emulator {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

[[noreturn]] void Bad(const std::string& where, const std::string& what) {
  throw std::invalid_argument(where + ": " + what);
}

std::string GetString(const Object::Ptr& o, const std::string& key, const std::string& where,
                      bool required, const std::string& fallback = "") {
  if (!o->has(key) || o->get(key).isEmpty()) {
    if (required) Bad(where + "." + key, "missing (expected a string)");
    return fallback;
  }
  const Poco::Dynamic::Var v = o->get(key);
  if (v.isString()) return v.convert<std::string>();
  if (v.isInteger()) return std::to_string(v.convert<int64_t>());
  Bad(where + "." + key, "expected a string");
}

int64_t GetInt(const Object::Ptr& o, const std::string& key, const std::string& where,
               int64_t fallback) {
  if (!o->has(key) || o->get(key).isEmpty()) return fallback;
  const Poco::Dynamic::Var v = o->get(key);
  if (!v.isInteger()) Bad(where + "." + key, "expected an integer");
  return v.convert<int64_t>();
}

Array::Ptr GetArray(const Object::Ptr& o, const std::string& key, const std::string& where) {
  if (!o->has(key) || o->get(key).isEmpty()) return new Array();
  Array::Ptr a = o->getArray(key);
  if (!a) Bad(where + "." + key, "expected an array");
  return a;
}

Object::Ptr ObjectAt(const Array::Ptr& a, size_t i, const std::string& where) {
  Object::Ptr o = a->getObject(static_cast<unsigned>(i));
  if (!o) Bad(where, "expected an object");
  return o;
}

std::vector<std::string> StringList(const Object::Ptr& o, const std::string& key,
                                    const std::string& where) {
  std::vector<std::string> out;
  Array::Ptr a = GetArray(o, key, where);
  for (size_t i = 0; i < a->size(); ++i) {
    const Poco::Dynamic::Var v = a->get(static_cast<unsigned>(i));
    if (!v.isString()) Bad(fmt::format("{}.{}[{}]", where, key, i), "expected a string");
    out.push_back(v.convert<std::string>());
  }
  return out;
}

bool IsMediaFile(const std::string& name) {
  static const std::set<std::string> kExtensions = {"mkv", "mp4", "avi", "m4v", "mov", "ts",
                                                    "wmv", "mpg", "m2ts", "webm"};
  const size_t dot = name.find_last_of('.');
  if (dot == std::string::npos) return false;
  std::string ext = name.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return kExtensions.count(ext) > 0;
}

// "Heat (1995)" → ("Heat", 1995); "Heat" → ("Heat", 0).
std::pair<std::string, int> TitleAndYear(const std::string& name) {
  const size_t open = name.rfind(" (");
  if (open != std::string::npos && name.size() == open + 7 && name.back() == ')') {
    const std::string year = name.substr(open + 2, 4);
    if (std::all_of(year.begin(), year.end(), ::isdigit)) return {name.substr(0, open), std::stoi(year)};
  }
  return {name, 0};
}

std::string Stem(const std::string& file) {
  const size_t dot = file.find_last_of('.');
  return dot == std::string::npos ? file : file.substr(0, dot);
}

// "Show - S01E02 - Title.mkv" → (1, 2); (0, 0) when there is no SxxEyy.
std::pair<int, int> SeasonEpisode(const std::string& name) {
  for (size_t i = 0; i + 5 < name.size(); ++i) {
    if ((name[i] == 'S' || name[i] == 's') && std::isdigit(static_cast<unsigned char>(name[i + 1]))) {
      size_t j = i + 1;
      int season = 0;
      while (j < name.size() && std::isdigit(static_cast<unsigned char>(name[j]))) season = season * 10 + (name[j++] - '0');
      if (j < name.size() && (name[j] == 'E' || name[j] == 'e')) {
        ++j;
        int episode = 0;
        bool any = false;
        while (j < name.size() && std::isdigit(static_cast<unsigned char>(name[j]))) {
          episode = episode * 10 + (name[j++] - '0');
          any = true;
        }
        if (any) return {season, episode};
      }
    }
  }
  return {0, 0};
}

int SeasonFromFolder(const std::string& folder) {
  std::string digits;
  for (char c : folder) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  return digits.empty() ? 0 : std::stoi(digits.substr(0, 4));
}

}  // namespace

int TypeNumber(const std::string& type) {
  if (type == "movie") return 1;
  if (type == "show") return 2;
  if (type == "season") return 3;
  if (type == "episode") return 4;
  return 0;
}

void Library::Load(const std::string& json, std::string* platform) {
  Object::Ptr root;
  try {
    root = Poco::JSON::Parser().parse(json).extract<Object::Ptr>();
  } catch (const std::exception& e) {
    Bad("library", std::string("not a JSON object: ") + e.what());
  }
  if (!root) Bad("library", "expected a JSON object");
  if (root->has("server")) {
    Object::Ptr server = root->getObject("server");
    if (!server) Bad("server", "expected an object");
    const std::string p = GetString(server, "platform", "server", false);
    if (!p.empty()) {
      if (p != "Linux" && p != "Windows" && p != "MacOSX" && p != "FreeBSD") {
        Bad("server.platform", "expected Linux, Windows, MacOSX or FreeBSD, got \"" + p + "\"");
      }
      *platform = p;
      paths_ = ServerPaths(p == "Windows");
    }
  }
  sections_.clear();
  items_.clear();
  files_.clear();
  file_owner_.clear();
  Array::Ptr sections = GetArray(root, "sections", "library");
  int64_t location_id = 1;
  for (size_t i = 0; i < sections->size(); ++i) {
    const std::string where = fmt::format("sections[{}]", i);
    Object::Ptr so = ObjectAt(sections, i, where);
    Section s;
    s.key = GetString(so, "key", where, true);
    s.type = GetString(so, "type", where, false, "movie");
    if (s.type != "movie" && s.type != "show") Bad(where + ".type", "expected movie or show, got \"" + s.type + "\"");
    s.title = GetString(so, "title", where, true);
    s.agent = GetString(so, "agent", where, false, s.type == "movie" ? "tv.plex.agents.movie" : "tv.plex.agents.series");
    s.scanner = GetString(so, "scanner", where, false, s.type == "movie" ? "Plex Movie" : "Plex TV Series");
    s.language = GetString(so, "language", where, false, "en-US");
    s.uuid = GetString(so, "uuid", where, false, fmt::format("5b1c7a3e-0000-4000-8000-{:012d}", i + 1));
    s.created_at = GetInt(so, "created_at", where, 1499601583);
    s.updated_at = GetInt(so, "updated_at", where, 1693708514);
    s.scanned_at = GetInt(so, "scanned_at", where, 1693688538);
    s.content_changed_at = GetInt(so, "content_changed_at", where, 18253756);
    if (so->has("prefs")) {
      Object::Ptr prefs = so->getObject("prefs");
      if (!prefs) Bad(where + ".prefs", "expected an object of setting id → value");
      for (const auto& [id, value] : *prefs) {
        if (!value.isString() && !value.isBoolean() && !value.isNumeric()) {
          Bad(where + ".prefs." + id, "expected a string, number or boolean");
        }
        s.prefs[id] = value.isBoolean() ? (value.convert<bool>() ? "true" : "false") : value.convert<std::string>();
      }
    }
    s.locations = StringList(so, "locations", where);
    if (s.locations.empty()) Bad(where + ".locations", "a section needs at least one location");
    for (std::string& l : s.locations) {
      l = paths_.Normalize(l);
      s.location_ids.push_back(location_id++);
    }
    for (const Section& other : sections_) {
      if (other.key == s.key) Bad(where + ".key", "duplicate section key \"" + s.key + "\"");
    }
    sections_.push_back(s);
    Array::Ptr items = GetArray(so, "items", where);
    for (size_t k = 0; k < items->size(); ++k) {
      const std::string iw = fmt::format("{}.items[{}]", where, k);
      Object::Ptr io = ObjectAt(items, k, iw);
      Item& it = NewItem(s.type, s.key, s.created_at, ExplicitKey(io, iw));
      it.title = GetString(io, "title", iw, true);
      it.year = static_cast<int>(GetInt(io, "year", iw, 0));
      it.thumb = GetString(io, "thumb", iw, false,
                           fmt::format("/library/metadata/{}/thumb/{}", it.rating_key, it.updated_at));
      it.art = GetString(io, "art", iw, false,
                         fmt::format("/library/metadata/{}/art/{}", it.rating_key, it.updated_at));
      it.updated_at = GetInt(io, "updated_at", iw, it.updated_at);
      it.duration_ms = GetInt(io, "duration_ms", iw, 6000000);
      if (s.type == "movie") {
        it.files = StringList(io, "files", iw);
        for (std::string& f : it.files) f = paths_.Normalize(f);
        IndexFiles(it);
        continue;
      }
      it.folder = paths_.Normalize(GetString(io, "folder", iw, false,
                                             paths_.Join(s.locations[0], it.title)));
      const int64_t show_key = it.rating_key;
      Array::Ptr seasons = GetArray(io, "seasons", iw);
      for (size_t n = 0; n < seasons->size(); ++n) {
        const std::string sw = fmt::format("{}.seasons[{}]", iw, n);
        Object::Ptr seo = ObjectAt(seasons, n, sw);
        Item& season = NewItem("season", s.key, s.created_at, ExplicitKey(seo, sw));
        season.index = static_cast<int>(GetInt(seo, "index", sw, static_cast<int64_t>(n + 1)));
        season.title = GetString(seo, "title", sw, false, fmt::format("Season {}", season.index));
        season.parent_key = show_key;
        season.folder = paths_.Join(items_.at(show_key).folder, fmt::format("Season {:02d}", season.index));
        const int64_t season_key = season.rating_key;
        Array::Ptr episodes = GetArray(seo, "episodes", sw);
        for (size_t e = 0; e < episodes->size(); ++e) {
          const std::string ew = fmt::format("{}.episodes[{}]", sw, e);
          Object::Ptr eo = ObjectAt(episodes, e, ew);
          Item& ep = NewItem("episode", s.key, s.created_at, ExplicitKey(eo, ew));
          ep.index = static_cast<int>(GetInt(eo, "index", ew, static_cast<int64_t>(e + 1)));
          ep.title = GetString(eo, "title", ew, false, fmt::format("Episode {}", ep.index));
          ep.parent_key = season_key;
          ep.grandparent_key = show_key;
          ep.files = StringList(eo, "files", ew);
          for (std::string& f : ep.files) f = paths_.Normalize(f);
          IndexFiles(ep);
        }
      }
    }
  }
}

int64_t Library::ExplicitKey(const Poco::JSON::Object::Ptr& o, const std::string& where) const {
  if (!o->has("rating_key")) return 0;
  int64_t key = 0;
  try {
    key = std::stoll(GetString(o, "rating_key", where, true));
  } catch (const std::logic_error&) {
    Bad(where + ".rating_key", "expected a number (as a string or an integer)");
  }
  if (key <= 0) Bad(where + ".rating_key", "must be positive");
  if (items_.count(key)) Bad(where + ".rating_key", "duplicate rating key");
  return key;
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

void Library::AddFile(const std::string& path) { files_[paths_.TreeKey(path)] = paths_.Normalize(path); }

void Library::RemovePath(const std::string& path) {
  const std::string key = paths_.TreeKey(path);
  files_.erase(key);
  const std::string prefix = key + '\x01';
  auto it = files_.lower_bound(prefix);
  while (it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0) it = files_.erase(it);
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

int64_t Library::FindOrCreateShow(const Section& s, const std::string& folder,
                                  const std::string& name, int64_t now,
                                  std::vector<LibraryEvent>* events) {
  const std::string key = paths_.TreeKey(folder);
  for (auto& [rk, item] : items_) {
    if (item.type == "show" && item.section_key == s.key && paths_.TreeKey(item.folder) == key) {
      item.deleted = false;
      return rk;
    }
  }
  Item& show = NewItem("show", s.key, now);
  const auto [title, year] = TitleAndYear(name);
  show.title = title;
  show.year = year;
  show.folder = folder;
  show.thumb = fmt::format("/library/metadata/{}/thumb/{}", show.rating_key, now);
  show.art = fmt::format("/library/metadata/{}/art/{}", show.rating_key, now);
  events->push_back({s.key, show.rating_key, "show", show.title, 0, "created", now});
  return show.rating_key;
}

int64_t Library::FindOrCreateSeason(const Section& s, int64_t show, const std::string& folder,
                                    int index, int64_t now, std::vector<LibraryEvent>* events) {
  for (auto& [rk, item] : items_) {
    if (item.type == "season" && item.parent_key == show && item.index == index) {
      item.deleted = false;
      return rk;
    }
  }
  Item& season = NewItem("season", s.key, now);
  season.index = index;
  season.title = fmt::format("Season {}", index);
  season.parent_key = show;
  season.folder = folder;
  events->push_back({s.key, season.rating_key, "season", season.title, 0, "created", now});
  return season.rating_key;
}

void Library::AddMediaFile(const Section& s, const std::string& location, const std::string& file,
                           int64_t now, std::vector<LibraryEvent>* events) {
  const std::vector<std::string> parts = paths_.Components(paths_.Relative(file, location));
  if (parts.empty()) return;
  Item* item = nullptr;
  if (s.type == "movie") {
    item = &NewItem("movie", s.key, now);
    const auto [title, year] = TitleAndYear(parts.size() >= 2 ? parts[parts.size() - 2] : Stem(parts.back()));
    item->title = title;
    item->year = year;
  } else {
    if (parts.size() < 2) return;  // an episode file directly in the location root: ignored
    const std::string show_folder = paths_.Join(location, parts[0]);
    const int64_t show = FindOrCreateShow(s, show_folder, parts[0], now, events);
    auto [season_no, episode_no] = SeasonEpisode(parts.back());
    if (season_no == 0 && parts.size() >= 3) season_no = SeasonFromFolder(parts[1]);
    const std::string season_folder =
        parts.size() >= 3 ? paths_.Join(show_folder, parts[1]) : show_folder;
    const int64_t season = FindOrCreateSeason(s, show, season_folder, season_no, now, events);
    item = &NewItem("episode", s.key, now);
    item->index = episode_no;
    item->title = fmt::format("Episode {}", episode_no);
    item->parent_key = season;
    item->grandparent_key = show;
  }
  item->files = {file};
  item->thumb = fmt::format("/library/metadata/{}/thumb/{}", item->rating_key, now);
  item->art = fmt::format("/library/metadata/{}/art/{}", item->rating_key, now);
  IndexFiles(*item);
  events->push_back({s.key, item->rating_key, item->type, item->title, 0, "created", now});
}

std::vector<LibraryEvent> Library::ApplyScan(const std::string& section_key,
                                             const std::string& path, int64_t now) {
  std::vector<LibraryEvent> events;
  Section* s = FindSection(section_key);
  if (!s) return events;
  std::vector<std::string> roots;
  if (path.empty()) {
    roots = s->locations;
  } else if (InSection(*s, path) && FolderExists(path)) {
    roots.push_back(paths_.Normalize(path));
  }
  for (const std::string& root : roots) {
    std::string location;
    for (const std::string& l : s->locations) {
      if (paths_.Within(root, l) && l.size() > location.size()) location = l;
    }
    const std::string key = paths_.TreeKey(root);
    const std::string prefix = key + '\x01';
    // New files → new items (or items back from the trash).
    std::vector<std::string> found;
    for (auto it = files_.lower_bound(key);
         it != files_.end() && (it->first == key || it->first.compare(0, prefix.size(), prefix) == 0);
         ++it) {
      found.push_back(it->second);
    }
    for (const std::string& file : found) {
      const std::string fk = paths_.TreeKey(file);
      auto owner = file_owner_.find(fk);
      if (owner != file_owner_.end()) {
        auto item = items_.find(owner->second);
        if (item != items_.end() && item->second.deleted) {
          item->second.deleted = false;
          item->second.deleted_at = 0;
          events.push_back({s->key, item->first, item->second.type, item->second.title, 5, "", now});
        }
        continue;
      }
      if (!IsMediaFile(file)) continue;
      const bool unmatchable = std::any_of(unmatchable_.begin(), unmatchable_.end(), [&](const std::string& f) {
        return file.find(f) != std::string::npos;
      });
      if (unmatchable) continue;
      AddMediaFile(*s, location, file, now, &events);
    }
    // Items whose files all vanished → deleted (in the trash until emptyTrash).
    for (auto& [rk, item] : items_) {
      if (item.section_key != s->key || item.deleted || item.files.empty()) continue;
      bool under = false;
      bool any_left = false;
      for (const std::string& f : item.files) {
        if (paths_.Within(f, root)) under = true;
        if (files_.count(paths_.TreeKey(f))) any_left = true;
      }
      if (under && !any_left) {
        item.deleted = true;
        item.deleted_at = now;
        events.push_back({s->key, rk, item.type, item.title, 9, "deleted", now});
      }
    }
  }
  s->scanned_at = now;
  if (!events.empty()) {
    s->updated_at = now;
    s->content_changed_at += static_cast<int64_t>(events.size());
  }
  return events;
}

std::vector<LibraryEvent> Library::RefreshMetadata(int64_t rating_key, int64_t now) {
  std::vector<LibraryEvent> events;
  auto it = items_.find(rating_key);
  if (it == items_.end()) return events;
  std::vector<Item*> targets = {&it->second};
  for (auto& [rk, item] : items_) {
    if (item.parent_key == rating_key || item.grandparent_key == rating_key) targets.push_back(&item);
  }
  for (Item* item : targets) {
    // Plex re-reads the local artwork: new thumb/art URLs (their timestamp is updatedAt).
    item->updated_at = std::max(now, item->updated_at + 1);
    item->thumb = fmt::format("/library/metadata/{}/thumb/{}", item->rating_key, item->updated_at);
    item->art = fmt::format("/library/metadata/{}/art/{}", item->rating_key, item->updated_at);
    events.push_back({item->section_key, item->rating_key, item->type, item->title, 5, "", item->updated_at});
  }
  return events;
}

std::vector<LibraryEvent> Library::EmptyTrash(const std::string& section_key) {
  std::vector<LibraryEvent> events;
  for (auto it = items_.begin(); it != items_.end();) {
    if (it->second.section_key == section_key && it->second.deleted) {
      for (const std::string& f : it->second.files) file_owner_.erase(paths_.TreeKey(f));
      events.push_back({section_key, it->first, it->second.type, it->second.title, 9, "deleted", 0});
      it = items_.erase(it);
    } else {
      ++it;
    }
  }
  return events;
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
  v.thumb = item.thumb;
  v.art = item.art;
  v.updated_at = item.updated_at;
  v.files = item.files;
  v.deleted = item.deleted;
  return v;
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
