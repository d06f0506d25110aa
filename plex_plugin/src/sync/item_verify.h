// Stage 11, verification: a scan that finished is not proof the item is there. After the scans,
// an added path (or an updated one Plex had no item for) must now be an item of its library, and
// a removed item must be gone or in the trash; otherwise the change fails, saying what to check.
// A library root scanned as a whole confirms no single item.
#ifndef PLEXDRIVER_SYNC_ITEM_VERIFY_H_
#define PLEXDRIVER_SYNC_ITEM_VERIFY_H_

#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

SyncPlan VerifyItems(SyncPlan plan, const SyncContext& ctx);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_ITEM_VERIFY_H_
