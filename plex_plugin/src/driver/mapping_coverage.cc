#include "driver/mapping_coverage.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "planning/path_style.h"

namespace plexdriver {
namespace {

// True when one path contains the other on a folder boundary (either direction): a mapping to
// /data reaches the location /data/movies, and a mapping to /data/movies/4k lies inside it.
bool Overlaps(const std::string& a, const std::string& b, PathStyle style) {
  return PathIsWithin(a, b, style) || PathIsWithin(b, a, style);
}

}  // namespace

void ComputeMappingCoverage(const std::vector<PathMappingConfig>& mappings,
                            const std::vector<LibrarySection>& sections,
                            const std::string& platform, ConnectionReport* report) {
  std::vector<std::string> location_paths;
  for (const LibrarySection& s : sections) {
    for (const SectionLocation& l : s.locations) location_paths.push_back(l.path);
  }
  const PathStyle style = DetectPathStyle(platform, location_paths);
  std::set<std::string> reached_locations;
  for (size_t i = 0; i < mappings.size(); ++i) {
    MappingCoverage coverage{mappings[i], {}};
    for (const LibrarySection& s : sections) {
      bool reaches = false;
      for (const SectionLocation& l : s.locations) {
        if (Overlaps(mappings[i].player_path, l.path, style)) {
          reaches = true;
          reached_locations.insert(l.path);
        }
      }
      if (reaches) coverage.section_keys.push_back(s.key);
    }
    if (coverage.section_keys.empty()) {
      report->warnings.push_back(fmt::format(
          "path_mappings[{}] (player_path \"{}\") reaches no library location on this server; "
          "check the path as Plex sees it (library locations: {})",
          i, mappings[i].player_path, fmt::join(location_paths, ", ")));
    }
    report->mappings.push_back(std::move(coverage));
  }
  if (mappings.empty()) return;  // paths pass through unchanged: every location is reachable
  for (const std::string& path : location_paths) {
    if (!reached_locations.count(path)) report->unmapped_locations.push_back(path);
  }
}

}  // namespace plexdriver
