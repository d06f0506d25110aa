// Stage 3, the storage safety gate: scanning a folder whose storage is offline makes Plex mark
// its items missing, so an added/updated path must exist on the manager's side (for a removed
// one, its parent), and so must every configured anchor file. A change that fails the gate is
// settled as failed and nothing is scanned for it.
#ifndef PLEXDRIVER_SYNC_SAFETY_GATE_H_
#define PLEXDRIVER_SYNC_SAFETY_GATE_H_

#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

SyncPlan ApplySafetyGate(SyncPlan plan, const SyncContext& ctx);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SAFETY_GATE_H_
