// The JSON documents the account interface writes (plugin_api/schemas.md: account_pin,
// account_pin_status, account_login, account_token, account_servers, account_connection). Only
// account_login and the "config" of account_connection carry tokens, because the host asked for
// exactly those; every other document is free of secrets. Pure.
#ifndef PLEXDRIVER_ACCOUNT_ACCOUNT_DOCUMENTS_H_
#define PLEXDRIVER_ACCOUNT_ACCOUNT_DOCUMENTS_H_

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <string>
#include <vector>

#include "account/connection_chooser.h"
#include "account/plextv_types.h"
#include "core/account_settings.h"

namespace plexdriver {

// start_pin: what to show the user, and what to pass to check_pin/wait_pin.
std::string PinDocument(const PlexPin& pin, const std::string& auth_url, int64_t expires_at,
                        const std::string& client_identifier);
// check_pin before approval.
std::string PinWaitingDocument(int64_t pin_id, int64_t expires_in);
// A finished sign-in (PIN approved, or username/password): the token and who it belongs to.
// `method` is "pin", "password" or "password_legacy".
std::string LoginDocument(const std::string& token, const PlexUser& user,
                          const std::string& client_identifier, const std::string& method);
// check_token: valid with the user, or not valid with the reason.
std::string TokenDocument(bool valid, const PlexUser* user, const std::string& message);
// servers: every server of the account with its connections (no token).
std::string ServersDocument(const std::vector<PlexResource>& resources);

// What a ready driver config is made of besides the chosen address.
struct ReadyConfigInputs {
  std::string name;               // the config's "name"
  std::string client_identifier;  // the one the token was issued to
  std::string account_token;      // secret
  PlexTvUrl plex_tv_url;
  bool verify_tls = true;
  std::string ca_file;
};
// A "config" document (schemas.md) for `chosen`: host, port, use_https, the server's access
// token as plex_token (the account token when plex.tv gave none), plex_account_token when it
// differs, client_identifier, plex_tv_url and token_keepalive.
Poco::JSON::Object::Ptr ReadyConfig(const PlexResource& server, const ConnectionCandidate& chosen,
                                    const ReadyConfigInputs& inputs);
// choose_connection: the server, what was tried and why each other address was not taken, and
// the ready config (null when nothing proved). `other_servers`: names of servers not chosen.
std::string ConnectionDocument(const PlexResource& server, const ConnectionChoice& choice,
                               const Poco::JSON::Object::Ptr& config,
                               const std::vector<std::string>& other_servers);

}  // namespace plexdriver

#endif  // PLEXDRIVER_ACCOUNT_ACCOUNT_DOCUMENTS_H_
