#include "driver/sync_queue.h"

#include <algorithm>
#include <random>

#include <fmt/format.h>

namespace plexdriver {
namespace {

constexpr size_t kMaxQueuedFolders = 10000;
// How soon a queued scan held back by playback is looked at again (at least).
constexpr auto kPlaybackRecheck = std::chrono::milliseconds(2000);
// Resuming after a restart: how long the worker waits between attempts to reach the server.
constexpr auto kResumeRetryFirst = std::chrono::milliseconds(500);
constexpr auto kResumeRetryMax = std::chrono::milliseconds(30000);

std::chrono::milliseconds Millis(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// An id for a change the host queued without one: unique across restarts of the host.
std::string NewChangeId() {
  static thread_local std::mt19937_64 rng{std::random_device{}() ^
                                          static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count())};
  return fmt::format("q-{:016x}", rng());
}

JournalRecord Record(JournalRecord::Op op, const std::string& id) {
  JournalRecord r;
  r.op = op;
  r.id = id;
  return r;
}

}  // namespace

SyncQueue::SyncQueue(const DriverConfig* config, const HostBridge* bridge, SyncRunner* runner,
                     const InstanceEvents* events, ConnectFn connect, std::unique_ptr<QueueJournal> journal,
                     QueueJournal::Recovered recovered)
    : config_(config),
      bridge_(bridge),
      runner_(runner),
      events_(events),
      connect_(std::move(connect)),
      journal_(std::move(journal)),
      to_resume_(std::move(recovered.unfinished)),
      queue_(Millis(config->debounce_seconds), kMaxQueuedFolders) {
  recovery_.resumed = to_resume_.size();
  recovery_.damaged = !recovered.damage.empty();
  if (recovery_.damaged) {
    const JournalDamage& first = recovered.damage.front();
    recovery_.message = fmt::format("{} damaged line(s) in the queue journal (first at byte {}: {}); every intact "
                                    "record was kept, the damaged file was saved as {}",
                                    recovered.damage.size(), first.offset, first.reason, recovered.damaged_copy);
    bridge_->Log(PD_LOG_ERROR, "state_dir: " + recovery_.message);
  }
  const auto now = std::chrono::steady_clock::now();
  for (const UnfinishedChange& u : to_resume_) {
    ledger_.Accept(u.change, u.queued_at, u.attempts, /*resumed=*/true, now);
  }
}

SyncQueue::~SyncQueue() { Stop(); }

void SyncQueue::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (!to_resume_.empty() || recovery_.damaged) StartWorkerLocked();
}

void SyncQueue::StartWorkerLocked() {
  if (!worker_.joinable() && !stop_) worker_ = std::thread([this] { Worker(); });
}

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
  std::vector<std::string> owed;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (stopped_) return;  // reported once
    stopped_ = true;
    queue_.TakeAll();
    owed = ledger_.Owed();
  }
  if (owed.empty()) return;
  if (journal_) {
    bridge_->Log(PD_LOG_INFO, fmt::format("{} queued change(s) kept in {}: they resume when an instance is created "
                                          "with this state_dir", owed.size(), journal_->path()));
    return;
  }
  FinishAll(owed, ChangeStatus::kCancelled,
            "the instance was destroyed before the change ran; without config state_dir queued changes are lost "
            "on restart (sync it again)");
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
  const int64_t unix_now = UnixNow();
  const std::string outcome_via = bridge_->wants_events() ? "comes as a sync.change event" : "is logged";
  std::lock_guard<std::mutex> lock(mutex_);
  // Which changes join the queue, with their ids; journaled (durably) before any is queued.
  std::vector<size_t> accepted;
  std::vector<JournalRecord> records;
  for (size_t i = 0; i < result.changes.size(); ++i) {
    ChangeResult& c = result.changes[i];
    if (c.status != ChangeStatus::kSkipped) continue;  // failed at planning: reported as is
    SyncChange change = request.changes[i];
    if (change.id.empty()) change.id = NewChangeId();
    c.id = change.id;
    switch (ledger_.Accept(change, unix_now, 0, false, now)) {
      case OutcomeLedger::Accepted::kConflict:
        c.status = ChangeStatus::kFailed;
        c.message = fmt::format("id \"{}\" is already queued for another path ({}); give each change its own id",
                                change.id, ledger_.Change(change.id)->path);
        continue;
      case OutcomeLedger::Accepted::kNew: {
        JournalRecord r = Record(JournalRecord::Op::kAccepted, change.id);
        r.change = change;
        r.queued_at = unix_now;
        records.push_back(std::move(r));
        break;
      }
      case OutcomeLedger::Accepted::kJoined:
        break;
    }
    accepted.push_back(i);
  }
  if (journal_) {
    if (Status s = journal_->Append(records); !s.ok()) {
      for (const JournalRecord& r : records) ledger_.Finish(r.id, ChangeResult{}, {});
      for (size_t i : accepted) {
        if (ledger_.Owes(result.changes[i].id)) continue;  // joined an earlier, journaled change
        result.changes[i].status = ChangeStatus::kFailed;
        result.changes[i].message = s.message();
      }
      accepted.erase(std::remove_if(accepted.begin(), accepted.end(),
                                    [&](size_t i) { return result.changes[i].status == ChangeStatus::kFailed; }),
                     accepted.end());
    }
  }
  for (size_t i : accepted) {
    ChangeResult& c = result.changes[i];
    SyncChange change = request.changes[i];
    change.id = c.id;
    Status added;
    for (const ScanRef& scan : c.scanned) {
      if (!added.ok()) break;
      added = queue_.Add(scan.section_key, scan.path, change, now);
    }
    if (!added.ok()) {
      // Not queued after all: the journal forgets it, and the host hears it here, not by event.
      ledger_.Finish(c.id, ChangeResult{}, {});
      if (journal_) JournalOrLog({Record(JournalRecord::Op::kDone, c.id)});
      c.status = ChangeStatus::kFailed;
      c.message = added.message();
      continue;
    }
    c.status = ChangeStatus::kQueued;
    c.message = fmt::format("queued as \"{}\": scanned after {} s without further changes to its folder; the "
                            "outcome {}", c.id, config_->debounce_seconds, outcome_via);
  }
  StartWorkerLocked();
  wake_.notify_all();
  return result;
}

