#include "sync/sync_report.h"

#include <fmt/format.h>

namespace plexdriver {

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
    c.result.message = c.refresh_only ? fmt::format("dry run: item {} would be refreshed, nothing was",
                                                    c.before->rating_key)
                                      : "dry run: nothing was scanned";
  }
  for (PlannedScan& s : plan.scans) s.result.status = ChangeStatus::kSkipped;
  return ReportSync(std::move(plan), ctx);
}

}  // namespace plexdriver
