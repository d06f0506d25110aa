// One place that decides how the driver trusts a server's certificate.
#ifndef PLEXDRIVER_NET_TLS_CONTEXT_H_
#define PLEXDRIVER_NET_TLS_CONTEXT_H_

#include <string>

#include <Poco/Net/Context.h>

namespace plexdriver {

// A client context: with `verify`, the chain is checked against the system store plus `ca_file`
// (PEM, optional) and Poco checks the host name; without it nothing is checked (unsafe; only
// for users who opt out explicitly).
Poco::Net::Context::Ptr MakeClientTlsContext(bool verify, const std::string& ca_file);

}  // namespace plexdriver

#endif  // PLEXDRIVER_NET_TLS_CONTEXT_H_
