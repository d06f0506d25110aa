// SPDX-License-Identifier: MIT
#include "provider_http_server.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/String.h>
#include <Poco/ThreadPool.h>
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <exception>
#include <istream>
#include <mutex>
#include <ostream>

namespace host_stub {

RequestTarget SplitTarget(const std::string& uri) {
  RequestTarget t;
  const std::string without_fragment = uri.substr(0, uri.find('#'));
  const size_t q = without_fragment.find('?');
  t.path = without_fragment.substr(0, q);
  if (q != std::string::npos) t.query = without_fragment.substr(q + 1);
  if (t.path.empty()) t.path = "/";
  return t;
}

namespace {

std::string HostPart(const std::string& address) {
  if (address == "0.0.0.0" || address == "::" || address.empty()) return "127.0.0.1";
  if (address.find(':') != std::string::npos && address.front() != '[') return "[" + address + "]";
  return address;
}

}  // namespace

std::string BaseUrl(const std::string& host_header, const std::string& bind, uint16_t port) {
  // A Host header is a host and an optional port (letters, digits, ".-_:[]"); anything else is
  // no host (it would go into every link the provider answers with).
  const bool plain = !host_header.empty() && host_header.size() <= 255 &&
                     host_header.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                   "0123456789.-_:[]") == std::string::npos;
  if (plain) return "http://" + host_header;
  return fmt::format("http://{}:{}", HostPart(bind), port);
}

OwnedHttpRequest::OwnedHttpRequest(std::string method, const std::string& uri,
                                   std::vector<std::pair<std::string, std::string>> headers,
                                   std::string body, std::string base_url)
    : method_(std::move(method)),
      target_(SplitTarget(uri)),
      header_text_(std::move(headers)),
      body_(std::move(body)),
      base_url_(std::move(base_url)) {
  headers_.reserve(header_text_.size());
  for (const auto& [name, value] : header_text_) headers_.push_back({name.c_str(), value.c_str()});
  request_.struct_size = sizeof request_;
  request_.method = method_.c_str();
  request_.path = target_.path.c_str();
  request_.query = target_.query.c_str();
  request_.headers = headers_.empty() ? nullptr : headers_.data();
  request_.header_count = headers_.size();
  request_.body = body_.empty() ? nullptr : body_.data();
  request_.body_size = body_.size();
  request_.base_url = base_url_.c_str();
}

pd_http_response CollectingResponse(CollectedResponse* into) {
  pd_http_response r{};
  r.struct_size = sizeof r;
  r.ctx = into;
  r.start = [](void* ctx, int32_t status, const pd_http_header* headers, size_t count) {
    auto* c = static_cast<CollectedResponse*>(ctx);
    ++c->starts;
    if (c->started) return;
    c->started = true;
    c->status = status;
    for (size_t i = 0; headers && i < count; ++i) {
      c->headers.emplace_back(headers[i].name ? headers[i].name : "",
                              headers[i].value ? headers[i].value : "");
    }
  };
  r.write = [](void* ctx, const char* data, size_t size) {
    auto* c = static_cast<CollectedResponse*>(ctx);
    if (data && size) c->body.append(data, size);
  };
  return r;
}

std::string AccessLogLine(const std::string& method, const std::string& path, int status,
                          double milliseconds) {
  std::string shown = SplitTarget(path).path;
  for (char& ch : shown) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) ch = '?';
  }
  return fmt::format("{} {} {} {:.1f} ms", method, shown, status, milliseconds);
}

namespace {

using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;

// The answer of one request while the backend writes it. With a Content-Length from the
// backend the body streams straight to the client; without one it is collected and sent with
// its length once handle() returned.
class StreamingAnswer {
 public:
  StreamingAnswer(HTTPServerResponse& response) : response_(response) {}

  pd_http_response callbacks() {
    pd_http_response r{};
    r.struct_size = sizeof r;
    r.ctx = this;
    r.start = &StreamingAnswer::Start;
    r.write = &StreamingAnswer::Write;
    return r;
  }

