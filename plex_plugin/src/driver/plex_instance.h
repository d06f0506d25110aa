// One configured Plex server: the object behind a pd_instance handle. Owns the transport, the
// client and the cached server facts. Every method is safe to call from several threads.
#ifndef PLEXDRIVER_DRIVER_PLEX_INSTANCE_H_
#define PLEXDRIVER_DRIVER_PLEX_INSTANCE_H_

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/config.h"
#include "core/status.h"
#include "driver/connection_check.h"
#include "driver/host_bridge.h"
#include "net/http_transport.h"
#include "plex/pms_client.h"

namespace plexdriver {

// What connect() learnt; re-read when stale.
struct ServerSnapshot {
  ServerIdentity identity;
  ServerInfo info;
  std::vector<LibrarySection> sections;
  bool partial_scan_supported = false;
  std::chrono::steady_clock::time_point fetched_at;
};

class PlexInstance {
 public:
  // Validates the config and builds the real (Poco) transport. No network I/O.
  static Result<std::unique_ptr<PlexInstance>> Create(const pd_host* host,
                                                      std::string_view config_json);

  // For tests: any transport (e.g. a scripted fake).
  PlexInstance(DriverConfig config, const pd_host* host, std::unique_ptr<HttpTransport> transport);
  PlexInstance(const PlexInstance&) = delete;
  PlexInstance& operator=(const PlexInstance&) = delete;

  // Runs the connection check and caches the snapshot on success.
  Status Connect(void* op_ctx);
  // Runs the connection check; writes the report JSON to *report_json (always, when the check
  // ran) and returns the first failure or ok.
  Status TestConnection(void* op_ctx, std::string* report_json);
  // The "capabilities" document with this server's summary (connecting first if needed).
  std::string Capabilities();
  // Not implemented until the sync issue: PD_ERR_UNSUPPORTED after validating the request.
  Status Sync(std::string_view request_json, void* op_ctx, std::string* result_json);

  // Makes every running and future operation see "cancelled" (destroy() is waiting).
  void RequestShutdown() { bridge_.RequestShutdown(); }
  const HostBridge& bridge() const { return bridge_; }
  const DriverConfig& config() const { return config_; }

 private:
  ConnectionReport RunCheck(void* op_ctx);
  // The cached snapshot, or nullopt when none yet.
  std::optional<ServerSnapshot> Snapshot() const;

  const DriverConfig config_;
  HostBridge bridge_;
  std::unique_ptr<HttpTransport> transport_;
  PmsClient client_;
  mutable std::mutex mutex_;  // guards snapshot_
  std::optional<ServerSnapshot> snapshot_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_DRIVER_PLEX_INSTANCE_H_
