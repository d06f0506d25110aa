// The normalized "event" document (plugin_api/schemas.md) the driver hands the host: playback,
// scans, library items and reachability, whichever source (websocket, webhook, polling) saw
// them. Pure: builds JSON from plain structs.
#ifndef PLEXDRIVER_EVENTS_HOST_EVENT_H_
#define PLEXDRIVER_EVENTS_HOST_EVENT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <Poco/JSON/Object.h>

#include "playback/playback_tracker.h"
#include "plex/notifications.h"
#include "plex/sessions.h"
#include "plex/webhook.h"

namespace plexdriver {

// Which server an event is about (every event names it).
struct EventServer {
  std::string name;                // the instance's configured name
  std::string machine_identifier;  // "" until known
};

struct EventItem {
  std::string rating_key;
  std::string section_id;
  std::string type;   // movie, show, season, episode, ...
  std::string title;
  int64_t updated_at = 0;
};

struct HostEvent {
  std::string type;    // "playback.started", "scan.finished", "item.added", "server.unreachable", ...
  std::string source;  // "websocket", "webhook", "poll"
  int64_t time = 0;    // unix seconds when the driver saw it
  std::optional<PlaybackSession> session;  // playback.*
  std::optional<EventItem> item;           // item.*, and webhook events about an item
  std::string section_id;                  // scan.*, item.*
  std::string section_title;
  std::string reason;                      // server.unreachable
  std::optional<WebhookEvent> webhook;     // events that came from a webhook
};

// Event for a playback transition.
HostEvent EventOfPlayback(const PlaybackTransition& transition);
// Event for a section scan's activity starting/ending (nullopt for other activities/updates).
std::optional<HostEvent> EventOfActivity(const ActivityEvent& activity);
// Event for a timeline entry: state 0 → item.added, 9 → item.deleted, 5 → item.updated
// (nullopt for intermediate states).
std::optional<HostEvent> EventOfTimeline(const TimelineEntry& entry);
// Event for a webhook: playback ones as playback.*, library.new as item.added, the others under
// their own names (see schemas.md).
HostEvent EventOfWebhook(const WebhookEvent& webhook);

// The metadata type's name for Plex's numeric type (1 movie, 2 show, 3 season, 4 episode, ...).
std::string MetadataTypeName(int type);

std::string HostEventToJson(const HostEvent& event, const EventServer& server);
// The keys every event starts with: schema_version, type, source, time, server.
Poco::JSON::Object::Ptr EventEnvelope(const std::string& type, const std::string& source, int64_t time,
                                      const EventServer& server);

}  // namespace plexdriver

#endif  // PLEXDRIVER_EVENTS_HOST_EVENT_H_
