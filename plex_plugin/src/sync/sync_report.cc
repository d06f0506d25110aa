#include "sync/sync_report.h"

#include <fmt/format.h>

namespace plexdriver {

namespace {

std::string DryRunMessage(const ChangeState& c) {
  if (c.refresh_only) return fmt::format("dry run: item {} would be refreshed, nothing was", c.before->rating_key);
  if (!c.ItemLevel()) return "dry run: nothing was scanned";
  std::vector<std::string> what;
  if (!c.pushes.empty()) what.push_back(fmt::format("{} image(s) would be uploaded", c.pushes.size()));
  if (c.edit_fields) what.push_back("the NFO's fields would be set and locked");
  if (c.unlock) what.push_back("its fields and artwork would be unlocked");
  std::string joined;
  for (const std::string& w : what) joined += (joined.empty() ? "" : " and ") + w;
  return fmt::format("dry run: for item {} {}; nothing was", c.before->rating_key, joined);
}

}  // namespace

SyncResult ReportSync(SyncPlan plan, const SyncContext& ctx) {
  SyncResult result;
  result.changes.reserve(plan.changes.size());
  for (ChangeState& c : plan.changes) result.changes.push_back(std::move(c.result));
  for (PlannedScan& s : plan.scans) result.scans.push_back(std::move(s.result));
  result.dry_run = plan.options.dry_run;
  result.waited = true;
  result.cancelled = plan.cancelled;
  result.skip_active = SkipActiveName(plan.skip_active);
  result.warnings = std::move(plan.warnings);
  result.trash = std::move(plan.trash);
  result.elapsed_ms = plan.ElapsedMs();
  result.http_requests = ctx.client->transport().RequestCount() - plan.requests_before;
  return result;
}

SyncResult ReportDryRun(SyncPlan plan, const SyncContext& ctx) {
  for (ChangeState& c : plan.changes) {
    if (c.settled) continue;
    c.result.status = ChangeStatus::kSkipped;
    c.result.message = DryRunMessage(c);
    for (const PlannedPush& p : c.pushes) {
      ArtworkPush push;
      push.file = p.file;
      push.element = ElementField(p.role.element);
      push.target = DescribeRole(p.role);
      push.rating_key = p.rating_key;
      push.action = "skipped";
      c.result.artwork.push_back(std::move(push));
    }
  }
  for (PlannedScan& s : plan.scans) s.result.status = ChangeStatus::kSkipped;
  return ReportSync(std::move(plan), ctx);
}

}  // namespace plexdriver
