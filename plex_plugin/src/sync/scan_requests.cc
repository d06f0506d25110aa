#include "sync/scan_requests.h"

#include <algorithm>

#include <fmt/format.h>

#include "planning/url_encoding.h"
#include "plex/pms_parser.h"
#include "plex/server_clock.h"
#include "sync/stage_support.h"

namespace plexdriver {
namespace {

std::string RefreshTarget(const PlannedScan& scan) {
  std::string target = fmt::format("/library/sections/{}/refresh", scan.result.section_key);
  if (!scan.result.full_section) target += "?path=" + PercentEncode(scan.result.path);
  return target;
}

// Polling cannot always catch a short scan's activity, so it also accepts the section's
// scannedAt moving past its value before the request. scannedAt counts whole seconds: a scan
// requested in the same server second as the previous one could end without moving it. So when
// the previous scan ended in the current server second (by the response's Date header), the
// requests wait for the next second; then "scannedAt moved" is proof again.
void TakeScannedAtBaseline(SyncPlan& plan, const SyncContext& ctx) {
  Result<HttpResponse> listing = ctx.client->Get("/library/sections");
  if (!listing.ok()) return;
  const SyncClock::time_point received = SyncClock::now();
  Result<std::vector<LibrarySection>> sections = ParseSections(listing->body);
  if (!sections.ok()) return;
  plan.server.sections = std::move(sections).value();
  int64_t latest = 0;
  for (const LibrarySection& s : plan.server.sections) {
    plan.watching.scanned_at_before[s.key] = s.scanned_at;
    for (const PlannedScan& scan : plan.scans) {
      if (scan.result.section_key == s.key) latest = std::max(latest, s.scanned_at);
    }
  }
  const int64_t server_now = ServerTimeOf(*listing);
  if (latest < server_now) return;
  SleepUntil(ctx.op, received + std::chrono::milliseconds(1000 * (latest - server_now + 1) + 20));
}

// Polling needs a baseline: activities already running and each section's last scan time.
void TakePollingBaseline(SyncPlan& plan, const SyncContext& ctx) {
  if (Result<HttpResponse> activities = ctx.client->Get("/activities"); activities.ok()) {
    if (auto list = ParseActivities(activities->body); list.ok()) {
      for (const Activity& a : *list) plan.watching.running_before.insert(a.uuid);
    }
  }
  TakeScannedAtBaseline(plan, ctx);
}

}  // namespace

Result<HttpResponse> RequestScan(const SyncContext& ctx, const PlannedScan& scan) {
  RetryPolicy policy;
  policy.attempts = ctx.tuning.scan_request_attempts;
  policy.backoff = ctx.tuning.retry_backoff;
  policy.stop = [&ctx] { return ctx.op.Cancelled(); };
  Result<HttpResponse> sent = ctx.client->GetRetrying(RefreshTarget(scan), policy);
  const Status& last = sent.status();
  if (last.code() == PD_ERR_NOT_FOUND) {
    return Status(PD_ERR_NOT_FOUND,
                  last.message() + ". Plex refused the scan request; on PMS 1.32.7 only GET works "
                                   "for refresh, and the section may have been deleted",
                  last.detail());
  }
  return sent;
}

SyncPlan RequestScans(SyncPlan plan, const SyncContext& ctx) {
  ScanWatching& w = plan.watching;
  if (ctx.hub) {
    ctx.hub->EnsureStarted();
    if (ctx.hub->WaitConnected(ctx.tuning.websocket_connect_wait)) w.queue = ctx.hub->Subscribe();
  }
  if (!w.queue || !w.queue->connected()) TakePollingBaseline(plan, ctx);
  struct Requested {
    int scans = 0;
    int64_t at = 0;  // server time of the last scan request
  };
  std::map<std::string, Requested> requested;  // by section key
  for (PlannedScan& s : plan.scans) {
    if (ctx.op.Cancelled()) {
      plan.cancelled = true;
      break;
    }
    s.started = SyncClock::now();
    Result<HttpResponse> sent = RequestScan(ctx, s);
    if (!sent.ok()) {
      // Out of time: the request may have reached Plex, so not seen to finish, not refused.
      s.result.status = StatusOfFailedCheck(sent.status());
      s.result.message = sent.status().message();
      continue;
    }
    s.requested = true;
    Requested& r = requested[s.result.section_key];
    ++r.scans;
    r.at = std::max(r.at, ServerTimeOf(*sent));
  }
  for (const auto& [key, r] : requested) {
    // Without a polling baseline (websocket mode), only a scannedAt later than the request's
    // second proves a scan ended after it, should the websocket drop and polling take over.
    auto baseline = w.scanned_at_before.find(key);
    w.watches.emplace(key, SectionScanWatch(key, r.scans, w.running_before,
                                            baseline != w.scanned_at_before.end() ? baseline->second : r.at));
  }
  return plan;
}

}  // namespace plexdriver
