#include "sync/item_refresh.h"

#include <map>

#include <fmt/format.h>

#include "sync/stage_support.h"

namespace plexdriver {
namespace {

// The changes waiting on each item's refresh, and how they end.
class RefreshBatch {
 public:
  explicit RefreshBatch(SyncPlan& plan) : plan_(plan) {
    for (size_t i = 0; i < plan.changes.size(); ++i) {
      const ChangeState& c = plan.changes[i];
      if (c.refresh_only && !c.settled) by_item_[c.before->rating_key].push_back(i);
    }
  }
  bool empty() const { return by_item_.empty(); }
  const std::map<std::string, std::vector<size_t>>& items() const { return by_item_; }
  // The item as the lookup found it, and its library.
  const LibraryItem& Before(const std::string& key) const { return *First(key).before; }
  const std::string& Section(const std::string& key) const { return First(key).item_section; }

  void Finish(const std::string& key, ChangeStatus status, const std::string& message, const LibraryItem* after) {
    const LibraryItem& before = Before(key);
    for (size_t i : by_item_.at(key)) {
      ChangeResult& cr = plan_.changes[i].result;
      cr.status = status;
      cr.message = message;
      cr.item = ItemRef{before.rating_key, before.type, before.title, "refreshed", before.updated_at,
                        after ? after->updated_at : 0, before.thumb, after ? after->thumb : ""};
      cr.elapsed_ms = plan_.ElapsedMs();
    }
  }

 private:
  const ChangeState& First(const std::string& key) const { return plan_.changes[by_item_.at(key).front()]; }

  SyncPlan& plan_;
  std::map<std::string, std::vector<size_t>> by_item_;  // rating key → changes
};

// Requests every refresh; returns the keys Plex accepted (the others are finished).
std::vector<std::string> RequestRefreshes(SyncPlan& plan, const SyncContext& ctx, RefreshBatch& batch) {
  std::vector<std::string> pending;
  for (const auto& [key, indices] : batch.items()) {
    if (plan.cancelled || ctx.op.Cancelled()) {
      plan.cancelled = true;
      batch.Finish(key, ChangeStatus::kCancelled, "cancelled before the item refresh was requested", nullptr);
      continue;
    }
    const std::string target =
        fmt::format("/library/metadata/{}/refresh{}", key, plan.options.force_refresh ? "?force=1" : "");
    Result<HttpResponse> sent = ctx.client->Call("PUT", target);
    if (!sent.ok()) {
      batch.Finish(key, StatusOfFailedCheck(sent.status()), "the item refresh was refused: " + sent.status().message(),
                   nullptr);
      continue;
    }
    pending.push_back(key);
  }
  return pending;
}

}  // namespace

SyncPlan RefreshItems(SyncPlan plan, const SyncContext& ctx) {
  RefreshBatch batch(plan);
  if (batch.empty()) return plan;
  // Every refresh is requested first (Plex queues them), then all are watched together: a batch
  // of items costs one request per item plus one per poll round, not a wait per item.
  std::vector<std::string> pending = RequestRefreshes(plan, ctx, batch);
  std::map<std::string, LibraryItem> last_seen;
  auto interval = ctx.tuning.poll_initial;
  while (!pending.empty() && SyncClock::now() < plan.deadline) {
    if (!SleepUntil(ctx.op, std::min(plan.deadline, SyncClock::now() + interval))) {
      plan.cancelled = true;
      break;
    }
    Result<std::map<std::string, LibraryItem>> fetched = ItemCatalog::FetchMany(*ctx.client, pending);
    if (fetched.ok()) {
      std::vector<std::string> still;
      for (const std::string& key : pending) {
        auto it = fetched->find(key);
        const LibraryItem& before = batch.Before(key);
        if (it == fetched->end()) {
          batch.Finish(key, ChangeStatus::kFailed,
                       fmt::format("Plex no longer has item {} (\"{}\") after its refresh was requested", key,
                                   before.title),
                       nullptr);
          ctx.catalog->Forget(batch.Section(key), key);
          continue;
        }
        last_seen[key] = it->second;
        if (it->second.updated_at > before.updated_at || it->second.thumb != before.thumb) {
          ctx.catalog->Put(batch.Section(key), it->second);
          batch.Finish(key, ChangeStatus::kCompleted, "", &it->second);
        } else {
          still.push_back(key);
        }
      }
      pending = std::move(still);
    }
    interval = NextPollInterval(interval, ctx.tuning.poll_max);
  }
  for (const std::string& key : pending) {
    auto seen = last_seen.find(key);
    const LibraryItem* after = seen == last_seen.end() ? nullptr : &seen->second;
    if (plan.cancelled) {
      batch.Finish(key, ChangeStatus::kCancelled, "cancelled while waiting for the item refresh; it was requested",
                   after);
    } else {
      batch.Finish(key, ChangeStatus::kTimedOut,
                   fmt::format("Plex did not show item {} (\"{}\") re-read within {} s; the refresh was requested "
                               "and may still run", key, batch.Before(key).title, plan.options.timeout_seconds),
                   after);
    }
  }
  return plan;
}

}  // namespace plexdriver
