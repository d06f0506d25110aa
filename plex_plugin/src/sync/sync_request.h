// The "sync_request" document (plugin_api/schemas.md): what the host wants the server to
// reflect. Parsed and validated before anything touches the network.
#ifndef PLEXDRIVER_SYNC_SYNC_REQUEST_H_
#define PLEXDRIVER_SYNC_SYNC_REQUEST_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/artwork_mode.h"
#include "core/change_kind.h"
#include "core/skip_active.h"
#include "core/status.h"

namespace plexdriver {

struct SyncChange {
  std::string path;  // as the media manager sees it (absolute)
  ChangeKind kind = ChangeKind::kUpdated;
  std::string media_type;  // optional hint: "movie", "show", "season", "episode"
  std::string title;       // optional hint
  std::optional<int> year;  // optional hint, 1..kMaxYear (0 in the request: unknown, left empty)
  std::string id;  // optional, host-chosen (1..kMaxChangeIdBytes): echoed in the result and events
};

// How `updated` changes reach Plex. auto: an item Plex already has gets an item metadata
// refresh (a scan does not re-read artwork), an unknown one is scanned like `added`; scan: always
// scan the folder; refresh: only refresh items, failing for paths Plex has no item for.
enum class RefreshStrategy { kAuto, kScan, kRefresh };
const char* RefreshStrategyName(RefreshStrategy strategy);

struct SyncOptions {
  bool wait = true;              // wait until Plex finished (false: queue and return)
  double timeout_seconds = 600;  // for the whole sync when waiting
  bool dry_run = false;          // plan and report, scan nothing
  bool full_scan = false;        // scan the whole section(s) instead of folders
  RefreshStrategy strategy = RefreshStrategy::kAuto;
  bool force_refresh = false;    // item refreshes with force=1 (re-download agent data too)
  std::optional<SkipActive> skip_active;  // overrides the instance's config for this sync
  std::optional<ArtworkMode> artwork_mode;  // overrides the config's artwork_mode
  std::optional<bool> lock_fields;          // overrides the config's lock_fields
  bool unlock_fields = false;  // unlock the NFO-managed fields and artwork of the items instead
};

struct SyncRequest {
  std::vector<SyncChange> changes;
  SyncOptions options;
};

// Limits that keep a single request bounded.
inline constexpr size_t kMaxChangesPerSync = 100000;
inline constexpr size_t kMaxPathBytes = 4096;
inline constexpr int kMaxYear = 9999;
inline constexpr size_t kMaxChangeIdBytes = 200;

// Parses and validates. PD_ERR_INVALID_ARGUMENT naming the key ("changes[3].kind: expected one
// of added, updated, removed, got \"modified\"").
Result<SyncRequest> ParseSyncRequest(std::string_view json);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SYNC_REQUEST_H_
