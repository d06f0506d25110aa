#include "sync/artwork_advice.h"

#include <algorithm>

#include "planning/artwork_names.h"
#include "sync/stage_support.h"

namespace plexdriver {

SyncPlan AdviseLocalArtwork(SyncPlan plan, const SyncContext& ctx) {
  if (!ctx.local_artwork) return plan;
  for (ChangeState& c : plan.changes) {
    ChangeResult& cr = c.result;
    if (c.settled || cr.kind == ChangeKind::kRemoved) continue;
    const bool image = IsArtworkImage(ManagerFileName(cr.path));
    if (!image && cr.kind != ChangeKind::kUpdated) continue;
    for (const std::string& key : c.section_keys) {
      const LibrarySection* section = plan.server.Section(key);
      if (!section) continue;
      std::optional<LocalArtworkAssessment> a = ctx.local_artwork->LocalArtwork(*section);
      if (!a || a->advice.empty() || a->state == LocalArtwork::kNotApplicable) continue;
      if (std::find(cr.advice.begin(), cr.advice.end(), a->advice) == cr.advice.end()) cr.advice.push_back(a->advice);
    }
  }
  return plan;
}

}  // namespace plexdriver
