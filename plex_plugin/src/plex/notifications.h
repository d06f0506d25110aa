// Plex's real-time notifications: websocket frames ({"NotificationContainer": ...}) and the
// /activities list, read into plain structs. Ids that PMS sends as numbers in one place and
// strings in another are kept as strings.
#ifndef PLEXDRIVER_PLEX_NOTIFICATIONS_H_
#define PLEXDRIVER_PLEX_NOTIFICATIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace plexdriver {

inline constexpr const char* kActivitySectionScan = "library.update.section";
inline constexpr const char* kActivityItemRefresh = "library.refresh.items";

struct Activity {
  std::string uuid;
  std::string type;  // kActivitySectionScan, kActivityItemRefresh, ...
  std::string title;
  std::string subtitle;
  int progress = -1;  // 0..100, -1 indeterminate
  bool cancellable = false;
  std::string section_id;  // Context.librarySectionID, "" when absent
};

struct ActivityEvent {
  std::string event;  // "started", "updated", "ended"
  Activity activity;
};

struct TimelineEntry {
  std::string section_id;
  std::string item_id;
  int type = 0;   // metadata type: 1 movie, 2 show, 3 season, 4 episode
  int state = -1; // 0 created, 5 processed, 9 deleted, ...
  std::string title;
  int64_t updated_at = 0;
};

struct PlayingEvent {
  std::string session_key;
  std::string rating_key;
  std::string key;
  std::string state;  // "playing", "paused", "stopped", "buffering"
  std::string client_identifier;
  int64_t view_offset = 0;
};

struct Notification {
  std::string type;  // "activity", "timeline", "playing", "status", ... (others kept empty)
  std::vector<ActivityEvent> activities;
  std::vector<TimelineEntry> timeline;
  std::vector<PlayingEvent> playing;
};

// Parses one websocket text frame. PD_ERR_PROTOCOL when it is not a NotificationContainer.
Result<Notification> ParseNotification(std::string_view frame);

// Parses GET /activities (JSON or XML).
Result<std::vector<Activity>> ParseActivities(std::string_view body);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_NOTIFICATIONS_H_
