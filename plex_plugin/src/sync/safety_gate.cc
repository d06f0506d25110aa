#include "sync/safety_gate.h"

#include <fmt/format.h>

#include "sync/stage_support.h"

namespace plexdriver {

SyncPlan ApplySafetyGate(SyncPlan plan, const SyncContext& ctx) {
  for (const std::string& anchor : ctx.anchor_files) {
    if (ctx.files->Exists(anchor)) continue;
    for (size_t i = 0; i < plan.changes.size(); ++i) {
      if (plan.changes[i].settled || plan.changes[i].change.kind == ChangeKind::kRemoved) continue;
      plan.Fail(i, fmt::format("anchor file \"{}\" is missing, so the media storage looks offline; "
                               "nothing was scanned (a scan now would make Plex mark items as "
                               "unavailable)", anchor));
    }
    return plan;
  }
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    const ChangeState& c = plan.changes[i];
    if (c.settled) continue;
    if (c.change.kind == ChangeKind::kRemoved) {
      const std::string parent = ManagerParent(c.change.path);
      if (!ctx.files->Exists(parent)) {
        plan.Fail(i, fmt::format("the parent folder \"{}\" of the removed path does not exist here "
                                 "either: the storage looks offline, so nothing was scanned", parent));
      }
    } else if (!ctx.files->Exists(c.change.path)) {
      plan.Fail(i, fmt::format("\"{}\" does not exist on the media manager's side; if its storage is "
                               "offline, a scan would make Plex mark items as missing, so nothing was "
                               "scanned", c.change.path));
    }
  }
  return plan;
}

}  // namespace plexdriver
