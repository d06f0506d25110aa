// The library as clients browse it: the section list (/library/sections), one section's
// directories, items (…/all with Plex's type, title and "greater than" filters and paging) and
// advanced settings (…/prefs), and items by rating key (/library/metadata/{key}[,{key}…],
// …/children, …/allLeaves). Scans, refreshes and the trash are in routes_scans.cc.
#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "emulator_support/text.h"
#include "router.h"

namespace pms_emulator {
namespace {

using emulator_support::Lower;

// A library's advanced settings (GET /library/sections/{id}/prefs), as the section's agent has
// them: Plex's own agents (tv.plex.agents.*) carry "useLocalAssets"; the legacy agents read
// local artwork through the server-wide "Local Media Assets" agent instead, and the Personal
// Media agent (com.plexapp.agents.none) only reads local files. The fixture's "prefs" set values.
Element SectionSettings(const Section& s) {
  struct Def {
    const char* id;
    const char* label;
    const char* summary;
    bool boolean;
    const char* fallback;
  };
  std::vector<Def> defs = {{"hidden", "Visibility", "Where this library shows up", false, "0"}};
  const bool plex_agent = s.agent.rfind("tv.plex.agents.", 0) == 0 && s.agent != "tv.plex.agents.none";
  if (plex_agent && s.type == "movie") {
    defs.push_back({"enableCinemaTrailers", "Enable Cinema Trailers", "Play trailers before movies", true, "true"});
  }
  if (plex_agent) {
    defs.push_back({"useLocalAssets", "Use local assets",
                    "When scanning this library, use local posters and artwork if present.", true, "true"});
  }
  defs.push_back({"enableBIFGeneration", "Enable video preview thumbnails",
                  "Generate video preview thumbnails for items in this library", true, "true"});
  Element mc("MediaContainer");
  mc.Int("size", static_cast<int64_t>(defs.size()));
  for (const Def& d : defs) {
    auto set = s.prefs.find(d.id);
    AddSetting(mc, d.id, d.label, d.summary, d.boolean ? "bool" : "int", d.fallback,
               set == s.prefs.end() ? d.fallback : set->second);
  }
  return mc;
}

}  // namespace

Element& AddSetting(Element& mc, const std::string& id, const std::string& label, const std::string& summary,
                    const std::string& type, const std::string& fallback, const std::string& value) {
  Element& e = mc.Child("Setting");
  e.Str("id", id).Str("label", label).Str("summary", summary).Str("type", type);
  if (type == "bool") {
    e.BoolWord("default", fallback == "true").BoolWord("value", value == "true" || value == "1");
  } else if (type == "int") {
    e.Int("default", IsNumber(fallback) ? std::stoll(fallback) : 0).Int("value", IsNumber(value) ? std::stoll(value) : 0);
  } else {
    e.Str("default", fallback).Str("value", value);
  }
  e.Bool("hidden", false).Bool("advanced", true).Str("group", "").Str("enumValues", "");
  return e;
}

Reply Router::Sections(const Call& call) {
  Element mc("MediaContainer");
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const auto& sections = impl_->library.sections();
  mc.Int("size", static_cast<int64_t>(sections.size())).Bool("allowSync", false).Str("title1", "Plex Library");
  for (const Section& s : sections) {
    Element& d = mc.Child("Directory");
    d.Bool("allowSync", true)
        .Str("art", "/:/resources/movie-fanart.jpg")
        .Str("composite", fmt::format("/library/sections/{}/composite/{}", s.key, s.updated_at))
        .Bool("filters", true)
        .Bool("refreshing", s.refreshing)
        .Str("thumb", "/:/resources/movie.png")
        .Str("key", s.key)  // a string here, although it looks like a number
        .Str("type", s.type)
        .Str("title", s.title)
        .Str("agent", s.agent)
        .Str("scanner", s.scanner)
        .Str("language", s.language)
        .Str("uuid", s.uuid)
        .Int("updatedAt", s.updated_at)
        .Int("createdAt", s.created_at)
        .Int("scannedAt", s.scanned_at)
        .Bool("content", true)
        .Bool("directory", true)
        .Int("contentChangedAt", s.content_changed_at)
        .Int("hidden", 0);
    for (size_t i = 0; i < s.locations.size(); ++i) {
      d.Child("Location").Int("id", s.location_ids[i]).Str("path", s.locations[i]);
    }
  }
  return Container(call, mc);
}

Element Router::ItemElement(const Item& item,
                            const std::unordered_map<int64_t, Library::Counts>* counts) const {
  const bool leaf = item.type == "movie" || item.type == "episode";
  Element e(leaf ? "Video" : "Directory");
  e.JsonName("Metadata");
  const Library& lib = impl_->library;
  const Section* section = nullptr;
  for (const Section& s : lib.sections()) {
    if (s.key == item.section_key) section = &s;
  }
  e.Str("ratingKey", std::to_string(item.rating_key))
      .Str("key", leaf ? fmt::format("/library/metadata/{}", item.rating_key)
                       : fmt::format("/library/metadata/{}/children", item.rating_key))
      .Str("guid", lib.Guid(item))
      .Str("type", item.type)
      .Str("title", item.title);
  if (section) {
    e.Int("librarySectionID", std::stoll(IsNumber(section->key) ? section->key : "0"))
        .Str("librarySectionTitle", section->title)
        .Str("librarySectionKey", "/library/sections/" + section->key);
  }
  if (item.parent_key) e.Str("parentRatingKey", std::to_string(item.parent_key));
  if (item.grandparent_key) {
    e.Str("grandparentRatingKey", std::to_string(item.grandparent_key));
    if (const Item* show = lib.FindItem(item.grandparent_key)) e.Str("grandparentTitle", show->title);
  }
  if (item.index) e.Int("index", item.index);
  if (item.type == "episode") {
    if (const Item* season = lib.FindItem(item.parent_key)) e.Int("parentIndex", season->index);
  }
  if (item.year) e.Int("year", item.year);
  e.Str("thumb", lib.ImageUrl(item, "thumb")).Str("art", lib.ImageUrl(item, "art"));
  if (!item.banner.empty()) e.Str("banner", item.banner);
  if (leaf) e.Int("duration", item.duration_ms);
  e.Int("addedAt", item.added_at).Int("updatedAt", item.updated_at);
  if (item.deleted) e.Int("deletedAt", item.deleted_at);  // in the trash: its files are gone
  if (item.type == "show" || item.type == "season") {
    Library::Counts c;
    if (counts) {
      auto it = counts->find(item.rating_key);
      if (it != counts->end()) c = it->second;
    } else {
      c.children = lib.ChildCount(item.rating_key);
      c.leaves = lib.Leaves(item.rating_key).size();
    }
    if (item.type == "show") e.Int("childCount", static_cast<int64_t>(c.children));
    e.Int("leafCount", static_cast<int64_t>(item.type == "show" ? c.leaves : c.children));
    if (!item.folder.empty()) e.Child("Location").Str("path", item.folder);
  }
  if (leaf) {
    for (size_t i = 0; i < item.files.size(); ++i) {
      Element& media = e.Child("Media");
      media.Int("id", item.part_ids[i] + 100000).Int("duration", item.duration_ms).Str("container", "mkv");
      const std::string file = item.files[i];
      const std::string name = file.substr(file.find_last_of("/\\") + 1);
      media.Child("Part")
          .Int("id", item.part_ids[i])
          .Str("key", fmt::format("/library/parts/{}/{}/file.mkv", item.part_ids[i], item.added_at))
          .Int("duration", item.duration_ms)
          .Str("file", file)
          .Int("size", 1073741824)
          .Str("container", "mkv");
    }
  }
  AddEditableMetadata(item, &e);
  return e;
}

Reply Router::SectionContents(const Call& call) {
  // parts: library, sections, {id}, [prefs|all]
  const std::string id = call.parts[2];
  const std::string action = call.part(3);
  if (call.method != "GET") return Html(404, "");
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Section* s = impl_->library.FindSection(id);
  if (!s) return Html(404, "");
  if (action == "prefs") return Container(call, SectionSettings(*s));
  Element mc("MediaContainer");
  if (action.empty()) {
    mc.Int("size", 2).Bool("allowSync", true).Str("librarySectionID", s->key).Str("title1", s->title);
    mc.Child("Directory").Str("key", "all").Str("title", s->type == "movie" ? "All Movies" : "All Shows");
    mc.Child("Directory").Str("key", "recentlyAdded").Str("title", "Recently Added");
    return Container(call, mc);
  }
  if (action != "all") return Html(404, "");
  int type = 0;
  if (call.params.count("type") && IsNumber(call.params.at("type"))) type = std::stoi(call.params.at("type"));
  std::vector<const Item*> items = impl_->library.SectionItems(id, type);
  if (call.params.count("title")) {
    const std::string needle = Lower(call.params.at("title"));
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const Item* i) { return Lower(i->title).find(needle) == std::string::npos; }),
                items.end());
  }
  // Plex's "greater than" filters: updatedAt>>=N, addedAt>>=N (the query key ends in ">>").
  for (const char* field : {"updatedAt", "addedAt"}) {
    auto f = call.params.find(std::string(field) + ">>");
    if (f == call.params.end() || !IsNumber(f->second)) continue;
    const int64_t bound = std::stoll(f->second);
    const bool updated = std::string(field) == "updatedAt";
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const Item* i) { return (updated ? i->updated_at : i->added_at) <= bound; }),
                items.end());
  }
  // Paging: X-Plex-Container-Start/Size as headers or query parameters.
  auto paging = [&](const std::string& name, size_t fallback) -> size_t {
    const std::string lower = Lower(name);
    if (call.headers.count(lower) && IsNumber(call.headers.at(lower))) return std::stoul(call.headers.at(lower));
    if (call.params.count(name) && IsNumber(call.params.at(name))) return std::stoul(call.params.at(name));
    return fallback;
  };
  const size_t total = items.size();
  const size_t start = std::min(paging("X-Plex-Container-Start", 0), total);
  const size_t size = std::min(paging("X-Plex-Container-Size", total), total - start);
  mc.Int("size", static_cast<int64_t>(size)).Int("totalSize", static_cast<int64_t>(total))
      .Int("offset", static_cast<int64_t>(start)).Bool("allowSync", true)
      .Int("librarySectionID", IsNumber(s->key) ? std::stoll(s->key) : 0)
      .Str("librarySectionTitle", s->title).Str("viewGroup", s->type);
  const auto counts = impl_->library.AllCounts();
  for (size_t i = start; i < start + size; ++i) mc.Add(ItemElement(*items[i], &counts));
  Reply r = Container(call, mc);
  r.headers.emplace_back("X-Plex-Container-Total-Size", std::to_string(total));
  r.headers.emplace_back("X-Plex-Container-Start", std::to_string(start));
  return r;
}

