#include "net/poco_http_transport.h"

#include <algorithm>
#include <cctype>
#include <istream>

#include <Poco/Exception.h>
#include <Poco/Net/DNS.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Timespan.h>
#include <fmt/format.h>

#include "net/client_session.h"
#include "net/request_deadline.h"
#include "net/tls_context.h"

namespace plexdriver {
namespace {

std::string LowerMediaType(const std::string& content_type) {
  std::string media = content_type.substr(0, content_type.find(';'));
  media.erase(std::remove_if(media.begin(), media.end(),
                             [](unsigned char c) { return std::isspace(c); }),
              media.end());
  std::transform(media.begin(), media.end(), media.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return media;
}

}  // namespace

std::string HttpResponse::Header(const std::string& name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
          return std::tolower(static_cast<unsigned char>(a)) ==
                 std::tolower(static_cast<unsigned char>(b));
        })) {
      return value;
    }
  }
  return "";
}

PocoHttpTransport::PocoHttpTransport(TransportOptions options)
    : options_(std::move(options)),
      base_url_(fmt::format("{}://{}:{}", options_.use_https ? "https" : "http", options_.host,
                            options_.port)) {
  if (options_.use_https) tls_context_ = MakeClientTlsContext(options_.verify_tls, options_.ca_file);
}

PocoHttpTransport::~PocoHttpTransport() = default;

std::unique_ptr<Poco::Net::HTTPClientSession> PocoHttpTransport::TakeSession(bool fresh) {
  if (!fresh) {
    std::lock_guard<std::mutex> lock(pool_mutex_);
    if (!idle_.empty()) {
      auto session = std::move(idle_.back());
      idle_.pop_back();
      return session;
    }
  }
  // The deadline of each request sets its socket timeouts (SendOnce); *.plex.direct names are
  // reached through the address they encode.
  std::unique_ptr<Poco::Net::HTTPClientSession> session =
      MakeClientSession(options_.host, options_.port, options_.use_https, tls_context_);
  session->setKeepAlive(true);
  return session;
}

void PocoHttpTransport::ReturnSession(std::unique_ptr<Poco::Net::HTTPClientSession> session) {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  if (idle_.size() < options_.max_idle_connections) idle_.push_back(std::move(session));
}

namespace {

using Clock = std::chrono::steady_clock;

// The time left until `deadline` as a socket timeout; TimeoutException when none is left.
Poco::Timespan Remaining(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - Clock::now());
  if (left.count() <= 0) throw Poco::TimeoutException("no time left");
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(left.count()));
}

}  // namespace

Result<HttpResponse> PocoHttpTransport::SendOnce(Poco::Net::HTTPClientSession& session,
                                                 const HttpRequest& request, TimePoint deadline) {
  // Every socket operation waits at most for the time left: the limit covers the whole exchange,
  // so a server trickling its answer cannot hold the caller.
  Poco::Timespan left = Remaining(deadline);
  session.setTimeout(left, left, left);  // for a connection made now
  Poco::Net::StreamSocket& socket = session.socket();
  if (socket.impl()->sockfd() != POCO_INVALID_SOCKET) {  // a pooled connection
    socket.setSendTimeout(left);
    socket.setReceiveTimeout(left);
  }
  Poco::Net::HTTPRequest req(request.method, request.target, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : request.headers) req.set(name, value);
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    req.setContentLength(static_cast<std::streamsize>(request.body.size()));
  }
  std::ostream& out = session.sendRequest(req);
  out << request.body;

  // From here the exchange waits on the server: Shutdown() can end the wait.
  SocketAborter::Registration abortable(&aborter_, socket.impl()->sockfd());
  if (abortable.refused()) return Status(PD_ERR_CANCELLED, "the driver instance is shutting down");
  socket.setReceiveTimeout(Remaining(deadline));
  Poco::Net::HTTPResponse res;
  std::istream& in = session.receiveResponse(res);
  // A socket error while reading the body (a timeout) must reach Classify, not end the read
  // quietly and pass for a truncated answer.
  in.exceptions(std::ios::badbit);
  HttpResponse response;
  response.status = static_cast<int>(res.getStatus());
  response.content_type = LowerMediaType(res.getContentType());
  for (const auto& [name, value] : res) response.headers.emplace_back(name, value);

  const auto declared = res.getContentLength64();
  if (declared != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH &&
      static_cast<uint64_t>(declared) > options_.max_body_bytes) {
    return Status(PD_ERR_PROTOCOL,
                  fmt::format("{} answered {} with {} bytes, more than the {} byte limit",
                              base_url_, request.method, declared, options_.max_body_bytes),
                  response.status);
  }
  char buffer[8192];
  for (;;) {
    socket.setReceiveTimeout(Remaining(deadline));
    if (!(in.read(buffer, sizeof buffer) || in.gcount() > 0)) break;
    response.body.append(buffer, static_cast<size_t>(in.gcount()));
    if (response.body.size() > options_.max_body_bytes) {
      return Status(PD_ERR_PROTOCOL, fmt::format("response from {} exceeds the {} byte limit",
                                                 base_url_, options_.max_body_bytes),
                    response.status);
    }
  }
  if (aborter_.aborted()) return Status(PD_ERR_CANCELLED, "the driver instance is shutting down");
  if (declared != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH &&
      response.body.size() != static_cast<uint64_t>(declared)) {
    return Status(PD_ERR_PROTOCOL,
                  fmt::format("{} closed the connection after {} of {} bytes (truncated response)",
                              base_url_, response.body.size(), declared));
  }
  return response;
}

