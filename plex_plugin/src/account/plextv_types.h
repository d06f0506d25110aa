// What plex.tv tells about PINs, accounts and servers, as plain structs (filled by
// plextv_parser.h). Members marked "secret" hold tokens: they never go into logs or messages,
// only into the documents a host asked for (schemas.md: account_login, account_connection).
#ifndef PLEXDRIVER_ACCOUNT_PLEXTV_TYPES_H_
#define PLEXDRIVER_ACCOUNT_PLEXTV_TYPES_H_

#include <cstdint>
#include <string>
#include <vector>

namespace plexdriver {

// A sign-in PIN (POST /api/v2/pins, GET /api/v2/pins/{id}).
struct PlexPin {
  int64_t id = 0;
  std::string code;               // what the user approves (in the auth URL)
  std::string client_identifier;  // the PIN belongs to this X-Plex-Client-Identifier
  int64_t expires_in = 0;         // seconds left when plex.tv answered
  std::string auth_token;         // secret; "" until the user approved the PIN
};

// A plex.tv account (GET /api/v2/user, sign-in answers).
struct PlexUser {
  int64_t id = 0;
  std::string uuid;
  std::string username;
  std::string title;
  std::string email;
  bool subscription_active = false;  // Plex Pass
  bool two_factor_enabled = false;
  std::string auth_token;  // secret; present in sign-in answers
};

// One way to reach a server, as plex.tv lists it.
struct PlexConnection {
  std::string protocol;  // "http" or "https"
  std::string address;   // IP address (IPv6 without brackets)
  int port = 32400;
  std::string uri;     // "https://10-0-0-5.<hash>.plex.direct:32400" or "http://10.0.0.5:32400"
  bool local = false;  // on the server's LAN
  bool relay = false;  // through Plex's relay (slow, last resort)
  bool ipv6 = false;
};

// A device of the account (GET /api/v2/resources); servers provide "server".
struct PlexResource {
  std::string name;
  std::string product;
  std::string product_version;
  std::string platform;
  std::string client_identifier;  // a server's machineIdentifier
  std::string access_token;       // secret: the token to use with this server
  std::string provides;           // comma list: "server", "client,player", ...
  std::string source_title;       // owner's name for shared servers
  bool owned = false;
  bool presence = false;        // online as plex.tv last saw it
  bool https_required = false;  // the server refuses plain http
  std::vector<PlexConnection> connections;

  bool IsServer() const;
};

// One entry of plex.tv's error list ({"errors":[{"code":1020,"message":...,"status":404}]}).
struct PlexTvError {
  int code = 0;
  std::string message;
};

// plex.tv error codes the driver acts on.
inline constexpr int kPlexTvPinNotFound = 1020;     // PIN unknown or expired
inline constexpr int kPlexTvNeedsTwoFactor = 1029;  // sign-in needs a verification code

}  // namespace plexdriver

#endif  // PLEXDRIVER_ACCOUNT_PLEXTV_TYPES_H_