Reply Router::Metadata(const Call& call) {
  // parts: library, metadata, {key}, [children|allLeaves]
  // The answer for a list of items (the lock is held when it is called).
  auto listing = [&](const std::vector<const Item*>& list) {
    Element mc("MediaContainer");
    mc.Int("size", static_cast<int64_t>(list.size())).Bool("allowSync", true);
    const auto counts = impl_->library.AllCounts();
    for (const Item* i : list) mc.Add(ItemElement(*i, &counts));
    return Container(call, mc);
  };
  // GET /library/metadata/{k1,k2,...}: several items at once (Plex's {ids}); unknown keys are
  // left out, none known is 404.
  if (call.parts.size() == 3 && call.method == "GET" && call.parts[2].find(',') != std::string::npos) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    std::vector<const Item*> list;
    std::stringstream keys(call.parts[2]);
    for (std::string k; std::getline(keys, k, ',');) {
      if (!IsNumber(k)) return Html(400, "");
      if (const Item* i = impl_->library.FindItem(std::stoll(k))) list.push_back(i);
    }
    if (list.empty()) return Html(404, "");
    return listing(list);
  }
  if (!IsNumber(call.parts[2])) return Html(404, "");
  const int64_t key = std::stoll(call.parts[2]);
  const std::string action = call.part(3);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const Item* item = impl_->library.FindItem(key);
  if (!item) return Html(404, "");
  if (call.method != "GET") return Html(404, "");
  if (action.empty()) return listing({item});
  if (action == "children") return listing(impl_->library.Children(key));
  if (action == "allLeaves") return listing(impl_->library.Leaves(key));
  return Html(404, "");
}

}  // namespace pms_emulator
