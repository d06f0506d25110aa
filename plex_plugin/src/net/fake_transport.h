// A scripted HttpTransport for unit tests: answers by method and path (query ignored unless
// scripted with one) and records every request.
#ifndef PLEXDRIVER_NET_FAKE_TRANSPORT_H_
#define PLEXDRIVER_NET_FAKE_TRANSPORT_H_

#include <map>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "net/http_transport.h"

namespace plexdriver {

class FakeTransport final : public HttpTransport {
 public:
  // Answers `method target` with a response. `target` without '?' matches any query.
  void On(const std::string& method, const std::string& target, HttpResponse response);
  // Convenience: 200 with a body.
  void OnBody(const std::string& method, const std::string& target, std::string body);
  // Answers with a transport failure instead.
  void OnFailure(const std::string& method, const std::string& target, Status failure);

  Result<HttpResponse> Send(const HttpRequest& request) override;  // unscripted: 404
  std::string BaseUrl() const override { return "http://fake.test:32400"; }
  uint64_t RequestCount() const override;

  std::vector<HttpRequest> requests() const;

 private:
  struct Answer {
    bool failed = false;
    HttpResponse response;
    Status failure;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Answer> answers_;  // "GET /path[?query]"
  std::vector<HttpRequest> requests_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_NET_FAKE_TRANSPORT_H_
