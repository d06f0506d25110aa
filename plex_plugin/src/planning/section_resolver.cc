#include "planning/section_resolver.h"

#include <fmt/format.h>

namespace plexdriver {

PathStyle DetectServerPathStyle(const std::string& platform, const std::vector<LibrarySection>& sections) {
  std::vector<std::string> locations;
  for (const LibrarySection& s : sections) {
    for (const SectionLocation& l : s.locations) locations.push_back(l.path);
  }
  return DetectPathStyle(platform, locations);
}

Result<std::vector<SectionMatch>> SectionResolver::Resolve(const std::string& server_path,
                                                           const std::string& manager_path) const {
  std::vector<SectionMatch> matches;
  for (const LibrarySection& s : sections_) {
    const SectionLocation* best = nullptr;
    for (const SectionLocation& l : s.locations) {
      if (!PathIsWithin(server_path, l.path, style_)) continue;
      if (!best || NormalizePath(l.path, style_).size() > NormalizePath(best->path, style_).size()) {
        best = &l;
      }
    }
    if (best) matches.push_back({s.key, s.title, NormalizePath(best->path, style_)});
  }
  if (!matches.empty()) return matches;
  std::string tried;
  for (const LibrarySection& s : sections_) {
    for (const SectionLocation& l : s.locations) {
      if (!tried.empty()) tried += ", ";
      tried += fmt::format("\"{}\" ({})", l.path, s.title);
    }
  }
  const bool mapped = NormalizePath(manager_path, style_) != server_path;
  return Status(
      PD_ERR_NOT_FOUND,
      fmt::format("\"{}\"{} lies in no Plex library folder (tried {}); {}", manager_path,
                  mapped ? fmt::format(" (mapped to \"{}\")", server_path)
                         : std::string(" (no path mapping matched it)"),
                  tried.empty() ? "none: the server has no libraries" : tried,
                  mapped ? "check the path_mappings player_path, or add the folder to a library "
                           "in Plex"
                         : "add a path_mappings entry from the media manager's folder to the "
                           "folder Plex uses"));
}

}  // namespace plexdriver
