// SPDX-License-Identifier: MIT
#include "provider/item_files.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "core/text.h"

namespace plexdriver {
namespace fs = std::filesystem;
namespace {

constexpr std::array<std::string_view, 12> kVideoExtensions = {".mkv", ".mp4", ".m4v", ".avi", ".mov", ".ts",
                                                                ".m2ts", ".wmv", ".webm", ".mpg", ".mpeg", ".iso"};
constexpr std::array<std::string_view, 4> kImageExtensions = {".jpg", ".jpeg", ".png", ".tbn"};

bool IsImageName(std::string_view name) {
  const std::string lower = ToLowerAscii(name);
  return std::any_of(kImageExtensions.begin(), kImageExtensions.end(),
                     [&](std::string_view e) { return EndsWith(lower, e); });
}

std::string Stem(std::string_view name) {
  const size_t dot = name.rfind('.');
  return std::string(dot == std::string_view::npos ? name : name.substr(0, dot));
}

// One entry of a folder, from a single listing (each folder is read once per request: these
// lookups run for every match and metadata request Plex sends).
struct Entry {
  fs::path path;
  std::string name;
  bool file = false;    // a regular file, symlinks followed
  bool folder = false;  // a folder that is not a link (a link may lead out of the manager root)
};

// The entries of `folder`, sorted by name for stable answers and for Named's binary search.
std::vector<Entry> EntriesOf(const fs::path& folder) {
  std::vector<Entry> out;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    Entry e;
    e.path = it->path();
    e.name = e.path.filename().string();
    e.file = it->is_regular_file(type_ec);
    e.folder = !e.file && it->is_directory(type_ec) && !it->is_symlink(type_ec);
    if (e.file || e.folder) out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.name < b.name; });
  return out;
}

const Entry* Named(const std::vector<Entry>& entries, const std::string& name) {
  auto it = std::lower_bound(entries.begin(), entries.end(), name,
                             [](const Entry& e, const std::string& n) { return e.name < n; });
  return it != entries.end() && it->name == name ? &*it : nullptr;
}

std::string FileNamed(const std::vector<Entry>& entries, const std::string& name) {
  const Entry* e = Named(entries, name);
  return e && e->file ? e->path.string() : "";
}

// The role an image in an item's folder plays, by its stem (lower case); "" when none.
std::string RoleOfStem(const std::string& stem, const std::string& video_stem, std::optional<int>* season) {
  if (stem == "poster" || stem == "folder" || stem == "cover" || stem == "movie" || stem == "show") return "poster";
  if (stem == "fanart" || stem == "backdrop" || stem == "background" || stem == "art") return "fanart";
  if (stem == "banner") return "banner";
  if (stem == "clearlogo" || stem == "logo") return "clearlogo";
  if (!video_stem.empty()) {
    if (stem == video_stem || stem == video_stem + "-poster") return "poster";
    if (stem == video_stem + "-fanart") return "fanart";
    if (stem == video_stem + "-banner") return "banner";
    if (stem == video_stem + "-clearlogo") return "clearlogo";
  }
  if (stem == "season-specials-poster") {
    *season = 0;
    return "season_poster";
  }
  if (StartsWith(stem, "season") && EndsWith(stem, "-poster")) {
    const std::string digits = stem.substr(6, stem.size() - 6 - 7);
    if (!digits.empty() && digits.size() <= 4 &&
        std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      *season = std::atoi(digits.c_str());
      return "season_poster";
    }
  }
  return "";
}

// Images of an item's folder; a role found twice keeps the first by the order of preference
// (the video's own name, then poster before folder before cover: sorted candidates).
void AddFolderArtwork(const std::vector<Entry>& entries, const std::string& video_stem, ItemFiles* files) {
  std::vector<std::pair<int, ArtworkFile>> ranked;
  const std::string video_lower = ToLowerAscii(video_stem);
  for (const Entry& e : entries) {
    if (!e.file || !IsImageName(e.name)) continue;
    std::optional<int> season;
    const std::string stem = ToLowerAscii(Stem(e.name));
    const std::string role = RoleOfStem(stem, video_lower, &season);
    if (role.empty()) continue;
    const int rank = StartsWith(stem, video_lower) && !video_stem.empty() ? 0
                     : stem == "poster" || stem == "fanart" ? 1 : 2;
    ranked.push_back({rank, ArtworkFile{role, e.path.string(), season, ""}});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [rank, art] : ranked) {
    if (!files->Find(art.role, art.season)) files->artwork.push_back(std::move(art));
  }
  const Entry* actors = Named(entries, ".actors");
  if (!actors || !actors->folder) return;
  for (const Entry& e : EntriesOf(actors->path)) {
    if (!e.file || !IsImageName(e.name)) continue;
    std::string actor = Stem(e.name);
    std::replace(actor.begin(), actor.end(), '_', ' ');
    files->artwork.push_back({"actor", e.path.string(), std::nullopt, actor});
  }
}

