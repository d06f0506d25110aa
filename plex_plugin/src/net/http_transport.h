// The seam between the driver's logic and the network: everything above it (the Plex client,
// test-connection, sync) is tested with a scripted fake; PocoHttpTransport is the real one and
// is exercised against the PMS emulator.
#ifndef PLEXDRIVER_NET_HTTP_TRANSPORT_H_
#define PLEXDRIVER_NET_HTTP_TRANSPORT_H_

#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace plexdriver {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";
  std::string target;  // path and query, already percent-encoded: "/library/sections?x=1"
  HttpHeaders headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  std::string content_type;  // lower-cased media type without parameters: "application/json"
  HttpHeaders headers;
  std::string body;

  // First header with that name (case-insensitive), or "".
  std::string Header(const std::string& name) const;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;

  // Performs one request. A response with any HTTP status is a success of the transport; a
  // Status comes back only when no complete response arrived: PD_ERR_UNREACHABLE (refused,
  // reset), PD_ERR_DNS, PD_ERR_TIMEOUT, PD_ERR_TLS, PD_ERR_PROTOCOL (malformed or oversized
  // response: detail 0 when it was cut off or mangled in transit, the HTTP status when the server
  // sent it complete but too large), PD_ERR_CANCELLED (after Shutdown()). The whole exchange ends by the time limit of
  // the transport and by the calling thread's RequestDeadline (net/request_deadline.h).
  // Messages never contain the token. [thread-safe]
  virtual Result<HttpResponse> Send(const HttpRequest& request) = 0;

  // "http://host:port" this transport talks to, for messages.
  virtual std::string BaseUrl() const = 0;

  // Number of requests sent so far (for the request counts in results). [thread-safe]
  virtual uint64_t RequestCount() const = 0;

  // Ends requests in flight at once and makes later ones fail with PD_ERR_CANCELLED (destroy()
  // must not wait for a server that stopped answering). [thread-safe]
  virtual void Shutdown() {}
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_NET_HTTP_TRANSPORT_H_
