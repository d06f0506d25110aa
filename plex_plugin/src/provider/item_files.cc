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

// Regular files (symlinks followed) directly in `folder`, sorted by name for stable answers.
std::vector<fs::path> FilesIn(const fs::path& folder, bool directories = false) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    // Linked folders are not entered: a link may lead out of the manager root.
    const bool keep = directories ? it->is_directory(type_ec) && !it->is_symlink(type_ec) : it->is_regular_file(type_ec);
    if (keep) out.push_back(it->path());
  }
  std::sort(out.begin(), out.end());
  return out;
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
void AddFolderArtwork(const fs::path& folder, const std::string& video_stem, ItemFiles* files) {
  std::vector<std::pair<int, ArtworkFile>> ranked;
  for (const fs::path& p : FilesIn(folder)) {
    const std::string name = p.filename().string();
    if (!IsImageName(name)) continue;
    std::optional<int> season;
    const std::string stem = ToLowerAscii(Stem(name));
    const std::string role = RoleOfStem(stem, ToLowerAscii(video_stem), &season);
    if (role.empty()) continue;
    const int rank = StartsWith(stem, ToLowerAscii(video_stem)) && !video_stem.empty() ? 0
                     : stem == "poster" || stem == "fanart" ? 1 : 2;
    ranked.push_back({rank, ArtworkFile{role, p.string(), season, ""}});
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (auto& [rank, art] : ranked) {
    if (!files->Find(art.role, art.season)) files->artwork.push_back(std::move(art));
  }
  std::error_code link_ec;
  if (fs::is_symlink(folder / ".actors", link_ec)) return;
  for (const fs::path& p : FilesIn(folder / ".actors")) {
    if (!IsImageName(p.filename().string())) continue;
    std::string actor = Stem(p.filename().string());
    std::replace(actor.begin(), actor.end(), '_', ' ');
    files->artwork.push_back({"actor", p.string(), std::nullopt, actor});
  }
}

std::string SiblingWithSuffix(const fs::path& video, const std::string& suffix, bool image) {
  const std::string stem = Stem(video.filename().string());
  if (!image) {
    const fs::path nfo = video.parent_path() / (stem + suffix);
    std::error_code ec;
    return fs::is_regular_file(nfo, ec) ? nfo.string() : "";
  }
  for (std::string_view ext : kImageExtensions) {
    const fs::path p = video.parent_path() / (stem + suffix + std::string(ext));
    std::error_code ec;
    if (fs::is_regular_file(p, ec)) return p.string();
  }
  return "";
}

void AddEpisodes(const fs::path& folder, int depth, ItemFiles* files) {
  for (const fs::path& p : FilesIn(folder)) {
    if (!IsVideoFileName(p.filename().string())) continue;
    EpisodeFile e;
    e.video = p.string();
    e.nfo = SiblingWithSuffix(p, ".nfo", false);
    e.thumb = SiblingWithSuffix(p, "-thumb", true);
    if (auto numbers = EpisodeNumbersOf(p.filename().string())) {
      e.season = numbers->first;
      e.episode = numbers->second;
    }
    files->episodes.push_back(std::move(e));
  }
  if (depth == 0) return;
  for (const fs::path& sub : FilesIn(folder, true)) {
    if (sub.filename().string().front() == '.') continue;
    AddEpisodes(sub, depth - 1, files);
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
  for (const fs::path& p : FilesIn(folder)) {
    if (IsVideoFileName(p.filename().string())) files.videos.push_back(p.string());
  }
  std::string chosen = video;
  if (chosen.empty() && !files.videos.empty()) chosen = files.videos.front();
  const std::string video_stem = chosen.empty() ? "" : Stem(fs::path(chosen).filename().string());
  if (!chosen.empty()) files.nfo = SiblingWithSuffix(fs::path(chosen), ".nfo", false);
  std::error_code ec;
  if (files.nfo.empty() && fs::is_regular_file(fs::path(folder) / "movie.nfo", ec)) {
    files.nfo = (fs::path(folder) / "movie.nfo").string();
  }
  AddFolderArtwork(folder, video_stem, &files);
  return files;
}

ItemFiles ReadShowFolder(const std::string& folder) {
  ItemFiles files;
  files.folder = folder;
  std::error_code ec;
  if (fs::is_regular_file(fs::path(folder) / "tvshow.nfo", ec)) files.nfo = (fs::path(folder) / "tvshow.nfo").string();
  AddFolderArtwork(folder, "", &files);
  AddEpisodes(folder, 2, &files);
  for (EpisodeFile& e : files.episodes) {
    if (!e.thumb.empty()) files.artwork.push_back({"thumb", e.thumb, e.season, ""});
  }
  return files;
}

}  // namespace plexdriver
