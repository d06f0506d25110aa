// SPDX-License-Identifier: MIT
#include "sync/provider_items.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/digest.h"
#include "planning/artwork_roles.h"
#include "sync/item_nfo.h"
#include "sync/item_requests.h"
#include "sync/stage_support.h"

namespace plexdriver {
namespace {

std::string Summary(const NfoDocument& nfo) { return nfo.plot.empty() ? nfo.outline : nfo.plot; }

// Why the provider would not serve `nfo` for `item` ("" when it would): as the provider decides.
std::string Refusal(const NfoDocument& nfo, const std::string& path, const LibraryItem& item) {
  if (!NfoKindMatches(nfo.kind, item.type)) {
    return fmt::format("\"{}\" is a <{}> NFO, but Plex's item {} is a {}", path, NfoKindName(nfo.kind), item.rating_key,
                       item.type);
  }
  if (nfo.title.empty()) return fmt::format("{}: no <title>; the metadata provider does not serve it", path);
  if (nfo.conflicting_ids) {
    return fmt::format("{}: two different values for one unique id type; the metadata provider does not serve it",
                       path);
  }
  return "";
}

// The image the change names that Plex must show after the refresh, and the item showing it: the
// changed poster or background of the item, of one of a show's seasons (seasonNN-poster.jpg) or
// an episode's thumbnail; in a changed folder, its only poster. Nothing for banners (whether Plex
// takes them from a provider is not known) and for a season Plex does not have.
void FindProvidedImage(ChangeState& c, const SyncContext& ctx) {
  auto usable = [&](const std::string& name) {
    std::optional<ArtworkRole> role = ArtworkRoleOf(name);
    if (!role || role->element == ArtworkElement::kBanner) return std::optional<ArtworkRole>();
    if (role->needs_video_name && c.before->type != "episode") return std::optional<ArtworkRole>();
    return role;
  };
  const std::string& path = c.change.path;
  std::string file;
  std::optional<ArtworkRole> role;
  if (!ctx.files->IsDirectory(path).value_or(false)) {
    role = usable(ManagerFileName(path));
    file = path;
  } else {
    for (const std::string& name : ctx.files->List(path)) {
      std::optional<ArtworkRole> r = usable(name);
      if (!r || r->element != ArtworkElement::kPoster || r->season) continue;
      if (role) return;  // several: which one the provider prefers is its business
      role = r;
      file = InFolder(path, name);
    }
  }
  if (!role) return;
  std::string key = c.before->rating_key;
  if (role->season) {
    const LibraryItem& item = *c.before;
    const std::string show = item.type == "show" ? item.rating_key
                             : item.type == "season" ? item.parent_key : item.grandparent_key;
    std::optional<LibraryItem> season = ctx.catalog ? ctx.catalog->Season(c.item_section, show, *role->season)
                                                    : std::nullopt;
    if (!season) return;
    key = season->rating_key;
  }
  c.provided_image = file;
  c.provided_image_key = key;
}

// Whether Plex now serves the bytes of c.provided_image for its element; the artwork entry says.
void ConfirmImage(ChangeState& c, const ItemDetails& item_after, const SyncContext& ctx,
                  std::vector<std::string>* differ) {
  const ArtworkRole role = *ArtworkRoleOf(ManagerFileName(c.provided_image));
  ArtworkPush a;
  a.file = c.provided_image;
  a.element = ElementField(role.element);
  a.target = DescribeRole(role);
  a.rating_key = c.provided_image_key;
  a.action = "provided";
  const bool poster = role.element == ArtworkElement::kPoster;
  const bool own = c.provided_image_key == c.before->rating_key;
  if (own && c.provided_before) a.url_before = poster ? c.provided_before->thumb : c.provided_before->art;
  if (!own && c.provided_image_before) a.url_before = poster ? c.provided_image_before->thumb : c.provided_image_before->art;
  Result<ItemDetails> holder = own ? Result<ItemDetails>(item_after) : FetchItemDetails(*ctx.client, a.rating_key);
  if (holder.ok()) a.url_after = poster ? holder->thumb : holder->art;
  Result<std::string> bytes = ctx.files->Read(c.provided_image, ctx.max_upload_bytes);
  if (!bytes.ok()) {
    a.action = "failed";
    a.message = bytes.status().message();
  } else {
    a.sha256 = Sha256Hex(*bytes);
    a.bytes = static_cast<int64_t>(bytes->size());
    Result<std::string> served = !holder.ok() ? Result<std::string>(holder.status())
                                 : a.url_after.empty() ? Result<std::string>(Status(PD_ERR_NOT_FOUND, "Plex shows none"))
                                                       : FetchImage(*ctx.client, a.url_after);
    if (!served.ok() || Sha256Hex(*served) != a.sha256) {
      a.action = "failed";
      a.message = served.ok() ? fmt::format("Plex shows other bytes at {} (sha256 {})", a.url_after, Sha256Hex(*served))
                              : fmt::format("reading Plex's {} failed: {}", a.target, served.status().message());
      if (!holder.ok() || !holder->locked.count(a.element)) {
        differ->push_back(fmt::format("another {} than \"{}\"", a.target, a.file));
      }
    }
  }
  c.result.artwork.push_back(std::move(a));
}

}  // namespace

bool UsesDriverProvider(const LibrarySection& section, const SyncContext& ctx) {
  return std::find(ctx.provider_identifiers.begin(), ctx.provider_identifiers.end(), section.agent) !=
         ctx.provider_identifiers.end();
}

SyncPlan CheckProvidedItems(SyncPlan plan, const SyncContext& ctx) {
  for (size_t i = 0; i < plan.changes.size(); ++i) {
    ChangeState& c = plan.changes[i];
    if (c.settled || !c.via_provider || !c.before) continue;
    const std::string& nfo_path = c.result.nfo;  // push planning found it: via_provider needs one
    Result<std::string> text = ctx.files->Read(nfo_path, kMaxNfoBytes);
    Result<NfoDocument> nfo = text.ok() ? ParseNfo(*text, nfo_path) : Result<NfoDocument>(text.status());
    std::string refusal = nfo.ok() ? Refusal(*nfo, nfo_path, *c.before) : nfo.status().message();
    if (!refusal.empty()) {
      plan.Fail(i, refusal + "; Plex keeps its current metadata, nothing was refreshed (fix the NFO and sync again)");
      continue;
    }
    for (const std::string& p : nfo->problems) c.result.advice.push_back(nfo_path + ": " + p);
    Result<ItemDetails> before = FetchItemDetails(*ctx.client, c.before->rating_key);
    if (before.ok()) c.provided_before = std::move(before).value();
    c.provided_nfo = std::move(nfo).value();
    if (ctx.provider_links_images) FindProvidedImage(c, ctx);  // else uploaded: the push confirms it
    if (!c.provided_image_key.empty() && c.provided_image_key != c.before->rating_key) {
      Result<ItemDetails> holder = FetchItemDetails(*ctx.client, c.provided_image_key);
      if (holder.ok()) c.provided_image_before = std::move(holder).value();
    }
  }
  return plan;
}

SyncPlan ConfirmProvidedItems(SyncPlan plan, const SyncContext& ctx) {
  for (ChangeState& c : plan.changes) {
    if (!c.via_provider || !c.provided_nfo || c.result.status != ChangeStatus::kCompleted) continue;
    Result<ItemDetails> after = FetchItemDetails(*ctx.client, c.before->rating_key);
    if (!after.ok()) {
      c.result.status = StatusOfFailedCheck(after.status());
      c.result.message = "Plex re-read the item, but reading its fields failed: " + after.status().message();
      continue;
    }
    std::vector<std::string> differ;
    if (!c.provided_image.empty()) ConfirmImage(c, *after, ctx, &differ);
    for (const auto& [field, want] : {std::pair<std::string, std::string>{"title", c.provided_nfo->title},
                                      {"summary", Summary(*c.provided_nfo)}}) {
      const std::string before = c.provided_before ? c.provided_before->Field(field) : "";
      const std::string now = after->Field(field);
      c.result.fields.push_back({field, before, now, "provided", after->locked.count(field) > 0});
      if (now != want && !after->locked.count(field)) differ.push_back(fmt::format("{} \"{}\" (the NFO: \"{}\")", field, now, want));
    }
    if (!differ.empty()) {
      c.result.status = ChangeStatus::kFailed;
      c.result.message = fmt::format(
          "Plex re-read item {} but shows {}: it did not get the NFO from the metadata provider; check that Plex "
          "reaches the provider (its log lists the calls) and `host_stub provider-check \"{}\"`",
          c.before->rating_key, fmt::join(differ, ", "), c.change.path);
    }
  }
  return plan;
}

}  // namespace plexdriver
