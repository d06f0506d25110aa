// Stage 2, artwork advice: artwork only shows if the library reads local assets at all. A change
// that publishes artwork (an image file, or an updated item) into a library whose agent ignores
// local artwork gets advice naming the fix. Asks the LocalArtworkSource; changes no status.
#ifndef PLEXDRIVER_SYNC_ARTWORK_ADVICE_H_
#define PLEXDRIVER_SYNC_ARTWORK_ADVICE_H_

#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

SyncPlan AdviseLocalArtwork(SyncPlan plan, const SyncContext& ctx);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_ARTWORK_ADVICE_H_
