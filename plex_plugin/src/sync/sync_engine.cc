#include "sync/sync_engine.h"

#include "net/request_deadline.h"
#include "sync/artwork_advice.h"
#include "sync/artwork_push.h"
#include "sync/field_edits.h"
#include "sync/item_lookup.h"
#include "sync/item_refresh.h"
#include "sync/item_verify.h"
#include "sync/playback_gate.h"
#include "sync/provider_items.h"
#include "sync/push_planning.h"
#include "sync/resolve_changes.h"
#include "sync/safety_gate.h"
#include "sync/scan_coalescing.h"
#include "sync/scan_outcome.h"
#include "sync/scan_requests.h"
#include "sync/scan_wait.h"
#include "sync/sync_plan.h"
#include "sync/sync_report.h"
#include "sync/trash_emptying.h"

namespace plexdriver {

Result<SyncResult> RunSync(const SyncRequest& request, const SyncContext& ctx) {
  SyncPlan start = SyncPlan::Start(request, ctx.client->transport().RequestCount());
  RequestDeadline requests_end_in_time(start.deadline);  // every HTTP request of this sync ends by then
  Result<SyncPlan> resolved = ResolveChanges(std::move(start), ctx);
  if (!resolved.ok()) return resolved.status();
  SyncPlan plan = AdviseLocalArtwork(std::move(resolved).value(), ctx);
  plan = ApplySafetyGate(std::move(plan), ctx);
  plan = LookUpItems(std::move(plan), ctx);
  plan = PlanItemPushes(std::move(plan), ctx);
  plan = CheckProvidedItems(std::move(plan), ctx);
  plan = HoldBackWatchedChanges(std::move(plan), ctx);
  plan = CoalesceScans(std::move(plan), ctx);
  plan = HoldBackWatchedScans(std::move(plan));
  if (plan.options.dry_run) return ReportDryRun(std::move(plan), ctx);
  plan = RequestScans(std::move(plan), ctx);
  plan = WaitForScans(std::move(plan), ctx);
  plan = SettleScans(std::move(plan));
  plan = RefreshItems(std::move(plan), ctx);
  plan = ConfirmProvidedItems(std::move(plan), ctx);
  plan = PushArtwork(std::move(plan), ctx);
  plan = EditFields(std::move(plan), ctx);
  plan = VerifyItems(std::move(plan), ctx);
  plan = PlanAddedItemPushes(std::move(plan), ctx);
  plan = PushArtwork(std::move(plan), ctx);
  plan = EmptyTrash(std::move(plan), ctx);
  return ReportSync(std::move(plan), ctx);
}

}  // namespace plexdriver
