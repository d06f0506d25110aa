#include "sync/playback_gate.h"

#include <algorithm>

#include <fmt/format.h>

#include "playback/skip_policy.h"

namespace plexdriver {
namespace {

// Who is watching, into plan.active. When that cannot be told, nobody is (and a warning says so):
// plan.skip_active still names the policy the sync ran under.
void LoadPlayback(SyncPlan& plan, const SyncContext& ctx) {
  plan.skip_active = plan.options.skip_active.value_or(ctx.skip_active);
  if (plan.skip_active == SkipActive::kNever) return;
  const char* policy = SkipActiveName(plan.skip_active);
  if (!ctx.playback) {
    plan.warnings.push_back(fmt::format("skip_active is \"{}\" but this instance cannot see playback; "
                                        "nothing was held back", policy));
    return;
  }
  Result<std::vector<PlaybackSession>> active = ctx.playback->ActivePlayback();
  if (!active.ok()) {
    plan.warnings.push_back(fmt::format("could not check active playback ({}); nothing was held back",
                                        active.status().message()));
    return;
  }
  plan.active = std::move(active).value();
}

void Defer(SyncPlan& plan, size_t i, const PlaybackSession& session, const char* policy) {
  ChangeState& c = plan.changes[i];
  c.result.status = ChangeStatus::kDeferred;
  c.result.message = fmt::format("{} (skip_active \"{}\"); nothing was scanned or refreshed for it; sync "
                                 "it again once playback stops", DescribeSession(session), policy);
  c.result.blocked_by = session;
  c.result.scanned.clear();
  c.settled = true;
}

}  // namespace

SyncPlan HoldBackWatchedChanges(SyncPlan plan, const SyncContext& ctx) {
  LoadPlayback(plan, ctx);
  if (plan.skip_active == SkipActive::kNever || plan.active.empty()) return plan;
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    const ChangeState& c = plan.changes[i];
    if (c.settled) continue;
    PlaybackTarget target;
    target.section_ids = c.section_keys;
    if (c.before) {
      for (const std::string* key : {&c.before->rating_key, &c.before->parent_key, &c.before->grandparent_key}) {
        if (!key->empty()) target.rating_keys.push_back(*key);
      }
    }
    if (auto session = FindBlockingSession(plan.skip_active, target, plan.active, plan.server.style)) {
      Defer(plan, i, *session, SkipActiveName(plan.skip_active));
    }
  }
  return plan;
}

SyncPlan HoldBackWatchedScans(SyncPlan plan) {
  if (plan.skip_active != SkipActive::kItem || plan.active.empty()) return plan;
  for (auto it = plan.scans.begin(); it != plan.scans.end();) {
    PlaybackTarget target;
    target.section_ids = {it->result.section_key};
    target.server_folder = it->result.path;
    target.whole_section = it->result.full_section;
    std::optional<PlaybackSession> session =
        FindBlockingSession(plan.skip_active, target, plan.active, plan.server.style);
    if (!session) {
      ++it;
      continue;
    }
    for (size_t i : it->change_indices) {
      if (!plan.changes[i].settled) Defer(plan, i, *session, SkipActiveName(plan.skip_active));
    }
    it = plan.scans.erase(it);
  }
  // A change covered by several scans keeps none once any of them is held back.
  for (PlannedScan& scan : plan.scans) {
    auto deferred = [&](size_t i) { return plan.changes[i].result.status == ChangeStatus::kDeferred; };
    scan.change_indices.erase(std::remove_if(scan.change_indices.begin(), scan.change_indices.end(), deferred),
                              scan.change_indices.end());
  }
  plan.scans.erase(std::remove_if(plan.scans.begin(), plan.scans.end(),
                                  [](const PlannedScan& scan) { return scan.change_indices.empty(); }),
                   plan.scans.end());
  return plan;
}

}  // namespace plexdriver
