// Turns the instance's websocket notifications into host events, on a thread of its own:
// playback transitions (through the PlaybackTracker, which the skip policy also reads), scans
// starting and finishing, items added/updated/deleted, and the server becoming unreachable or
// reachable. Started after connect(); Stop() (and the destructor) join the thread.
#ifndef PLEXDRIVER_DRIVER_EVENT_PUMP_H_
#define PLEXDRIVER_DRIVER_EVENT_PUMP_H_

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "events/notification_hub.h"
#include "events/host_event.h"
#include "playback/playback_tracker.h"

namespace plexdriver {

struct EventPumpHooks {
  std::function<void(const HostEvent&)> emit;  // hands an event to the host
  // Re-reads /status/sessions into the tracker and returns what that changed (not emitted yet);
  // used when a report names a session the tracker knows only by keys, so the started event
  // says who and what, and comes before what the list shows happened since.
  std::function<std::vector<PlaybackTransition>()> refresh_sessions;
  std::function<std::string(const std::string& section_id)> section_title;  // "" when unknown
  // Every timeline entry as it arrives (optional): the instance keeps its item index fresh.
  std::function<void(const TimelineEntry&)> timeline;
};

class EventPump {
 public:
  // `hub` and `tracker` must outlive the pump.
  EventPump(NotificationHub* hub, PlaybackTracker* tracker, EventPumpHooks hooks);
  ~EventPump();  // Stop()
  EventPump(const EventPump&) = delete;
  EventPump& operator=(const EventPump&) = delete;

  // Subscribes and starts the thread once; later calls do nothing.
  void Start();
  // Wakes and joins the thread; no hook runs after it returns. Idempotent.
  void Stop();

 private:
  void Run(std::shared_ptr<NotificationQueue> queue);
  void Handle(const Notification& n);

  NotificationHub* hub_;
  PlaybackTracker* tracker_;
  EventPumpHooks hooks_;
  std::mutex mutex_;  // guards queue_, thread_ start, stopped_
  std::shared_ptr<NotificationQueue> queue_;
  std::thread thread_;
  bool stopped_ = false;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_DRIVER_EVENT_PUMP_H_