Result<HttpResponse> PocoHttpTransport::Send(const HttpRequest& request) {
  request_count_.fetch_add(1);
  if (aborter_.aborted()) return Status(PD_ERR_CANCELLED, "the driver instance is shutting down");
  const auto now = Clock::now();
  TimePoint deadline = now + std::chrono::microseconds(static_cast<int64_t>(options_.timeout_seconds * 1e6));
  bool by_caller = false;
  if (std::optional<TimePoint> caller = RequestDeadline::Current(); caller && *caller < deadline) {
    deadline = *caller;
    by_caller = true;
  }
  if (now >= deadline) return OutOfTime(request, by_caller);
  // A pooled keep-alive connection may have been closed by the server meanwhile; such a
  // failure is retried once on a fresh connection, for idempotent methods only.
  const bool idempotent = request.method == "GET" || request.method == "HEAD";
  for (int attempt = 0;; ++attempt) {
    bool reused = false;
    try {
      std::unique_ptr<Poco::Net::HTTPClientSession> session;
      {
        std::lock_guard<std::mutex> lock(pool_mutex_);
        reused = attempt == 0 && !idle_.empty();
      }
      session = TakeSession(/*fresh=*/attempt > 0);
      Result<HttpResponse> result = SendOnce(*session, request, deadline);
      if (result.ok() && session->getKeepAlive()) ReturnSession(std::move(session));
      return result;
    } catch (const Poco::TimeoutException&) {
      return Classify(std::current_exception(), request, by_caller);  // retrying would double the wait
    } catch (const Poco::Net::SSLException&) {
      return Classify(std::current_exception(), request, by_caller);
    } catch (const Poco::Exception&) {
      if (!(reused && idempotent) || Clock::now() >= deadline) {
        return Classify(std::current_exception(), request, by_caller);
      }
    }
  }
}

Status PocoHttpTransport::OutOfTime(const HttpRequest& request, bool by_caller) const {
  const std::string what = fmt::format("{} {}", request.method, request.target.substr(0, request.target.find('?')));
  if (by_caller) {
    return Status(PD_ERR_TIMEOUT, fmt::format("the operation's time ran out before {} from {}:{} was "
                                              "answered", what, options_.host, options_.port));
  }
  return Status(PD_ERR_TIMEOUT,
                fmt::format("{}:{} did not answer {} within {} s: the server may be busy or a "
                            "firewall drops the traffic; raise timeout_seconds if it is just slow",
                            options_.host, options_.port, what, options_.timeout_seconds));
}

Status PocoHttpTransport::Classify(std::exception_ptr error, const HttpRequest& request,
                                   bool by_caller) const {
  const std::string where = fmt::format("{}:{}", options_.host, options_.port);
  if (aborter_.aborted()) return Status(PD_ERR_CANCELLED, "the driver instance is shutting down");
  try {
    std::rethrow_exception(error);
  } catch (const Poco::Net::ConnectionRefusedException&) {
    return Status(PD_ERR_UNREACHABLE,
                  fmt::format("connection refused by {}: is Plex Media Server running there, and "
                              "is the port right (Plex listens on 32400 by default)?", where));
  } catch (const Poco::Net::HostNotFoundException&) {
    return Status(PD_ERR_DNS, fmt::format("host name \"{}\" does not resolve: check `host` "
                                          "(or use the server's IP address)", options_.host));
  } catch (const Poco::Net::NoAddressFoundException&) {
    return Status(PD_ERR_DNS, fmt::format("host name \"{}\" has no address: check `host`",
                                          options_.host));
  } catch (const Poco::Net::DNSException& e) {
    return Status(PD_ERR_DNS, fmt::format("looking up \"{}\" failed ({}): check `host`",
                                          options_.host, e.message()));
  } catch (const Poco::TimeoutException&) {
    return OutOfTime(request, by_caller);
  } catch (const Poco::Net::CertificateValidationException& e) {
    return Status(PD_ERR_TLS,
                  fmt::format("the TLS certificate of {} was not accepted ({}). Plex certificates "
                              "are issued for the server's *.plex.direct name: use that name as "
                              "`host`, or add the CA with `ca_file`", where, e.message()));
  } catch (const Poco::Net::SSLException& e) {
    // OpenSSL reports an untrusted or mismatched certificate as a handshake failure.
    if (e.displayText().find("certificate") != std::string::npos) {
      return Status(PD_ERR_TLS,
                    fmt::format("the TLS certificate of {} was not accepted ({}). Plex certificates "
                                "are issued for the server's *.plex.direct name: use that name as "
                                "`host`, add the CA with `ca_file`, or set verify_tls to false on a "
                                "trusted network", where, e.displayText()));
    }
    return Status(PD_ERR_TLS, fmt::format("TLS with {} failed ({}); if the server does not use "
                                          "https, set use_https to false", where, e.displayText()));
  } catch (const Poco::Net::ConnectionResetException&) {
    return Status(PD_ERR_UNREACHABLE, fmt::format("{} reset the connection", where));
  } catch (const Poco::Net::MessageException& e) {
    return Status(PD_ERR_PROTOCOL, fmt::format("{} sent a malformed HTTP response ({}); is this "
                                               "a Plex Media Server?", where, e.message()));
  } catch (const Poco::Net::NetException& e) {
    return Status(PD_ERR_UNREACHABLE, fmt::format("network error talking to {}: {}", where,
                                                  e.displayText()));
  } catch (const Poco::IOException& e) {
    return Status(PD_ERR_UNREACHABLE, fmt::format("I/O error talking to {}: {}", where,
                                                  e.displayText()));
  } catch (const Poco::Exception& e) {
    return Status(PD_ERR_INTERNAL, fmt::format("unexpected error talking to {}: {}", where,
                                               e.displayText()));
  }
}

}  // namespace plexdriver
