#include "sync/item_verify.h"

#include <map>

#include <fmt/format.h>

#include "sync/stage_support.h"

namespace plexdriver {
namespace {

// A removed item must be gone, or in the trash (its files gone; Plex keeps it until emptyTrash).
void VerifyRemoved(ChangeState& c, const SyncContext& ctx) {
  ChangeResult& cr = c.result;
  const LibraryItem& before = *c.before;
  Result<std::optional<LibraryItem>> now = ItemCatalog::Fetch(*ctx.client, before.rating_key);
  ItemRef ref{before.rating_key, before.type, before.title, "", before.updated_at, 0, before.thumb, ""};
  if (!now.ok()) {
    cr.status = StatusOfFailedCheck(now.status());
    cr.message = "the scan finished, but checking the item failed: " + now.status().message();
  } else if (!*now) {
    ref.action = "removed";
    ctx.catalog->Forget(c.item_section, before.rating_key);
  } else if ((*now)->deleted_at != 0) {
    ref.action = "trashed";
    ref.updated_at_after = (*now)->updated_at;
    ctx.catalog->Put(c.item_section, **now);
  } else {
    cr.status = ChangeStatus::kFailed;
    cr.message = fmt::format("the scan finished, but Plex still lists item {} (\"{}\") as present; are its files "
                             "really gone on the server's side?", before.rating_key, before.title);
  }
  cr.item = ref;
}

// An added path must now be an item of one of its libraries (each listed at most once a sync).
void VerifyPresent(ChangeState& c, const ServerView& server, const SyncContext& ctx,
                   std::map<std::string, Status>& relisted) {
  ChangeResult& cr = c.result;
  std::optional<LibraryItem> found;
  bool whole_library = false;
  for (const std::string& key : c.section_keys) {
    if (server.IsLocationRoot(key, cr.server_path)) {
      whole_library = true;
      continue;
    }
    const LibrarySection* section = server.Section(key);
    if (!section) continue;
    auto listed = relisted.find(key);
    if (listed == relisted.end()) {
      listed = relisted.emplace(key, ctx.catalog->Update(*ctx.client, *section, server.style)).first;
    }
    if (!listed->second.ok()) {  // every change in that library, not only the first
      cr.status = StatusOfFailedCheck(listed->second);
      cr.message = "the scan finished, but listing the library to confirm the item failed: " + listed->second.message();
      break;
    }
    if ((found = ctx.catalog->Find(key, cr.server_path))) {
      c.found = found;
      c.found_section = key;
      break;
    }
  }
  if (cr.status != ChangeStatus::kCompleted || whole_library) return;
  if (found) {
    cr.item = ItemRef{found->rating_key, found->type, found->title, "confirmed", 0, found->updated_at, "", found->thumb};
  } else {
    cr.status = ChangeStatus::kFailed;
    cr.message = fmt::format("the scan finished, but Plex has no item for \"{}\": it was scanned but not found in "
                             "the library, usually a naming or agent problem (check the folder and file names "
                             "against Plex's naming rules)", cr.server_path);
  }
}

}  // namespace

SyncPlan VerifyItems(SyncPlan plan, const SyncContext& ctx) {
  if (!ctx.catalog) return plan;
  std::map<std::string, Status> relisted;  // section key -> how listing it went
  for (ChangeState& c : plan.changes) {
    if (c.settled || c.ItemLevel() || c.result.status != ChangeStatus::kCompleted) continue;
    if (c.change.kind == ChangeKind::kRemoved) {
      if (c.before) VerifyRemoved(c, ctx);  // nothing was known at that path: nothing to verify
    } else {
      VerifyPresent(c, plan.server, ctx, relisted);
    }
  }
  return plan;
}

}  // namespace plexdriver
