// Stage 8, watching: waits until Plex reports every requested scan finished, or the sync's time
// runs out, or the host cancels. On the websocket (activity events) while it is up; otherwise,
// or once it drops, by polling /activities and the libraries' scannedAt with backoff. What
// happens while nobody looks is not proof (sync/scan_watch.h): a scan that vanished during an
// observation gap is requested again, once per library, because a restart drops running scans.
// Reports progress to the host as events arrive.
#ifndef PLEXDRIVER_SYNC_SCAN_WAIT_H_
#define PLEXDRIVER_SYNC_SCAN_WAIT_H_

#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

SyncPlan WaitForScans(SyncPlan plan, const SyncContext& ctx);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SCAN_WAIT_H_
