// Stage 1, map and resolve: each change's manager path is mapped to the server's view
// (path_mappings) and resolved to every library whose folder holds it. The server's sections come
// from the cache; a path no cached library holds re-reads them once (a library added in Plex
// needs no restart). A change that cannot be mapped or resolved fails here, naming the path, the
// mapped path and the folders tried. A file name Plex will not read as artwork gets its advice.
#ifndef PLEXDRIVER_SYNC_RESOLVE_CHANGES_H_
#define PLEXDRIVER_SYNC_RESOLVE_CHANGES_H_

#include "core/status.h"
#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

// Fills plan.server and each change's server path and libraries. A Status only when the sync
// cannot start at all (the sections cannot be read).
Result<SyncPlan> ResolveChanges(SyncPlan plan, const SyncContext& ctx);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_RESOLVE_CHANGES_H_
