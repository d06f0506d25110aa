#include "sync/resolve_changes.h"

#include "planning/artwork_names.h"
#include "planning/section_resolver.h"
#include "sync/stage_support.h"

namespace plexdriver {
namespace {

Status LoadSections(const SyncContext& ctx, bool force, ServerView* view) {
  Result<std::vector<LibrarySection>> sections = ctx.sections->Sections(force);
  if (!sections.ok()) return sections.status();
  view->sections = std::move(sections).value();
  view->fresh = view->fresh || force;
  view->style = DetectServerPathStyle(ctx.server_platform, view->sections);
  return Status::Ok();
}

}  // namespace

Result<SyncPlan> ResolveChanges(SyncPlan plan, const SyncContext& ctx) {
  if (Status s = LoadSections(ctx, /*force=*/false, &plan.server); !s.ok()) return s;
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    ChangeState& c = plan.changes[i];
    ChangeResult& cr = c.result;
    if (auto advice = ArtworkNameAdvice(ManagerFileName(c.change.path))) cr.advice.push_back(std::move(*advice));
    Result<MappedPath> mapped = ctx.mapper->ToServer(c.change.path);
    if (!mapped.ok()) {
      plan.Fail(i, mapped.status().message());
      continue;
    }
    cr.server_path = mapped->server_path;
    Result<std::vector<SectionMatch>> matches =
        SectionResolver(plan.server.sections, plan.server.style).Resolve(cr.server_path, c.change.path);
    if (!matches.ok() && !plan.server.fresh) {
      // A library added or changed in Plex since the cache was filled: re-read once.
      if (LoadSections(ctx, /*force=*/true, &plan.server).ok()) {
        matches = SectionResolver(plan.server.sections, plan.server.style).Resolve(cr.server_path, c.change.path);
      }
    }
    if (!matches.ok()) {
      plan.Fail(i, matches.status().message());
      continue;
    }
    for (const SectionMatch& m : *matches) {
      cr.sections.push_back({m.section_key, m.section_title});
      c.section_keys.push_back(m.section_key);
    }
  }
  return plan;
}

}  // namespace plexdriver
