// The instance's view of the host callbacks: copied from the host's pd_host by the size rule,
// every string redacted before it leaves, and a shutdown flag that makes every operation see
// "cancelled" while destroy() is waiting for it.
#ifndef PLEXDRIVER_HOST_HOST_BRIDGE_H_
#define PLEXDRIVER_HOST_HOST_BRIDGE_H_

#include <atomic>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "player_driver/player_driver.h"

namespace plexdriver {

class HostBridge {
 public:
  // Copies min(host->struct_size, sizeof(pd_host)) bytes of `host` (may be NULL) into a zeroed
  // local, so callbacks an older host does not know are simply absent. `secret` is redacted
  // from everything passed to the host.
  HostBridge(const pd_host* host, std::string secret);

  // [thread-safe] Forwards a log line if the host gave a log callback.
  void Log(pd_log_level level, std::string_view message) const;
  // [thread-safe] Forwards progress of the call made with `op_ctx`.
  void Progress(void* op_ctx, double fraction, std::string_view message) const;
  // [thread-safe] Hands the host an "event" document if it gave an event callback (ABI 1.2),
  // never after CloseEvents() (destroy() closes them once the instance's threads are joined, so
  // the queue can still report what it will not run).
  void Event(std::string_view event_json) const;
  bool wants_events() const { return host_.event != nullptr; }
  // [thread-safe] True when the host cancels the call made with `op_ctx` or destroy() began.
  bool IsCancelled(void* op_ctx) const;

  void RequestShutdown() { shutdown_.store(true); }
  void CloseEvents() { events_closed_.store(true); }
  bool shutting_down() const { return shutdown_.load(); }

  std::string Redact(std::string_view text) const;
  // [thread-safe] Another secret to keep out of everything passed to the host (an account
  // token learnt after creation, a token a host handed in). Empty strings are ignored.
  void AddSecret(std::string secret);

 private:
  pd_host host_{};
  mutable std::mutex secrets_mutex_;
  std::vector<std::string> secrets_;
  std::atomic<bool> shutdown_{false};
  std::atomic<bool> events_closed_{false};
};

// What an operation carries down the layers: the bridge and the host's op_ctx.
struct Operation {
  const HostBridge* bridge = nullptr;
  void* op_ctx = nullptr;

  bool Cancelled() const { return bridge && bridge->IsCancelled(op_ctx); }
  void Progress(double fraction, std::string_view message) const {
    if (bridge) bridge->Progress(op_ctx, fraction, message);
  }
  void Log(pd_log_level level, std::string_view message) const {
    if (bridge) bridge->Log(level, message);
  }
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_HOST_HOST_BRIDGE_H_
