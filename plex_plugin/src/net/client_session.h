// One place that opens Poco client sessions for the driver (the HTTP transport and the
// notification websocket), so both reach *.plex.direct names the same way: through the address
// the name encodes (no DNS, see plex_direct.h), with the name kept for the Host header, SNI and
// the certificate check.
#ifndef PLEXDRIVER_NET_CLIENT_SESSION_H_
#define PLEXDRIVER_NET_CLIENT_SESSION_H_

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>

#include <memory>
#include <string>

namespace plexdriver {

// A new, unconnected session to host:port; `tls` is required when use_https. Connecting (and any
// DNS lookup) happens on the first request.
std::unique_ptr<Poco::Net::HTTPClientSession> MakeClientSession(const std::string& host, int port,
                                                                bool use_https,
                                                                const Poco::Net::Context::Ptr& tls);

}  // namespace plexdriver

#endif  // PLEXDRIVER_NET_CLIENT_SESSION_H_
