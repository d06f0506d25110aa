// SPDX-License-Identifier: MIT
// The HTTP side of `host_stub serve-provider`: a Poco::Net::HTTPServer whose every request is
// translated into a pd_http_request and handed to a ProviderBackend (in host_stub: the driver's
// pd_provider.handle), and whose answer, given through the pd_http_response callbacks, becomes
// the Poco response. The translation (target split, base URL, header list, access-log line) is
// pure and unit-tested without sockets; the server itself is tested end to end
// (tests/integration/provider_cli_test.cc).
#ifndef HOST_STUB_SRC_PROVIDER_HTTP_SERVER_H_
#define HOST_STUB_SRC_PROVIDER_HTTP_SERVER_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "player_driver/player_driver.h"

namespace host_stub {

// What the server hands each request to. Handle() is called from several server threads at
// once and must be thread-safe (pd_provider.handle is [thread-safe]). It answers as
// pd_provider.handle does: PD_OK once it called response.start (and write), else an error
// status with nothing written.
class ProviderBackend {
 public:
  virtual ~ProviderBackend() = default;
  virtual pd_status Handle(const pd_http_request& request, const pd_http_response& response,
                           pd_error* err) = 0;
};

// "/movies/x?X-Plex-Token=..." -> path "/movies/x" and query "X-Plex-Token=..." (no "?"). The
// path stays percent-encoded exactly as received; a fragment is dropped.
struct RequestTarget {
  std::string path;
  std::string query;
};
RequestTarget SplitTarget(const std::string& uri);

// The absolute URL of the mount point as the client reached it: "http://" + the Host header,
// or, without one, the address the server is bound to ("[addr]" for IPv6; 0.0.0.0 and :: read
// as 127.0.0.1). No trailing "/".
std::string BaseUrl(const std::string& host_header, const std::string& bind, uint16_t port);

// One request with everything it points to owned here, so request() stays valid as long as the
// object does. Header names keep their case; order and duplicates are kept.
class OwnedHttpRequest {
 public:
  OwnedHttpRequest(std::string method, const std::string& uri,
                   std::vector<std::pair<std::string, std::string>> headers, std::string body,
                   std::string base_url);
  OwnedHttpRequest(const OwnedHttpRequest&) = delete;
  OwnedHttpRequest& operator=(const OwnedHttpRequest&) = delete;

  const pd_http_request& request() const { return request_; }
  const std::string& path() const { return target_.path; }
  const std::string& method() const { return method_; }

 private:
  std::string method_;
  RequestTarget target_;
  std::vector<std::pair<std::string, std::string>> header_text_;
  std::vector<pd_http_header> headers_;
  std::string body_;
  std::string base_url_;
  pd_http_request request_{};
};

// What a backend answered, collected from the pd_http_response callbacks (for tests and for
// answers without a Content-Length, which are sent once complete).
struct CollectedResponse {
  bool started = false;
  int32_t status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  int starts = 0;  // how often start() was called (the ABI says once)
};
// A pd_http_response whose callbacks fill `*into`.
pd_http_response CollectingResponse(CollectedResponse* into);

// The access-log line for one request: "GET /movies/library/metadata/tmdb-949 200 1.2 ms".
// `path` is printed without its query (where a client may put X-Plex-Token) and with control
// characters replaced by "?".
std::string AccessLogLine(const std::string& method, const std::string& path, int status,
                          double milliseconds);

// Request bodies above this are answered 413 without asking the backend (a match request is a
// few hundred bytes).
constexpr size_t kMaxProviderRequestBody = 1 << 20;

// The running server. Start() binds and starts serving; Stop() (or the destructor) stops
// accepting, ends the connections, and joins every server thread, so no Handle() call runs
// after it returned. Not copyable; Start/Stop from one thread.
class ProviderHttpServer {
 public:
  struct Options {
    std::string bind = "127.0.0.1";
    uint16_t port = 0;  // 0: a free one (port() tells which)
    int threads = 8;
    // Called once per answered request (from server threads, serialized by the server).
    std::function<void(const std::string& line)> access_log;
  };

  ProviderHttpServer(ProviderBackend* backend, Options options);
  ~ProviderHttpServer();
  ProviderHttpServer(const ProviderHttpServer&) = delete;
  ProviderHttpServer& operator=(const ProviderHttpServer&) = delete;

  // False with *error ("cannot serve on ADDR:PORT: ...") when the address cannot be bound.
  bool Start(std::string* error);
  void Stop();
  uint16_t port() const { return port_; }
  // "http://ADDR:PORT" for the bound address (as BaseUrl without a Host header, but keeping
  // 0.0.0.0 visible so the user sees what was bound).
  std::string url() const;

 private:
  struct Impl;
  ProviderBackend* backend_;
  Options options_;
  uint16_t port_ = 0;
  std::unique_ptr<Impl> impl_;
};

}  // namespace host_stub

#endif  // HOST_STUB_SRC_PROVIDER_HTTP_SERVER_H_
