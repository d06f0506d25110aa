// SPDX-License-Identifier: MIT
// Stages 4c and 10b, libraries whose agent is this driver's metadata provider (PMS 1.43+): Plex
// reads the manager's NFO and artwork from the provider, so an updated item is neither pushed
// nor locked; it is refreshed (Plex then asks the provider again), and the result must show the
// NFO's values in Plex. Before the refresh (CheckProvidedItems) the NFO is read as the provider
// would read it: one it refuses ends the change `failed` with the NFO's problem and no refresh
// (Plex would keep its old metadata). After it (ConfirmProvidedItems) Plex's title and summary
// are compared with the NFO's: a refresh that left other values is `failed`, naming both.
#ifndef PLEXDRIVER_SYNC_PROVIDER_ITEMS_H_
#define PLEXDRIVER_SYNC_PROVIDER_ITEMS_H_

#include "sync/sync_context.h"
#include "sync/sync_plan.h"

namespace plexdriver {

// True when `section`'s agent is one of ctx.provider_identifiers.
bool UsesDriverProvider(const LibrarySection& section, const SyncContext& ctx);

SyncPlan CheckProvidedItems(SyncPlan plan, const SyncContext& ctx);
SyncPlan ConfirmProvidedItems(SyncPlan plan, const SyncContext& ctx);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_PROVIDER_ITEMS_H_
