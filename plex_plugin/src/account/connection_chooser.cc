#include "account/connection_chooser.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>

namespace plexdriver {
namespace {

using Clock = std::chrono::steady_clock;

CandidateOutcome Probe(const ConnectionCandidate& candidate, const std::string& machine_identifier,
                       const CandidateTransportFactory& factory, const ClientIdentity& identity) {
  CandidateOutcome out;
  out.candidate = candidate;
  out.tried = true;
  const auto start = Clock::now();
  std::unique_ptr<HttpTransport> transport = factory(candidate);
  PmsClient client(transport.get(), identity);
  Result<ServerIdentity> id = client.Identity();
  out.elapsed_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  if (!id.ok()) {
    out.status = id.status().code();
    out.reason = id.status().message();
    return out;
  }
  if (id->machine_identifier != machine_identifier) {
    out.status = PD_ERR_PROTOCOL;
    out.reason = fmt::format(
        "answered as another Plex server (machineIdentifier {}, expected {}): "
        "the address now belongs to a different server",
        id->machine_identifier, machine_identifier);
    return out;
  }
  out.ok = true;
  out.version = id->version;
  return out;
}

}  // namespace

ConnectionChoice ChooseConnection(const std::vector<ConnectionCandidate>& candidates,
                                  const std::string& machine_identifier,
                                  const std::string& server_name,
                                  const CandidateTransportFactory& factory,
                                  const ClientIdentity& identity, const Operation& op) {
  ConnectionChoice choice;
  choice.outcomes.resize(candidates.size());
  size_t to_try = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    choice.outcomes[i].candidate = candidates[i];
    if (candidates[i].skipped()) {
      choice.outcomes[i].status = PD_ERR_UNSUPPORTED;
      choice.outcomes[i].reason = candidates[i].skip_reason;
    } else {
      ++to_try;
    }
  }
  if (op.Cancelled()) {
    choice.error = Status(PD_ERR_CANCELLED, "choosing a connection was cancelled by the host");
    return choice;
  }
  op.Progress(0.2, fmt::format("trying {} address(es) of \"{}\"", to_try, server_name));
  {
    std::vector<std::thread> probes;
    probes.reserve(to_try);
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (candidates[i].skipped()) continue;
      probes.emplace_back([&, i] {
        choice.outcomes[i] = Probe(candidates[i], machine_identifier, factory, identity);
      });
    }
    for (std::thread& t : probes) t.join();
  }
  if (op.Cancelled()) {
    choice.error = Status(PD_ERR_CANCELLED, "choosing a connection was cancelled by the host");
    return choice;
  }
  std::string failures;
  const CandidateOutcome* first_failure = nullptr;
  for (size_t i = 0; i < choice.outcomes.size(); ++i) {
    const CandidateOutcome& o = choice.outcomes[i];
    if (o.ok) {
      choice.chosen = i;
      op.Progress(
          1.0, fmt::format("chose {} ({})", o.candidate.uri, ConnectionKindName(o.candidate.kind)));
      return choice;
    }
    if (!o.tried) continue;
    if (!first_failure) first_failure = &o;
    failures += fmt::format("{}{} ({}): {}", failures.empty() ? "" : "; ", o.candidate.uri,
                            ConnectionKindName(o.candidate.kind), o.reason);
  }
  if (!first_failure) {
    choice.error = Status(PD_ERR_UNREACHABLE,
                          fmt::format("plex.tv lists no address of \"{}\" that can be tried; check "
                                      "the server's Remote Access and Network settings",
                                      server_name));
    return choice;
  }
  choice.error = Status(
      first_failure->status,
      fmt::format("no address of \"{}\" answered as that server: {}", server_name, failures));
  return choice;
}

}  // namespace plexdriver