void SyncQueue::Worker() {
  if (!to_resume_.empty() || recovery_.damaged) Resume();
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
}

void SyncQueue::Resume() {
  std::vector<UnfinishedChange> resume = std::move(to_resume_);
  to_resume_.clear();
  if (bridge_->wants_events()) {
    if (recovery_.message.empty()) {
      recovery_.message = fmt::format("{} queued change(s) resumed from {}", resume.size(), journal_->path());
    }
    bridge_->Event(QueueRecoveredEventJson(recovery_, events_->Server(), UnixNow()));
  }
  if (resume.empty()) return;
  bridge_->Log(PD_LOG_INFO, fmt::format("resuming {} queued change(s) from {}", resume.size(), journal_->path()));
  std::vector<std::string> ids;
  for (const UnfinishedChange& u : resume) ids.push_back(u.change.id);
  // Reach the server first, retrying while it is down, for as long as a queued scan is followed.
  const auto give_up = std::chrono::steady_clock::now() + Millis(config_->queued_timeout_seconds);
  auto wait = kResumeRetryFirst;
  Status connected = connect_();
  while (!connected.ok()) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (std::chrono::steady_clock::now() + wait > give_up) break;
    if (wake_.wait_for(lock, wait, [&] { return stop_; })) return;  // kept in the journal
    lock.unlock();
    wait = std::min(wait * 2, kResumeRetryMax);
    connected = connect_();
  }
  if (!connected.ok()) {
    FinishAll(ids, ChangeStatus::kFailed,
              fmt::format("resumed after a restart, but the server could not be reached for {} s: {}",
                          config_->queued_timeout_seconds, connected.message()));
    return;
  }
  SyncRequest request;
  request.options.dry_run = true;
  request.options.skip_active = SkipActive::kNever;
  for (UnfinishedChange& u : resume) request.changes.push_back(std::move(u.change));
  Result<SyncResult> planned = runner_->Run(request, nullptr);
  if (!planned.ok()) {
    if (journal_ && bridge_->shutting_down()) return;  // kept for the next start
    FinishAll(ids, ChangeStatus::kFailed, "resumed after a restart, but could not be planned: " +
                                              planned.status().message());
    return;
  }
  const auto now = std::chrono::steady_clock::now();
  for (size_t i = 0; i < planned->changes.size(); ++i) {
    ChangeResult& c = planned->changes[i];
    Status added = c.status == ChangeStatus::kSkipped ? Status::Ok() : Status(PD_ERR_INVALID_ARGUMENT, c.message);
    if (added.ok()) {
      std::lock_guard<std::mutex> lock(mutex_);
      for (const ScanRef& scan : c.scanned) {
        if (!added.ok()) break;
        added = queue_.Add(scan.section_key, scan.path, request.changes[i], now);
      }
    }
    if (!added.ok()) {
      c.status = ChangeStatus::kFailed;
      c.message = "resumed after a restart: " + added.message();
      Finish(ids[i], c, {});
    }
  }
}

