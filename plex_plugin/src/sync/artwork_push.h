// Stage 10b, artwork push: each planned image (push_planning.h) is read and checked (size, a
// whole JPEG or PNG of the kind its name says), compared by SHA-256 with what Plex serves now
// (equal: "unchanged", nothing is uploaded), uploaded (POST /library/metadata/{k}/posters, /arts,
// /banners, the bytes as the body), selected (PUT …/poster?url=<the upload's ratingKey>) and
// locked (thumb.locked=1, art.locked, banner.locked), so the library's agent keeps it. An image
// is `completed` only once Plex serves it: the item's thumb/art/banner URL moved and the bytes
// behind it are the file's. A bad file fails its change naming the file; nothing else is touched.
#ifndef PLEXDRIVER_SYNC_ARTWORK_PUSH_H_
#define PLEXDRIVER_SYNC_ARTWORK_PUSH_H_

#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

SyncPlan PushArtwork(SyncPlan plan, const SyncContext& ctx);

// The worse of the change's status and `status`; the message goes with the worse one.
void MergeStatus(ChangeResult& result, ChangeStatus status, const std::string& message);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_ARTWORK_PUSH_H_
