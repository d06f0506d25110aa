#include "events/host_event.h"

#include <chrono>
#include <map>

#include "core/json_util.h"

namespace plexdriver {
namespace {

using Poco::JSON::Object;

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch()).count();
}

HostEvent Base(std::string type, std::string source) {
  HostEvent e;
  e.type = std::move(type);
  e.source = std::move(source);
  e.time = UnixNow();
  return e;
}

void SetIfNotEmpty(Object::Ptr o, const char* key, const std::string& value) {
  if (!value.empty()) o->set(key, value);
}

}  // namespace

std::string MetadataTypeName(int type) {
  static const std::map<int, std::string> names = {
      {1, "movie"}, {2, "show"}, {3, "season"}, {4, "episode"}, {8, "artist"}, {9, "album"},
      {10, "track"}, {12, "clip"}, {13, "photo"}, {14, "photo_album"}, {15, "playlist"},
      {18, "collection"}};
  auto it = names.find(type);
  return it == names.end() ? std::to_string(type) : it->second;
}

HostEvent EventOfPlayback(const PlaybackTransition& t) {
  HostEvent e = Base(PlaybackChangeName(t.change), t.source);
  e.session = t.session;
  e.section_id = t.session.section_id;
  return e;
}

std::optional<HostEvent> EventOfActivity(const ActivityEvent& a) {
  if (a.activity.type != kActivitySectionScan) return std::nullopt;
  if (a.event != "started" && a.event != "ended") return std::nullopt;
  HostEvent e = Base(a.event == "started" ? "scan.started" : "scan.finished", "websocket");
  e.section_id = a.activity.section_id;
  e.section_title = a.activity.subtitle.empty() ? a.activity.title : a.activity.subtitle;
  return e;
}

std::optional<HostEvent> EventOfTimeline(const TimelineEntry& t) {
  const char* type = nullptr;
  if (t.state == 0) type = "item.added";
  else if (t.state == 5) type = "item.updated";
  else if (t.state == 9) type = "item.deleted";
  if (!type) return std::nullopt;
  HostEvent e = Base(type, "websocket");
  EventItem item;
  item.rating_key = t.item_id;
  item.section_id = t.section_id;
  item.type = MetadataTypeName(t.type);
  item.title = t.title;
  item.updated_at = t.updated_at;
  e.item = item;
  e.section_id = t.section_id;
  return e;
}

HostEvent EventOfWebhook(const WebhookEvent& w) {
  static const std::map<std::string, std::string> names = {
      {"media.play", "playback.started"},     {"playback.started", "playback.started"},
      {"media.pause", "playback.paused"},     {"media.resume", "playback.resumed"},
      {"media.stop", "playback.stopped"},     {"media.scrobble", "playback.scrobbled"},
      {"media.rate", "item.rated"},           {"library.new", "item.added"},
      {"library.on.deck", "item.on_deck"},    {"admin.database.backup", "server.database_backup"},
      {"admin.database.corrupted", "server.database_corrupted"}, {"device.new", "device.new"}};
  auto it = names.find(w.event);
  // An event Plex adds later keeps its own name under "webhook." so hosts can still see it.
  HostEvent e = Base(it == names.end() ? "webhook." + w.event : it->second, "webhook");
  if (w.has_metadata) {
    EventItem item;
    item.rating_key = w.session.rating_key;
    item.section_id = w.session.section_id;
    item.type = w.session.type;
    item.title = w.session.title;
    item.updated_at = w.updated_at;
    e.item = item;
    e.section_id = w.session.section_id;
  }
  if (!w.session.state.empty() || w.event == "media.scrobble") e.session = w.session;
  e.webhook = w;
  return e;
}

Object::Ptr EventEnvelope(const std::string& type, const std::string& source, int64_t time,
                          const EventServer& server) {
  Object::Ptr o = NewJsonObject();
  o->set("schema_version", 1);
  o->set("type", type);
  o->set("source", source);
  o->set("time", time);
  Object::Ptr srv = NewJsonObject();
  srv->set("name", server.name);
  srv->set("machine_identifier", server.machine_identifier);
  o->set("server", srv);
  return o;
}

std::string HostEventToJson(const HostEvent& e, const EventServer& server) {
  Object::Ptr o = EventEnvelope(e.type, e.source, e.time, server);
  if (!e.section_id.empty() || !e.section_title.empty()) {
    Object::Ptr section = NewJsonObject();
    section->set("id", e.section_id);
    SetIfNotEmpty(section, "title", e.section_title);
    o->set("section", section);
  }
  if (e.session) o->set("session", SessionToJson(*e.session));
  if (e.item) {
    Object::Ptr item = NewJsonObject();
    item->set("rating_key", e.item->rating_key);
    SetIfNotEmpty(item, "section_id", e.item->section_id);
    SetIfNotEmpty(item, "type", e.item->type);
    SetIfNotEmpty(item, "title", e.item->title);
    if (e.item->updated_at) item->set("updated_at", e.item->updated_at);
    o->set("item", item);
  }
  if (!e.reason.empty()) o->set("reason", e.reason);
  if (e.webhook) {
    const WebhookEvent& w = *e.webhook;
    Object::Ptr wh = NewJsonObject();
    wh->set("event", w.event);
    wh->set("user", w.user);
    wh->set("owner", w.owner);
    SetIfNotEmpty(wh, "account_id", w.account_id);
    SetIfNotEmpty(wh, "account", w.session.user);
    SetIfNotEmpty(wh, "server_title", w.server_title);
    if (w.has_player) {
      Object::Ptr player = NewJsonObject();
      player->set("title", w.session.player);
      player->set("id", w.session.player_id);
      player->set("local", w.player_local);
      SetIfNotEmpty(player, "public_address", w.player_public_address);
      wh->set("player", player);
    }
    if (w.has_thumb) {
      Object::Ptr thumb = NewJsonObject();
      thumb->set("content_type", w.thumb_content_type);
      thumb->set("bytes", static_cast<uint64_t>(w.thumb_bytes));
      wh->set("thumb", thumb);
    }
    o->set("webhook", wh);
  }
  return ToJson(o);
}

}  // namespace plexdriver
