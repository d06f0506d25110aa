#include "plex/sessions.h"

#include <fmt/format.h>

#include "core/json_util.h"
#include "plex/media_container.h"

namespace plexdriver {

std::string DisplayTitle(std::string_view type, std::string_view title,
                         std::string_view grandparent_title, int64_t parent_index, int64_t index) {
  if (type == "episode" && !grandparent_title.empty()) {
    if (parent_index > 0 && index > 0) {
      return fmt::format("{} - S{:02}E{:02} - {}", grandparent_title, parent_index, index, title);
    }
    return fmt::format("{} - {}", grandparent_title, title);
  }
  if (type == "track" && !grandparent_title.empty()) return fmt::format("{} - {}", grandparent_title, title);
  return std::string(title);
}

Result<std::vector<PlaybackSession>> ParseSessions(std::string_view body) {
  Result<PmsNode> container = ParseMediaContainer(body);
  if (!container.ok()) return container.status();
  std::vector<PlaybackSession> sessions;
  // JSON names every entry "Metadata"; XML names it after its kind (Video, Track, Photo).
  for (const PmsNode& node : container->children) {
    if (node.name != "Metadata" && node.name != "Video" && node.name != "Track" &&
        node.name != "Photo" && node.name != "Episode") {
      continue;
    }
    PlaybackSession s;
    s.session_key = node.Get("sessionKey");
    s.rating_key = node.Get("ratingKey");
    s.parent_rating_key = node.Get("parentRatingKey");
    s.grandparent_rating_key = node.Get("grandparentRatingKey");
    s.section_id = node.Get("librarySectionID");
    s.type = node.Get("type");
    s.title = DisplayTitle(s.type, node.Get("title"), node.Get("grandparentTitle"),
                           node.GetInt("parentIndex"), node.GetInt("index"));
    s.view_offset_ms = node.GetInt("viewOffset");
    s.duration_ms = node.GetInt("duration");
    for (const PmsNode* user : node.Children("User")) s.user = user->Get("title");
    for (const PmsNode* player : node.Children("Player")) {
      s.player = player->Get("title");
      s.player_id = player->Get("machineIdentifier");
      s.product = player->Get("product");
      s.state = player->Get("state");
    }
    for (const PmsNode* media : node.Children("Media")) {
      for (const PmsNode* part : media->Children("Part")) {
        if (part->Has("file")) s.files.push_back(part->Get("file"));
      }
    }
    if (s.rating_key.empty() && s.session_key.empty()) continue;  // nothing to identify it by
    sessions.push_back(std::move(s));
  }
  return sessions;
}

Poco::JSON::Object::Ptr SessionToJson(const PlaybackSession& s) {
  Poco::JSON::Object::Ptr o = NewJsonObject();
  auto set = [&](const char* key, const std::string& value) {
    if (!value.empty()) o->set(key, value);
  };
  set("session_key", s.session_key);
  o->set("state", s.state);
  set("rating_key", s.rating_key);
  set("parent_rating_key", s.parent_rating_key);
  set("grandparent_rating_key", s.grandparent_rating_key);
  set("section_id", s.section_id);
  set("type", s.type);
  set("title", s.title);
  set("user", s.user);
  set("player", s.player);
  set("player_id", s.player_id);
  set("product", s.product);
  o->set("view_offset_ms", s.view_offset_ms);
  if (s.duration_ms) o->set("duration_ms", s.duration_ms);
  return o;
}

}  // namespace plexdriver
