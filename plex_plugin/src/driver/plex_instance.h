// One configured Plex server: the object behind a pd_instance handle. Owns the transport, the
// client and the cached server facts. Every method is safe to call from several threads.
#ifndef PLEXDRIVER_DRIVER_PLEX_INSTANCE_H_
#define PLEXDRIVER_DRIVER_PLEX_INSTANCE_H_

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "account/token_keepalive.h"
#include "core/config.h"
#include "core/status.h"
#include "driver/connection_check.h"
#include "driver/event_pump.h"
#include "driver/host_bridge.h"
#include "driver/notification_hub.h"
#include "driver/token_health.h"
#include "events/host_event.h"
#include "net/http_transport.h"
#include "playback/playback_tracker.h"
#include "plex/pms_client.h"
#include "sync/debounce_queue.h"
#include "sync/item_catalog.h"
#include "sync/sync_engine.h"

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

  // For tests: any transport (e.g. a scripted fake). `notifications`: the websocket to follow
  // scans with; nullopt = polling only.
  PlexInstance(DriverConfig config, const pd_host* host, std::unique_ptr<HttpTransport> transport,
               std::optional<NotificationSocketOptions> notifications = std::nullopt);
  ~PlexInstance();  // stops and joins the queue worker and the websocket
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
  TokenHealthSnapshot token_health() const { return token_health_.Snapshot(); }

  // The tuning a sync uses (tests shorten the intervals).
  void set_sync_tuning(const SyncTuning& tuning) { tuning_ = tuning; }
  const HostBridge& bridge() const { return bridge_; }
  const DriverConfig& config() const { return config_; }

 private:
  // test-connection also reads each library's settings (local artwork); connect does not.
  ConnectionReport RunCheck(void* op_ctx, bool read_library_settings = false);
  // The cached snapshot, or nullopt when none yet.
  std::optional<ServerSnapshot> Snapshot() const;
  // The server's sections: cached for kSectionsMaxAge unless `force`; connects first if needed.
  Result<std::vector<LibrarySection>> Sections(bool force, void* op_ctx);
  // A PathMapper for this server's path style (from the snapshot's platform).
  Result<PathMapper> MakeMapper(const ServerSnapshot& snapshot) const;
  SyncEnvironment MakeEnvironment(void* op_ctx, const PathMapper* mapper, const std::string& platform);
  // Starts the websocket and the event pump (once), when the websocket is enabled.
  void StartEvents();
  // Reads /status/sessions into the tracker; *changes receives the transitions it caused.
  Result<std::vector<PlaybackSession>> ReadSessions(std::vector<PlaybackTransition>* changes);
  // ReadSessions, emitting the transitions to the host.
  Result<std::vector<PlaybackSession>> RefreshSessions();
  // Who counts as watching now (for skip_active): a fresh sessions list, or what the websocket
  // told when the list cannot be read.
  Result<std::vector<PlaybackSession>> ActivePlayback();
  ActivityRules Rules() const;
  // Whether Plex reads local artwork in `section`: its settings, read once and kept for a while
  // (test-connection refreshes them).
  std::optional<LocalArtworkAssessment> LocalArtworkOf(const LibrarySection& section);
  void Emit(const HostEvent& event) const;
  // A request made with the token was answered: 401 (rejected) or accepted. Emits
  // token.rejected / token.accepted on a change.
  void OnTokenAnswer(bool rejected, const std::string& request);
  // Keeps the plex.tv token alive (config token_keepalive): pings when due, in the background.
  void TouchKeepAlive();
  // wait:false: plan now, scan later from the queue worker.
  Status Enqueue(const SyncRequest& request, void* op_ctx, std::string* result_json);
  void QueueWorker();

  const DriverConfig config_;
  HostBridge bridge_;
  std::unique_ptr<HttpTransport> transport_;
  PmsClient client_;
  ItemCatalog catalog_;  // items by path, per section, kept across syncs
  mutable std::mutex mutex_;  // guards snapshot_
  std::optional<ServerSnapshot> snapshot_;
  SyncTuning tuning_;
  std::unique_ptr<NotificationHub> hub_;  // null: polling only
  PlaybackTracker tracker_;               // who watches, from every source
  struct CachedArtwork {
    LocalArtworkAssessment assessment;
    std::chrono::steady_clock::time_point until;
  };
  std::mutex artwork_mutex_;  // guards artwork_
  std::map<std::string, CachedArtwork> artwork_;  // by section key
  std::unique_ptr<EventPump> pump_;       // null without the websocket
  TokenHealth token_health_;
  std::unique_ptr<HttpTransport> plex_tv_transport_;  // set with token_keepalive
  std::unique_ptr<TokenKeepAlive> keepalive_;         // null without token_keepalive

  std::mutex queue_mutex_;  // guards queue_, queue_stop_, queue_thread_ start
  std::condition_variable queue_wake_;
  DebounceQueue queue_;
  bool queue_stop_ = false;
  std::thread queue_thread_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_DRIVER_PLEX_INSTANCE_H_
