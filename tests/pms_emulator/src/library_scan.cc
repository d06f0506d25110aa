// What scans and refreshes change in the library: a scan turns new media files below its path
// into items (titles, years, seasons and episodes read from folder and file names, as Plex's
// scanners do) and moves items whose files vanished to the trash; a metadata refresh gives the
// unlocked fields and images the agent's (or the local assets') again; emptying the trash forgets
// deleted items.
#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "library.h"

namespace pms_emulator {
namespace {

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
  for (Item* item : WithDescendants(rating_key)) {
    // The agent's values replace the unlocked fields and images (library_metadata.cc).
    item->updated_at = std::max(now, item->updated_at + 1);
    ApplyAgent(*item, now);
    events.push_back({item->section_key, item->rating_key, item->type, item->title, 5, "", item->updated_at});
  }
  return events;
}

std::vector<LibraryEvent> Library::EmptyTrash(const std::string& section_key) {
  std::vector<LibraryEvent> events;
  for (auto it = items_.begin(); it != items_.end();) {
    if (it->second.section_key == section_key && it->second.deleted) {
      for (const std::string& f : it->second.files) file_owner_.erase(paths_.TreeKey(f));
      extras_.erase(it->first);
      events.push_back({section_key, it->first, it->second.type, it->second.title, 9, "deleted", 0});
      it = items_.erase(it);
    } else {
      ++it;
    }
  }
  return events;
}

}  // namespace pms_emulator
