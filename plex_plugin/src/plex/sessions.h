// Active playback as GET /status/sessions reports it (admin token), read into plain structs.
// JSON and XML both parse; ids that are strings here and numbers elsewhere stay strings.
#ifndef PLEXDRIVER_PLEX_SESSIONS_H_
#define PLEXDRIVER_PLEX_SESSIONS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <Poco/JSON/Object.h>

#include "core/status.h"

namespace plexdriver {

struct PlaybackSession {
  std::string session_key;  // sessionKey: one playback; "" when only a webhook told us
  std::string rating_key;   // the item playing (an episode, a movie, a track)
  std::string parent_rating_key;       // season / album, "" when none
  std::string grandparent_rating_key;  // show / artist, "" when none
  std::string section_id;   // librarySectionID
  std::string type;         // movie, episode, track, ...
  std::string title;        // "Show - S01E02 - Title" style display title
  std::string user;         // User.title (Account.title in webhooks)
  std::string player;       // Player.title ("DESKTOP", "Living Room TV")
  std::string player_id;    // Player.machineIdentifier = websocket clientIdentifier = webhook Player.uuid
  std::string product;      // Player.product
  std::string state;        // playing, paused, buffering, stopped
  int64_t view_offset_ms = 0;
  int64_t duration_ms = 0;
  std::vector<std::string> files;  // Media[].Part[].file as the server sees them
};

// Parses the body of GET /status/sessions. An idle server (size 0, no Metadata) is an empty
// list; PD_ERR_PROTOCOL when the body is not a MediaContainer.
Result<std::vector<PlaybackSession>> ParseSessions(std::string_view body);

// "Show - S01E02 - Episode" for episodes, "Title" otherwise: what a user recognises.
std::string DisplayTitle(std::string_view type, std::string_view title,
                         std::string_view grandparent_title, int64_t parent_index, int64_t index);

// The session as the driver's documents show it (schemas.md "session"): empty fields left out.
Poco::JSON::Object::Ptr SessionToJson(const PlaybackSession& session);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_SESSIONS_H_
