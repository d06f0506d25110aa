// Queued syncs (wait:false): per-folder trailing debounce. Every change to a folder pushes that
// folder's due time to now + window, so a burst of calls for one folder yields one scan once
// the folder has been quiet for `window`. Pure: the caller passes the clock. Bounded.
#ifndef PLEXDRIVER_SYNC_DEBOUNCE_QUEUE_H_
#define PLEXDRIVER_SYNC_DEBOUNCE_QUEUE_H_

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "sync/sync_request.h"

namespace plexdriver {

struct QueuedScan {
  std::string section_key;
  std::string folder;  // server path; "" = whole section
  int changes = 0;     // how many requests were folded into it
  std::vector<SyncChange> pending;  // distinct manager paths (latest kind), for the scan
  std::vector<std::vector<std::string>> ids;  // per pending path: every change id folded into it
  std::chrono::steady_clock::time_point first_queued;
  std::chrono::steady_clock::time_point due;
};

class DebounceQueue {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // At most `max_entries` folders and `max_changes` distinct paths wait at any time.
  DebounceQueue(std::chrono::milliseconds window, size_t max_entries, size_t max_changes = 100000);

  // Adds or re-arms the entry for (section, folder); a path already pending there takes the
  // latest kind and keeps every id (change.id, when set) folded into it. PD_ERR_BUSY when the queue is full (a new
  // folder past max_entries, a new path past max_changes): the caller reports it; nothing is
  // dropped silently.
  Status Add(const std::string& section_key, const std::string& folder, const SyncChange& change,
             TimePoint now);
  // Removes and returns every entry due at `now`, oldest first.
  std::vector<QueuedScan> TakeDue(TimePoint now);
  // Removes and returns everything (shutdown: the caller reports what was not scanned).
  std::vector<QueuedScan> TakeAll();
  // The earliest due time, if any.
  std::optional<TimePoint> NextDue() const;
  size_t size() const { return entries_.size(); }
  // Distinct paths waiting, over all folders.
  size_t changes() const { return changes_; }

 private:
  using Key = std::pair<std::string, std::string>;  // (section, folder)
  struct Entry {
    QueuedScan scan;
    std::unordered_map<std::string, size_t> position;  // path -> index in scan.pending
  };

  const std::chrono::milliseconds window_;
  const size_t max_entries_;
  const size_t max_changes_;
  size_t changes_ = 0;
  std::map<Key, Entry> entries_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_DEBOUNCE_QUEUE_H_
