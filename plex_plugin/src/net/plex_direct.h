// Plex's *.plex.direct host names encode the server's address in the first label
// ("192-168-1-20.<hash>.plex.direct" is 192.168.1.20); Plex's DNS only decodes it. Routers with
// DNS-rebinding protection refuse to resolve such names for private addresses, the most common
// reason HTTPS to a Plex server fails at home. The driver therefore connects to the encoded
// address itself and still verifies the certificate against the name. Pure.
#ifndef PLEXDRIVER_NET_PLEX_DIRECT_H_
#define PLEXDRIVER_NET_PLEX_DIRECT_H_

#include <optional>
#include <string>
#include <string_view>

namespace plexdriver {

// True for "<label>.<hash>.plex.direct" (case-insensitive, an optional trailing dot).
bool IsPlexDirectName(std::string_view host);

// The IPv4 address a plex.direct name encodes ("10.0.0.5" for "10-0-0-5.abc.plex.direct"), or
// nullopt when `host` is not such a name or its first label is not four decimal octets (IPv6
// names are left to DNS).
std::optional<std::string> PlexDirectAddress(std::string_view host);

}  // namespace plexdriver

#endif  // PLEXDRIVER_NET_PLEX_DIRECT_H_
