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

Poco::Timespan ToTimespan(double seconds) {
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(seconds * 1e6));
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
  std::unique_ptr<Poco::Net::HTTPClientSession> session =
      MakeClientSession(options_.host, options_.port, options_.use_https, tls_context_);
  const Poco::Timespan timeout = ToTimespan(options_.timeout_seconds);
  session->setTimeout(timeout, timeout, timeout);
  session->setKeepAlive(true);
  return session;
}

void PocoHttpTransport::ReturnSession(std::unique_ptr<Poco::Net::HTTPClientSession> session) {
  std::lock_guard<std::mutex> lock(pool_mutex_);
  if (idle_.size() < options_.max_idle_connections) idle_.push_back(std::move(session));
}

Result<HttpResponse> PocoHttpTransport::SendOnce(Poco::Net::HTTPClientSession& session,
                                                 const HttpRequest& request) {
  Poco::Net::HTTPRequest req(request.method, request.target, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : request.headers) req.set(name, value);
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
    req.setContentLength(static_cast<std::streamsize>(request.body.size()));
  }
  std::ostream& out = session.sendRequest(req);
  out << request.body;

  Poco::Net::HTTPResponse res;
  std::istream& in = session.receiveResponse(res);
  HttpResponse response;
  response.status = static_cast<int>(res.getStatus());
  response.content_type = LowerMediaType(res.getContentType());
  for (const auto& [name, value] : res) response.headers.emplace_back(name, value);

  const auto declared = res.getContentLength64();
  if (declared != Poco::Net::HTTPMessage::UNKNOWN_CONTENT_LENGTH &&
      static_cast<uint64_t>(declared) > options_.max_body_bytes) {
    return Status(PD_ERR_PROTOCOL,
                  fmt::format("{} answered {} with {} bytes, more than the {} byte limit",
                              base_url_, request.method, declared, options_.max_body_bytes));
  }
  char buffer[16384];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    response.body.append(buffer, static_cast<size_t>(in.gcount()));
    if (response.body.size() > options_.max_body_bytes) {
      return Status(PD_ERR_PROTOCOL, fmt::format("response from {} exceeds the {} byte limit",
                                                 base_url_, options_.max_body_bytes));
    }
  }
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
      Result<HttpResponse> result = SendOnce(*session, request);
      if (result.ok() && session->getKeepAlive()) ReturnSession(std::move(session));
      return result;
    } catch (const Poco::TimeoutException&) {
      return Classify(std::current_exception(), request);  // retrying would double the wait
    } catch (const Poco::Net::SSLException&) {
      return Classify(std::current_exception(), request);
    } catch (const Poco::Exception&) {
      if (!(reused && idempotent)) return Classify(std::current_exception(), request);
    }
  }
}

Status PocoHttpTransport::Classify(std::exception_ptr error, const HttpRequest& request) const {
  const std::string where = fmt::format("{}:{}", options_.host, options_.port);
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
    return Status(PD_ERR_TIMEOUT,
                  fmt::format("{} did not answer {} {} within {} s: the server may be busy or a "
                              "firewall drops the traffic; raise timeout_seconds if it is just slow",
                              where, request.method, request.target.substr(0, request.target.find('?')),
                              options_.timeout_seconds));
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
