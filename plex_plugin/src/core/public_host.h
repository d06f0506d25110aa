// SPDX-License-Identifier: MIT
// Could a service on the internet reach this host? Plex shows a metadata provider's images
// through its cloud image service (images.plex.tv), which fetches them from the internet, so an
// image link is only worth giving at a public address (docs/metadata-provider.md §4). Decided
// from the text alone, without DNS: a name is taken as public unless it is a local one. Pure.
#ifndef PLEXDRIVER_CORE_PUBLIC_HOST_H_
#define PLEXDRIVER_CORE_PUBLIC_HOST_H_

#include <string>
#include <string_view>

namespace plexdriver {

// The host of an http(s) URL, lower-cased, IPv6 without brackets; "" when there is none.
std::string HostOfUrl(std::string_view url);

// False for loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16, fe80::/10),
// carrier-grade NAT (100.64/10), unspecified and unique-local (fc00::/7) addresses, for
// "localhost", a name without a dot, names under .local, .lan, .home, .internal, .localdomain
// and .home.arpa, and for a *.plex.direct name whose first label spells such an address
// ("192-168-1-20.<hash>.plex.direct"). True otherwise.
bool IsPublicHost(std::string_view host);

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_PUBLIC_HOST_H_
