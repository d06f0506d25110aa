// Waiting for the user to approve a sign-in PIN: poll plex.tv about once a second until the PIN
// carries a token, honouring its lifetime (expiresIn), the host's cancellation, and reporting
// progress. The clock and the sleep are injected so the loop is tested without waiting.
#ifndef PLEXDRIVER_ACCOUNT_PIN_WAIT_H_
#define PLEXDRIVER_ACCOUNT_PIN_WAIT_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "account/plextv_client.h"
#include "account/plextv_types.h"
#include "core/status.h"
#include "host/host_bridge.h"

namespace plexdriver {

struct PinWaitClock {
  using TimePoint = std::chrono::steady_clock::time_point;
  std::function<TimePoint()> now;
  // Sleeps about `duration`; may return early (the loop re-checks cancellation and time).
  std::function<void(std::chrono::milliseconds duration)> sleep;

  // The real clock; its sleep wakes every 50 ms to notice a cancellation.
  static PinWaitClock Real(const Operation& op);
};

struct PinWaitOptions {
  int64_t pin_id = 0;
  std::chrono::milliseconds poll_interval{1000};   // plex.tv asks for about once a second
  std::chrono::steady_clock::time_point deadline;  // when the PIN expires
};

// Polls GET /api/v2/pins/{id} until it carries a token and returns that PIN. Ends with
// PD_ERR_NOT_FOUND when the PIN expired (the deadline passed after one last poll, or plex.tv
// answered 404/1020), PD_ERR_CANCELLED when the host cancelled, or the first failure that
// waiting will not cure (401, 400, a malformed answer). Network failures and 5xx are retried until
// the deadline.
Result<PlexPin> WaitForPin(PlexTvClient& client, const PinWaitOptions& options, const Operation& op,
                           const PinWaitClock& clock);

}  // namespace plexdriver

#endif  // PLEXDRIVER_ACCOUNT_PIN_WAIT_H_
