// Coalescing changes into the fewest scans that cover them (pure).
//
// - A file's change scans its folder; an added/updated folder scans itself; a removed path scans
//   the folder that held it (the removed path no longer exists to be walked). Never above the
//   location root of its section.
// - Duplicates collapse; a folder inside another folder being scanned in the same section is
//   covered by that scan.
// - A section with more than `max_folders_per_section` distinct folders gets one whole-section
//   scan instead; `full_scan` asks for whole-section scans outright.
// - Every section a change belongs to scans it (a folder shared by "Movies" and "Movies 4K").
#ifndef PLEXDRIVER_PLANNING_SCAN_PLANNER_H_
#define PLEXDRIVER_PLANNING_SCAN_PLANNER_H_

#include <string>
#include <vector>

#include "core/change_kind.h"
#include "planning/path_style.h"
#include "plex/pms_types.h"

namespace plexdriver {

enum class PathKindHint { kUnknown, kFile, kFolder };

struct PlannedChange {
  std::string server_path;                // mapped, normalized
  ChangeKind kind = ChangeKind::kUpdated;
  std::vector<std::string> section_keys;  // from SectionResolver
  PathKindHint path_kind = PathKindHint::kUnknown;  // unknown: judged by the name
};

struct PlannerOptions {
  size_t max_folders_per_section = 20;
  bool full_scan = false;
};

struct ScanTarget {
  std::string section_key;
  std::string server_folder;   // empty when full_section
  bool full_section = false;
  std::vector<size_t> change_indices;  // indices into the planned changes it covers
};

struct ScanPlan {
  std::vector<ScanTarget> targets;  // sections in server order, folders sorted within
};

// True when the last component looks like a file name ("Heat.mkv", "poster.jpg"), not a folder
// ("Heat (1995)", "S.W.A.T. (2017)", "Mr. Robot", "Season 1.5").
bool LooksLikeFileName(const std::string& component);

// The folder a change is scanned through, clamped to `location_root`.
std::string ScanFolderFor(const PlannedChange& change, const std::string& location_root,
                          PathStyle style);

ScanPlan PlanScans(const std::vector<PlannedChange>& changes,
                   const std::vector<LibrarySection>& sections, PathStyle style,
                   const PlannerOptions& options);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLANNING_SCAN_PLANNER_H_
