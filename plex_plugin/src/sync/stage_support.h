// Small helpers several sync stages share: time, manager-side path pieces, how a failed check
// is reported, and the cancellable wait every polling loop uses.
#ifndef PLEXDRIVER_SYNC_STAGE_SUPPORT_H_
#define PLEXDRIVER_SYNC_STAGE_SUPPORT_H_

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>

#include "core/status.h"
#include "host/host_bridge.h"
#include "sync/sync_result.h"

namespace plexdriver {

int64_t MillisBetween(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b);

// The manager-side parent folder of a path (POSIX or Windows separators; a root is its own).
std::string ManagerParent(const std::string& path);
// The last component of a manager-side path (POSIX or Windows separators).
std::string ManagerFileName(const std::string& path);
// The manager-side path of `name` inside `folder`, in the folder's own separator style.
std::string InFolder(const std::string& folder, const std::string& name);

// A check after the scans that could not be made: timed out when the sync's time ran out (the
// transport ends every request by the sync's deadline), failed otherwise.
ChangeStatus StatusOfFailedCheck(const Status& s);

// Sleeps until `wake` in short steps; false (early) once the host cancels the operation.
bool SleepUntil(const Operation& op, std::chrono::steady_clock::time_point wake);

// The next interval of a polling loop: half as long again, at most `max`.
inline std::chrono::milliseconds NextPollInterval(std::chrono::milliseconds interval,
                                                  std::chrono::milliseconds max) {
  return std::min(max, interval * 3 / 2);
}

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_STAGE_SUPPORT_H_
