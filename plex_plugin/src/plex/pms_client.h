// Typed requests to one Plex Media Server over an HttpTransport: adds the X-Plex-* headers,
// asks for JSON (and accepts XML), and turns HTTP statuses into actionable Statuses.
#ifndef PLEXDRIVER_PLEX_PMS_CLIENT_H_
#define PLEXDRIVER_PLEX_PMS_CLIENT_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "net/http_transport.h"
#include "plex/pms_types.h"
#include "plex/section_settings.h"

namespace plexdriver {

// How an idempotent GET is asked again after a transient failure: a 5xx, a refused or reset
// connection, an answer cut off or garbled in transit. Never after 401/403/404 or another status
// the server chose, and never after a timeout (the wait would double).
struct RetryPolicy {
  int attempts = 3;
  std::chrono::milliseconds backoff{200};  // before the 2nd attempt; doubled after, plus jitter
  std::function<bool()> stop;              // optional: true gives up at once (the host cancelled)
};

struct ClientIdentity {
  std::string token;              // X-Plex-Token (secret)
  std::string client_identifier;  // X-Plex-Client-Identifier
  std::string device_name;        // X-Plex-Device-Name (the configured server name)
  std::string product = "plexdriver";
  std::string version;            // X-Plex-Version
};

class PmsClient {
 public:
  // `transport` must outlive the client.
  PmsClient(HttpTransport* transport, ClientIdentity identity);

  // GET /identity without a token. PD_ERR_PROTOCOL ("not a Plex Media Server") when the peer
  // answers but not as PMS does.
  Result<ServerIdentity> Identity();
  // GET / with the token.
  Result<ServerInfo> Root();
  // GET /library/sections with the token.
  Result<std::vector<LibrarySection>> Sections();
  // GET /library/sections/{key}/prefs: the library's advanced settings.
  Result<std::vector<SectionSetting>> SectionSettings(const std::string& section_key);

  // GET `target` with the token and the standard headers; maps 401/403/404/5xx to Statuses
  // whose message names the server and what to fix. The response is returned only for 2xx.
  Result<HttpResponse> Get(const std::string& target);
  // Same for any method.
  Result<HttpResponse> Call(const std::string& method, const std::string& target);
  // POST `body` (raw bytes of `content_type`) to `target`, as Call: an artwork upload.
  Result<HttpResponse> Post(const std::string& target, std::string body, const std::string& content_type);
  // Get() with retries after transient failures (backoff with jitter, within the calling
  // thread's RequestDeadline). Returns the last failure when every attempt failed.
  Result<HttpResponse> GetRetrying(const std::string& target, const RetryPolicy& policy = {});
  // True for a failure worth another attempt of an idempotent request (see RetryPolicy).
  static bool IsTransient(const Status& failure);

  HttpTransport& transport() { return *transport_; }

  // Told the outcome of every request made with the token: rejected (HTTP 401) or accepted
  // (2xx, or 403: known but not allowed), with "METHOD /path". Set before the client is used;
  // called on the requesting thread.
  using AuthObserver = std::function<void(bool rejected, const std::string& request)>;
  void set_auth_observer(AuthObserver observer) { auth_observer_ = std::move(observer); }

 private:
  HttpRequest MakeRequest(const std::string& method, const std::string& target,
                          bool with_token) const;
  // Sends a request made with the token; tells the auth observer and checks the status.
  Result<HttpResponse> Send(const HttpRequest& req);
  Status CheckStatus(const HttpRequest& request, const HttpResponse& response) const;

  HttpTransport* transport_;
  ClientIdentity identity_;
  AuthObserver auth_observer_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_PMS_CLIENT_H_
