#include "planning/scan_planner.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <unordered_map>

namespace plexdriver {
namespace {

// The deepest location of `section` containing `path`, or "" if none does.
std::string LocationRootFor(const LibrarySection& section, const std::string& path,
                            PathStyle style) {
  std::string best;
  for (const SectionLocation& l : section.locations) {
    if (!PathIsWithin(path, l.path, style)) continue;
    std::string root = NormalizePath(l.path, style);
    if (root.size() > best.size()) best = std::move(root);
  }
  return best;
}

// Sorting key under which every folder is immediately followed by the folders inside it.
std::string TreeOrderKey(const std::string& folder, PathStyle style) {
  std::string key = ComparisonKey(folder, style);
  for (char& c : key) {
    if (c == PreferredSeparator(style)) c = '\x01';
  }
  return key;
}

struct SectionFolders {
  // comparison key → (folder as written, change indices)
  std::map<std::string, std::pair<std::string, std::vector<size_t>>> folders;
  std::vector<size_t> all_changes;
};

}  // namespace

bool LooksLikeFileName(const std::string& component) {
  const size_t dot = component.find_last_of('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == component.size()) return false;
  const size_t ext_len = component.size() - dot - 1;
  if (ext_len > 5) return false;
  bool has_letter = false;
  for (size_t i = dot + 1; i < component.size(); ++i) {
    const auto c = static_cast<unsigned char>(component[i]);
    if (!std::isalnum(c)) return false;
    has_letter = has_letter || std::isalpha(c);
  }
  return has_letter;
}

std::string ScanFolderFor(const PlannedChange& change, const std::string& location_root,
                          PathStyle style) {
  const std::string path = NormalizePath(change.server_path, style);
  bool is_file = change.path_kind == PathKindHint::kFile;
  if (change.path_kind == PathKindHint::kUnknown) {
    is_file = LooksLikeFileName(LastComponent(path, style));
  }
  std::string folder = path;
  if (is_file || change.kind == ChangeKind::kRemoved) folder = ParentFolder(path, style);
  if (!location_root.empty() && !PathIsWithin(folder, location_root, style)) folder = location_root;
  return folder;
}

ScanPlan PlanScans(const std::vector<PlannedChange>& changes,
                   const std::vector<LibrarySection>& sections, PathStyle style,
                   const PlannerOptions& options) {
  std::unordered_map<std::string, size_t> section_index;
  for (size_t i = 0; i < sections.size(); ++i) section_index.emplace(sections[i].key, i);

  std::vector<SectionFolders> per_section(sections.size());
  for (size_t c = 0; c < changes.size(); ++c) {
    for (const std::string& key : changes[c].section_keys) {
      auto it = section_index.find(key);
      if (it == section_index.end()) continue;  // resolver and sections disagree: nothing to scan
      SectionFolders& sf = per_section[it->second];
      sf.all_changes.push_back(c);
      if (options.full_scan) continue;
      const std::string root = LocationRootFor(sections[it->second], changes[c].server_path, style);
      std::string folder = ScanFolderFor(changes[c], root, style);
      auto& slot = sf.folders[TreeOrderKey(folder, style)];
      if (slot.first.empty()) slot.first = std::move(folder);
      slot.second.push_back(c);
    }
  }

  ScanPlan plan;
  for (size_t s = 0; s < sections.size(); ++s) {
    SectionFolders& sf = per_section[s];
    if (sf.all_changes.empty()) continue;
    // Folders inside a folder already being scanned are covered by it (tree order puts them
    // right after their ancestor).
    std::vector<ScanTarget> targets;
    for (auto& [key, entry] : sf.folders) {
      if (!targets.empty() && PathIsWithin(entry.first, targets.back().server_folder, style)) {
        auto& idx = targets.back().change_indices;
        idx.insert(idx.end(), entry.second.begin(), entry.second.end());
        continue;
      }
      targets.push_back({sections[s].key, entry.first, false, std::move(entry.second)});
    }
    if (options.full_scan || targets.size() > options.max_folders_per_section) {
      std::vector<size_t> all = sf.all_changes;
      std::sort(all.begin(), all.end());
      all.erase(std::unique(all.begin(), all.end()), all.end());
      plan.targets.push_back({sections[s].key, std::string(), true, std::move(all)});
      continue;
    }
    for (ScanTarget& t : targets) {
      std::sort(t.change_indices.begin(), t.change_indices.end());
      t.change_indices.erase(std::unique(t.change_indices.begin(), t.change_indices.end()),
                             t.change_indices.end());
      plan.targets.push_back(std::move(t));
    }
  }
  return plan;
}

}  // namespace plexdriver
