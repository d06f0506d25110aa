#include "sync/push_planning.h"

#include <algorithm>

#include <cctype>

#include <fmt/format.h>

#include "planning/artwork_roles.h"
#include "sync/item_nfo.h"
#include "sync/provider_items.h"
#include "sync/stage_support.h"

namespace plexdriver {
namespace {

std::string LowerExtension(std::string_view name) {
  const size_t dot = name.find_last_of('.');
  std::string ext(dot == std::string_view::npos ? std::string_view() : name.substr(dot));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ext;
}

std::string LowerStem(std::string_view name) {
  std::string stem(name.substr(0, name.find_last_of('.')));
  for (char& c : stem) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return stem;
}

bool IsNfo(const std::string& name) {
  return LowerExtension(name) == ".nfo";
}

// True when one of the item's media files has `image`'s name but for the extension.
bool NamedAfterVideo(const LibraryItem& item, const std::string& image) {
  const std::string stem = LowerStem(ManagerFileName(image));
  for (const std::string& file : item.files) {
    if (LowerStem(ManagerFileName(file)) == stem) return true;
  }
  return false;
}

// Whether `mode` pushes artwork into the item's library.
bool Pushes(ArtworkMode mode, const SyncPlan& plan, const ChangeState& c, const SyncContext& ctx) {
  if (mode != ArtworkMode::kAuto) return mode == ArtworkMode::kPush;
  if (!ctx.local_artwork) return false;  // cannot tell: the item refresh, as without push
  const LibrarySection* section = plan.server.Section(c.item_section);
  if (!section) return false;
  std::optional<LocalArtworkAssessment> a = ctx.local_artwork->LocalArtwork(*section);
  return !a || a->state != LocalArtwork::kRead;
}

// Where an image of `role` beside `item` goes; `problem` says why nowhere.
PlannedPush Target(const std::string& file, const ArtworkRole& role, const LibraryItem& item,
                   const std::string& section, const SyncContext& ctx, std::string* problem) {
  PlannedPush p{file, role, item.rating_key, item.type, section};
  if (!role.season) return p;
  const std::string show = item.type == "show" ? item.rating_key : item.type == "season" ? item.parent_key
                                                                                          : item.grandparent_key;
  std::optional<LibraryItem> season = ctx.catalog ? ctx.catalog->Season(section, show, *role.season) : std::nullopt;
  if (!season) {
    *problem = fmt::format("Plex has no {} for \"{}\" (item {}): no episode of it is in the library; nothing was "
                           "uploaded for \"{}\"", *role.season == 0 ? std::string("specials season")
                                                                    : fmt::format("season {}", *role.season),
                           item.title, show, file);
    return p;
  }
  p.rating_key = season->rating_key;
  p.item_type = "season";
  return p;
}

// A pushed image does not depend on the library reading local artwork: the advice to turn that
// on ("… then sync again") would mislead.
void DropLocalArtworkAdvice(const SyncPlan& plan, const SyncContext& ctx, ChangeState& c) {
  if (!ctx.local_artwork) return;
  for (const std::string& key : c.section_keys) {
    const LibrarySection* section = plan.server.Section(key);
    std::optional<LocalArtworkAssessment> a = section ? ctx.local_artwork->LocalArtwork(*section) : std::nullopt;
    if (!a) continue;
    auto& advice = c.result.advice;
    advice.erase(std::remove(advice.begin(), advice.end(), a->advice), advice.end());
  }
}

// The images a change names: the image itself, or those in the changed folder (`folder`: the
// path is one, as ManagerFiles::IsDirectory said).
std::vector<std::string> ImagesOf(const std::string& path, bool folder, const SyncContext& ctx) {
  std::vector<std::string> images;
  if (folder) {
    for (const std::string& name : ctx.files->List(path)) {
      if (ArtworkRoleOf(name)) images.push_back(InFolder(path, name));
    }
  } else if (ArtworkRoleOf(ManagerFileName(path))) {
    images.push_back(path);
  }
  return images;
}

// Plans the upload of each of `images`; false when one cannot go anywhere (the change failed,
// saying why).
bool PlanImagePushes(SyncPlan& plan, size_t i, const std::vector<std::string>& images, const SyncContext& ctx) {
  ChangeState& c = plan.changes[i];
  for (const std::string& image : images) {
    const ArtworkRole role = *ArtworkRoleOf(ManagerFileName(image));
    if (role.needs_video_name && !NamedAfterVideo(*c.before, image)) continue;
    std::string problem;
    PlannedPush push = Target(image, role, *c.before, c.item_section, ctx, &problem);
    if (!problem.empty()) {
      plan.Fail(i, problem);
      return false;
    }
    c.pushes.push_back(std::move(push));
  }
  return true;
}

// An added show's episode thumbnails (<episode file's name>-thumb.jpg beside that file, in the
// show's folder or one folder below it), each to the episode Plex now lists for that file.
void PlanEpisodeThumbnails(SyncPlan& plan, size_t i, const SyncContext& ctx) {
  ChangeState& c = plan.changes[i];
  const std::string sep = plan.server.style == PathStyle::kWindows ? "\\" : "/";
  std::vector<std::pair<std::string, std::string>> folders = {{c.change.path, c.result.server_path}};
  for (const std::string& name : ctx.files->ListFolders(c.change.path)) {
    folders.push_back({InFolder(c.change.path, name), c.result.server_path + sep + name});
  }
  for (const auto& [folder, server_folder] : folders) {
    const std::vector<std::string> names = ctx.files->List(folder);
    for (const std::string& image : names) {
      std::optional<ArtworkRole> role = ArtworkRoleOf(image);
      const std::string stem = LowerStem(image);
      if (!role || role->element != ArtworkElement::kPoster || role->season || stem.size() <= 6 ||
          stem.compare(stem.size() - 6, 6, "-thumb") != 0) {
        continue;
      }
      for (const std::string& video : names) {
        if (video == image || LowerStem(video) != stem.substr(0, stem.size() - 6)) continue;
        std::optional<LibraryItem> episode = ctx.catalog->Find(c.found_section, server_folder + sep + video);
        if (!episode || episode->type != "episode") continue;
        c.pushes.push_back({InFolder(folder, image), *role, episode->rating_key, "episode", c.found_section});
        break;
      }
    }
  }
}

}  // namespace

SyncPlan PlanItemPushes(SyncPlan plan, const SyncContext& ctx) {
  const ArtworkMode mode = plan.options.artwork_mode.value_or(ctx.artwork_mode);
  const bool lock = plan.options.lock_fields.value_or(ctx.lock_fields);
  const bool unlock = plan.options.unlock_fields;
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    ChangeState& c = plan.changes[i];
    if (c.settled || c.change.kind != ChangeKind::kUpdated || !c.before) continue;
    const LibrarySection* library = plan.server.Section(c.item_section);
    const bool folder = ctx.files->IsDirectory(c.change.path).value_or(false);
    // Refreshed: Plex asks the provider, which serves the NFO (and the artwork where it links
    // images; elsewhere the artwork is uploaded and locked after the refresh, since Plex could not
    // show a LAN link). An item without an NFO is not the provider's (its match is empty): pushed
    // as elsewhere.
    if (library && UsesDriverProvider(*library, ctx) && !unlock) {
      std::string nfo = FindItemNfo(c.change.path, *c.before, *ctx.files);
      if (!nfo.empty()) {
        c.via_provider = true;
        c.result.nfo = std::move(nfo);  // read by the provider check, next
        c.result.advice.clear();  // how Plex's agents read local files does not apply here
        if (!ctx.provider_links_images && mode != ArtworkMode::kRefresh) {
          PlanImagePushes(plan, i, ImagesOf(c.change.path, folder, ctx), ctx);
        }
        continue;
      }
    }
    const bool nfo = IsNfo(ManagerFileName(c.change.path));
    const std::vector<std::string> images = ImagesOf(c.change.path, folder, ctx);
    if (!images.empty() && !unlock && Pushes(mode, plan, c, ctx)) {
      if (!PlanImagePushes(plan, i, images, ctx)) continue;
      if (!c.pushes.empty()) DropLocalArtworkAdvice(plan, ctx, c);
    }
    c.edit_fields = lock && !unlock && (nfo || folder);
    c.unlock = unlock;
    if (!c.pushes.empty() || c.edit_fields || c.unlock) {
      // The upload, the fields and the locks show the change; a refresh would let the agent
      // overwrite what is not locked yet.
      c.refresh_only = false;
      c.result.status = ChangeStatus::kCompleted;  // until a push or an edit says otherwise
    }
  }
  return plan;
}

SyncPlan PlanAddedItemPushes(SyncPlan plan, const SyncContext& ctx) {
  const ArtworkMode mode = plan.options.artwork_mode.value_or(ctx.artwork_mode);
  if (ctx.provider_links_images || mode == ArtworkMode::kRefresh) return plan;
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    ChangeState& c = plan.changes[i];
    if (c.settled || !c.found || c.before || c.result.status != ChangeStatus::kCompleted) continue;
    const LibrarySection* library = plan.server.Section(c.found_section);
    if (!library || !UsesDriverProvider(*library, ctx)) continue;
    if (FindItemNfo(c.change.path, *c.found, *ctx.files).empty()) continue;  // not the provider's item
    c.before = c.found;  // the item the pushes go to
    c.item_section = c.found_section;
    const bool folder = ctx.files->IsDirectory(c.change.path).value_or(false);
    if (!PlanImagePushes(plan, i, ImagesOf(c.change.path, folder, ctx), ctx)) continue;
    if (c.found->type == "show" && ctx.catalog) PlanEpisodeThumbnails(plan, i, ctx);
  }
  return plan;
}

}  // namespace plexdriver
