// Stage 4, item lookup: which item each updated or removed path is, before anything is scanned,
// from the item catalog (brought up to date once per library: a full listing the first time,
// "updated since" listings after). An updated path of an item Plex has is refreshed rather than
// scanned (strategy auto/refresh); a removed one is verified against it after the scan. Added
// paths need no lookup. Without a catalog, strategy "refresh" fails here.
#ifndef PLEXDRIVER_SYNC_ITEM_LOOKUP_H_
#define PLEXDRIVER_SYNC_ITEM_LOOKUP_H_

#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

SyncPlan LookUpItems(SyncPlan plan, const SyncContext& ctx);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_ITEM_LOOKUP_H_
