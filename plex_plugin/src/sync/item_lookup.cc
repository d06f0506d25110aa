#include "sync/item_lookup.h"

#include <set>

#include <fmt/format.h>

namespace plexdriver {

SyncPlan LookUpItems(SyncPlan plan, const SyncContext& ctx) {
  const RefreshStrategy strategy = plan.options.strategy;
  std::set<std::string> listed;
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    ChangeState& c = plan.changes[i];
    if (c.settled || c.change.kind == ChangeKind::kAdded) continue;
    if (!ctx.catalog) {
      if (strategy == RefreshStrategy::kRefresh) {
        plan.Fail(i, "strategy \"refresh\" needs the item catalog, which this driver instance lacks");
      }
      continue;
    }
    for (const std::string& key : c.section_keys) {
      const LibrarySection* section = plan.server.Section(key);
      if (!section) continue;
      if (listed.insert(key).second) {
        if (Status s = ctx.catalog->Update(*ctx.client, *section, plan.server.style); !s.ok()) {
          ctx.op.Log(PD_LOG_WARN, fmt::format("could not list library \"{}\": {}", section->title, s.message()));
        }
      }
      if (std::optional<LibraryItem> item = ctx.catalog->Find(key, c.result.server_path)) {
        c.before = std::move(item);
        c.item_section = key;
        break;
      }
    }
    if (c.change.kind != ChangeKind::kUpdated) continue;
    if (c.before && strategy != RefreshStrategy::kScan) {
      c.refresh_only = true;
    } else if (!c.before && strategy == RefreshStrategy::kRefresh) {
      plan.Fail(i, fmt::format("Plex has no item at \"{}\" to refresh (strategy \"refresh\"); sync it as "
                               "added, or use strategy \"auto\"", c.result.server_path));
    }
  }
  return plan;
}

}  // namespace plexdriver
