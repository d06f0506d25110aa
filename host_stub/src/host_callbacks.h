// The host side of pd_host for a command-line host: log lines and progress go to stderr,
// Ctrl-C asks the running call to cancel.
#ifndef HOST_STUB_SRC_HOST_CALLBACKS_H_
#define HOST_STUB_SRC_HOST_CALLBACKS_H_

#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "player_driver/player_driver.h"

namespace host_stub {

class HostCallbacks {
 public:
  // verbose: also debug/info log lines (warnings and errors are always shown).
  explicit HostCallbacks(bool verbose);
  const pd_host* host() const { return &host_; }

  // Installs a SIGINT handler that makes is_cancelled() true (a second Ctrl-C exits).
  static void InstallInterruptHandler();
  static bool interrupted();

  // Ends a progress line still on screen.
  void FinishProgress();

  // Receives the driver's events (ABI 1.2), on the driver's thread. Without a handler events
  // are dropped, unless HoldEvents() was called: then they are kept and handed, in order, to the
  // next handler set (before it sees any later event).
  void SetEventHandler(std::function<void(const std::string& event_json)> handler);
  // Keeps the events that arrive while no handler is set (from create() on, say, before the
  // command is ready for them).
  void HoldEvents();

 private:
  static void Log(void* ctx, pd_log_level level, const char* message);
  static void Progress(void* ctx, void* op_ctx, double fraction, const char* message);
  static int IsCancelled(void* ctx, void* op_ctx);
  static void Event(void* ctx, const char* event_json);

  pd_host host_{};
  bool verbose_;
  bool tty_;
  std::mutex mutex_;
  bool progress_on_screen_ = false;
  int last_decile_ = -1;
  std::mutex event_mutex_;
  std::function<void(const std::string&)> on_event_;
  bool hold_events_ = false;
  std::vector<std::string> held_events_;
};

}  // namespace host_stub

#endif  // HOST_STUB_SRC_HOST_CALLBACKS_H_
