// The emulator's shared state and the pieces that work on it: the scan worker, the HTTP
// routes, notifications and webhooks. One mutex guards the library, scans, sessions, faults
// and the request log; no I/O happens while it is held.
#ifndef PMS_EMULATOR_SRC_EMULATOR_IMPL_H_
#define PMS_EMULATOR_SRC_EMULATOR_IMPL_H_

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include "emulator_support/request_log.h"
#include "library.h"
#include "notification_hub.h"
#include "pms_emulator/emulator.h"

namespace pms_emulator {

// Seconds since the epoch, as Plex writes times.
int64_t UnixNow();

struct Activity {
  std::string uuid;
  std::string type;  // library.update.section, library.refresh.items
  std::string title;
  std::string subtitle;
  std::string section_key;
  int progress = 0;
  bool cancellable = true;
};

// A session that was stopped, as /status/sessions/history/all lists it.
struct HistoryEntry {
  std::string rating_key;
  std::string user;
  int64_t viewed_at = 0;  // seconds since the epoch
};

// One queued or running unit of server work.
struct Job {
  enum class Kind { kScan, kMetadataRefresh, kEmptyTrash };
  Kind kind = Kind::kScan;
  size_t scan_index = 0;  // into scans (kScan)
  std::string section_key;
  std::string path;
  int64_t rating_key = 0;  // kMetadataRefresh
  Clock::time_point not_before;
  bool cancelled = false;
};

struct Emulator::Impl {
  explicit Impl(EmulatorOptions o);

  // --- lifecycle (emulator.cc) ---
  void StartServer();
  void StopServer();

  // --- work (scan_worker.cc) ---
  void WorkerLoop();
  // Queues a scan; collapses onto an identical one still waiting. Returns the scan index.
  size_t QueueScan(const std::string& section_key, const std::string& path, bool force);
  void QueueMetadataRefresh(int64_t rating_key);
  void QueueEmptyTrash(const std::string& section_key);
  // Cancels queued and running scans of a section (all sections when empty). Returns how many.
  int CancelScans(const std::string& section_key);
  bool CancelActivity(const std::string& uuid);

  // --- custom metadata providers (provider_work.cc) ---
  // GETs the root at `uri` (without `mutex`), then registers the provider. 200 and `out`, 400
  // (unreachable, not a provider) or 409 (identifier registered) and `error`.
  int RegisterProvider(const std::string& uri, ProviderInfo* out, std::string* error);
  // The providers a section's agent names, in order (a provider, or a group's); needs `mutex`.
  std::vector<ProviderInfo> AgentProviders(const std::string& section_key) const;
  // Those, or none when they are only Plex's own agents (the section then works as before
  // providers existed); needs `mutex`.
  std::vector<ProviderInfo> ProvidersFor(const std::string& section_key) const;
  // Asks the section's providers about the movies and shows `keys` and applies the answers.
  // Called from the worker with `lock` held; releases it during the calls. Empty when nothing
  // changed (no provider, no match, a failure).
  std::vector<LibraryEvent> RunProviders(std::unique_lock<std::mutex>& lock, const std::string& section_key,
                                         const std::vector<int64_t>& keys);
  void RecordProviderCall(const ProviderCall& call);
  // A scan's or metadata refresh's changes, with the section's providers when it has some
  // (scan_worker.cc). Hold `lock`; they may release it for a while.
  std::vector<LibraryEvent> ScanWithProviders(std::unique_lock<std::mutex>& lock, const Job& job);
  std::vector<LibraryEvent> RefreshWithProviders(std::unique_lock<std::mutex>& lock, const Job& job);

  // --- playback (playback.cc); take `mutex` themselves ---
  std::string StartPlayback(const std::string& rating_key, const std::string& user,
                            const std::string& player, const std::string& player_id);
  // playing (resume), paused, stopped; false for an unknown, abandoned or stopped session.
  bool SetPlaybackState(const std::string& session_key, const std::string& state);
  bool AbandonPlayback(const std::string& session_key);
  // The reports of live sessions and the end of lingering ones (the ticker thread).
  void PlaybackLoop();
  // Sessions /status/sessions shows now (lingering ones until they are gone). Needs `mutex`.
  std::vector<SessionInfo> ListedSessions() const;

  // --- notifications (notifications.cc); call without holding `mutex` ---
  void NotifyActivity(const std::string& event, const Activity& a);
  void NotifyTimeline(const std::vector<LibraryEvent>& events);
  void NotifyPlaying(const SessionInfo& s);
  void NotifyStatus(const std::string& title, const std::string& description);
  // POSTs BuildWebhookBody(...) to options.webhook_url; false when none or it failed.
  bool SendWebhook(const std::string& event, const std::string& rating_key,
                   const std::string& account, const std::string& player,
                   const std::string& player_id = "");
  // The multipart request for a webhook. Takes `mutex` itself. Throws std::invalid_argument
  // for an event Plex does not document.
  WebhookBody BuildWebhookBody(const std::string& event, const std::string& rating_key,
                               const std::string& account, const std::string& player,
                               const std::string& player_id) const;

  EmulatorOptions options;
  std::string platform;  // options.platform unless the fixture sets one

  mutable std::mutex mutex;
  std::condition_variable work_cv;
  mutable std::condition_variable idle_cv;
  Library library;
  std::vector<ScanRecord> scans;
  std::deque<Job> jobs;
  std::optional<Job> running_job;
  std::vector<Activity> activities;
  std::vector<SessionInfo> sessions;
  std::vector<HistoryEntry> history;
  int next_session = 1;
  emulator_support::RequestLog<RecordedRequest> requests;
  std::vector<std::string> revoked_tokens;
  std::vector<FaultRule> faults;
  bool websocket_enabled = true;
  bool stopping = false;
  std::condition_variable stall_cv;  // stalled requests wait here
  uint64_t fault_generation = 0;      // bumped by ClearFaults to release stalls
  std::vector<ProviderInfo> providers;
  std::vector<ProviderGroup> provider_groups;
  int64_t next_provider_id = 1;
  int64_t next_provider_group_id = 1;
  int64_t next_provider_group_item_id = 1;
  mutable std::mutex provider_calls_mutex;  // guards provider_calls only (recorded off `mutex`)
  std::vector<ProviderCall> provider_calls;

  NotificationHub hub;
  std::thread worker;
  std::thread playback_ticker;
  std::condition_variable ticker_cv;
  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  uint16_t bound_port = 0;
  std::atomic<bool> running{false};
  std::atomic<uint64_t> uuid_counter{1};
};

// Builds the HTTP request handler factory serving `impl` (router.cc).
Poco::Net::HTTPRequestHandlerFactory* NewRouterFactory(Emulator::Impl* impl);

}  // namespace pms_emulator

#endif  // PMS_EMULATOR_SRC_EMULATOR_IMPL_H_
