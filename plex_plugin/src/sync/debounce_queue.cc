#include "sync/debounce_queue.h"

#include <algorithm>

#include <fmt/format.h>

namespace plexdriver {

DebounceQueue::DebounceQueue(std::chrono::milliseconds window, size_t max_entries)
    : window_(window), max_entries_(max_entries) {}

Status DebounceQueue::Add(const std::string& section_key, const std::string& folder,
                          const SyncChange& change, TimePoint now) {
  auto key = std::make_pair(section_key, folder);
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    if (entries_.size() >= max_entries_) {
      return Status(PD_ERR_BUSY, fmt::format("the sync queue holds {} folders already; wait for "
                                             "it to drain or sync with wait:true", max_entries_));
    }
    it = entries_.emplace(key, QueuedScan{section_key, folder, 0, {}, now, now}).first;
  }
  QueuedScan& entry = it->second;
  entry.changes += 1;
  auto same = std::find_if(entry.pending.begin(), entry.pending.end(),
                           [&](const SyncChange& c) { return c.path == change.path; });
  if (same != entry.pending.end()) *same = change;  // the latest kind wins
  else entry.pending.push_back(change);
  entry.due = now + window_;
  return Status::Ok();
}

std::vector<QueuedScan> DebounceQueue::TakeDue(TimePoint now) {
  std::vector<QueuedScan> due;
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.due <= now) {
      due.push_back(std::move(it->second));
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
    if (!next || entry.due < *next) next = entry.due;
  }
  return next;
}

}  // namespace plexdriver
