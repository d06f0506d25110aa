// One sync, start to finish, as a pipeline of stages over the data it carries (sync_plan.h):
//
//   SyncRequest → ResolveChanges (map, resolve) → AdviseLocalArtwork → ApplySafetyGate
//     → LookUpItems → PlanItemPushes → HoldBackWatchedChanges → CoalesceScans
//     → HoldBackWatchedScans → [dry run: ReportDryRun]
//     → RequestScans → WaitForScans → SettleScans → RefreshItems → PushArtwork → EditFields
//     → VerifyItems → EmptyTrash → ReportSync → SyncResult
//
// Each stage is one file of this folder with its own tests; each takes the plan the previous one
// produced and returns the next, using only the SyncContext (the client, the ports): data flows
// one way, and no stage calls back into the driver instance. Every HTTP request of the sync ends
// by the request's timeout.
#ifndef PLEXDRIVER_SYNC_SYNC_ENGINE_H_
#define PLEXDRIVER_SYNC_SYNC_ENGINE_H_

#include "core/status.h"
#include "sync/sync_context.h"
#include "sync/sync_request.h"
#include "sync/sync_result.h"

namespace plexdriver {

// Runs the request. Returns the result (per-change statuses tell what happened) or a Status
// when the sync could not start at all (e.g. the server is unreachable for the section list).
Result<SyncResult> RunSync(const SyncRequest& request, const SyncContext& ctx);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SYNC_ENGINE_H_
