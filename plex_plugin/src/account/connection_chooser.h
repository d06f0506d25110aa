// Choosing how to reach a server: every candidate address (connection_order.h) is proven with
// GET /identity (no token needed) against the machine identifier plex.tv gave, and the first in
// order that proves wins. An address that answers as another server (a reused IP, a stale DNS
// entry, a second server behind the same port) is rejected with the identifier it gave.
#ifndef PLEXDRIVER_ACCOUNT_CONNECTION_CHOOSER_H_
#define PLEXDRIVER_ACCOUNT_CONNECTION_CHOOSER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "account/connection_order.h"
#include "core/status.h"
#include "host/host_bridge.h"
#include "net/http_transport.h"
#include "plex/pms_client.h"

namespace plexdriver {

// Makes the transport for one candidate (the real one in the driver, a fake in unit tests).
// Called from the probing threads; must be thread-safe.
using CandidateTransportFactory =
    std::function<std::unique_ptr<HttpTransport>(const ConnectionCandidate&)>;

struct CandidateOutcome {
  ConnectionCandidate candidate;
  bool tried = false;
  bool ok = false;           // answered /identity as the expected server
  pd_status status = PD_OK;  // why not, as a code (skipped: PD_ERR_UNSUPPORTED)
  std::string reason;        // why not, in words; "" when ok
  std::string version;       // the server's version, when it answered as that server
  int64_t elapsed_ms = 0;
};

struct ConnectionChoice {
  std::vector<CandidateOutcome> outcomes;  // in preference order, skipped ones included
  std::optional<size_t> chosen;            // index into outcomes
  Status error;                            // set when nothing was chosen
};

// Probes every candidate that is not skipped, all at once (each bounded by its transport's
// timeout; every probe has finished when this returns), and chooses the first in order that
// proved to be `machine_identifier`. `server_name` is for messages. Returns PD_ERR_CANCELLED in
// `error` when the host cancelled before or while probing.
ConnectionChoice ChooseConnection(const std::vector<ConnectionCandidate>& candidates,
                                  const std::string& machine_identifier,
                                  const std::string& server_name,
                                  const CandidateTransportFactory& factory,
                                  const ClientIdentity& identity, const Operation& op);

}  // namespace plexdriver

#endif  // PLEXDRIVER_ACCOUNT_CONNECTION_CHOOSER_H_
