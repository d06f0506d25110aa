// Stage 12, the trash (config empty_trash): a verified removal leaves the item in its library's
// trash. That trash is emptied only after counting it: one holding more than
// empty_trash_max_items usually means storage went offline, and emptying it would delete those
// items and their watch history, so it is left alone with a warning. The item is `removed` once
// Plex no longer lists it.
#ifndef PLEXDRIVER_SYNC_TRASH_EMPTYING_H_
#define PLEXDRIVER_SYNC_TRASH_EMPTYING_H_

#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

SyncPlan EmptyTrash(SyncPlan plan, const SyncContext& ctx);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_TRASH_EMPTYING_H_
