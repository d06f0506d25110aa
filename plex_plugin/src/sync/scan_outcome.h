// Stage 9, scan outcome: what the watching saw becomes each scan's status and, from the scans
// covering it, each change's. Honest by construction: `completed` only for a scan whose watch
// finished; a requested scan not seen to finish is `timed_out` (or `cancelled`), saying how many
// of its scans were seen to start, end or vanish. A change takes the worst status of its scans.
// Pure: no I/O.
#ifndef PLEXDRIVER_SYNC_SCAN_OUTCOME_H_
#define PLEXDRIVER_SYNC_SCAN_OUTCOME_H_

#include "sync/sync_plan.h"

namespace plexdriver {

SyncPlan SettleScans(SyncPlan plan);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SCAN_OUTCOME_H_
