// SPDX-License-Identifier: MIT
#include "sync/item_nfo.h"

#include <algorithm>

#include "core/text.h"
#include "planning/artwork_roles.h"
#include "sync/stage_support.h"

namespace plexdriver {

std::string FindItemNfo(const std::string& changed, const LibraryItem& item, const ManagerFiles& files) {
  std::string path = changed;
  const std::string name = ToLowerAscii(ManagerFileName(path));
  if (EndsWith(name, ".nfo")) return path;
  const char sep = path.find('\\') != std::string::npos && path.find('/') == std::string::npos ? '\\' : '/';
  if (!files.IsDirectory(path).value_or(false)) {
    // A changed image: its item's NFO is beside it.
    const size_t cut = path.find_last_of(sep);
    if (cut == std::string::npos) return "";
    path = path.substr(0, cut);
  }
  const std::vector<std::string> names = files.List(path);
  auto has = [&](const std::string& wanted) {
    return std::any_of(names.begin(), names.end(), [&](const std::string& n) { return ToLowerAscii(n) == wanted; });
  };
  const std::string folder = path.back() == sep ? path : path + sep;
  if (item.type == "show" && has("tvshow.nfo")) return folder + "tvshow.nfo";
  for (const std::string& file : item.files) {
    std::string stem = ManagerFileName(file);
    stem = stem.substr(0, stem.find_last_of('.'));
    for (const std::string& n : names) {
      if (ToLowerAscii(n) == ToLowerAscii(stem + ".nfo")) return folder + n;
    }
  }
  if (item.type == "movie" && has("movie.nfo")) return folder + "movie.nfo";
  return "";
}

bool NfoKindMatches(NfoKind kind, const std::string& type) {
  return (kind == NfoKind::kMovie && type == "movie") || (kind == NfoKind::kShow && type == "show") ||
         (kind == NfoKind::kEpisode && type == "episode");
}

}  // namespace plexdriver
