#include "net/request_deadline.h"

#include <algorithm>

namespace plexdriver {
namespace {

thread_local std::optional<RequestDeadline::TimePoint> current_deadline;

}  // namespace

RequestDeadline::RequestDeadline(TimePoint deadline) : previous_(current_deadline) {
  current_deadline = previous_ ? std::min(*previous_, deadline) : deadline;
}

RequestDeadline::~RequestDeadline() { current_deadline = previous_; }

std::optional<RequestDeadline::TimePoint> RequestDeadline::Current() { return current_deadline; }

}  // namespace plexdriver
