// What every sync stage may use and none may change: the Plex client, the websocket hub, the
// host's operation (cancel, progress, log), the path mapper, the ports (sync_ports.h), the item
// catalog and the instance's settings. Built per sync by the driver (driver/sync_runner.h); the
// state a sync carries between stages is the SyncPlan (sync_plan.h), not this.
#ifndef PLEXDRIVER_SYNC_SYNC_CONTEXT_H_
#define PLEXDRIVER_SYNC_SYNC_CONTEXT_H_

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "core/artwork_mode.h"
#include "core/skip_active.h"
#include "events/notification_hub.h"
#include "host/host_bridge.h"
#include "planning/path_mapping.h"
#include "plex/pms_client.h"
#include "sync/item_catalog.h"
#include "sync/sync_ports.h"

namespace plexdriver {

struct SyncTuning {
  size_t max_folders_per_section = 20;  // more distinct folders → one whole-section scan
  std::chrono::milliseconds poll_initial{100};  // first polling interval (no websocket)
  std::chrono::milliseconds poll_max{1000};     // polling backs off up to this
  std::chrono::milliseconds websocket_connect_wait{1000};  // how long to wait for it to come up
  int scan_request_attempts = 3;                // 5xx / transient failures are retried
  std::chrono::milliseconds retry_backoff{200};  // doubled per attempt, with jitter
};

struct SyncContext {
  PmsClient* client = nullptr;     // required
  NotificationHub* hub = nullptr;  // null: scans are followed by polling only
  Operation op;                    // the host's call: cancel, progress, log
  const PathMapper* mapper = nullptr;   // required
  SectionSource* sections = nullptr;    // required
  const ManagerFiles* files = nullptr;  // required: the storage safety gate
  std::vector<std::string> anchor_files;  // manager-side files that must exist (optional)
  std::string server_platform;            // "Windows" → Windows path rules
  // Optional: items by path, for item refresh and for confirming what scans did. Without it the
  // sync stops at "the scan finished".
  ItemCatalog* catalog = nullptr;
  // Optional: who is watching. Without it (or when it fails) a skip_active sync proceeds and
  // its result carries a warning.
  PlaybackSource* playback = nullptr;
  SkipActive skip_active = SkipActive::kNever;  // the instance's policy; the request may override
  // Optional: whether Plex reads local artwork in a library, for the advice on artwork changes.
  LocalArtworkSource* local_artwork = nullptr;
  // After a removal was verified (the item is in the trash): empty that library's trash, but
  // only when it holds at most `empty_trash_max_items` items (more usually means storage went
  // offline, and emptying would delete those items with their watch history).
  bool empty_trash = false;
  int empty_trash_max_items = 20;
  // Push and lock (the request's options may override the first two).
  ArtworkMode artwork_mode = ArtworkMode::kAuto;
  bool lock_fields = false;
  size_t max_upload_bytes = kDefaultMaxUploadBytes;
  // The identifiers of this driver's metadata provider (movies, shows): a library whose agent is
  // one of them gets its metadata from the provider, so updated items are refreshed, never pushed.
  std::vector<std::string> provider_identifiers;
  // Whether that provider's answers link the manager's images (config provider.image_links). Not
  // by default on a LAN: Plex fetches provider images through images.plex.tv, so the artwork of
  // those libraries is uploaded and locked instead.
  bool provider_links_images = false;
  SyncTuning tuning;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SYNC_CONTEXT_H_
