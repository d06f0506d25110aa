#include "sync/scan_outcome.h"

#include <fmt/format.h>

#include "sync/stage_support.h"

namespace plexdriver {
namespace {

void SettleScan(PlannedScan& s, const ScanWatching& w, bool cancelled, double timeout_seconds,
                SyncClock::time_point now) {
  if (!s.requested) {
    if (s.result.message.empty()) {
      s.result.status = ChangeStatus::kCancelled;
      s.result.message = "cancelled before the scan was requested";
    }
    return;
  }
  auto it = w.watches.find(s.result.section_key);
  const SectionScanWatch* watch = it == w.watches.end() ? nullptr : &it->second;
  s.result.elapsed_ms = MillisBetween(s.started, now);
  if (watch && watch->finished()) {
    s.result.status = ChangeStatus::kCompleted;
    s.result.observed_via = watch->observed_via();
  } else if (cancelled) {
    s.result.status = ChangeStatus::kCancelled;
    s.result.message = "cancelled while waiting for Plex; the scan was requested and may still run";
  } else {
    s.result.status = ChangeStatus::kTimedOut;
    const int lost = watch ? watch->scans_lost() : 0;
    s.result.message = fmt::format(
        "Plex did not report the scan as finished within {} s (saw {} of its scans start, {} end{}); it "
        "may still be running", timeout_seconds, watch ? watch->scans_seen() : 0, watch ? watch->scans_ended() : 0,
        lost ? fmt::format(", {} vanish while the server could not be reached", lost) : "");
  }
}

}  // namespace

SyncPlan SettleScans(SyncPlan plan) {
  const SyncClock::time_point now = SyncClock::now();
  for (PlannedScan& s : plan.scans) {
    SettleScan(s, plan.watching, plan.cancelled, plan.options.timeout_seconds, now);
  }
  // A change takes the worst status of the scans covering it (the first such scan's message).
  std::vector<ChangeStatus> worst(plan.changes.size(), ChangeStatus::kCompleted);
  std::vector<const std::string*> message(plan.changes.size(), nullptr);
  for (const PlannedScan& s : plan.scans) {
    for (size_t i : s.change_indices) {
      if (s.result.status > worst[i]) {
        worst[i] = s.result.status;
        message[i] = &s.result.message;
      }
    }
  }
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    ChangeState& c = plan.changes[i];
    if (c.settled || c.ItemLevel()) continue;
    c.result.status = worst[i];
    c.result.message = message[i] ? *message[i] : std::string();
    c.result.elapsed_ms = MillisBetween(plan.start, now);
  }
  return plan;
}

}  // namespace plexdriver
