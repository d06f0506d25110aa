// The instance's one websocket to /:/websockets/notifications: a background thread that
// connects, hands every text frame to a callback, answers pings, and reconnects with backoff
// and jitter when the connection drops. Stop() (and the destructor) joins the thread promptly,
// also while a stalled server holds a connect or the handshake.
#ifndef PLEXDRIVER_NET_NOTIFICATION_SOCKET_H_
#define PLEXDRIVER_NET_NOTIFICATION_SOCKET_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "core/status.h"
#include "net/socket_aborter.h"

namespace plexdriver {

struct NotificationSocketOptions {
  std::string host;
  int port = 32400;
  bool use_https = false;
  bool verify_tls = true;
  std::string ca_file;
  std::string token;  // sent as the X-Plex-Token header, never in the URL
  std::string client_identifier;
  double connect_timeout_seconds = 10;
  size_t max_frame_bytes = 1u << 20;  // larger frames drop the connection (then reconnect)
  std::chrono::milliseconds reconnect_min{250};
  std::chrono::milliseconds reconnect_max{30000};
};

class NotificationSocket {
 public:
  // Called on the socket thread, one frame at a time; must not block for long.
  using FrameHandler = std::function<void(std::string_view frame)>;
  // Called on the socket thread when the connection comes up (ok) or goes down (why).
  using StateHandler = std::function<void(bool connected, const Status& why)>;

  NotificationSocket(NotificationSocketOptions options, FrameHandler on_frame,
                     StateHandler on_state);
  ~NotificationSocket();  // Stop()
  NotificationSocket(const NotificationSocket&) = delete;
  NotificationSocket& operator=(const NotificationSocket&) = delete;

  // Starts the thread (idempotent).
  void Start();
  // Asks the thread to stop and joins it; no callback runs after it returns. Idempotent.
  void Stop();

  bool connected() const { return connected_.load(); }
  // Waits until connected, Stop(), the deadline, or — so a caller falls back to polling at once
  // instead of waiting out the timeout — until a connection attempt has failed (or the socket is
  // between attempts after a failure). Returns connected().
  bool WaitConnected(std::chrono::milliseconds timeout);
  // Number of successful connections so far (reconnects show as > 1).
  int connections() const { return connections_.load(); }

 private:
  void Run();
  // One connection's lifetime; returns why it ended.
  Status ConnectAndRead();
  void SetConnected(bool connected, const Status& why);
  // Sleeps up to `delay` unless Stop() is called; false when stopping.
  bool SleepUnlessStopped(std::chrono::milliseconds delay);

  const NotificationSocketOptions options_;
  FrameHandler on_frame_;
  StateHandler on_state_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;  // guarded by mutex_
  std::atomic<bool> stopping_{false};
  std::atomic<bool> connected_{false};
  bool down_ = false;  // guarded by mutex_: the last attempt failed or the connection dropped
  std::atomic<int> connections_{0};
  SocketAborter aborter_;  // Stop() ends a blocked connect or handshake
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_NET_NOTIFICATION_SOCKET_H_
