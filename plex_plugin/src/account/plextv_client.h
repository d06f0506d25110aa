// Typed requests to plex.tv over an HttpTransport: the X-Plex-* headers, JSON answers, and
// plex.tv's HTTP statuses and error codes turned into Statuses that say what to do. Tokens and
// passwords go only into request headers and bodies, never into a message.
//
// Errors: PD_ERR_UNAUTHORIZED (401; detail 1029 when a two-factor code is needed, else 401),
// PD_ERR_NOT_FOUND (404; an expired or unknown PIN, plex.tv error 1020), PD_ERR_INVALID_ARGUMENT
// (400/422: plex.tv refused the request as malformed), PD_ERR_SERVER (5xx, 429), PD_ERR_PROTOCOL
// (an answer that is not plex.tv's), and the transport's network statuses.
// Thread-safety: as the transport (the Poco one is thread-safe).
#ifndef PLEXDRIVER_ACCOUNT_PLEXTV_CLIENT_H_
#define PLEXDRIVER_ACCOUNT_PLEXTV_CLIENT_H_

#include <string>
#include <vector>

#include "account/plextv_types.h"
#include "core/status.h"
#include "net/http_transport.h"

namespace plexdriver {

// Who is asking: plex.tv ties PINs and tokens to the client identifier.
struct PlexTvIdentity {
  std::string client_identifier;  // X-Plex-Client-Identifier (stable per installation)
  std::string product = "plexdriver";
  std::string version;
  std::string device_name = "plexdriver";
  std::string platform = "Linux";
};

class PlexTvClient {
 public:
  // `transport` reaches the plex.tv host and must outlive the client; `base_path` ("" or
  // "/prefix") is put before every API path.
  PlexTvClient(HttpTransport* transport, std::string base_path, PlexTvIdentity identity);

  // POST /api/v2/pins?strong=true: a PIN for the web-app approval flow.
  Result<PlexPin> CreatePin();
  // GET /api/v2/pins/{id}: auth_token is set once the user approved it.
  Result<PlexPin> GetPin(int64_t id);
  // GET /api/v2/user with `token`: the account, or PD_ERR_UNAUTHORIZED for a bad token.
  Result<PlexUser> User(const std::string& token);
  // GET /api/v2/resources?includeHttps=1&includeRelay=1 with `token`: every device.
  Result<std::vector<PlexResource>> Resources(const std::string& token);
  // POST /api/v2/users/signin (form login, password, rememberMe, verificationCode when `code`
  // is not empty). The user carries the new token.
  Result<PlexUser> SignIn(const std::string& login, const std::string& password,
                          const std::string& code);
  // POST /users/sign_in.json (form user[login], user[password]); a two-factor code is appended
  // to the password, as Plex documents for older clients.
  Result<PlexUser> SignInLegacy(const std::string& login, const std::string& password,
                                const std::string& code);
  // GET /api/v2/ping with `token`: keeps a token alive. Any 2xx is success.
  Status Ping(const std::string& token);

  const HttpTransport& transport() const { return *transport_; }

 private:
  // POSTs a sign-in form to `path` and parses the answer with `parse`; a sign-in accepted
  // without a token is PD_ERR_PROTOCOL.
  Result<PlexUser> SendSignIn(const char* path, std::string form,
                              Result<PlexUser> (*parse)(std::string_view body));
  HttpRequest MakeRequest(const std::string& method, const std::string& path,
                          const std::string& token) const;
  // Sends and returns the response for a 2xx; a Status naming `what` otherwise.
  Result<HttpResponse> Exchange(const HttpRequest& request, const std::string& what);

  HttpTransport* transport_;
  std::string base_path_;
  PlexTvIdentity identity_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_ACCOUNT_PLEXTV_CLIENT_H_
