// Fans the instance's websocket notifications out to whoever waits on them (a running sync),
// and tells them when the websocket is down so they can fall back to polling.
#ifndef PLEXDRIVER_EVENTS_NOTIFICATION_HUB_H_
#define PLEXDRIVER_EVENTS_NOTIFICATION_HUB_H_

#include <chrono>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "host/host_bridge.h"
#include "net/notification_socket.h"
#include "plex/notifications.h"

namespace plexdriver {

// A subscriber's queue. Filled on the socket thread, drained by the subscriber. [thread-safe]
class NotificationQueue {
 public:
  // Waits until notifications arrive, the websocket drops, or `deadline`; moves what arrived
  // into *out. Returns false when the websocket is (or went) down.
  bool WaitUntil(std::chrono::steady_clock::time_point deadline, std::vector<Notification>* out);
  bool connected() const;

  // For a long-lived subscriber (the event pump): waits until notifications arrive, the
  // connection reports a state (up, down, or another failed attempt) not yet seen
  // (*state_reports differs), Close(), or `deadline`. Moves what arrived into *out and sets
  // *state_reports, *connected and *why (the reason of the last failure). False once closed.
  bool WaitForChange(std::chrono::steady_clock::time_point deadline, std::vector<Notification>* out,
                     uint64_t* state_reports, bool* connected, std::string* why);
  // Wakes WaitForChange for good.
  void Close();

  // At most this many notifications wait in a queue. Beyond, new ones are dropped and the queue
  // counts as disconnected for WaitUntil (a sync then follows its scans by polling, with the gap
  // noted), so a subscriber that stopped draining cannot grow memory without bound.
  static constexpr size_t kMaxPending = 10000;
  // Called by the hub on the socket thread.
  void Push(const Notification& n);
  uint64_t dropped() const;

 private:
  friend class NotificationHub;
  void SetConnected(bool connected, const std::string& why = "");
  void InitConnected(bool connected);  // the state at subscription: not a report

  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Notification> pending_;
  bool connected_ = true;
  bool closed_ = false;
  uint64_t dropped_ = 0;
  uint64_t state_reports_ = 0;
  std::string why_;
};

class NotificationHub {
 public:
  NotificationHub(NotificationSocketOptions options, const HostBridge* bridge);
  ~NotificationHub();  // Stop()

  // Starts the websocket thread once; later calls do nothing.
  void EnsureStarted();
  // Waits up to `timeout` for the websocket to be up; false if it is not.
  bool WaitConnected(std::chrono::milliseconds timeout);
  bool connected() const;
  // A new queue receiving every notification from now on, until it is destroyed.
  std::shared_ptr<NotificationQueue> Subscribe();
  // Stops and joins the websocket thread; no notification is delivered afterwards.
  void Stop();

 private:
  void OnFrame(std::string_view frame);
  void OnState(bool connected, const Status& why);

  const HostBridge* bridge_;
  std::mutex mutex_;  // guards subscribers_ and started_
  std::vector<std::weak_ptr<NotificationQueue>> subscribers_;
  bool started_ = false;
  NotificationSocket socket_;  // last: destroyed (joined) first
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_EVENTS_NOTIFICATION_HUB_H_
