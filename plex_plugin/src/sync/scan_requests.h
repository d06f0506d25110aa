// Stage 7, scan requests: subscribes to the websocket before the first request (so no activity
// event can be missed), or, without it, takes the polling baselines (activities already running,
// each library's scannedAt); then asks Plex for each planned scan with
// GET /library/sections/{key}/refresh[?path=…] (GET: PMS 1.32.7 answers 404 to PUT/POST),
// retrying transient failures, and sets up one SectionScanWatch per library that was asked.
#ifndef PLEXDRIVER_SYNC_SCAN_REQUESTS_H_
#define PLEXDRIVER_SYNC_SCAN_REQUESTS_H_

#include "core/status.h"
#include "net/http_transport.h"
#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

SyncPlan RequestScans(SyncPlan plan, const SyncContext& ctx);

// Sends the request for one scan (a GET refresh: safe to repeat), retrying transient failures;
// a 404 names the likely causes. Also used to ask again for scans lost in a restart.
Result<HttpResponse> RequestScan(const SyncContext& ctx, const PlannedScan& scan);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SCAN_REQUESTS_H_