  bool started() const { return started_; }
  int status() const { return status_; }

  // Sends what was collected (no-op when the body already streamed).
  void Finish() {
    if (out_) {
      out_->flush();
      return;
    }
    const bool bodyless = status_ == 204 || status_ == 304 || status_ < 200;
    if (!bodyless) response_.setContentLength64(static_cast<Poco::UInt64>(buffered_.size()));
    std::ostream& out = response_.send();
    if (!bodyless) out.write(buffered_.data(), static_cast<std::streamsize>(buffered_.size()));
    out.flush();
  }

 private:
  // Both run inside the driver's handle(): no exception may leave them.
  static void Start(void* ctx, int32_t status, const pd_http_header* headers, size_t count) {
    auto* self = static_cast<StreamingAnswer*>(ctx);
    if (self->started_) return;  // the ABI allows one start(); a second is ignored
    self->started_ = true;
    self->status_ = status;
    try {
      self->response_.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(status));
      bool has_length = false;
      for (size_t i = 0; headers && i < count; ++i) {
        if (!headers[i].name || !headers[i].value) continue;
        const std::string name = headers[i].name;
        const std::string value = headers[i].value;
        if (Poco::icompare(name, "Content-Length") == 0) {
          char* end = nullptr;
          const unsigned long long n = std::strtoull(value.c_str(), &end, 10);
          if (!value.empty() && *end == '\0') {
            self->response_.setContentLength64(n);
            has_length = true;
          }
        } else if (Poco::icompare(name, "Content-Type") == 0) {
          self->response_.setContentType(value);
        } else if (Poco::icompare(name, "Transfer-Encoding") != 0 &&
                   Poco::icompare(name, "Connection") != 0) {
          self->response_.add(name, value);
        }
      }
      if (has_length) self->out_ = &self->response_.send();
    } catch (const std::exception&) {
      self->failed_ = true;  // the client went away; the rest is dropped
    }
  }

  static void Write(void* ctx, const char* data, size_t size) {
    auto* self = static_cast<StreamingAnswer*>(ctx);
    if (!self->started_ || self->failed_ || !data || size == 0) return;
    try {
      if (self->out_) {
        self->out_->write(data, static_cast<std::streamsize>(size));
      } else {
        self->buffered_.append(data, size);
      }
    } catch (const std::exception&) {
      self->failed_ = true;
    }
  }

  HTTPServerResponse& response_;
  bool started_ = false;
  bool failed_ = false;
  int status_ = 0;
  std::ostream* out_ = nullptr;
  std::string buffered_;
};

void ReplyText(HTTPServerResponse& response, int status, const std::string& message) {
  response.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(status));
  response.setContentType("text/plain; charset=utf-8");
  const std::string body = message + "\n";
  response.setContentLength64(body.size());
  response.send() << body << std::flush;
}

// Reads the body up to the limit; false when it is larger.
bool ReadBody(HTTPServerRequest& request, std::string* body) {
  if (request.hasContentLength() &&
      request.getContentLength64() > static_cast<Poco::Int64>(kMaxProviderRequestBody)) {
    return false;
  }
  char chunk[16384];
  std::istream& in = request.stream();
  while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
    body->append(chunk, static_cast<size_t>(in.gcount()));
    if (body->size() > kMaxProviderRequestBody) return false;
  }
  return true;
}

class ProviderRequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  ProviderRequestHandler(ProviderBackend* backend, const ProviderHttpServer::Options& options,
                         uint16_t port, std::mutex* log_mutex)
      : backend_(backend), options_(options), port_(port), log_mutex_(log_mutex) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    const auto begin = std::chrono::steady_clock::now();
    const int status = Serve(request, response);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin).count();
    if (options_.access_log) {
      std::lock_guard<std::mutex> lock(*log_mutex_);
      options_.access_log(AccessLogLine(request.getMethod(), request.getURI(), status, ms));
    }
  }

 private:
  int Serve(HTTPServerRequest& request, HTTPServerResponse& response) {
    std::string body;
    if (!ReadBody(request, &body)) {
      response.setKeepAlive(false);  // the rest of the body is not read
      ReplyText(response, 413,
                fmt::format("request body larger than {} bytes", kMaxProviderRequestBody));
      return 413;
    }
    std::vector<std::pair<std::string, std::string>> headers;
    for (const auto& [name, value] : request) headers.emplace_back(name, value);
    OwnedHttpRequest owned(request.getMethod(), request.getURI(), std::move(headers),
                           std::move(body), BaseUrl(request.get("Host", ""), options_.bind, port_));
    StreamingAnswer answer(response);
    const pd_http_response callbacks = answer.callbacks();
    pd_error err{};
    err.struct_size = sizeof err;
    const pd_status st = backend_->Handle(owned.request(), callbacks, &err);
    if (!answer.started()) {
      const std::string message =
          st == PD_OK ? "the metadata provider wrote no answer"
                      : fmt::format("the metadata provider failed: {}", err.message);
      ReplyText(response, 500, message);
      return 500;
    }
    answer.Finish();
    return answer.status();
  }

  ProviderBackend* backend_;
  const ProviderHttpServer::Options& options_;
  const uint16_t port_;
  std::mutex* log_mutex_;
};

class ProviderHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  ProviderHandlerFactory(ProviderBackend* backend, const ProviderHttpServer::Options& options,
                         uint16_t port)
      : backend_(backend), options_(options), port_(port) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const HTTPServerRequest&) override {
    return new ProviderRequestHandler(backend_, options_, port_, &log_mutex_);
  }

 private:
  ProviderBackend* backend_;
  const ProviderHttpServer::Options& options_;
  const uint16_t port_;
  std::mutex log_mutex_;
};

}  // namespace

struct ProviderHttpServer::Impl {
  // Our own pool, so Stop() can join every thread that ran a request.
  Poco::ThreadPool pool;
  Poco::Net::ServerSocket socket;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  explicit Impl(int threads) : pool(1, threads + 1) {}
};

ProviderHttpServer::ProviderHttpServer(ProviderBackend* backend, Options options)
    : backend_(backend), options_(std::move(options)) {}

ProviderHttpServer::~ProviderHttpServer() { Stop(); }

bool ProviderHttpServer::Start(std::string* error) {
  if (impl_) return true;
  const int threads = options_.threads > 0 ? options_.threads : 1;
  auto impl = std::make_unique<Impl>(threads);
  try {
    // SO_REUSEADDR (a restart binds at once) but not SO_REUSEPORT, which Poco's ServerSocket
    // constructor sets: a port another server holds must be refused, not silently shared.
    impl->socket.bind(Poco::Net::SocketAddress(options_.bind, options_.port), true, false);
    impl->socket.listen(64);
    port_ = impl->socket.address().port();
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams();
    params->setMaxThreads(threads);
    params->setMaxQueued(256);
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(1000);
    // An idle request thread looks for work (and for the stop) this often; Poco's 10 s default
    // sometimes made Stop() wait that long for a thread that missed the stop notification.
    params->setThreadIdleTime(Poco::Timespan(0, 500 * 1000));
    impl->server = std::make_unique<Poco::Net::HTTPServer>(
        new ProviderHandlerFactory(backend_, options_, port_), impl->pool, impl->socket, params);
    impl->server->start();
  } catch (const std::exception& e) {
    *error = fmt::format("cannot serve on {}:{}: {}", options_.bind, options_.port, e.what());
    return false;
  }
  impl_ = std::move(impl);
  return true;
}

void ProviderHttpServer::Stop() {
  if (!impl_) return;
  impl_->server->stopAll(true);  // stop accepting and abort the open connections
  impl_->pool.joinAll();         // every request thread has returned
  impl_->server.reset();
  impl_.reset();
}

std::string ProviderHttpServer::url() const {
  const std::string host =
      options_.bind.find(':') != std::string::npos && options_.bind.front() != '['
          ? "[" + options_.bind + "]"
          : options_.bind;
  return fmt::format("http://{}:{}", host, port_);
}

}  // namespace host_stub
