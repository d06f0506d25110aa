// Which addresses to try for a server, best first: local before remote before relay, and for
// each connection its https (plex.direct) address before plain http. Plain http is left out when
// the server requires secure connections; a shared server's local addresses (they are on its
// owner's network) and, on request, relays are left out too. Every address left out says why.
// Pure.
#ifndef PLEXDRIVER_ACCOUNT_CONNECTION_ORDER_H_
#define PLEXDRIVER_ACCOUNT_CONNECTION_ORDER_H_

#include <string>
#include <vector>

#include "account/plextv_types.h"

namespace plexdriver {

enum class ConnectionKind { kLocal, kRemote, kRelay };
const char* ConnectionKindName(ConnectionKind kind);  // "local", "remote", "relay"
ConnectionKind KindOf(const PlexConnection& connection);  // a relay wins over local

struct ConnectionCandidate {
  std::string uri;   // "https://10-0-0-5.<hash>.plex.direct:32400", "http://10.0.0.5:32400"
  std::string host;  // host name or address (IPv6 without brackets)
  int port = 32400;
  bool https = false;
  ConnectionKind kind = ConnectionKind::kRemote;
  std::string skip_reason;  // non-empty: not to be tried, and why

  bool skipped() const { return !skip_reason.empty(); }
};

struct ConnectionOrderOptions {
  bool allow_relay = true;
};

// Every address of `server`, in the order they should be tried (skipped ones included, at their
// place, so a report lists everything plex.tv offered). Duplicates appear once.
std::vector<ConnectionCandidate> OrderConnections(const PlexResource& server,
                                                  const ConnectionOrderOptions& options);

}  // namespace plexdriver

#endif  // PLEXDRIVER_ACCOUNT_CONNECTION_ORDER_H_
