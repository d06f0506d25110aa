// Queued syncs (sync_request wait:false): the per-folder debounce queue (sync/debounce_queue.h)
// and the worker thread that runs each folder's changes once the folder has been quiet for
// debounce_seconds, puts back what playback held back (looked at again after the debounce time,
// at least kPlaybackRecheck later), and logs each outcome. The worker starts with the first
// queued change; Stop() (and the destructor) end and join it, logging what never ran.
// [thread-safe]
#ifndef PLEXDRIVER_DRIVER_SYNC_QUEUE_H_
#define PLEXDRIVER_DRIVER_SYNC_QUEUE_H_

#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "driver/sync_runner.h"
#include "host/host_bridge.h"
#include "sync/debounce_queue.h"
#include "sync/sync_request.h"
#include "sync/sync_result.h"

namespace plexdriver {

class SyncQueue {
 public:
  // `config`, `bridge` and `runner` must outlive the queue.
  SyncQueue(const DriverConfig* config, const HostBridge* bridge, SyncRunner* runner);
  ~SyncQueue();  // Stop()
  SyncQueue(const SyncQueue&) = delete;
  SyncQueue& operator=(const SyncQueue&) = delete;

  // Plans `request` now (a dry run: map, resolve, gate, coalesce) so bad paths fail at once, and
  // queues every change that planned well. The result says `queued` (or why not) per change.
  Result<SyncResult> Enqueue(const SyncRequest& request, void* op_ctx);
  // Wakes the worker to end; queued changes that did not run are logged. Idempotent.
  void RequestStop();
  // RequestStop() and joins the worker.
  void Stop();

 private:
  void Worker();
  // Runs the due scans (the lock is not held) and puts back what playback held back.
  void RunDue(std::vector<QueuedScan> due);

  const DriverConfig* config_;
  const HostBridge* bridge_;
  SyncRunner* runner_;
  std::mutex mutex_;  // guards queue_, stop_ and the worker's start
  std::condition_variable wake_;
  DebounceQueue queue_;
  bool stop_ = false;
  std::thread worker_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_DRIVER_SYNC_QUEUE_H_
