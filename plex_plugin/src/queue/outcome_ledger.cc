#include "queue/outcome_ledger.h"

#include <algorithm>

namespace plexdriver {

OutcomeLedger::Accepted OutcomeLedger::Accept(const SyncChange& change, int64_t queued_at, int attempts,
                                              bool resumed, TimePoint now) {
  auto it = entries_.find(change.id);
  if (it != entries_.end()) return it->second.change.path == change.path ? Accepted::kJoined : Accepted::kConflict;
  entries_.emplace(change.id, Entry{change, queued_at, attempts, resumed, now, next_sequence_++});
  return Accepted::kNew;
}

void OutcomeLedger::Started(const std::string& id) {
  if (auto it = entries_.find(id); it != entries_.end()) ++it->second.attempts;
}

bool OutcomeLedger::Overdue(const std::string& id, TimePoint now, std::chrono::milliseconds limit) const {
  auto it = entries_.find(id);
  return it != entries_.end() && now - it->second.accepted >= limit;
}

std::optional<QueuedOutcome> OutcomeLedger::Finish(const std::string& id, ChangeResult result,
                                                   const std::vector<ScanResult>& scans) {
  auto it = entries_.find(id);
  if (it == entries_.end()) return std::nullopt;
  QueuedOutcome outcome;
  result.id = id;
  outcome.scans = ScansCovering(result, scans);
  outcome.change = std::move(result);
  outcome.queued_at = it->second.queued_at;
  outcome.attempts = it->second.attempts;
  outcome.resumed = it->second.resumed;
  entries_.erase(it);
  return outcome;
}

std::vector<std::string> OutcomeLedger::Owed() const {
  std::vector<std::pair<uint64_t, std::string>> order;
  for (const auto& [id, e] : entries_) order.emplace_back(e.sequence, id);
  std::sort(order.begin(), order.end());
  std::vector<std::string> ids;
  for (auto& [seq, id] : order) ids.push_back(std::move(id));
  return ids;
}

const SyncChange* OutcomeLedger::Change(const std::string& id) const {
  auto it = entries_.find(id);
  return it == entries_.end() ? nullptr : &it->second.change;
}

std::vector<ScanResult> ScansCovering(const ChangeResult& change, const std::vector<ScanResult>& scans) {
  std::vector<ScanResult> out;
  for (const ScanResult& s : scans) {
    for (const ScanRef& r : change.scanned) {
      if (r.section_key == s.section_key && r.path == s.path) {
        out.push_back(s);
        break;
      }
    }
  }
  return out;
}

}  // namespace plexdriver
