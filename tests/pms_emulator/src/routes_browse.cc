// What a client browses around its edits, answered small but as PMS shapes them: a section's
// folders (GET /library/sections/{id}/folder[?parent=]) from the server-side file tree, search
// (GET /hubs/search?query=: one Hub per type) and the server's settings (GET /:/prefs).
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "emulator_support/text.h"
#include "router.h"

namespace pms_emulator {

Reply Router::SectionFolder(const Call& call) {
  // parts: library, sections, {id}, folder
  if (call.method != "GET") return Html(404, kNotFoundBody);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Library& lib = impl_->library;
  const Section* s = lib.FindSection(call.parts[2]);
  if (!s) return Html(404, kNotFoundBody);
  Element mc("MediaContainer");
  mc.Bool("allowSync", true).Str("title1", s->title).Str("identifier", "com.plexapp.plugins.library");
  // Folders are Directory elements; in JSON, as PMS flattens them, "Metadata" like the items.
  auto directory = [&](const std::string& path, const std::string& title) {
    mc.Child("Directory").JsonName("Metadata")
        .Str("key", fmt::format("/library/sections/{}/folder?parent={}", s->key, lib.FolderId(path)))
        .Str("title", title);
  };
  const auto parent = call.params.find("parent");
  if (parent == call.params.end()) {
    for (const std::string& l : s->locations) directory(l, l);
  } else {
    if (!IsNumber(parent->second)) return BadRequest("parent: expected a folder id");
    const std::optional<std::string> folder = lib.FolderPath(std::stoll(parent->second));
    if (!folder || !lib.InSection(*s, *folder)) return Html(404, kNotFoundBody);
    std::vector<std::string> folders, files;
    lib.ListFolder(*folder, &folders, &files);
    for (const std::string& f : folders) directory(f, f.substr(f.find_last_of("/\\") + 1));
    std::set<int64_t> listed;  // an item with two files here is listed once
    for (const std::string& f : files) {
      const Item* item = lib.FindByFile(f);
      if (item && !item->deleted && listed.insert(item->rating_key).second) mc.Add(ItemElement(*item));
    }
  }
  mc.Int("size", static_cast<int64_t>(mc.child_count()));
  return Container(call, mc);
}

Reply Router::HubSearch(const Call& call) {
  if (call.method != "GET") return Html(404, kNotFoundBody);
  const auto query = call.params.find("query");
  if (query == call.params.end() || query->second.empty()) return BadRequest("query: missing");
  const auto limit_param = call.params.find("limit");
  const size_t limit = limit_param != call.params.end() && IsNumber(limit_param->second)
                           ? std::stoul(limit_param->second) : SIZE_MAX;
  const auto section = call.params.find("sectionId");
  const std::string needle = emulator_support::Lower(query->second);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const Library& lib = impl_->library;
  const auto counts = lib.AllCounts();
  const std::vector<const Item*> all = lib.AllItems();
  struct HubType {
    const char* type;
    const char* title;
  };
  const HubType hubs[] = {{"movie", "Movies"}, {"show", "Shows"}, {"season", "Seasons"}, {"episode", "Episodes"}};
  Element mc("MediaContainer");
  mc.Int("size", 4);
  for (const HubType& h : hubs) {
    std::vector<const Item*> found;
    for (const Item* item : all) {
      if (item->type != h.type || item->deleted) continue;
      if (section != call.params.end() && item->section_key != section->second) continue;
      if (emulator_support::Lower(item->title).find(needle) != std::string::npos) found.push_back(item);
    }
    const size_t shown = std::min(found.size(), limit);
    Element& hub = mc.Child("Hub");
    hub.Str("title", h.title).Str("type", h.type).Str("hubIdentifier", h.type)
        .Str("context", std::string("hub.search.") + h.type).Int("size", static_cast<int64_t>(shown))
        .Bool("more", shown < found.size()).Str("style", "shelf");
    for (size_t i = 0; i < shown; ++i) hub.Add(ItemElement(*found[i], &counts));
  }
  return Container(call, mc);
}

Reply Router::ServerPrefs(const Call& call) {
  if (call.method != "GET") return Html(404, kNotFoundBody);  // changing settings: not emulated
  const EmulatorOptions& o = impl_->options;
  Element mc("MediaContainer");
  mc.Int("size", 4);
  AddSetting(mc, "FriendlyName", "Friendly name", "This name will be used to identify this media server to other "
             "computers on your network.", "text", "", o.friendly_name);
  AddSetting(mc, "MachineIdentifier", "A unique identifier for the machine", "", "text", "", o.machine_identifier);
  AddSetting(mc, "ScheduledLibraryUpdatesEnabled", "Scan my library periodically", "", "bool", "false", "false");
  AddSetting(mc, "FSEventLibraryUpdatesEnabled", "Scan my library automatically",
             "Your library will be updated automatically when changes to library folders are detected.", "bool",
             "false", "false");
  return Container(call, mc);
}

}  // namespace pms_emulator
