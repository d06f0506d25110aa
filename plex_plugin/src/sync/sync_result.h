// The "sync_result" document (plugin_api/schemas.md): what happened to each change, honestly.
#ifndef PLEXDRIVER_SYNC_SYNC_RESULT_H_
#define PLEXDRIVER_SYNC_SYNC_RESULT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "plex/sessions.h"
#include "sync/sync_request.h"

namespace plexdriver {

// Ordered from best to worst; the sync's overall status is the worst of its changes.
enum class ChangeStatus { kCompleted, kSkipped, kQueued, kDeferred, kTimedOut, kCancelled, kFailed };
const char* ChangeStatusName(ChangeStatus status);

struct SectionRef {
  std::string key;
  std::string title;
};

// One scan a change was covered by.
struct ScanRef {
  std::string section_key;
  std::string path;  // server folder; "" = the whole section
};

// The library item a change concerned, as Plex had it before and after (item-level work).
struct ItemRef {
  std::string rating_key;
  std::string type;
  std::string title;
  std::string action;  // "confirmed" (seen after the scan), "refreshed", "removed", "trashed"
  int64_t updated_at_before = 0;
  int64_t updated_at_after = 0;
  std::string thumb_before;
  std::string thumb_after;
};

// One image pushed to Plex (artwork_mode push, or auto where the agent ignores local artwork).
struct ArtworkPush {
  std::string file;        // the manager-side image
  std::string element;     // Plex's field: "thumb" (poster), "art" (background), "banner"
  std::string target;      // "poster", "season 2 poster", ... of `rating_key`
  std::string rating_key;  // the item that got it (a season's, for season artwork)
  // "uploaded" (Plex serves it now), "unchanged" (Plex already served these bytes: nothing was
  // uploaded), "failed", "timed_out", "cancelled", "skipped" (dry run)
  std::string action;
  std::string sha256;  // of the file's bytes ("" when it could not be read)
  int64_t bytes = 0;
  std::string url_before;  // the item's thumb/art/banner URL before and after
  std::string url_after;
  std::string message;  // why, for anything but uploaded/unchanged
};

// One field set, locked or unlocked from the NFO (lock_fields, unlock_fields).
struct FieldChange {
  std::string name;    // Plex's field: title, titleSort, summary, genre, collection, ...
  std::string before;  // tags: comma-separated
  std::string after;
  std::string action;  // "set" (value and lock), "locked" (value was right), "unlocked"
  bool locked = false;  // as Plex shows it after the sync
};

struct ChangeResult {
  std::string id;    // the request's id; for a queued change without one, the id the driver chose
  std::string path;  // as the host gave it
  ChangeKind kind = ChangeKind::kUpdated;
  ChangeStatus status = ChangeStatus::kFailed;
  std::string message;      // why, for anything but completed
  std::string server_path;  // the mapped path ("" when mapping failed)
  std::vector<SectionRef> sections;
  std::vector<ScanRef> scanned;  // the scans that cover it
  std::optional<ItemRef> item;   // when the driver found, refreshed or verified an item
  std::vector<std::string> advice;  // things the user may need to fix (e.g. artwork names)
  std::optional<PlaybackSession> blocked_by;  // deferred: the playback that holds it back
  std::vector<ArtworkPush> artwork;  // images pushed (or found unchanged) for this change
  std::vector<FieldChange> fields;   // NFO fields set, locked or unlocked for this change
  std::string nfo;                   // the NFO the fields came from
  int64_t elapsed_ms = 0;
};

struct ScanResult {
  std::string section_key;
  std::string section_title;
  std::string path;  // server folder; empty for a whole-section scan
  bool full_section = false;
  ChangeStatus status = ChangeStatus::kFailed;
  std::string message;
  std::string observed_via;  // "websocket", "activities", "scanned_at"
  int64_t elapsed_ms = 0;
};

// A library's trash after verified removals (config empty_trash).
struct TrashResult {
  std::string section_key;
  std::string section_title;
  int64_t items = -1;    // items in the trash when counted; -1: could not count
  bool emptied = false;  // emptyTrash requested and the trashed items seen gone
  std::string message;   // why it was not emptied, or what is left
};

struct SyncResult {
  std::vector<ChangeResult> changes;
  std::vector<ScanResult> scans;
  uint64_t http_requests = 0;
  int64_t elapsed_ms = 0;
  bool dry_run = false;
  bool waited = true;
  bool cancelled = false;
  std::string skip_active = "never";  // the policy this sync ran under
  std::vector<std::string> warnings;  // things that did not stop the sync but the user should know
  std::vector<TrashResult> trash;     // empty_trash: per library with a verified removal

  ChangeStatus Overall() const;
};

std::string SyncResultToJson(const SyncResult& result);
// One entry of the document's "changes" / "scans" (also the body of a sync.change event).
Poco::JSON::Object::Ptr ChangeResultToJson(const ChangeResult& change);
Poco::JSON::Object::Ptr ScanResultToJson(const ScanResult& scan);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SYNC_RESULT_H_
