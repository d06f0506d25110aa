// The state one sync carries from stage to stage (sync_engine.h lists the stages in order). A
// SyncRequest becomes a plan (ResolveChanges); each stage takes the plan the previous one
// produced and returns the next; the last turns it into the SyncResult. A change that failed or
// was deferred is `settled`: later stages leave it alone and its result is reported as it is.
#ifndef PLEXDRIVER_SYNC_SYNC_PLAN_H_
#define PLEXDRIVER_SYNC_SYNC_PLAN_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/skip_active.h"
#include "events/notification_hub.h"
#include "metadata/nfo.h"
#include "planning/path_style.h"
#include "plex/item_details.h"
#include "plex/library_items.h"
#include "plex/pms_types.h"
#include "planning/artwork_roles.h"
#include "plex/sessions.h"
#include "sync/scan_watch.h"
#include "sync/sync_request.h"
#include "sync/sync_result.h"

namespace plexdriver {

using SyncClock = std::chrono::steady_clock;

// An image a change uploads to Plex instead of asking for an item refresh.
struct PlannedPush {
  std::string file;  // the manager-side image
  ArtworkRole role;
  std::string rating_key;  // the item it goes to (a season's, for season artwork)
  std::string item_type;   // movie, show, season, episode
  std::string section_key;
};

// One change of the request and what the stages learnt about it.
struct ChangeState {
  SyncChange change;    // as the host asked
  ChangeResult result;  // what will be reported
  bool settled = false;  // failed or deferred: later stages leave it alone
  std::vector<std::string> section_keys;  // the libraries holding its server path
  // updated/removed: the item at its path before the sync (item lookup), and its library.
  std::optional<LibraryItem> before;
  std::string item_section;
  bool refresh_only = false;  // an updated item Plex has: refreshed, not scanned
  std::vector<PlannedPush> pushes;  // images uploaded, selected and locked (push planning)
  bool edit_fields = false;  // the NFO's fields are set and locked (lock_fields)
  // The item's library gets its metadata from this driver's metadata provider: an item refresh
  // makes Plex ask the provider, and the NFO's title and summary are then checked in Plex.
  bool via_provider = false;
  std::optional<NfoDocument> provided_nfo;        // the NFO the provider serves for the item
  std::optional<ItemDetails> provided_before;     // Plex's fields before the refresh
  std::string provided_image;      // the poster, background or thumbnail the change named ("": none)
  std::string provided_image_key;  // the item showing it (the item, or one of a show's seasons)
  std::optional<ItemDetails> provided_image_before;  // that season before the refresh
  bool unlock = false;       // the NFO's fields and the artwork are unlocked (unlock_fields)
  bool pushed = false;       // the artwork push ran for it (it runs again after verification)
  // added: the item verification found after the scan, and its library.
  std::optional<LibraryItem> found;
  std::string found_section;

  // Work on an item Plex has, instead of a scan.
  bool ItemLevel() const { return refresh_only || !pushes.empty() || edit_fields || unlock; }
};

// The server's libraries as this sync sees them.
struct ServerView {
  std::vector<LibrarySection> sections;
  bool fresh = false;  // re-read from the server during this sync (no second re-read)
  PathStyle style = PathStyle::kPosix;

  const LibrarySection* Section(const std::string& key) const;  // null when unknown
  // True when `server_path` is a location root of that library, or above one.
  bool IsLocationRoot(const std::string& section_key, const std::string& server_path) const;
};

// One scan the plan asks for, and what became of it.
struct PlannedScan {
  ScanResult result;
  std::vector<size_t> change_indices;  // the changes it covers (indices into SyncPlan::changes)
  bool requested = false;              // Plex accepted the request
  SyncClock::time_point started;
};

// What watching the requested scans needs: one watch per library, the websocket subscription
// (when up), and the polling baselines.
struct ScanWatching {
  std::map<std::string, SectionScanWatch> watches;  // by section key
  std::shared_ptr<NotificationQueue> queue;         // null or disconnected: polling
  std::set<std::string> running_before;             // activities listed before the requests
  std::map<std::string, int64_t> scanned_at_before;  // per section, before the requests
  std::set<std::string> requested_again;  // sections whose lost scans were requested again

  bool AllFinished() const;
};

struct SyncPlan {
  SyncOptions options;
  SyncClock::time_point start;
  SyncClock::time_point deadline;  // start + options.timeout_seconds
  uint64_t requests_before = 0;    // the transport's request count when the sync began

  ServerView server;
  std::vector<ChangeState> changes;
  std::vector<PlannedScan> scans;
  SkipActive skip_active = SkipActive::kNever;  // the policy this sync runs under
  std::vector<PlaybackSession> active;  // who watches (asked only when the policy needs it)
  ScanWatching watching;
  std::vector<std::string> warnings;  // did not stop the sync, but the user should know
  std::vector<TrashResult> trash;
  bool cancelled = false;

  // A plan for `request`, its clock started now: every change open, nothing learnt yet.
  static SyncPlan Start(const SyncRequest& request, uint64_t requests_before);
  // Settles change `i` as failed with `message`.
  void Fail(size_t i, std::string message);
  int64_t ElapsedMs() const;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SYNC_PLAN_H_
