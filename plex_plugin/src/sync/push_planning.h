// Stage 4b, push planning (after the item lookup): which updated items get their artwork
// uploaded and their NFO fields set, instead of (or besides) an item refresh.
//
// artwork_mode (the request's, else the config's): "push" uploads every updated image Plex has
// an element for; "refresh" uploads none (today's item refresh); "auto" uploads where the
// library's agent does not read local artwork (or that cannot be told), and refreshes where it
// does. An updated image is the file itself, or for an updated item folder every image in it.
// Season artwork in a show's folder goes to that season, an episode's thumbnail to the episode.
// lock_fields: an updated NFO (or item folder) sets and locks its fields; unlock_fields unlocks
// them and the artwork. Such changes are settled by the push and field stages, not by a scan.
#ifndef PLEXDRIVER_SYNC_PUSH_PLANNING_H_
#define PLEXDRIVER_SYNC_PUSH_PLANNING_H_

#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

SyncPlan PlanItemPushes(SyncPlan plan, const SyncContext& ctx);

// Stage 11b, after verification: an added item of a library whose agent is this driver's metadata
// provider, where the provider links no images (Plex could not show them: sync_context.h), gets
// the artwork of its folder uploaded and locked as an updated one does (unless artwork_mode is
// "refresh"); an added show also its episodes' thumbnails (<episode>-thumb.jpg beside the
// episode's file, in the show's folder or a season folder). PushArtwork then runs for those.
SyncPlan PlanAddedItemPushes(SyncPlan plan, const SyncContext& ctx);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_PUSH_PLANNING_H_
