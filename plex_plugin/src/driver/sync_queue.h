// Queued syncs (sync_request wait:false): the per-folder debounce queue (sync/debounce_queue.h)
// and the worker thread that runs each folder's changes once the folder has been quiet for
// debounce_seconds, puts back what playback held back (looked at again after the debounce time,
// at least kPlaybackRecheck later, until defer_limit_seconds), and ends every accepted change in
// exactly one outcome: a "sync.change" event to the host (queue/outcome_event.h), logged too.
//
// With a journal (config state_dir) a change is journaled before Enqueue answers "queued" and
// forgotten only once its event was delivered; what a previous life of the state_dir left
// unfinished is resumed by Start() (connected, planned and scanned again: scans are idempotent)
// and ends in an event as well. Without one, Stop() reports what never ran as "cancelled".
// The worker starts with the first queued change (or Start() with something to resume); Stop()
// (and the destructor) end and join it. [thread-safe]
#ifndef PLEXDRIVER_DRIVER_SYNC_QUEUE_H_
#define PLEXDRIVER_DRIVER_SYNC_QUEUE_H_

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "driver/instance_events.h"
#include "driver/sync_runner.h"
#include "host/host_bridge.h"
#include "queue/outcome_event.h"
#include "queue/outcome_ledger.h"
#include "queue/queue_journal.h"
#include "sync/debounce_queue.h"
#include "sync/sync_request.h"
#include "sync/sync_result.h"

namespace plexdriver {

class SyncQueue {
 public:
  // Connects the instance when it is not (the worker calls it before resuming).
  using ConnectFn = std::function<Status()>;

  // `config`, `bridge`, `runner` and `events` must outlive the queue. `journal` (may be null:
  // not durable) and what Open recovered from it.
  SyncQueue(const DriverConfig* config, const HostBridge* bridge, SyncRunner* runner, const InstanceEvents* events,
            ConnectFn connect, std::unique_ptr<QueueJournal> journal = nullptr,
            QueueJournal::Recovered recovered = {});
  ~SyncQueue();  // Stop()
  SyncQueue(const SyncQueue&) = delete;
  SyncQueue& operator=(const SyncQueue&) = delete;

  // Starts the worker when the journal held unfinished changes or damage (call once the instance
  // is complete: the worker uses it).
  void Start();
  // Plans `request` now (a dry run: map, resolve, gate, coalesce) so bad paths fail at once, and
  // queues every change that planned well, giving it an id when the host gave none. The result
  // says `queued` (or why not) per change.
  Result<SyncResult> Enqueue(const SyncRequest& request, void* op_ctx);
  // Wakes the worker to end. Idempotent.
  void RequestStop();
  // RequestStop() and joins the worker; without a journal, what did not run ends "cancelled".
  void Stop();

 private:
  struct Run {  // one pending path of a due folder
    std::string section;
    std::string folder;
    std::vector<std::string> ids;
  };

  void StartWorkerLocked();  // mutex_ held
  void Worker();
  // Worker: reports the recovery, connects, plans the resumed changes and queues them.
  void Resume();
  // Runs the due scans (the lock is not held) and puts back what playback held back.
  void RunDue(std::vector<QueuedScan> due);
  // Ends `id` with `result`: the event (or a log line when the host takes no events), then the
  // journal's "done". Lock not held.
  void Finish(const std::string& id, ChangeResult result, const std::vector<ScanResult>& scans);
  void FinishAll(const std::vector<std::string>& ids, ChangeStatus status, const std::string& message);
  // Journals `records`, logging a failure (used where the change goes on regardless).
  void JournalOrLog(const std::vector<JournalRecord>& records);

  const DriverConfig* config_;
  const HostBridge* bridge_;
  SyncRunner* runner_;
  const InstanceEvents* events_;
  const ConnectFn connect_;
  std::unique_ptr<QueueJournal> journal_;
  std::vector<UnfinishedChange> to_resume_;  // worker-only after Start()
  QueueRecovery recovery_;
  std::mutex mutex_;  // guards queue_, ledger_, stop_, stopped_ and the worker's start
  std::condition_variable wake_;
  DebounceQueue queue_;
  OutcomeLedger ledger_;
  bool stop_ = false;
  bool stopped_ = false;  // Stop() reported what was left
  std::thread worker_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_DRIVER_SYNC_QUEUE_H_
