// Stage 5, playback policy (skip_active): scanning or refreshing while someone watches can make
// Plex buffer, so such work is held back. Who watches is asked once per sync, and only when the
// effective policy (the request's, else the instance's) is not "never"; not knowing is no reason
// to hold the library back, so the sync then proceeds with a warning. A held-back change is
// settled as `deferred`, naming the session.
//
// Two passes: before coalescing, changes whose library or item is being watched; after it, under
// "item", every planned scan whose folder holds a watched file, whichever change asked for it.
#ifndef PLEXDRIVER_SYNC_PLAYBACK_GATE_H_
#define PLEXDRIVER_SYNC_PLAYBACK_GATE_H_

#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

// Sets plan.skip_active and plan.active; defers changes whose library or item is watched.
SyncPlan HoldBackWatchedChanges(SyncPlan plan, const SyncContext& ctx);
// After CoalesceScans: drops the scans that would walk a watched file's folder (policy "item"),
// deferring every change they cover; a change covered by several scans keeps none of them.
SyncPlan HoldBackWatchedScans(SyncPlan plan);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_PLAYBACK_GATE_H_
