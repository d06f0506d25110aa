#include "driver/sync_queue.h"

#include <algorithm>

#include <fmt/format.h>

namespace plexdriver {
namespace {

constexpr size_t kMaxQueuedFolders = 10000;
// How soon a queued scan held back by playback is looked at again (at least).
constexpr auto kPlaybackRecheck = std::chrono::milliseconds(2000);

std::chrono::milliseconds DebounceWindow(const DriverConfig& config) {
  return std::chrono::milliseconds(static_cast<int64_t>(config.debounce_seconds * 1000));
}

}  // namespace

SyncQueue::SyncQueue(const DriverConfig* config, const HostBridge* bridge, SyncRunner* runner)
    : config_(config), bridge_(bridge), runner_(runner), queue_(DebounceWindow(*config), kMaxQueuedFolders) {}

SyncQueue::~SyncQueue() { Stop(); }

void SyncQueue::RequestStop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
}

void SyncQueue::Stop() {
  RequestStop();
  if (worker_.joinable()) worker_.join();
}

Result<SyncResult> SyncQueue::Enqueue(const SyncRequest& request, void* op_ctx) {
  SyncRequest plan_only = request;
  plan_only.options.dry_run = true;
  // Playback is judged when the scan is due, not now.
  plan_only.options.skip_active = SkipActive::kNever;
  Result<SyncResult> planned = runner_->Run(plan_only, op_ctx);
  if (!planned.ok()) return planned.status();
  SyncResult result = std::move(planned).value();
  result.dry_run = false;
  result.waited = false;
  result.scans.clear();
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (size_t i = 0; i < result.changes.size(); ++i) {
      ChangeResult& c = result.changes[i];
      if (c.status != ChangeStatus::kSkipped) continue;  // failed at planning: reported as is
      Status added;
      for (const ScanRef& scan : c.scanned) {
        if (!added.ok()) break;
        added = queue_.Add(scan.section_key, scan.path, request.changes[i], now);
      }
      if (!added.ok()) {
        c.status = ChangeStatus::kFailed;
        c.message = added.message();
        continue;
      }
      c.status = ChangeStatus::kQueued;
      c.message = fmt::format("queued: scanned after {} s without further changes to its folder; the outcome is "
                              "logged", config_->debounce_seconds);
    }
    if (!worker_.joinable() && !stop_) worker_ = std::thread([this] { Worker(); });
  }
  wake_.notify_all();
  return result;
}

void SyncQueue::Worker() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_) {
    std::optional<DebounceQueue::TimePoint> next = queue_.NextDue();
    if (!next) {
      wake_.wait(lock);
      continue;
    }
    if (wake_.wait_until(lock, *next, [&] { return stop_; })) break;
    std::vector<QueuedScan> due = queue_.TakeDue(std::chrono::steady_clock::now());
    if (due.empty()) continue;
    lock.unlock();
    RunDue(std::move(due));
    lock.lock();
  }
  const std::vector<QueuedScan> left = queue_.TakeAll();
  if (!left.empty()) {
    bridge_->Log(PD_LOG_WARN, fmt::format("{} queued folder scan(s) were not run because the instance was "
                                          "destroyed", left.size()));
  }
}

void SyncQueue::RunDue(std::vector<QueuedScan> due) {
  SyncRequest request;
  request.options.wait = true;
  request.options.timeout_seconds = config_->queued_timeout_seconds;
  std::vector<std::pair<std::string, std::string>> origin;  // (section, folder) per change
  for (QueuedScan& q : due) {
    for (SyncChange& c : q.pending) {
      request.changes.push_back(std::move(c));
      origin.emplace_back(q.section_key, q.folder);
    }
  }
  Result<SyncResult> result = runner_->Run(request, nullptr);
  if (!result.ok()) {
    bridge_->Log(PD_LOG_ERROR, "queued sync failed: " + result.status().message());
    return;
  }
  // Held back by playback: back into the queue, looked at again after the debounce time, and no
  // sooner than kPlaybackRecheck (a zero debounce must not spin).
  const auto extra = std::max<std::chrono::milliseconds>(std::chrono::milliseconds(0),
                                                         kPlaybackRecheck - DebounceWindow(*config_));
  const auto when = std::chrono::steady_clock::now() + extra;
  {
    std::lock_guard<std::mutex> relock(mutex_);
    for (size_t i = 0; i < result->changes.size(); ++i) {
      if (result->changes[i].status != ChangeStatus::kDeferred) continue;
      if (Status added = queue_.Add(origin[i].first, origin[i].second, request.changes[i], when); !added.ok()) {
        bridge_->Log(PD_LOG_ERROR, "a deferred change could not be queued again: " + added.message());
      }
    }
  }
  for (const ChangeResult& c : result->changes) {
    bridge_->Log(c.status == ChangeStatus::kCompleted ? PD_LOG_INFO : PD_LOG_WARN,
                 fmt::format("queued sync {} {}: {}{}{}", ChangeKindName(c.kind), c.path, ChangeStatusName(c.status),
                             c.message.empty() ? "" : ": ", c.message));
  }
}

}  // namespace plexdriver
