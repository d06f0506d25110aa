// What the instance knows about its server: the snapshot connect() learnt (identity, info,
// sections, partial-scan support), the sections cache the syncs read (SectionSource), and each
// library's local-artwork assessment (LocalArtworkSource), each re-read when stale. Owns no
// thread; [thread-safe] (a host's calls, the queued-sync worker and the event pump read it).
#ifndef PLEXDRIVER_DRIVER_SERVER_FACTS_H_
#define PLEXDRIVER_DRIVER_SERVER_FACTS_H_

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "driver/connection_check.h"
#include "host/host_bridge.h"
#include "planning/path_mapping.h"
#include "plex/pms_client.h"
#include "sync/sync_ports.h"

namespace plexdriver {

// What a successful connection check learnt.
struct ServerSnapshot {
  ServerIdentity identity;
  ServerInfo info;
  std::vector<LibrarySection> sections;
  bool partial_scan_supported = false;
  std::chrono::steady_clock::time_point fetched_at;  // when `sections` were read
};

class ServerFacts final : public SectionSource, public LocalArtworkSource {
 public:
  // All three must outlive the facts.
  ServerFacts(PmsClient* client, const DriverConfig* config, const HostBridge* bridge);

  // Runs the connection check (connection_check.h) and, when it succeeds, caches its snapshot;
  // with `read_library_settings` (test-connection) also keeps each library's artwork assessment.
  // Logs the report's warnings and error.
  ConnectionReport Check(void* op_ctx, bool read_library_settings);
  // The cached snapshot, or nullopt before the first successful check.
  std::optional<ServerSnapshot> Snapshot() const;

  // SectionSource: cached for kSectionsMaxAge unless `force`; checks the connection first when
  // there is no snapshot yet.
  Result<std::vector<LibrarySection>> Sections(bool force) override;
  // LocalArtworkSource: the library's settings, read once and kept for a while (a failed read is
  // retried sooner); no request for libraries where local artwork cannot matter.
  std::optional<LocalArtworkAssessment> LocalArtwork(const LibrarySection& section) override;

  // The config's path mappings with this server's path style (its platform and locations).
  Result<PathMapper> Mapper(const ServerSnapshot& snapshot) const;

  static constexpr std::chrono::seconds kSectionsMaxAge{60};

 private:
  struct CachedArtwork {
    LocalArtworkAssessment assessment;
    std::chrono::steady_clock::time_point until;
  };

  PmsClient* client_;
  const DriverConfig* config_;
  const HostBridge* bridge_;
  mutable std::mutex mutex_;  // guards snapshot_
  std::optional<ServerSnapshot> snapshot_;
  std::mutex artwork_mutex_;  // guards artwork_
  std::map<std::string, CachedArtwork> artwork_;  // by section key
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_DRIVER_SERVER_FACTS_H_