// "<video stem><suffix>" (an NFO) or "<video stem><suffix>.<image extension>" among `entries`.
std::string SiblingWithSuffix(const std::vector<Entry>& entries, const std::string& video_name,
                              const std::string& suffix, bool image) {
  const std::string stem = Stem(video_name);
  if (!image) return FileNamed(entries, stem + suffix);
  for (std::string_view ext : kImageExtensions) {
    std::string found = FileNamed(entries, stem + suffix + std::string(ext));
    if (!found.empty()) return found;
  }
  return "";
}

void AddEpisodes(const std::vector<Entry>& entries, int depth, ItemFiles* files) {
  for (const Entry& v : entries) {
    if (!v.file || !IsVideoFileName(v.name)) continue;
    EpisodeFile e;
    e.video = v.path.string();
    e.nfo = SiblingWithSuffix(entries, v.name, ".nfo", false);
    e.thumb = SiblingWithSuffix(entries, v.name, "-thumb", true);
    if (auto numbers = EpisodeNumbersOf(v.name)) {
      e.season = numbers->first;
      e.episode = numbers->second;
    }
    files->episodes.push_back(std::move(e));
  }
  if (depth == 0) return;
  for (const Entry& sub : entries) {
    if (!sub.folder || sub.name.front() == '.') continue;
    AddEpisodes(EntriesOf(sub.path), depth - 1, files);
  }
}

}  // namespace

const ArtworkFile* ItemFiles::Find(std::string_view role, std::optional<int> season) const {
  for (const ArtworkFile& a : artwork) {
    if (a.role == role && a.season == season) return &a;
  }
  return nullptr;
}

bool IsVideoFileName(std::string_view name) {
  const std::string lower = ToLowerAscii(name);
  return std::any_of(kVideoExtensions.begin(), kVideoExtensions.end(),
                     [&](std::string_view e) { return EndsWith(lower, e); });
}

std::optional<std::pair<int, int>> EpisodeNumbersOf(std::string_view file_name) {
  const std::string s = ToLowerAscii(file_name);
  auto digits_at = [&](size_t at, size_t* end) {
    size_t e = at;
    while (e < s.size() && e - at < 4 && std::isdigit(static_cast<unsigned char>(s[e]))) ++e;
    *end = e;
    return e > at ? std::atoi(s.substr(at, e - at).c_str()) : -1;
  };
  for (size_t i = 0; i + 3 < s.size(); ++i) {
    const bool boundary = i == 0 || !std::isalnum(static_cast<unsigned char>(s[i - 1]));
    if (!boundary) continue;
    size_t end = 0;
    if (s[i] == 's') {
      const int season = digits_at(i + 1, &end);
      if (season >= 0 && end < s.size() && s[end] == 'e') {
        const int episode = digits_at(end + 1, &end);
        if (episode >= 0) return std::make_pair(season, episode);
      }
    } else if (std::isdigit(static_cast<unsigned char>(s[i]))) {
      const int season = digits_at(i, &end);
      if (season >= 0 && end - i <= 2 && end < s.size() && s[end] == 'x') {
        size_t ep_end = 0;
        const int episode = digits_at(end + 1, &ep_end);
        if (episode >= 0 && ep_end - end - 1 >= 2) return std::make_pair(season, episode);
      }
    }
  }
  return std::nullopt;
}

ItemFiles ReadMovieFolder(const std::string& folder, const std::string& video) {
  ItemFiles files;
  files.folder = folder;
  const std::vector<Entry> entries = EntriesOf(folder);
  for (const Entry& e : entries) {
    if (e.file && IsVideoFileName(e.name)) files.videos.push_back(e.path.string());
  }
  std::string chosen = video;
  if (chosen.empty() && !files.videos.empty()) chosen = files.videos.front();
  const std::string video_name = chosen.empty() ? "" : fs::path(chosen).filename().string();
  if (!chosen.empty()) {
    if (fs::path(chosen).parent_path() == fs::path(folder)) {
      files.nfo = SiblingWithSuffix(entries, video_name, ".nfo", false);
    } else {  // a video named from elsewhere: its NFO sits beside it, not in this listing
      const fs::path nfo = fs::path(chosen).parent_path() / (Stem(video_name) + ".nfo");
      std::error_code ec;
      if (fs::is_regular_file(nfo, ec)) files.nfo = nfo.string();
    }
  }
  if (files.nfo.empty()) files.nfo = FileNamed(entries, "movie.nfo");
  AddFolderArtwork(entries, chosen.empty() ? "" : Stem(video_name), &files);
  return files;
}

ItemFiles ReadShowFolder(const std::string& folder) {
  ItemFiles files;
  files.folder = folder;
  const std::vector<Entry> entries = EntriesOf(folder);
  files.nfo = FileNamed(entries, "tvshow.nfo");
  AddFolderArtwork(entries, "", &files);
  AddEpisodes(entries, 2, &files);
  for (EpisodeFile& e : files.episodes) {
    if (!e.thumb.empty()) files.artwork.push_back({"thumb", e.thumb, e.season, ""});
  }
  return files;
}

}  // namespace plexdriver
