// Plex webhooks (Plex Pass): PMS POSTs multipart/form-data with a JSON part "payload" and, for
// some events, a JPEG part "thumb". The host owns the HTTP server; this module only reads the
// raw body it received. Pure: no I/O, no state.
#ifndef PLEXDRIVER_PLEX_WEBHOOK_H_
#define PLEXDRIVER_PLEX_WEBHOOK_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "plex/sessions.h"

namespace plexdriver {

struct WebhookLimits {
  size_t max_body_bytes = 10u << 20;    // whole request body (a poster part is ~100 KB - 2 MB)
  size_t max_payload_bytes = 256u << 10; // the JSON part
};

struct WebhookEvent {
  std::string event;          // "media.play", "library.new", ... as Plex names it
  bool user = false;          // the event is about the account the webhook belongs to
  bool owner = false;         // ... which owns the server
  std::string account_id;     // Account.id
  std::string server_title;   // Server.title
  std::string server_uuid;    // Server.uuid = the server's machineIdentifier
  bool has_metadata = false;
  bool has_player = false;
  bool player_local = false;
  std::string player_public_address;
  // The item and who plays it, in the same shape as /status/sessions (session_key is empty:
  // webhooks carry none; player_id is Player.uuid; state follows from the event).
  PlaybackSession session;
  std::string section_type;   // Metadata.librarySectionType
  int64_t updated_at = 0;     // Metadata.updatedAt
  // The optional "thumb" part (its bytes are not kept).
  bool has_thumb = false;
  size_t thumb_bytes = 0;
  std::string thumb_content_type;
};

// Reads a webhook request. `content_type` is the request's Content-Type header (with its
// boundary). Errors are PD_ERR_INVALID_ARGUMENT naming what is wrong: "content_type: ...",
// "body: ...", "payload: ...", "payload.event: ..."; oversized bodies are refused before parsing.
Result<WebhookEvent> ParseWebhook(std::string_view content_type, std::string_view body,
                                  const WebhookLimits& limits = {});

// The playback state a webhook event implies: "playing" (media.play, media.resume,
// playback.started), "paused", "stopped" (media.stop), "" when the event is not about playback.
std::string PlaybackStateOfWebhook(std::string_view event);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_WEBHOOK_H_
