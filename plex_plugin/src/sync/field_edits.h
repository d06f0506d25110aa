// Stage 10c, fields (lock_fields / unlock_fields): Plex's agents overwrite titles, summaries and
// tags on the next refresh unless the field is locked. For an updated NFO (or item folder) the
// NFO beside the item (movie.nfo or <video>.nfo, tvshow.nfo, <episode>.nfo) is read
// (metadata/nfo.h) and every field it sets that differs from Plex (title, sort title, original
// title, summary, tagline, year, originally available, content rating, studio, genres,
// collections) is set and locked in one edit; equal but unlocked ones are locked. The change is
// `completed` only once Plex shows every value and lock; the result lists each field before and
// after. unlock_fields unlocks those fields and the artwork instead, changing no value.
#ifndef PLEXDRIVER_SYNC_FIELD_EDITS_H_
#define PLEXDRIVER_SYNC_FIELD_EDITS_H_

#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

SyncPlan EditFields(SyncPlan plan, const SyncContext& ctx);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_FIELD_EDITS_H_
