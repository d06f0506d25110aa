#include "sync/trash_emptying.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include "sync/stage_support.h"

namespace plexdriver {
namespace {

// Plex empties the trash in the background: waits until none of `rating_keys` is listed (or the
// sync ends); returns those still listed. One request a round for all of them.
std::set<std::string> WaitUntilGone(std::set<std::string> left, const SyncPlan& plan, const SyncContext& ctx) {
  auto interval = ctx.tuning.poll_initial;
  while (!left.empty() && SyncClock::now() < plan.deadline) {
    if (!SleepUntil(ctx.op, std::min(plan.deadline, SyncClock::now() + interval))) break;
    // An answer that failed keeps them all for the next round.
    Result<std::map<std::string, LibraryItem>> listed =
        ItemCatalog::FetchMany(*ctx.client, std::vector<std::string>(left.begin(), left.end()));
    if (listed.ok()) {
      for (auto it = left.begin(); it != left.end();) it = listed->count(*it) ? std::next(it) : left.erase(it);
    }
    interval = NextPollInterval(interval, ctx.tuning.poll_max);
  }
  return left;
}

// Empties one library's trash for the changes in `indices` (their items are trashed there).
TrashResult EmptyLibraryTrash(SyncPlan& plan, const SyncContext& ctx, const LibrarySection& section,
                              const std::vector<size_t>& indices) {
  TrashResult t;
  t.section_key = section.key;
  t.section_title = section.title;
  auto note = [&](const std::string& message) {
    t.message = message;
    for (size_t i : indices) plan.changes[i].result.advice.push_back(message);
  };
  Result<size_t> count = ctx.catalog->Relist(*ctx.client, section, plan.server.style);
  if (!count.ok()) {
    note(fmt::format("the trash of library \"{}\" was not emptied: counting it failed ({})", section.title,
                     count.status().message()));
    return t;
  }
  t.items = static_cast<int64_t>(*count);
  if (*count > static_cast<size_t>(ctx.empty_trash_max_items)) {
    note(fmt::format("the trash of library \"{}\" holds {} items, more than empty_trash_max_items ({}), so it was "
                     "not emptied: a trash that full usually means storage went offline, and emptying it would "
                     "delete those items and their watch history. Check the storage, then empty the trash in "
                     "Plex yourself (or raise empty_trash_max_items)",
                     section.title, *count, ctx.empty_trash_max_items));
    plan.warnings.push_back(t.message);
    return t;
  }
  if (Result<HttpResponse> sent = ctx.client->Call("PUT", "/library/sections/" + section.key + "/emptyTrash");
      !sent.ok()) {
    note(fmt::format("emptying the trash of library \"{}\" was refused: {}", section.title, sent.status().message()));
    return t;
  }
  std::set<std::string> trashed;
  for (size_t i : indices) trashed.insert(plan.changes[i].result.item->rating_key);
  const std::set<std::string> left = WaitUntilGone(std::move(trashed), plan, ctx);
  for (size_t i : indices) {
    ItemRef& item = *plan.changes[i].result.item;
    if (left.count(item.rating_key)) continue;
    item.action = "removed";
    ctx.catalog->Forget(section.key, item.rating_key);
  }
  t.emptied = left.empty();
  if (!t.emptied) {
    note(fmt::format("emptyTrash was requested for library \"{}\", but Plex still listed {} of the removed items "
                     "when the sync ended", section.title, left.size()));
  }
  return t;
}

}  // namespace

SyncPlan EmptyTrash(SyncPlan plan, const SyncContext& ctx) {
  if (!ctx.empty_trash || !ctx.catalog) return plan;
  std::map<std::string, std::vector<size_t>> trashed;  // section key → changes whose item is trashed
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    const ChangeResult& cr = plan.changes[i].result;
    if (cr.status == ChangeStatus::kCompleted && cr.item && cr.item->action == "trashed") {
      trashed[plan.changes[i].item_section].push_back(i);
    }
  }
  for (const auto& [key, indices] : trashed) {
    const LibrarySection* section = plan.server.Section(key);
    if (!section) continue;
    TrashResult t = EmptyLibraryTrash(plan, ctx, *section, indices);
    plan.trash.push_back(std::move(t));
  }
  return plan;
}

}  // namespace plexdriver
