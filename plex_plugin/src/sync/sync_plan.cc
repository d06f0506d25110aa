#include "sync/sync_plan.h"

#include <algorithm>

#include "sync/stage_support.h"

namespace plexdriver {

const LibrarySection* ServerView::Section(const std::string& key) const {
  for (const LibrarySection& s : sections) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

bool ServerView::IsLocationRoot(const std::string& section_key, const std::string& server_path) const {
  const LibrarySection* section = Section(section_key);
  if (!section) return false;
  for (const SectionLocation& l : section->locations) {
    if (PathIsWithin(l.path, server_path, style)) return true;  // the root itself, or above it
  }
  return false;
}

bool ScanWatching::AllFinished() const {
  return std::all_of(watches.begin(), watches.end(), [](const auto& kv) { return kv.second.finished(); });
}

SyncPlan SyncPlan::Start(const SyncRequest& request, uint64_t requests_before) {
  SyncPlan plan;
  plan.options = request.options;
  plan.start = SyncClock::now();
  plan.deadline = plan.start + std::chrono::milliseconds(static_cast<int64_t>(request.options.timeout_seconds * 1000));
  plan.requests_before = requests_before;
  plan.changes.resize(request.changes.size());
  for (size_t i = 0; i < request.changes.size(); ++i) {
    ChangeState& c = plan.changes[i];
    c.change = request.changes[i];
    c.result.id = c.change.id;
    c.result.path = c.change.path;
    c.result.kind = c.change.kind;
  }
  return plan;
}

void SyncPlan::Fail(size_t i, std::string message) {
  changes[i].result.status = ChangeStatus::kFailed;
  changes[i].result.message = std::move(message);
  changes[i].settled = true;
}

int64_t SyncPlan::ElapsedMs() const { return MillisBetween(start, SyncClock::now()); }

}  // namespace plexdriver
