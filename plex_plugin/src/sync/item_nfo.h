// SPDX-License-Identifier: MIT
// The NFO of a Plex item on the manager's side: the changed file itself when it is one, else by
// Kodi's names in the changed folder ("tvshow.nfo", "movie.nfo", "<video name>.nfo"). Shared by
// the field edits (lock_fields) and the provider check after a refresh.
#ifndef PLEXDRIVER_SYNC_ITEM_NFO_H_
#define PLEXDRIVER_SYNC_ITEM_NFO_H_

#include <string>

#include "metadata/nfo.h"
#include "plex/library_items.h"
#include "sync/sync_ports.h"

namespace plexdriver {

// "" when there is none. `path` is the changed path (a folder, the NFO, or a file in the folder).
std::string FindItemNfo(const std::string& path, const LibraryItem& item, const ManagerFiles& files);

bool NfoKindMatches(NfoKind kind, const std::string& plex_type);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_ITEM_NFO_H_
