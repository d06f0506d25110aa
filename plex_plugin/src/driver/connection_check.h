// test-connection and connect: the ordered checks that tell "not Plex" from "wrong token" from
// "unreachable", and the facts the rest of the driver caches (identity, sections).
#ifndef PLEXDRIVER_DRIVER_CONNECTION_CHECK_H_
#define PLEXDRIVER_DRIVER_CONNECTION_CHECK_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "host/host_bridge.h"
#include "driver/token_health.h"
#include "plex/pms_client.h"
#include "planning/local_artwork.h"
#include "planning/provider_use.h"
#include "plex/pms_types.h"

namespace plexdriver {

struct ConnectionStep {
  std::string name;  // "identity", "root", "sections"
  bool ok = false;
  int64_t elapsed_ms = 0;
};

// Which sections a configured mapping reaches (its player_path contains or lies under one of
// their locations).
struct MappingCoverage {
  PathMappingConfig mapping;
  std::vector<std::string> section_keys;
};

struct ConnectionReport {
  std::string url;
  std::vector<ConnectionStep> steps;
  std::optional<ServerIdentity> identity;
  std::optional<ServerInfo> info;
  std::optional<std::vector<LibrarySection>> sections;
  bool partial_scan_supported = false;
  std::vector<MappingCoverage> mappings;
  std::vector<std::string> unmapped_locations;
  // Per section key: does Plex read local artwork there (only when the settings were read).
  std::map<std::string, LocalArtworkAssessment> local_artwork;
  // Per section key: does its agent use this driver's metadata provider (with the settings).
  std::map<std::string, ProviderUseAssessment> provider_use;
  bool providers_supported = false;  // the server is 1.43.0 or later
  std::vector<RegisteredProvider> our_providers;  // this driver's, as the server lists them
  std::vector<std::string> warnings;
  Status error;  // first failure; ok when the server is usable
  // What the instance knows about its token (401s seen by any call); set by the instance.
  std::optional<TokenHealthSnapshot> token;
  int64_t elapsed_ms = 0;
};

// Runs identity (no token) → root → sections, stopping at the first failure or cancellation;
// with `read_library_settings`, then each movie/TV library's settings (one request each; a
// library whose settings cannot be read is a warning, not a failure), and on PMS 1.43+ the
// metadata providers and agents the server knows, to tell each library's use of this driver's
// provider (a failure there is a warning too).
ConnectionReport CheckConnection(PmsClient& client, const DriverConfig& config,
                                 const Operation& op, bool read_library_settings = false);

// The "test_connection" document of plugin_api/schemas.md.
std::string ConnectionReportToJson(const ConnectionReport& report);

}  // namespace plexdriver

#endif  // PLEXDRIVER_DRIVER_CONNECTION_CHECK_H_
