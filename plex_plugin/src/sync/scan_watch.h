// Decides from what the server reports whether the scans we requested in one section have
// finished. Pure: fed websocket activity events and/or polling snapshots by the caller.
//
// The rule is deliberately strict, because a reported "completed" must mean Plex did the work:
// a scan counts only once we saw its activity begin after our request and then end (websocket),
// or saw an activity that was not running before our request disappear again (polling), or saw
// the section's scannedAt move past its value before the request while nothing scans (polling,
// for scans too short to be caught between two polls). Plex runs the scans of a section one
// after another, each with its own activity, so N requests finish with N ended activities.
#ifndef PLEXDRIVER_SYNC_SCAN_WATCH_H_
#define PLEXDRIVER_SYNC_SCAN_WATCH_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "plex/notifications.h"

namespace plexdriver {

class SectionScanWatch {
 public:
  // `running_before`: uuids of activities listed before the request (polling baseline; may be
  // empty with the websocket). `scanned_at_before`: the section's scannedAt before the request.
  SectionScanWatch(std::string section_key, int scans_requested,
                   std::set<std::string> running_before, int64_t scanned_at_before);

  // A websocket activity notification (any type/section; others are ignored).
  void OnActivityEvent(const ActivityEvent& event);
  // A polling snapshot: every running activity and the section's flags.
  void OnPoll(const std::vector<Activity>& running, bool section_refreshing, int64_t scanned_at);

  bool finished() const { return finished_; }
  // Progress of the scan in progress, 0..1, across the requested scans; -1 when unknown.
  double progress() const;
  // "websocket", "activities" or "scanned_at": what proved completion ("" while unfinished).
  const std::string& observed_via() const { return observed_via_; }
  const std::string& section_key() const { return section_key_; }
  int scans_seen() const { return static_cast<int>(seen_.size()); }
  int scans_ended() const { return ended_; }

 private:
  bool Ours(const Activity& a) const;
  void Finish(const char* via);

  const std::string section_key_;
  const int scans_requested_;
  const std::set<std::string> running_before_;
  const int64_t scanned_at_before_;
  std::map<std::string, int> seen_;  // uuid -> last progress, for our scans still running/ended
  std::set<std::string> running_;    // uuids of our scans not ended yet
  int ended_ = 0;
  bool finished_ = false;
  std::string observed_via_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SCAN_WATCH_H_
