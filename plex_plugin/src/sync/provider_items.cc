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

// The item's own poster or background the change names, which Plex must show after the refresh:
// the changed image, or in a changed folder the only file for the item's poster. "" for season
// and episode artwork, banners and everything else (checked by the refresh only).
std::string ProvidedImage(const ChangeState& c, const SyncContext& ctx) {
  auto own = [&](const std::string& name) {
    std::optional<ArtworkRole> role = ArtworkRoleOf(name);
    return role && !role->season && !role->needs_video_name && role->element != ArtworkElement::kBanner &&
           (c.before->type == "movie" || c.before->type == "show");
  };
  const std::string& path = c.change.path;
  if (!ctx.files->IsDirectory(path).value_or(false)) return own(ManagerFileName(path)) ? path : "";
  std::string found;
  for (const std::string& name : ctx.files->List(path)) {
    std::optional<ArtworkRole> role = ArtworkRoleOf(name);
    if (!own(name) || role->element != ArtworkElement::kPoster) continue;
    if (!found.empty()) return "";  // which one the provider prefers is its business
    found = InFolder(path, name);
  }
  return found;
}

// Whether Plex now serves the bytes of c.provided_image for its element; the artwork entry says.
void ConfirmImage(ChangeState& c, const ItemDetails& after, const SyncContext& ctx, std::vector<std::string>* differ) {
  const ArtworkRole role = *ArtworkRoleOf(ManagerFileName(c.provided_image));
  ArtworkPush a;
  a.file = c.provided_image;
  a.element = ElementField(role.element);
  a.target = DescribeRole(role);
  a.rating_key = c.before->rating_key;
  a.action = "provided";
  const bool poster = role.element == ArtworkElement::kPoster;
  a.url_before = c.provided_before ? (poster ? c.provided_before->thumb : c.provided_before->art) : "";
  a.url_after = poster ? after.thumb : after.art;
  Result<std::string> bytes = ctx.files->Read(c.provided_image, ctx.max_upload_bytes);
  if (!bytes.ok()) {
    a.action = "failed";
    a.message = bytes.status().message();
  } else {
    a.sha256 = Sha256Hex(*bytes);
    a.bytes = static_cast<int64_t>(bytes->size());
    Result<std::string> served = a.url_after.empty() ? Result<std::string>(Status(PD_ERR_NOT_FOUND, "Plex shows none"))
                                                     : FetchImage(*ctx.client, a.url_after);
    if (!served.ok() || Sha256Hex(*served) != a.sha256) {
      a.action = "failed";
      a.message = served.ok() ? fmt::format("Plex shows other bytes at {} (sha256 {})", a.url_after, Sha256Hex(*served))
                              : fmt::format("reading Plex's {} failed: {}", a.target, served.status().message());
      if (!after.locked.count(a.element)) differ->push_back(fmt::format("another {} than \"{}\"", a.target, a.file));
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
    const std::string nfo_path = FindItemNfo(c.change.path, *c.before, *ctx.files);
    if (nfo_path.empty()) continue;  // artwork only: the thumb before and after tells
    c.result.nfo = nfo_path;
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
    c.provided_image = ProvidedImage(c, ctx);
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
