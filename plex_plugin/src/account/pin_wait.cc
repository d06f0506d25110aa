#include "account/pin_wait.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

namespace plexdriver {
namespace {

bool Transient(pd_status code) {
  return code == PD_ERR_UNREACHABLE || code == PD_ERR_TIMEOUT || code == PD_ERR_DNS ||
         code == PD_ERR_SERVER;
}

}  // namespace

PinWaitClock PinWaitClock::Real(const Operation& op) {
  PinWaitClock clock;
  clock.now = [] { return std::chrono::steady_clock::now(); };
  clock.sleep = [op](std::chrono::milliseconds duration) {
    const auto until = std::chrono::steady_clock::now() + duration;
    while (!op.Cancelled()) {
      const auto left = until - std::chrono::steady_clock::now();
      if (left <= std::chrono::steady_clock::duration::zero()) return;
      std::this_thread::sleep_for(
          std::min<std::chrono::steady_clock::duration>(left, std::chrono::milliseconds(50)));
    }
  };
  return clock;
}

Result<PlexPin> WaitForPin(PlexTvClient& client, const PinWaitOptions& options, const Operation& op,
                           const PinWaitClock& clock) {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  const auto start = clock.now();
  const auto lifetime =
      std::max<std::chrono::steady_clock::duration>(options.deadline - start, milliseconds(1));
  Status last_transient;
  for (;;) {
    if (op.Cancelled()) {
      return Status(PD_ERR_CANCELLED, "the sign-in was cancelled before the PIN was approved");
    }
    Result<PlexPin> pin = client.GetPin(options.pin_id);
    if (pin.ok() && !pin->auth_token.empty()) {
      op.Progress(1.0, "approved");
      return pin;
    }
    if (!pin.ok()) {
      if (!Transient(pin.status().code())) return pin.status();
      last_transient = pin.status();
    }
    const auto now = clock.now();
    if (now >= options.deadline) {
      std::string message = fmt::format(
          "the sign-in PIN expired before it was approved ({} s): start the sign-in again and "
          "approve it at plex.tv within that time",
          duration_cast<std::chrono::seconds>(lifetime).count());
      if (!last_transient.ok()) message += "; the last poll failed: " + last_transient.message();
      return Status(PD_ERR_NOT_FOUND, message);
    }
    const auto left = duration_cast<std::chrono::seconds>(options.deadline - now).count();
    op.Progress(static_cast<double>(duration_cast<milliseconds>(now - start).count()) /
                    static_cast<double>(duration_cast<milliseconds>(lifetime).count()),
                fmt::format("waiting for the sign-in to be approved at plex.tv, {}:{:02} left",
                            left / 60, left % 60));
    const auto next = std::min(now + options.poll_interval, options.deadline);
    clock.sleep(std::max(milliseconds(0), duration_cast<milliseconds>(next - now)));
  }
}

}  // namespace plexdriver
