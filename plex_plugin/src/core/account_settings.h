// The instance configuration keys for the plex.tv account (schema "config" in
// plugin_api/schemas.md): where plex.tv is, whether to keep the token alive, and the account
// token when it differs from the server's. Also the plex.tv URL check shared with the account
// interface's options. Pure.
#ifndef PLEXDRIVER_CORE_ACCOUNT_SETTINGS_H_
#define PLEXDRIVER_CORE_ACCOUNT_SETTINGS_H_

#include <Poco/JSON/Object.h>

#include <string>
#include <string_view>

#include "core/status.h"

namespace plexdriver {

inline constexpr std::string_view kDefaultPlexTvUrl = "https://plex.tv";

// A parsed plex.tv base URL: "https://plex.tv", or an emulator "http://127.0.0.1:41234".
struct PlexTvUrl {
  bool https = true;
  std::string host;
  int port = 443;
  std::string base_path;  // "" or "/prefix" (no trailing slash), prepended to every API path

  std::string ToString() const;  // normalized, e.g. "https://plex.tv"
};

// Accepts http(s)://host[:port][/path] with no query, fragment or credentials. Errors are
// `error_code` with a message starting with `key` ("config.plex_tv_url: ...").
Result<PlexTvUrl> ParsePlexTvUrl(std::string_view url, std::string_view key, pd_status error_code);

struct AccountSettings {
  PlexTvUrl plex_tv_url;           // default https://plex.tv
  bool token_keepalive = false;    // ping plex.tv at most once a day per token while in use
  std::string plex_account_token;  // secret; "" = plex_token is the account token too
};

// Reads plex_tv_url, token_keepalive and plex_account_token from a config object. Errors are
// PD_ERR_INVALID_CONFIG naming the key; a token's value is never quoted.
Status ReadAccountSettings(const Poco::JSON::Object& config, AccountSettings* out);

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_ACCOUNT_SETTINGS_H_
