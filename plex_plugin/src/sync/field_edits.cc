#include "sync/field_edits.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "core/text.h"
#include "metadata/nfo.h"
#include "planning/url_encoding.h"
#include "sync/artwork_push.h"
#include "sync/item_nfo.h"
#include "sync/item_requests.h"
#include "sync/stage_support.h"

namespace plexdriver {
namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kScalarFields[] = {"title",  "titleSort",   "originalTitle", "summary", "tagline",
                                         "year", "originallyAvailableAt", "contentRating", "studio"};
constexpr const char* kTagFields[] = {"genre", "collection"};
constexpr const char* kArtworkFields[] = {"thumb", "art", "banner"};

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// What the NFO says each field should be (only the fields it sets).
struct Desired {
  std::map<std::string, std::string> scalars;
  std::map<std::string, std::vector<std::string>> tags;
};

Desired FromNfo(const NfoDocument& nfo) {
  Desired d;
  auto set = [&](const char* field, const std::string& value) {
    if (!value.empty()) d.scalars[field] = value;
  };
  set("title", nfo.title);
  set("summary", nfo.plot.empty() ? nfo.outline : nfo.plot);
  set("originallyAvailableAt", nfo.premiered);
  set("contentRating", nfo.mpaa);
  if (nfo.kind == NfoKind::kEpisode) return d;
  set("titleSort", nfo.sort_title);
  set("originalTitle", nfo.original_title);
  set("tagline", nfo.tagline);
  if (nfo.year) set("year", std::to_string(*nfo.year));
  if (!nfo.studios.empty()) set("studio", nfo.studios.front());
  if (!nfo.genres.empty()) d.tags["genre"] = nfo.genres;
  if (!nfo.collections.empty()) d.tags["collection"] = nfo.collections;
  return d;
}

bool SameTags(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

// The edit that makes Plex show `want`, and the changes it makes (before filled, after = want).
Params PlanEdit(const ItemDetails& now, const Desired& want, std::vector<FieldChange>* changes) {
  Params params;
  for (const auto& [field, value] : want.scalars) {
    const std::string current = now.Field(field);
    const bool locked = now.locked.count(field) > 0;
    if (current == value && locked) continue;
    if (current != value) params.emplace_back(field + ".value", value);
    params.emplace_back(field + ".locked", "1");
    changes->push_back({field, current, value, current == value ? "locked" : "set", true});
  }
  for (const auto& [field, tags] : want.tags) {
    const std::vector<std::string>& current = now.Tags(field);
    const bool locked = now.locked.count(field) > 0;
    if (SameTags(current, tags) && locked) continue;
    if (!SameTags(current, tags)) {
      for (size_t i = 0; i < tags.size(); ++i) params.emplace_back(fmt::format("{}[{}].tag.tag", field, i), tags[i]);
      std::string removed;  // python-plexapi's form: each name encoded, joined by commas
      for (const std::string& t : current) {
        if (std::find(tags.begin(), tags.end(), t) == tags.end()) removed += (removed.empty() ? "" : ",") + PercentEncode(t);
      }
      if (!removed.empty()) params.emplace_back(field + "[].tag.tag-", removed);
    }
    params.emplace_back(field + ".locked", "1");
    changes->push_back({field, Join(current), Join(tags), SameTags(current, tags) ? "locked" : "set", true});
  }
  return params;
}

// What Plex shows that differs from the edit; "" when everything took.
std::string Mismatch(const ItemDetails& now, const Desired& want) {
  for (const auto& [field, value] : want.scalars) {
    if (now.Field(field) != value) return fmt::format("{} is \"{}\", not \"{}\"", field, now.Field(field), value);
    if (!now.locked.count(field)) return field + " is not locked";
  }
  for (const auto& [field, tags] : want.tags) {
    if (!SameTags(now.Tags(field), tags)) return fmt::format("{} is [{}], not [{}]", field, Join(now.Tags(field)), Join(tags));
    if (!now.locked.count(field)) return field + " is not locked";
  }
  return "";
}

class FieldEditor {
 public:
  explicit FieldEditor(const SyncContext& ctx) : ctx_(ctx) {}

  // Sets and locks the NFO's fields of the change's item; the status and message say how it went.
  std::pair<ChangeStatus, std::string> Lock(ChangeState& c) {
    const std::string nfo_path = FindItemNfo(c.change.path, *c.before, *ctx_.files);
    if (nfo_path.empty()) {
      c.result.advice.push_back(fmt::format("lock_fields: no NFO beside \"{}\" (movie.nfo, tvshow.nfo or <video "
                                            "name>.nfo); no field was changed", c.change.path));
      return {ChangeStatus::kCompleted, ""};
    }
    c.result.nfo = nfo_path;
    Result<std::string> text = ctx_.files->Read(nfo_path, kMaxNfoBytes);
    if (!text.ok()) return {ChangeStatus::kFailed, text.status().message() + "; no field was changed"};
    Result<NfoDocument> nfo = ParseNfo(*text, nfo_path);
    if (!nfo.ok()) return {ChangeStatus::kFailed, nfo.status().message() + "; no field was changed"};
    for (const std::string& p : nfo->problems) c.result.advice.push_back(nfo_path + ": " + p);
    const LibraryItem& item = *c.before;
    if (!NfoKindMatches(nfo->kind, item.type)) {
      return {ChangeStatus::kFailed, fmt::format("\"{}\" is a <{}> NFO, but Plex's item {} (\"{}\") is a {}; no field was "
                                                 "changed", nfo_path, NfoKindName(nfo->kind), item.rating_key, item.title,
                                                 item.type)};
    }
    const Desired want = FromNfo(*nfo);
    Result<ItemDetails> now = FetchItemDetails(*ctx_.client, item.rating_key);
    if (!now.ok()) return {StatusOfFailedCheck(now.status()), "reading the item's fields failed: " + now.status().message()};
    const Params params = PlanEdit(*now, want, &c.result.fields);
    if (params.empty()) return {ChangeStatus::kCompleted, ""};
    return Apply(c, params, [&](const ItemDetails& after) { return Mismatch(after, want); });
  }

  // Unlocks the managed fields and the artwork; values stay as they are.
  std::pair<ChangeStatus, std::string> Unlock(ChangeState& c) {
    const LibraryItem& item = *c.before;
    Result<ItemDetails> now = FetchItemDetails(*ctx_.client, item.rating_key);
    if (!now.ok()) return {StatusOfFailedCheck(now.status()), "reading the item's locks failed: " + now.status().message()};
    Params params;
    auto unlock = [&](const std::string& field, const std::string& value) {
      if (!now->locked.count(field)) return;
      params.emplace_back(field + ".locked", "0");
      c.result.fields.push_back({field, value, value, "unlocked", false});
    };
    for (const char* f : kScalarFields) unlock(f, now->Field(f));
    for (const char* f : kTagFields) unlock(f, Join(now->Tags(f)));
    for (const char* f : kArtworkFields) unlock(f, "");
    if (params.empty()) return {ChangeStatus::kCompleted, ""};
    return Apply(c, params, [&](const ItemDetails& after) {
      for (const FieldChange& f : c.result.fields) {
        if (after.locked.count(f.name)) return f.name + " is still locked";
      }
      return std::string();
    });
  }

 private:
  template <typename Check>
  std::pair<ChangeStatus, std::string> Apply(ChangeState& c, const Params& params, Check mismatch) {
    const LibraryItem& item = *c.before;
    if (Status s = EditItem(*ctx_.client, c.item_section, item.type, item.rating_key, params); !s.ok()) {
      return {StatusOfFailedCheck(s), "Plex refused the field edit: " + s.message()};
    }
    Result<ItemDetails> after = FetchItemDetails(*ctx_.client, item.rating_key);
    if (!after.ok()) return {StatusOfFailedCheck(after.status()), "checking the edit failed: " + after.status().message()};
    const std::string wrong = mismatch(*after);
    if (!wrong.empty()) {
      return {ChangeStatus::kFailed, fmt::format("Plex did not take the edit of item {} (\"{}\"): {}", item.rating_key,
                                                 item.title, wrong)};
    }
    return {ChangeStatus::kCompleted, ""};
  }

  const SyncContext& ctx_;
};

}  // namespace

SyncPlan EditFields(SyncPlan plan, const SyncContext& ctx) {
  FieldEditor editor(ctx);
  for (ChangeState& c : plan.changes) {
    if (c.settled || !(c.edit_fields || c.unlock)) continue;
    if (plan.cancelled || ctx.op.Cancelled()) {
      plan.cancelled = true;
      MergeStatus(c.result, ChangeStatus::kCancelled, "cancelled before the fields were edited");
      continue;
    }
    const auto [status, message] = c.unlock ? editor.Unlock(c) : editor.Lock(c);
    MergeStatus(c.result, status, message);
    if (!c.result.item) {
      const LibraryItem& item = *c.before;
      c.result.item = ItemRef{item.rating_key, item.type, item.title, c.unlock ? "unlocked" : "edited", item.updated_at,
                              0, item.thumb, ""};
    }
    c.result.elapsed_ms = plan.ElapsedMs();
  }
  return plan;
}

}  // namespace plexdriver
