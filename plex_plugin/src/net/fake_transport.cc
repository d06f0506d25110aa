#include "net/fake_transport.h"

namespace plexdriver {

void FakeTransport::On(const std::string& method, const std::string& target,
                       HttpResponse response) {
  std::lock_guard<std::mutex> lock(mutex_);
  answers_[method + " " + target] = Answer{false, std::move(response), Status()};
}

void FakeTransport::OnBody(const std::string& method, const std::string& target,
                           std::string body) {
  HttpResponse r;
  r.status = 200;
  r.content_type = body.rfind("{", 0) == 0 ? "application/json" : "text/xml";
  r.body = std::move(body);
  On(method, target, std::move(r));
}

void FakeTransport::OnFailure(const std::string& method, const std::string& target,
                              Status failure) {
  std::lock_guard<std::mutex> lock(mutex_);
  answers_[method + " " + target] = Answer{true, HttpResponse(), std::move(failure)};
}

Result<HttpResponse> FakeTransport::Send(const HttpRequest& request) {
  std::lock_guard<std::mutex> lock(mutex_);
  requests_.push_back(request);
  auto it = answers_.find(request.method + " " + request.target);
  if (it == answers_.end()) {
    it = answers_.find(request.method + " " + request.target.substr(0, request.target.find('?')));
  }
  if (it == answers_.end()) {
    HttpResponse r;
    r.status = 404;
    r.content_type = "text/html";
    r.body = "<html><body>404 Not Found</body></html>";
    return r;
  }
  if (it->second.failed) return it->second.failure;
  return it->second.response;
}

uint64_t FakeTransport::RequestCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_.size();
}

std::vector<HttpRequest> FakeTransport::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

}  // namespace plexdriver
