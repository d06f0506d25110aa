#include "sync/debounce_queue.h"

#include <algorithm>

#include <fmt/format.h>

namespace plexdriver {

DebounceQueue::DebounceQueue(std::chrono::milliseconds window, size_t max_entries, size_t max_changes)
    : window_(window), max_entries_(max_entries), max_changes_(max_changes) {}

Status DebounceQueue::Add(const std::string& section_key, const std::string& folder,
                          const SyncChange& change, TimePoint now) {
  Key key(section_key, folder);
  auto it = entries_.find(key);
  if (it == entries_.end() && entries_.size() >= max_entries_) {
    return Status(PD_ERR_BUSY, fmt::format("the sync queue holds {} folders already; wait for "
                                           "it to drain or sync with wait:true", max_entries_));
  }
  const bool new_path = it == entries_.end() || !it->second.position.count(change.path);
  if (new_path && changes_ >= max_changes_) {
    return Status(PD_ERR_BUSY, fmt::format("the sync queue holds {} changed paths already; wait "
                                           "for it to drain or sync with wait:true", max_changes_));
  }
  if (it == entries_.end()) {
    it = entries_.emplace(key, Entry{QueuedScan{section_key, folder, 0, {}, {}, now, now}, {}}).first;
  }
  Entry& entry = it->second;
  entry.scan.changes += 1;
  if (new_path) {
    entry.position.emplace(change.path, entry.scan.pending.size());
    entry.scan.pending.push_back(change);
    entry.scan.ids.emplace_back();
    ++changes_;
  } else {
    entry.scan.pending[entry.position.at(change.path)] = change;  // the latest kind wins
  }
  std::vector<std::string>& ids = entry.scan.ids[entry.position.at(change.path)];
  if (!change.id.empty() && std::find(ids.begin(), ids.end(), change.id) == ids.end()) ids.push_back(change.id);
  entry.scan.due = now + window_;
  return Status::Ok();
}

std::vector<QueuedScan> DebounceQueue::TakeDue(TimePoint now) {
  std::vector<QueuedScan> due;
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.scan.due <= now) {
      changes_ -= it->second.scan.pending.size();
      due.push_back(std::move(it->second.scan));
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  std::sort(due.begin(), due.end(), [](const QueuedScan& a, const QueuedScan& b) {
    return a.first_queued < b.first_queued;
  });
  return due;
}

std::vector<QueuedScan> DebounceQueue::TakeAll() {
  return TakeDue(TimePoint::max());
}

std::optional<DebounceQueue::TimePoint> DebounceQueue::NextDue() const {
  std::optional<TimePoint> next;
  for (const auto& [key, entry] : entries_) {
    if (!next || entry.scan.due < *next) next = entry.scan.due;
  }
  return next;
}

}  // namespace plexdriver
