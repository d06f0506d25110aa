#include "sync/scan_coalescing.h"

#include "planning/scan_planner.h"

namespace plexdriver {

SyncPlan CoalesceScans(SyncPlan plan, const SyncContext& ctx) {
  std::vector<PlannedChange> planned;
  std::vector<size_t> index_of;  // planned change → plan.changes index
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    const ChangeState& c = plan.changes[i];
    if (c.settled || c.ItemLevel()) continue;
    PlannedChange p;
    p.server_path = c.result.server_path;
    p.kind = c.change.kind;
    p.section_keys = c.section_keys;
    if (p.kind != ChangeKind::kRemoved) {
      if (std::optional<bool> folder = ctx.files->IsDirectory(c.change.path)) {
        p.path_kind = *folder ? PathKindHint::kFolder : PathKindHint::kFile;
      }
    }
    planned.push_back(std::move(p));
    index_of.push_back(i);
  }
  PlannerOptions options;
  options.max_folders_per_section = ctx.tuning.max_folders_per_section;
  options.full_scan = plan.options.full_scan;
  const ScanPlan scans = PlanScans(planned, plan.server.sections, plan.server.style, options);
  for (const ScanTarget& t : scans.targets) {
    PlannedScan s;
    s.result.section_key = t.section_key;
    if (const LibrarySection* section = plan.server.Section(t.section_key)) s.result.section_title = section->title;
    s.result.path = t.full_section ? std::string() : t.server_folder;
    s.result.full_section = t.full_section;
    for (size_t k : t.change_indices) {
      const size_t i = index_of[k];
      s.change_indices.push_back(i);
      plan.changes[i].result.scanned.push_back({s.result.section_key, s.result.path});
    }
    plan.scans.push_back(std::move(s));
  }
  return plan;
}

}  // namespace plexdriver
