// One sync, start to finish: map each path, resolve its sections, apply the storage safety gate,
// coalesce into scans, request the scans, watch them finish (websocket, else polling), and
// report per change. Every network step goes through PmsClient, so the engine runs against the
// emulator or a scripted transport alike.
#ifndef PLEXDRIVER_SYNC_SYNC_ENGINE_H_
#define PLEXDRIVER_SYNC_SYNC_ENGINE_H_

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "driver/host_bridge.h"
#include "driver/notification_hub.h"
#include "planning/local_artwork.h"
#include "planning/path_mapping.h"
#include "plex/pms_client.h"
#include "plex/pms_types.h"
#include "plex/sessions.h"
#include "sync/sync_request.h"
#include "sync/item_catalog.h"
#include "sync/sync_result.h"

namespace plexdriver {

struct SyncTuning {
  size_t max_folders_per_section = 20;  // more distinct folders → one whole-section scan
  std::chrono::milliseconds poll_initial{100};  // first polling interval (no websocket)
  std::chrono::milliseconds poll_max{1000};     // polling backs off up to this
  std::chrono::milliseconds websocket_connect_wait{1000};  // how long to wait for it to come up
  int scan_request_attempts = 3;                // 5xx / transient failures are retried
  std::chrono::milliseconds retry_backoff{200};  // doubled per attempt, with jitter
};

struct SyncEnvironment {
  PmsClient* client = nullptr;
  NotificationHub* hub = nullptr;  // null: polling only
  Operation op;
  const PathMapper* mapper = nullptr;
  // The server's sections: cached unless `force` (then re-read from the server).
  std::function<Result<std::vector<LibrarySection>>(bool force)> sections;
  // The manager-side safety gate: true when the path (file or folder) exists.
  std::function<bool(const std::string& manager_path)> path_exists;
  // Optional: true when the manager-side path is a folder (tells a file's change from a
  // folder's; without it the planner judges by the name).
  std::function<bool(const std::string& manager_path)> is_directory;
  std::vector<std::string> anchor_files;  // manager-side files that must exist (optional)
  std::string server_platform;  // "Windows" → Windows path rules
  // Optional: items by path, for item refresh and for confirming what scans did. Without it the
  // sync stops at "the scan finished".
  ItemCatalog* catalog = nullptr;
  // Optional: who is watching now, already filtered by the activity rules (paused, stale).
  // Consulted only when the effective skip_active is not "never"; without it, or when it
  // fails, the sync proceeds and its result carries a warning.
  std::function<Result<std::vector<PlaybackSession>>()> active_playback;
  SkipActive skip_active = SkipActive::kNever;  // the instance's policy; the request may override
  // Optional: whether Plex reads local artwork in a library (its agent and settings), for the
  // advice on artwork changes; nullopt when it cannot be told. May do I/O (cached by the caller).
  std::function<std::optional<LocalArtworkAssessment>(const LibrarySection&)> local_artwork;
  // After a removal was verified (the item is in the trash): empty that library's trash, but
  // only when it holds at most `empty_trash_max_items` items (more usually means storage went
  // offline, and emptying would delete those items with their watch history).
  bool empty_trash = false;
  int empty_trash_max_items = 20;
  SyncTuning tuning;
};

// Runs the request. Returns the result (per-change statuses tell what happened) or a Status
// when the sync could not start at all (e.g. the server is unreachable for the section list).
Result<SyncResult> RunSync(const SyncRequest& request, SyncEnvironment& env);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SYNC_ENGINE_H_
