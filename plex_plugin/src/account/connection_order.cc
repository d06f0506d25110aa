#include "account/connection_order.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace plexdriver {
namespace {

std::string HttpUri(const std::string& address, int port) {
  const bool ipv6 = address.find(':') != std::string::npos;
  return fmt::format("http://{}{}{}:{}", ipv6 ? "[" : "", address, ipv6 ? "]" : "", port);
}

// Splits a connection's uri; false when it is not an http(s) URL with a host.
bool SplitUri(const std::string& uri, ConnectionCandidate* out) {
  try {
    Poco::URI parsed(uri);
    if (parsed.getScheme() != "http" && parsed.getScheme() != "https") return false;
    if (parsed.getHost().empty()) return false;
    out->https = parsed.getScheme() == "https";
    out->host = parsed.getHost();
    out->port = parsed.getPort();
    return true;
  } catch (const Poco::Exception&) {
    return false;
  }
}

int Rank(ConnectionKind kind) { return static_cast<int>(kind); }

}  // namespace

ConnectionKind KindOf(const PlexConnection& connection) {
  if (connection.relay) return ConnectionKind::kRelay;
  return connection.local ? ConnectionKind::kLocal : ConnectionKind::kRemote;
}

const char* ConnectionKindName(ConnectionKind kind) {
  switch (kind) {
    case ConnectionKind::kLocal:
      return "local";
    case ConnectionKind::kRemote:
      return "remote";
    case ConnectionKind::kRelay:
      return "relay";
  }
  return "remote";
}

std::vector<ConnectionCandidate> OrderConnections(const PlexResource& server,
                                                  const ConnectionOrderOptions& options) {
  struct Ranked {
    ConnectionCandidate candidate;
    size_t connection_index;
  };
  std::vector<Ranked> all;
  std::set<std::string> seen;
  for (size_t i = 0; i < server.connections.size(); ++i) {
    const PlexConnection& c = server.connections[i];
    const ConnectionKind kind = KindOf(c);
    std::string why_not;
    if (kind == ConnectionKind::kRelay && !options.allow_relay) {
      why_not = "relay connections are turned off (allow_relay: false)";
    } else if (kind == ConnectionKind::kLocal && !server.owned) {
      why_not = "a local address of a shared server is on its owner's network, not this one";
    }
    auto add = [&](const std::string& uri, const std::string& extra_reason) {
      if (uri.empty() || !seen.insert(uri).second) return;
      ConnectionCandidate cand;
      cand.uri = uri;
      cand.kind = kind;
      if (!SplitUri(uri, &cand)) {
        cand.host = c.address;
        cand.port = c.port;
        cand.skip_reason = "plex.tv listed an address that is not an http(s) URL";
      } else {
        cand.skip_reason = !why_not.empty() ? why_not : extra_reason;
      }
      all.push_back({std::move(cand), i});
    };
    // The uri as plex.tv gives it (https plex.direct when includeHttps=1), then plain http to the
    // address, as clients fall back to when the name cannot be used. Relays speak https only.
    add(c.uri, "");
    if (kind != ConnectionKind::kRelay && !c.address.empty()) {
      add(HttpUri(c.address, c.port),
          server.https_required ? "the server requires secure connections (Settings > Network > "
                                  "Secure connections: Required), so plain http is refused"
                                : "");
    }
  }
  // Stable: within a kind, https before http, then plex.tv's order.
  std::stable_sort(all.begin(), all.end(), [](const Ranked& a, const Ranked& b) {
    if (Rank(a.candidate.kind) != Rank(b.candidate.kind))
      return Rank(a.candidate.kind) < Rank(b.candidate.kind);
    if (a.candidate.https != b.candidate.https) return a.candidate.https;
    return a.connection_index < b.connection_index;
  });
  std::vector<ConnectionCandidate> out;
  out.reserve(all.size());
  for (Ranked& r : all) out.push_back(std::move(r.candidate));
  return out;
}

}  // namespace plexdriver