void SyncQueue::RunDue(std::vector<QueuedScan> due) {
  SyncRequest request;
  request.options.wait = true;
  request.options.timeout_seconds = config_->queued_timeout_seconds;
  std::vector<Run> runs;  // per change in `request`
  std::vector<JournalRecord> started;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (QueuedScan& q : due) {
      for (size_t p = 0; p < q.pending.size(); ++p) {
        // Only what is still owed: a change covered by two folders ran with the first of them.
        std::vector<std::string> ids;
        for (std::string& id : q.ids[p]) {
          if (ledger_.Owes(id)) ids.push_back(std::move(id));
        }
        if (ids.empty()) continue;
        for (const std::string& id : ids) {
          ledger_.Started(id);
          started.push_back(Record(JournalRecord::Op::kStarted, id));
        }
        request.changes.push_back(std::move(q.pending[p]));
        request.changes.back().id = ids.front();
        runs.push_back({q.section_key, q.folder, std::move(ids)});
      }
    }
  }
  if (request.changes.empty()) return;
  if (journal_) JournalOrLog(started);
  Result<SyncResult> result = runner_->Run(request, nullptr);
  const bool keep_for_restart = journal_ && bridge_->shutting_down();
  if (!result.ok()) {
    if (keep_for_restart) return;
    for (const Run& r : runs) FinishAll(r.ids, ChangeStatus::kFailed, "queued sync failed: " + result.status().message());
    return;
  }
  // Held back by playback: back into the queue, looked at again after the debounce time, and no
  // sooner than kPlaybackRecheck (a zero debounce must not spin); final once defer_limit_seconds
  // passed since the change was accepted.
  const auto extra = std::max<std::chrono::milliseconds>(std::chrono::milliseconds(0),
                                                         kPlaybackRecheck - Millis(config_->debounce_seconds));
  const auto now = std::chrono::steady_clock::now();
  for (size_t i = 0; i < result->changes.size(); ++i) {
    ChangeResult& c = result->changes[i];
    // Shutting down with a journal: what did not complete runs again on the next start.
    if (keep_for_restart && c.status != ChangeStatus::kCompleted) continue;
    for (const std::string& id : runs[i].ids) {
      if (c.status == ChangeStatus::kDeferred) {
        std::unique_lock<std::mutex> lock(mutex_);
        if (!ledger_.Overdue(id, now, Millis(config_->defer_limit_seconds))) {
          SyncChange again = request.changes[i];
          again.id = id;
          Status added = queue_.Add(runs[i].section, runs[i].folder, again, now + extra);
          if (added.ok()) {
            bridge_->Log(PD_LOG_INFO, fmt::format("queued sync {} {}: deferred, looked at again later: {} (id \"{}\")",
                                                  ChangeKindName(c.kind), c.path, c.message, id));
            continue;
          }
          lock.unlock();
          ChangeResult failed = c;
          failed.status = ChangeStatus::kFailed;
          failed.message = "held back by playback, and could not be queued again: " + added.message();
          Finish(id, failed, result->scans);
          continue;
        }
        lock.unlock();
        ChangeResult held = c;
        held.message = fmt::format("still held back by playback after defer_limit_seconds ({} s): {}; sync it "
                                   "again when nobody is watching", config_->defer_limit_seconds, c.message);
        Finish(id, held, result->scans);
        continue;
      }
      Finish(id, c, result->scans);
    }
  }
}

void SyncQueue::Finish(const std::string& id, ChangeResult result, const std::vector<ScanResult>& scans) {
  std::optional<QueuedOutcome> outcome;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const SyncChange* change = ledger_.Change(id);
    if (change && change->kind != result.kind) {
      result.message += fmt::format("{}(its \"{}\" was superseded by a later \"{}\" of the same path)",
                                    result.message.empty() ? "" : " ", ChangeKindName(change->kind),
                                    ChangeKindName(result.kind));
    }
    outcome = ledger_.Finish(id, std::move(result), scans);
  }
  if (!outcome) return;
  const ChangeResult& c = outcome->change;
  bridge_->Log(c.status == ChangeStatus::kCompleted ? PD_LOG_INFO : PD_LOG_WARN,
               fmt::format("queued sync {} {}: {}{}{} (id \"{}\")", ChangeKindName(c.kind), c.path,
                           ChangeStatusName(c.status), c.message.empty() ? "" : ": ", c.message, c.id));
  if (bridge_->wants_events()) bridge_->Event(SyncChangeEventJson(*outcome, events_->Server(), UnixNow()));
  // Only now is it forgotten: a crash before this line repeats the event on the next start.
  if (journal_) {
    JournalRecord done = Record(JournalRecord::Op::kDone, id);
    done.status = ChangeStatusName(c.status);
    JournalOrLog({done});
  }
}

void SyncQueue::FinishAll(const std::vector<std::string>& ids, ChangeStatus status, const std::string& message) {
  for (const std::string& id : ids) {
    ChangeResult r;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      const SyncChange* change = ledger_.Change(id);
      if (!change) continue;
      r.path = change->path;
      r.kind = change->kind;
    }
    r.status = status;
    r.message = message;
    Finish(id, r, {});
  }
}

void SyncQueue::JournalOrLog(const std::vector<JournalRecord>& records) {
  if (Status s = journal_->Append(records); !s.ok()) bridge_->Log(PD_LOG_ERROR, s.message());
}

}  // namespace plexdriver
