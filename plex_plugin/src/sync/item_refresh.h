// Stage 10, item refresh: a scan does not make Plex re-read the artwork of an item it has, so
// each updated item found by the lookup gets PUT /library/metadata/{ratingKey}/refresh. Every
// refresh is requested first (Plex queues them), then all are watched together in batched
// fetches: a change is `completed` only once Plex shows the item re-read (its updatedAt or thumb
// moved), never on the request alone; the result carries thumb and updatedAt before and after.
#ifndef PLEXDRIVER_SYNC_ITEM_REFRESH_H_
#define PLEXDRIVER_SYNC_ITEM_REFRESH_H_

#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

SyncPlan RefreshItems(SyncPlan plan, const SyncContext& ctx);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_ITEM_REFRESH_H_
