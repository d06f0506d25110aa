// Runs one sync request against the instance's server: reads the sections when stale, builds the
// per-sync context from the instance's parts (client, server facts, item catalog, events, the
// manager's files) and runs the stages (sync/sync_engine.h). The host's sync call and the
// queued-sync worker both run syncs through it. Owns no thread; [thread-safe].
#ifndef PLEXDRIVER_DRIVER_SYNC_RUNNER_H_
#define PLEXDRIVER_DRIVER_SYNC_RUNNER_H_

#include <mutex>

#include "core/config.h"
#include "core/status.h"
#include "driver/instance_events.h"
#include "driver/server_facts.h"
#include "host/host_bridge.h"
#include "plex/pms_client.h"
#include "sync/item_catalog.h"
#include "sync/manager_files.h"
#include "sync/sync_context.h"
#include "sync/sync_request.h"
#include "sync/sync_result.h"

namespace plexdriver {

class SyncRunner {
 public:
  // Everything passed must outlive the runner.
  SyncRunner(const DriverConfig* config, const HostBridge* bridge, PmsClient* client, ServerFacts* facts,
             ItemCatalog* catalog, InstanceEvents* events);

  // Runs `request` for the host call `op_ctx` (null for the queue worker). Needs a connected
  // instance (a snapshot); a Status only when the sync could not start.
  Result<SyncResult> Run(const SyncRequest& request, void* op_ctx);

  // The intervals and limits a sync uses (tests shorten them).
  void set_tuning(const SyncTuning& tuning);
  SyncTuning tuning() const;

 private:
  const DriverConfig* config_;
  const HostBridge* bridge_;
  PmsClient* client_;
  ServerFacts* facts_;
  ItemCatalog* catalog_;
  InstanceEvents* events_;
  const LocalManagerFiles files_;
  mutable std::mutex tuning_mutex_;  // guards tuning_
  SyncTuning tuning_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_DRIVER_SYNC_RUNNER_H_
