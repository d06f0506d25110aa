// The time by which the operation running on the current thread must be over (a sync's
// timeout). While a RequestDeadline lives, every HTTP request this thread makes ends by then,
// whichever layer makes it: the transport shortens its socket timeouts to the time left and
// refuses to start a request once it is past (PD_ERR_TIMEOUT). Scopes nest; the earliest
// deadline wins. Thread-local: other threads and instances are unaffected.
#ifndef PLEXDRIVER_NET_REQUEST_DEADLINE_H_
#define PLEXDRIVER_NET_REQUEST_DEADLINE_H_

#include <chrono>
#include <optional>

namespace plexdriver {

class RequestDeadline {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  explicit RequestDeadline(TimePoint deadline);
  ~RequestDeadline();  // restores the enclosing scope's deadline
  RequestDeadline(const RequestDeadline&) = delete;
  RequestDeadline& operator=(const RequestDeadline&) = delete;

  // The current thread's deadline, if a scope is active.
  static std::optional<TimePoint> Current();

 private:
  std::optional<TimePoint> previous_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_NET_REQUEST_DEADLINE_H_
