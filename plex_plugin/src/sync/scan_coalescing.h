// Stage 6, coalescing: the open changes that need a scan (not settled, not refreshed as items)
// become the fewest scans that cover them (planning/scan_planner.h: a file scans its folder, a
// removed path its parent, nested folders their ancestor, many folders one library scan). Each
// change lists the scans that cover it.
#ifndef PLEXDRIVER_SYNC_SCAN_COALESCING_H_
#define PLEXDRIVER_SYNC_SCAN_COALESCING_H_

#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

SyncPlan CoalesceScans(SyncPlan plan, const SyncContext& ctx);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SCAN_COALESCING_H_
