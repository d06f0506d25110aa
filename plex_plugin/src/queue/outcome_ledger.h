// The queued changes the driver owes the host an outcome for, by id: what each one was, when it
// was accepted, how often it ran and whether it came back from the journal after a restart. Each
// id leaves the ledger exactly once, with its outcome (Finish). Pure; not thread-safe (the queue
// guards it).
#ifndef PLEXDRIVER_QUEUE_OUTCOME_LEDGER_H_
#define PLEXDRIVER_QUEUE_OUTCOME_LEDGER_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sync/sync_request.h"
#include "sync/sync_result.h"

namespace plexdriver {

// What a sync.change event reports (queue/outcome_event.h).
struct QueuedOutcome {
  ChangeResult change;            // final status; change.id is the change's id
  std::vector<ScanResult> scans;  // the scans that covered it
  int64_t queued_at = 0;          // unix seconds
  int attempts = 0;
  bool resumed = false;
};

class OutcomeLedger {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  enum class Accepted { kNew, kJoined, kConflict };
  // Registers `change` (its id set). An id already owed with the same path joins it (one outcome
  // for both); with another path it is a conflict and nothing changes.
  Accepted Accept(const SyncChange& change, int64_t queued_at, int attempts, bool resumed, TimePoint now);

  bool Owes(const std::string& id) const { return entries_.count(id) != 0; }
  // A run of `id` began.
  void Started(const std::string& id);
  // True when `id` was accepted at least `limit` ago (a deferral past it is final).
  bool Overdue(const std::string& id, TimePoint now, std::chrono::milliseconds limit) const;
  // Ends `id` with `result` (its status final) and the scans of the run: the outcome to report,
  // nullopt when the id is not owed (finished already).
  std::optional<QueuedOutcome> Finish(const std::string& id, ChangeResult result,
                                      const std::vector<ScanResult>& scans);
  // Every owed id, oldest first.
  std::vector<std::string> Owed() const;
  const SyncChange* Change(const std::string& id) const;
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    SyncChange change;
    int64_t queued_at = 0;
    int attempts = 0;
    bool resumed = false;
    TimePoint accepted;
    uint64_t sequence = 0;
  };
  std::unordered_map<std::string, Entry> entries_;
  uint64_t next_sequence_ = 0;
};

// The scans of `scans` that cover `change` (its `scanned` list).
std::vector<ScanResult> ScansCovering(const ChangeResult& change, const std::vector<ScanResult>& scans);

}  // namespace plexdriver

#endif  // PLEXDRIVER_QUEUE_OUTCOME_LEDGER_H_
