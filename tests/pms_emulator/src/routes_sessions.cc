// GET /status/sessions: what is playing now (scripted playback; playback.cc keeps the
// sessions), each item as the library lists it plus its user, player and session; and GET
// /status/sessions/history/all: the sessions that were stopped, newest first.
#include "router.h"

namespace pms_emulator {

Reply Router::SessionsList(const Call& call) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const std::vector<SessionInfo> listed = impl_->ListedSessions();
  Element mc("MediaContainer");
  mc.Int("size", static_cast<int64_t>(listed.size()));
  for (const SessionInfo& s : listed) {
    const Item* item = impl_->library.FindItem(std::stoll(s.rating_key));
    Element e = item ? ItemElement(*item) : Element("Video");
    e.JsonName("Metadata");
    e.Str("sessionKey", s.session_key).Int("viewOffset", s.view_offset_ms);
    if (item) e.Str("librarySectionID", item->section_key);  // a string in sessions
    e.Child("User").JsonObject().Str("id", "1").Str("title", s.user);
    e.Child("Player").JsonObject().Str("address", "10.0.0.5").Str("machineIdentifier", s.player_id)
        .Str("product", "Plex for Windows").Str("state", s.listed_state).Str("title", s.player).Bool("local", true);
    e.Child("Session").JsonObject().Str("id", "session-" + s.session_key).Int("bandwidth", 1050).Str("location", "lan");
    mc.Add(std::move(e));
  }
  return Container(call, mc);
}

Reply Router::SessionHistory(const Call& call) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Element mc("MediaContainer");
  mc.Int("size", static_cast<int64_t>(impl_->history.size()));
  for (size_t i = impl_->history.size(); i-- > 0;) {
    const HistoryEntry& h = impl_->history[i];
    Element& e = mc.Child("Video").JsonName("Metadata");
    e.Str("historyKey", "/status/sessions/history/" + std::to_string(i + 1))
        .Str("key", "/library/metadata/" + h.rating_key).Str("ratingKey", h.rating_key);
    const Item* item = IsNumber(h.rating_key) ? impl_->library.FindItem(std::stoll(h.rating_key)) : nullptr;
    if (item) {
      e.Str("librarySectionID", item->section_key).Str("title", item->title).Str("type", item->type)
          .Str("thumb", impl_->library.ImageUrl(*item, "thumb"));
    }
    // Every scripted user is account 1, as /status/sessions lists them.
    e.Int("viewedAt", h.viewed_at).Int("accountID", 1).Int("deviceID", 1);
  }
  return Container(call, mc);
}

}  // namespace pms_emulator
