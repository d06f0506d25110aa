// The last stage: the plan becomes the "sync_result" document's data. Every change keeps the
// status its stages gave it; the sync counts its time and HTTP requests. A dry run ends here
// straight after planning: what would be scanned or refreshed is `skipped`, nothing was sent.
#ifndef PLEXDRIVER_SYNC_SYNC_REPORT_H_
#define PLEXDRIVER_SYNC_SYNC_REPORT_H_

#include "sync/sync_context.h"
#include "sync/sync_plan.h"
#include "sync/sync_result.h"

namespace plexdriver {

SyncResult ReportSync(SyncPlan plan, const SyncContext& ctx);
// Marks every open change and planned scan `skipped`, then ReportSync.
SyncResult ReportDryRun(SyncPlan plan, const SyncContext& ctx);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SYNC_REPORT_H_
