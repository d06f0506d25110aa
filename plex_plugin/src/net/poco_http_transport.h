// HttpTransport over Poco's HTTP(S)ClientSession with keep-alive connection reuse.
#ifndef PLEXDRIVER_NET_POCO_HTTP_TRANSPORT_H_
#define PLEXDRIVER_NET_POCO_HTTP_TRANSPORT_H_

#include <atomic>
#include <chrono>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "net/http_transport.h"
#include "net/socket_aborter.h"

#include <Poco/Net/Context.h>

namespace Poco::Net {
class HTTPClientSession;
}  // namespace Poco::Net

namespace plexdriver {

struct TransportOptions {
  std::string host;
  int port = 32400;
  bool use_https = false;
  double timeout_seconds = 30;  // the whole exchange: connect, send, and the complete answer
  bool verify_tls = true;
  std::string ca_file;  // extra trusted CAs (PEM); empty = system store only
  size_t max_body_bytes = 64u << 20;  // larger responses are refused, not truncated
  size_t max_idle_connections = 4;
};

class PocoHttpTransport final : public HttpTransport {
 public:
  explicit PocoHttpTransport(TransportOptions options);
  ~PocoHttpTransport() override;
  PocoHttpTransport(const PocoHttpTransport&) = delete;
  PocoHttpTransport& operator=(const PocoHttpTransport&) = delete;

  Result<HttpResponse> Send(const HttpRequest& request) override;
  std::string BaseUrl() const override { return base_url_; }
  uint64_t RequestCount() const override { return request_count_.load(); }
  void Shutdown() override { aborter_.Abort(); }

 private:
  using TimePoint = std::chrono::steady_clock::time_point;
  // A pooled idle connection, or a new one when none is idle or `fresh` is set.
  std::unique_ptr<Poco::Net::HTTPClientSession> TakeSession(bool fresh);
  // Turns the exception of a failed exchange into an actionable Status. `by_caller`: the time
  // limit that ran out was the caller's RequestDeadline, not this transport's.
  Status Classify(std::exception_ptr error, const HttpRequest& request, bool by_caller) const;
  Status OutOfTime(const HttpRequest& request, bool by_caller) const;
  void ReturnSession(std::unique_ptr<Poco::Net::HTTPClientSession> session);
  // One exchange on `session`, every socket wait limited by `deadline` (TimeoutException).
  Result<HttpResponse> SendOnce(Poco::Net::HTTPClientSession& session, const HttpRequest& request,
                                TimePoint deadline);

  const TransportOptions options_;
  const std::string base_url_;
  Poco::Net::Context::Ptr tls_context_;  // set when use_https
  std::mutex pool_mutex_;
  std::vector<std::unique_ptr<Poco::Net::HTTPClientSession>> idle_;
  std::atomic<uint64_t> request_count_{0};
  SocketAborter aborter_;  // Shutdown(): ends blocked reads of requests in flight
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_NET_POCO_HTTP_TRANSPORT_H_
