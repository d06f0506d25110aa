// The options of an account client (schema "account_options" in plugin_api/schemas.md), parsed
// and validated once in pd_account.create: plex.tv's URL, who the client is, and how long to
// wait. Errors are PD_ERR_INVALID_ARGUMENT naming the key. Pure.
#ifndef PLEXDRIVER_ACCOUNT_ACCOUNT_OPTIONS_H_
#define PLEXDRIVER_ACCOUNT_ACCOUNT_OPTIONS_H_

#include <chrono>
#include <string>
#include <string_view>

#include "core/account_settings.h"
#include "core/status.h"

namespace plexdriver {

struct AccountOptions {
  PlexTvUrl plex_tv_url;          // default https://plex.tv
  std::string auth_app_url;       // default https://app.plex.tv/auth
  std::string client_identifier;  // generated when absent (the documents report it: keep it)
  bool client_identifier_generated = false;
  std::string product = "plexdriver";
  std::string device_name = "plexdriver";
  double timeout_seconds = 30;       // each plex.tv request
  double probe_timeout_seconds = 5;  // each /identity probe of a server address
  std::chrono::milliseconds pin_poll_interval{1000};
  bool verify_tls = true;
  std::string ca_file;  // extra trusted CAs for plex.tv and the servers (PEM)
};

// Parses `json` (NULL-equivalent "" or "{}" give the defaults).
Result<AccountOptions> ParseAccountOptions(std::string_view json);

// "plexdriver-" + 32 random hex digits: a new installation's client identifier.
std::string NewClientIdentifier();

}  // namespace plexdriver

#endif  // PLEXDRIVER_ACCOUNT_ACCOUNT_OPTIONS_H_
