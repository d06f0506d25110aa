#include "net/client_session.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SecureStreamSocket.h>

#include "net/plex_direct.h"

namespace plexdriver {
namespace {

// Plain HTTP to the encoded address, with the name in the Host header.
class NamedHttpSession final : public Poco::Net::HTTPClientSession {
 public:
  NamedHttpSession(std::string name, const std::string& address, Poco::UInt16 port)
      : HTTPClientSession(address, port), name_(std::move(name)), port_(port) {}

  std::ostream& sendRequest(Poco::Net::HTTPRequest& request) override {
    if (!request.has(Poco::Net::HTTPRequest::HOST)) request.setHost(name_, port_);
    return HTTPClientSession::sendRequest(request);
  }

 private:
  const std::string name_;
  const Poco::UInt16 port_;
};

// HTTPS to the encoded address; SNI and the host name check use the name, never the address,
// so a certificate for another server is still refused.
class NamedHttpsSession final : public Poco::Net::HTTPSClientSession {
 public:
  NamedHttpsSession(std::string name, const std::string& address, Poco::UInt16 port,
                    Poco::Net::Context::Ptr tls)
      : HTTPSClientSession(address, port, std::move(tls)), name_(std::move(name)), port_(port) {}

  std::ostream& sendRequest(Poco::Net::HTTPRequest& request) override {
    if (!request.has(Poco::Net::HTTPRequest::HOST)) request.setHost(name_, port_);
    return HTTPSClientSession::sendRequest(request);
  }

 protected:
  void connect(const Poco::Net::SocketAddress& address) override {
    // HTTPSClientSession would name the peer after the session's host (the address); set the
    // name on the socket and connect it directly instead.
    Poco::Net::SecureStreamSocket secure(socket());
    secure.setPeerHostName(name_);
    HTTPSession::connect(address);
  }

 private:
  const std::string name_;
  const Poco::UInt16 port_;
};

}  // namespace

std::unique_ptr<Poco::Net::HTTPClientSession> MakeClientSession(
    const std::string& host, int port, bool use_https, const Poco::Net::Context::Ptr& tls) {
  const auto p = static_cast<Poco::UInt16>(port);
  if (std::optional<std::string> address = PlexDirectAddress(host)) {
    if (use_https) return std::make_unique<NamedHttpsSession>(host, *address, p, tls);
    return std::make_unique<NamedHttpSession>(host, *address, p);
  }
  if (use_https) return std::make_unique<Poco::Net::HTTPSClientSession>(host, p, tls);
  return std::make_unique<Poco::Net::HTTPClientSession>(host, p);
}

}  // namespace plexdriver
