// The instance configuration (schema "config" in plugin_api/schemas.md): parsed and validated
// once in create(), with errors that name the offending key and say what to put there.
#ifndef PLEXDRIVER_CORE_CONFIG_H_
#define PLEXDRIVER_CORE_CONFIG_H_

#include <string>
#include <string_view>
#include <vector>

#include <Poco/JSON/Object.h>

#include "core/account_settings.h"
#include "core/artwork_mode.h"
#include "core/provider_options.h"
#include "core/skip_active.h"
#include "core/status.h"

namespace plexdriver {

struct PathMappingConfig {
  std::string metarr_path;  // prefix as the media manager sees it
  std::string player_path;  // the same folder as the Plex server sees it
};

struct DriverConfig {
  std::string name = "Plex";
  std::string host;
  int port = 32400;
  bool use_https = false;
  std::string plex_token;  // secret: never logged, never echoed
  double timeout_seconds = 30;
  std::string client_identifier;  // derived from name/host/port when absent
  std::vector<PathMappingConfig> path_mappings;
  bool verify_tls = true;
  std::string ca_file;

  // Sync behaviour.
  int max_folders_per_section = 20;   // more folders in one sync → one whole-section scan
  double debounce_seconds = 5;        // quiet time per folder before a queued scan runs
  double queued_timeout_seconds = 600;  // how long a queued scan is followed
  double defer_limit_seconds = 21600;   // a queued change held back by playback longer ends "deferred"
  std::string state_dir;  // journal of queued changes kept across restarts ("": lost on restart)
  std::vector<std::string> anchor_files;  // manager-side files that prove storage is online
  bool use_websocket = true;          // follow scans in real time (else polling only)
  int poll_interval_ms = 100;         // first polling interval without the websocket
  bool empty_trash = false;           // empty a library's trash after verified removals...
  int empty_trash_max_items = 20;     // ...but only when it holds no more items than this

  // Push and lock: how updated artwork reaches Plex, and the NFO's fields set and locked.
  ArtworkMode artwork_mode = ArtworkMode::kAuto;
  bool lock_fields = false;           // set and lock the NFO's fields on updated items
  int max_upload_bytes = kDefaultMaxUploadBytes;  // larger images are refused, naming the file
  // The metadata provider (config "provider"): libraries whose agent is
  // tv.plex.agents.custom.<name>.movies / .shows get their metadata from it.
  ProviderOptions provider;

  // Playback awareness and webhooks.
  SkipActive skip_active = SkipActive::kNever;  // scans wait while someone watches (see skip_active.h)
  bool paused_is_active = true;       // a paused session counts as watching
  double stale_session_seconds = 600;  // no sign of life this long: the session is gone
  int webhook_max_bytes = 10 << 20;   // larger webhook bodies are refused unread

  // plex.tv: base URL, token keep-alive, the account token (see account_settings.h).
  AccountSettings account;

  // "http://host:port" (IPv6 literals bracketed). Contains no secret.
  std::string BaseUrl() const;
};

// Parses and validates `json`. On failure the Status is PD_ERR_INVALID_CONFIG and its message
// starts with the key ("config.port: expected an integer 1-65535, got \"abc\""). Never echoes
// the token's value.
Result<DriverConfig> ParseDriverConfig(std::string_view json);

// The "path_mappings" array of a parsed configuration object, appended to `out` (absent: none).
// PD_ERR_INVALID_CONFIG naming "path_mappings[i].metarr_path" and the like. Shared with the
// metadata provider, which reads the same document without needing a server or a token.
Status ReadPathMappings(const Poco::JSON::Object& obj, std::vector<PathMappingConfig>* out);

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_CONFIG_H_
