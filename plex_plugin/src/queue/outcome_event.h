// The queue's event documents (plugin_api/schemas.md, "event"; source "queue"): sync.change,
// the one outcome of a queued change, and queue.recovered, what create() found in the state_dir
// journal. Pure.
#ifndef PLEXDRIVER_QUEUE_OUTCOME_EVENT_H_
#define PLEXDRIVER_QUEUE_OUTCOME_EVENT_H_

#include <cstdint>
#include <string>

#include "events/host_event.h"
#include "queue/outcome_ledger.h"

namespace plexdriver {

std::string SyncChangeEventJson(const QueuedOutcome& outcome, const EventServer& server, int64_t now);

struct QueueRecovery {
  size_t resumed = 0;   // unfinished changes read back
  bool damaged = false;  // some lines could not be read
  std::string message;   // what was found, for people
};
std::string QueueRecoveredEventJson(const QueueRecovery& recovery, const EventServer& server, int64_t now);

}  // namespace plexdriver

#endif  // PLEXDRIVER_QUEUE_OUTCOME_EVENT_H_
