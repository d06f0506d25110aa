// The JSON inputs of the account interface (plugin_api/schemas.md: account_pin as input,
// account_credentials, account_connection_request) and the choice of a server by name or
// machine identifier. Errors are PD_ERR_INVALID_ARGUMENT naming the key; a secret's value is
// never quoted. Pure.
#ifndef PLEXDRIVER_ACCOUNT_ACCOUNT_REQUESTS_H_
#define PLEXDRIVER_ACCOUNT_ACCOUNT_REQUESTS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "account/plextv_types.h"
#include "core/status.h"

namespace plexdriver {

// Which PIN to poll: the "account_pin" document start_pin wrote (only `id` is required).
struct PinRef {
  int64_t id = 0;
  std::optional<int64_t> expires_at;  // unix seconds
  std::optional<int64_t> expires_in;  // seconds, when expires_at is absent
};
Result<PinRef> ParsePinRef(std::string_view json);

struct Credentials {
  std::string login;     // user name or e-mail
  std::string password;  // secret
  std::string code;      // two-factor verification code, "" when none
  bool legacy = false;   // "method": "legacy" uses POST /users/sign_in.json
};
Result<Credentials> ParseCredentials(std::string_view json);

struct ConnectionRequest {
  std::string token;        // secret: the account token (from a sign-in)
  std::string server;       // name or machine identifier; "" = choose one (SelectServer)
  std::string config_name;  // "name" of the written config; "" = the server's name
  bool allow_relay = true;
};
Result<ConnectionRequest> ParseConnectionRequest(std::string_view json);

// The server `wanted` names (machine identifier, or name ignoring case) among `resources`
// (devices that are not servers never match). With `wanted` empty: the only server, else the
// first one owned and online, else the first owned, else the first. PD_ERR_NOT_FOUND naming the
// servers there are when none matches; PD_ERR_INVALID_ARGUMENT when a name is ambiguous.
Result<size_t> SelectServer(const std::vector<PlexResource>& resources, const std::string& wanted);

}  // namespace plexdriver

#endif  // PLEXDRIVER_ACCOUNT_ACCOUNT_REQUESTS_H_
