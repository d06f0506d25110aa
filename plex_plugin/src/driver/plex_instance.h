// One configured Plex server: the object behind a pd_instance handle, implementing the calls of
// the pd.driver/1 interface. It owns the transport and the client and wires the instance's parts
// together, each owning its own lock and thread (docs/architecture.md):
//   ServerFacts     connection state and server facts (snapshot, sections, library settings)
//   InstanceEvents  the websocket, host events, playback state and the token's health
//   SyncRunner      one sync through the stages;  SyncQueue  queued syncs and their worker
// Every method is safe to call from several threads.
#ifndef PLEXDRIVER_DRIVER_PLEX_INSTANCE_H_
#define PLEXDRIVER_DRIVER_PLEX_INSTANCE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/config.h"
#include "core/status.h"
#include "driver/instance_events.h"
#include "driver/server_facts.h"
#include "driver/sync_queue.h"
#include "driver/sync_runner.h"
#include "host/host_bridge.h"
#include "net/http_transport.h"
#include "net/notification_socket.h"
#include "plex/pms_client.h"
#include "sync/item_catalog.h"

namespace plexdriver {

class PlexInstance {
 public:
  // Validates the config and builds the real (Poco) transport. No network I/O.
  static Result<std::unique_ptr<PlexInstance>> Create(const pd_host* host, std::string_view config_json);

  // For tests: any transport (e.g. a scripted fake). `notifications`: the websocket to follow
  // scans with; nullopt = polling only.
  // `journal`: the durable queue's (config state_dir), opened by Create; null = not durable.
  PlexInstance(DriverConfig config, const pd_host* host, std::unique_ptr<HttpTransport> transport,
               std::optional<NotificationSocketOptions> notifications = std::nullopt,
               std::unique_ptr<QueueJournal> journal = nullptr, QueueJournal::Recovered recovered = {});
  ~PlexInstance();  // stops and joins the queue worker, the event pump and the websocket
  PlexInstance(const PlexInstance&) = delete;
  PlexInstance& operator=(const PlexInstance&) = delete;

  // Runs the connection check and caches the snapshot on success.
  Status Connect(void* op_ctx);
  // Runs the connection check; writes the report JSON to *report_json (always, when the check
  // ran) and returns the first failure or ok.
  Status TestConnection(void* op_ctx, std::string* report_json);
  // The "capabilities" document with this server's summary (connecting first if needed).
  std::string Capabilities();
  // Runs a sync request (schema "sync_request") and writes the result (schema "sync_result").
  // With wait:false the scans are queued (per-folder debounce) and the result says "queued".
  Status Sync(std::string_view request_json, void* op_ctx, std::string* result_json);

  // What the server has for a manager-side path (the "find_result" document).
  Status Find(std::string_view path, void* op_ctx, std::string* result_json);

  // Who is watching (the "sessions" document); needs an admin token.
  Status Sessions(void* op_ctx, std::string* result_json);

  // Reads a webhook body (see pd_driver.handle_webhook); writes the "event" document.
  Status HandleWebhook(std::string_view content_type, std::string_view body, std::string* event_json);

  // Makes every running and future operation see "cancelled" and wakes the queue worker.
  void RequestShutdown();

  // What the instance knows about its token (a 401 from the server marks it rejected).
  TokenHealthSnapshot token_health() const { return events_.token_health(); }

  // The tuning a sync uses (tests shorten the intervals).
  void set_sync_tuning(const SyncTuning& tuning) { runner_.set_tuning(tuning); }
  const HostBridge& bridge() const { return bridge_; }
  const DriverConfig& config() const { return config_; }

 private:
  // The check behind connect and test-connection (test-connection also reads each library's
  // settings), keeping the plex.tv token alive.
  ConnectionReport RunCheck(void* op_ctx, bool read_library_settings = false);
  // Connects when there is no snapshot yet (and starts the events); the snapshot.
  Result<ServerSnapshot> EnsureConnected(void* op_ctx);

  const DriverConfig config_;
  HostBridge bridge_;
  std::unique_ptr<HttpTransport> transport_;
  PmsClient client_;
  ItemCatalog catalog_;  // items by path, per section, kept across syncs
  ServerFacts facts_;
  InstanceEvents events_;
  SyncRunner runner_;
  SyncQueue queue_;  // last: its worker stops first
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_DRIVER_PLEX_INSTANCE_H_
