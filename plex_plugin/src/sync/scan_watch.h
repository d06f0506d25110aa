// Decides from what the server reports whether the scans we requested in one section have
// finished. Pure: fed websocket activity events and/or polling snapshots by the caller.
//
// The rule is deliberately strict, because a reported "completed" must mean Plex did the work:
// a scan counts only once we saw its activity begin after our request and then end (websocket),
// or saw an activity that was not running before our request disappear again (polling), or saw
// the section's scannedAt move past its value before the request while nothing scans (polling,
// for scans too short to be caught between two polls). Plex runs the scans of a section one
// after another, each with its own activity, so N requests finish with N ended activities.
//
// What happens while nobody looks is not proof: after an observation gap (the websocket dropped,
// a poll failed: the server may have restarted), a scan that was running counts as ended only if
// a poll sees it again first. One that vanished during the gap is "lost" (a restart drops
// running scans), so the caller can request it again instead of calling it finished.
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
  // empty with the websocket). `scanned_at_before`: a scannedAt that only a scan ending after the
  // request can exceed (the section's value before the request, or the request's server time).
  SectionScanWatch(std::string section_key, int scans_requested,
                   std::set<std::string> running_before, int64_t scanned_at_before);

  // A websocket activity notification (any type/section; others are ignored).
  void OnActivityEvent(const ActivityEvent& event);
  // A polling snapshot: every running activity and the section's flags.
  void OnPoll(const std::vector<Activity>& running, bool section_refreshing, int64_t scanned_at);
  // The server was not observed for a while (websocket dropped, poll failed).
  void OnGap();

  bool finished() const { return finished_; }
  // Progress of the scan in progress, 0..1, across the requested scans; -1 when unknown.
  double progress() const;
  // "websocket", "activities" or "scanned_at": what proved completion ("" while unfinished).
  const std::string& observed_via() const { return observed_via_; }
  const std::string& section_key() const { return section_key_; }
  int scans_seen() const { return static_cast<int>(seen_.size()); }
  int scans_ended() const { return ended_; }
  // Scans of ours that vanished during an observation gap: ended, or lost in a restart.
  int scans_lost() const { return lost_; }

 private:
  bool Ours(const Activity& a) const;
  void Finish(const char* via);

  const std::string section_key_;
  const int scans_requested_;
  const std::set<std::string> running_before_;
  const int64_t scanned_at_before_;
  std::map<std::string, int> seen_;  // uuid -> last progress, for our scans still running/ended
  std::set<std::string> running_;    // uuids of our scans not ended yet
  std::set<std::string> unconfirmed_;  // running before a gap, not seen by a poll since
  int ended_ = 0;
  int lost_ = 0;
  bool finished_ = false;
  std::string observed_via_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SCAN_WATCH_H_
