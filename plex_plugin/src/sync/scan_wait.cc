#include "sync/scan_wait.h"

#include <algorithm>

#include <fmt/format.h>

#include "plex/pms_parser.h"
#include "plex/server_clock.h"
#include "sync/scan_requests.h"
#include "sync/stage_support.h"

namespace plexdriver {
namespace {

void ReportProgress(const ScanWatching& w, const SyncContext& ctx) {
  double sum = 0;
  for (const auto& [key, watch] : w.watches) sum += std::max(0.0, watch.progress());
  const size_t finished = std::count_if(w.watches.begin(), w.watches.end(),
                                        [](const auto& kv) { return kv.second.finished(); });
  ctx.op.Progress(w.watches.empty() ? 1.0 : sum / w.watches.size(),
                  fmt::format("waiting for Plex: {} of {} libraries scanned", finished, w.watches.size()));
}

void OnGap(ScanWatching& w) {
  for (auto& [key, watch] : w.watches) watch.OnGap();
}

// One look at /activities and the sections for every watch; the running activities, or nullopt
// when the server could not be read (an observation gap).
std::optional<std::vector<Activity>> Poll(ScanWatching& w, const SyncContext& ctx) {
  Result<HttpResponse> activities = ctx.client->Get("/activities");
  if (!activities.ok()) return std::nullopt;
  Result<std::vector<LibrarySection>> sections = ctx.sections->Sections(/*force=*/true);
  if (!sections.ok()) return std::nullopt;
  Result<std::vector<Activity>> list = ParseActivities(activities->body);
  if (!list.ok()) return std::nullopt;
  for (auto& [key, watch] : w.watches) {
    for (const LibrarySection& s : *sections) {
      if (s.key == key) watch.OnPoll(*list, s.refreshing, s.scanned_at);
    }
  }
  return std::move(list).value();
}

// A restart drops the scans Plex was running: those that vanished while the server could not be
// observed (and left no later scannedAt) are requested again, once per section. A GET refresh is
// safe to repeat, and the new watch again counts only what it sees finish.
void RequestLostScansAgain(SyncPlan& plan, const SyncContext& ctx, const std::vector<Activity>& running) {
  ScanWatching& w = plan.watching;
  std::set<std::string> running_now;
  for (const Activity& a : running) running_now.insert(a.uuid);
  std::vector<std::pair<std::string, SectionScanWatch>> renewed;
  for (const auto& [key, watch] : w.watches) {
    if (watch.finished() || watch.scans_lost() == 0 || w.requested_again.count(key)) continue;
    if (ctx.op.Cancelled() || SyncClock::now() >= plan.deadline) break;  // keep what was renewed
    w.requested_again.insert(key);
    int count = 0;
    int64_t requested_at = 0;
    for (PlannedScan& s : plan.scans) {
      if (!s.requested || s.result.section_key != key) continue;
      Result<HttpResponse> sent = RequestScan(ctx, s);
      if (!sent.ok()) continue;  // the old watch stays: not seen to finish means timed out
      ++count;
      requested_at = std::max(requested_at, ServerTimeOf(*sent));
      s.result.message = "requested again: the first scan vanished while the server could not be "
                         "reached (restarted?)";
    }
    ctx.op.Log(PD_LOG_WARN, fmt::format("library {}: {} scan(s) vanished while the server could not be "
                                        "reached; requested {} again", key, watch.scans_lost(), count));
    if (count > 0) renewed.emplace_back(key, SectionScanWatch(key, count, running_now, requested_at));
  }
  for (auto& [key, watch] : renewed) {
    w.watches.erase(key);
    w.watches.emplace(key, std::move(watch));
  }
}

void WaitByPolling(SyncPlan& plan, const SyncContext& ctx) {
  auto interval = ctx.tuning.poll_initial;
  while (!plan.watching.AllFinished() && SyncClock::now() < plan.deadline) {
    if (!SleepUntil(ctx.op, std::min(plan.deadline, SyncClock::now() + interval))) {
      plan.cancelled = true;
      return;
    }
    if (std::optional<std::vector<Activity>> running = Poll(plan.watching, ctx)) {
      RequestLostScansAgain(plan, ctx, *running);
      ReportProgress(plan.watching, ctx);
    } else {
      OnGap(plan.watching);
    }
    interval = NextPollInterval(interval, ctx.tuning.poll_max);
  }
}

void WaitWithWebsocket(SyncPlan& plan, const SyncContext& ctx) {
  ScanWatching& w = plan.watching;
  while (!w.AllFinished() && SyncClock::now() < plan.deadline) {
    if (ctx.op.Cancelled()) {
      plan.cancelled = true;
      return;
    }
    std::vector<Notification> arrived;
    const auto slice = std::min(plan.deadline, SyncClock::now() + std::chrono::milliseconds(100));
    const bool connected = w.queue->WaitUntil(slice, &arrived);
    for (const Notification& n : arrived) {
      for (const ActivityEvent& e : n.activities) {
        for (auto& [key, watch] : w.watches) watch.OnActivityEvent(e);
      }
    }
    if (!arrived.empty()) ReportProgress(w, ctx);
    if (!connected) {
      ctx.op.Log(PD_LOG_INFO, w.queue->dropped() > 0
                                  ? "notifications arrived faster than the sync read them; following the "
                                    "scans by polling"
                                  : "websocket lost during the sync; following the scans by polling");
      w.queue.reset();
      OnGap(w);  // what happens until the first poll is not seen
      return WaitByPolling(plan, ctx);
    }
  }
}

}  // namespace

SyncPlan WaitForScans(SyncPlan plan, const SyncContext& ctx) {
  if (plan.watching.watches.empty() || plan.cancelled) return plan;
  if (plan.watching.queue && plan.watching.queue->connected()) {
    WaitWithWebsocket(plan, ctx);
  } else {
    WaitByPolling(plan, ctx);
  }
  return plan;
}

}  // namespace plexdriver
