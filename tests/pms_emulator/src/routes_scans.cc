// What asks the server to work and shows the work: a section scan (…/refresh, whole section,
// one path or every section; DELETE cancels), an item's metadata refresh (or match, unmatch,
// analyze), emptying a section's trash, and /activities (listing them, DELETE cancels one). The
// work itself is scan_worker.cc.
#include "router.h"

namespace pms_emulator {

Reply Router::SectionRefresh(const Call& call) {
  // parts: library, sections, {id}, refresh
  const std::string id = call.parts[2];
  if (call.method == "PUT" || call.method == "POST") {
    if (impl_->options.put_post_refresh_404) return Html(404, kNotFoundBody);  // as PMS 1.32.7
  }
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (call.method == "DELETE") {
    if (id != "all" && !impl_->library.FindSection(id)) return Html(404, "");
    impl_->CancelScans(id == "all" ? "" : id);
    return Html(200, "");
  }
  if (call.method != "GET" && call.method != "PUT" && call.method != "POST") return Html(405, "");
  const bool force = call.params.count("force") && call.params.at("force") == "1";
  if (id == "all") {
    for (const Section& s : impl_->library.sections()) impl_->QueueScan(s.key, "", force);
    return Html(200, "");
  }
  if (!impl_->library.FindSection(id)) return Html(404, "");
  const auto p = call.params.find("path");
  impl_->QueueScan(id, p == call.params.end() ? "" : p->second, force);
  return Html(200, "");  // an empty body: no activity id
}

Reply Router::EmptyTrash(const Call& call) {
  // parts: library, sections, {id}, emptyTrash
  const std::string id = call.parts[2];
  if (call.method != "PUT") return Html(404, "");
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (!impl_->library.FindSection(id)) return Html(404, "");
  impl_->QueueEmptyTrash(id);  // Plex answers at once and empties the trash in the background
  return Html(200, "");
}

Reply Router::ItemRefresh(const Call& call) {
  // parts: library, metadata, {key}, {refresh|match|unmatch|analyze}
  if (!IsNumber(call.parts[2])) return Html(404, "");
  const int64_t key = std::stoll(call.parts[2]);
  const std::string action = call.part(3);
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (!impl_->library.FindItem(key)) return Html(404, "");
  if (call.method != "PUT") return Html(404, "");
  if (action == "analyze") return Html(200, "");  // media analysis changes nothing the emulator keeps
  if (action == "match" && (!call.params.count("guid") || call.params.at("guid").empty())) {
    return BadRequest("guid: the match to apply is missing");
  }
  // Matching again (or unmatching) refreshes from the agent like a refresh: unlocked fields and
  // images take the agent's values, locked ones stay.
  impl_->QueueMetadataRefresh(key);
  return Html(200, "");
}

Reply Router::Activities(const Call& call) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (call.method == "DELETE") {
    if (call.parts.size() < 2) return Html(404, "");
    for (const Activity& a : impl_->activities) {
      if (a.uuid != call.parts[1]) continue;
      if (!a.cancellable) return Html(400, "");
      impl_->CancelActivity(a.uuid);
      return Html(200, "");
    }
    return Html(404, "");
  }
  Element mc("MediaContainer");
  mc.Int("size", static_cast<int64_t>(impl_->activities.size()));
  for (const Activity& a : impl_->activities) {
    Element& e = mc.Child("Activity");
    e.Str("uuid", a.uuid).Str("type", a.type).Bool("cancellable", a.cancellable).Int("userID", 1)
        .Str("title", a.title).Str("subtitle", a.subtitle).Int("progress", a.progress);
    e.Child("Context").JsonObject().Str("librarySectionID", a.section_key);
  }
  return Container(call, mc);
}

}  // namespace pms_emulator
