// Notification frames in the shapes of shared/reference/plex-api.md §6, and webhooks (§8).
#include <map>
#include <sstream>
#include <stdexcept>

#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/StringPartSource.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include "emulator_impl.h"
#include "media_container.h"

namespace pms_emulator {
namespace {

std::string Container(const std::string& type, const std::string& key,
                      const std::vector<std::string>& entries) {
  std::string out = fmt::format(R"({{"NotificationContainer":{{"type":"{}","size":{},"{}":[)", type,
                                entries.size(), key);
  for (size_t i = 0; i < entries.size(); ++i) out += (i ? "," : "") + entries[i];
  return out + "]}}";
}

}  // namespace

void Emulator::Impl::NotifyActivity(const std::string& event, const Activity& a) {
  const std::string entry = fmt::format(
      R"({{"event":"{}","uuid":"{}","Activity":{{"uuid":"{}","type":"{}","cancellable":{},)"
      R"("userID":1,"title":"{}","subtitle":"{}","progress":{},"Context":{{"librarySectionID":"{}"}}}}}})",
      event, a.uuid, a.uuid, a.type, a.cancellable ? "true" : "false", JsonEscape(a.title),
      JsonEscape(a.subtitle), a.progress, a.section_key);
  hub.Broadcast(Container("activity", "ActivityNotification", {entry}));
}

void Emulator::Impl::NotifyTimeline(const std::vector<LibraryEvent>& events) {
  if (events.empty()) return;
  std::vector<std::string> entries;
  for (const LibraryEvent& e : events) {
    // sectionID as a number and itemID as a string: Plex is inconsistent, clients must cope.
    entries.push_back(fmt::format(
        R"({{"identifier":"com.plexapp.plugins.library","sectionID":{},"itemID":"{}","type":{},)"
        R"("title":"{}","state":{},"metadataState":"{}","updatedAt":{}}})",
        e.section_key, e.item_key, TypeNumber(e.type), JsonEscape(e.title), e.state,
        e.metadata_state, e.updated_at ? e.updated_at : UnixNow()));
    if (e.state == 0) {  // created items are then processed
      entries.push_back(fmt::format(
          R"({{"identifier":"com.plexapp.plugins.library","sectionID":{},"itemID":"{}","type":{},)"
          R"("title":"{}","state":5,"updatedAt":{}}})",
          e.section_key, e.item_key, TypeNumber(e.type), JsonEscape(e.title), UnixNow()));
    }
  }
  hub.Broadcast(Container("timeline", "TimelineEntry", entries));
}

void Emulator::Impl::NotifyPlaying(const SessionInfo& s) {
  const std::string entry = fmt::format(
      R"({{"sessionKey":"{}","clientIdentifier":"{}","guid":"","ratingKey":"{}","url":"",)"
      R"("key":"/library/metadata/{}","viewOffset":{},"playQueueItemID":1,"state":"{}"}})",
      s.session_key, JsonEscape(s.player_id), s.rating_key, s.rating_key, s.view_offset_ms, s.state);
  hub.Broadcast(Container("playing", "PlaySessionStateNotification", {entry}));
}

void Emulator::Impl::NotifyStatus(const std::string& title, const std::string& description) {
  const std::string entry = fmt::format(
      R"({{"title":"{}","description":"{}","notificationName":"LIBRARY_UPDATE"}})",
      JsonEscape(title), JsonEscape(description));
  hub.Broadcast(Container("status", "StatusNotification", {entry}));
}

namespace {

enum class WebhookShape { kPlayback, kLibrary, kServer, kDevice };

struct WebhookEventInfo {
  WebhookShape shape;
  bool thumb;  // Plex attaches the poster as a JPEG part
};

// Every event Plex's webhook article documents, with what its payload carries.
const std::map<std::string, WebhookEventInfo>& WebhookEvents() {
  static const std::map<std::string, WebhookEventInfo> events = {
      {"media.play", {WebhookShape::kPlayback, true}},
      {"media.pause", {WebhookShape::kPlayback, false}},
      {"media.resume", {WebhookShape::kPlayback, false}},
      {"media.stop", {WebhookShape::kPlayback, false}},
      {"media.scrobble", {WebhookShape::kPlayback, false}},
      {"media.rate", {WebhookShape::kPlayback, true}},
      {"playback.started", {WebhookShape::kPlayback, true}},
      {"library.new", {WebhookShape::kLibrary, true}},
      {"library.on.deck", {WebhookShape::kLibrary, true}},
      {"admin.database.backup", {WebhookShape::kServer, false}},
      {"admin.database.corrupted", {WebhookShape::kServer, false}},
      {"device.new", {WebhookShape::kDevice, false}},
  };
  return events;
}

}  // namespace

WebhookBody Emulator::Impl::BuildWebhookBody(const std::string& event, const std::string& rating_key,
                                             const std::string& account, const std::string& player,
                                             const std::string& player_id) const {
  auto known = WebhookEvents().find(event);
  if (known == WebhookEvents().end()) {
    throw std::invalid_argument("webhook event \"" + event + "\" is not one Plex documents");
  }
  const WebhookEventInfo info = known->second;
  const bool with_player = info.shape == WebhookShape::kPlayback || info.shape == WebhookShape::kDevice;
  const bool with_metadata = info.shape == WebhookShape::kPlayback || info.shape == WebhookShape::kLibrary;
  std::string metadata;
  if (with_metadata) {
    std::lock_guard<std::mutex> lock(mutex);
    const Item* item = rating_key.empty() ? nullptr : library.FindItem(std::stoll(rating_key));
    if (!item) throw std::invalid_argument("webhook " + event + ": no item with ratingKey \"" + rating_key + "\"");
    std::string section_type = "movie";
    std::string section_title;
    for (const Section& s : library.sections()) {
      if (s.key == item->section_key) {
        section_type = s.type;
        section_title = s.title;
      }
    }
    // librarySectionID is a number in webhooks (a string in /status/sessions).
    metadata = fmt::format(
        R"(,"Metadata":{{"librarySectionType":"{}","ratingKey":"{}","key":"/library/metadata/{}",)"
        R"("guid":"plex://{}/5d7768{:018x}","librarySectionTitle":"{}","librarySectionID":{},)"
        R"("librarySectionKey":"/library/sections/{}","type":"{}","title":"{}")",
        section_type, item->rating_key, item->rating_key, item->type, item->rating_key,
        JsonEscape(section_title), item->section_key, item->section_key, item->type,
        JsonEscape(item->title));
    if (item->type == "episode") {
      const Item* season = library.FindItem(item->parent_key);
      const Item* show = library.FindItem(item->grandparent_key);
      metadata += fmt::format(R"(,"parentRatingKey":"{}","grandparentRatingKey":"{}",)"
                              R"("parentTitle":"{}","grandparentTitle":"{}","parentIndex":{},"index":{})",
                              item->parent_key, item->grandparent_key,
                              JsonEscape(season ? season->title : ""), JsonEscape(show ? show->title : ""),
                              season ? season->index : 0, item->index);
    } else if (item->year) {
      metadata += fmt::format(R"(,"year":{})", item->year);
    }
    metadata += fmt::format(R"(,"thumb":"{}","art":"{}","duration":{},"addedAt":{},"updatedAt":{})",
                            JsonEscape(item->thumb), JsonEscape(item->art), item->duration_ms,
                            item->added_at, item->updated_at);
    if (info.shape == WebhookShape::kPlayback) {
      for (const SessionInfo& s : sessions) {
        if (s.rating_key == rating_key && (player_id.empty() || s.player_id == player_id)) {
          metadata += fmt::format(R"(,"viewOffset":{})", s.view_offset_ms);
          break;
        }
      }
    }
    metadata += "}";
  }
  const std::string player_title = player.empty() ? "Plex Web (Chrome)" : player;
  const std::string player_part =
      with_player ? fmt::format(R"(,"Player":{{"local":true,"publicAddress":"200.200.200.200",)"
                                R"("title":"{}","uuid":"{}"}})",
                                JsonEscape(player_title),
                                JsonEscape(player_id.empty() ? "r6yfkdnfggbh2bdnvkffwbms" : player_id))
                  : "";
  const std::string payload = fmt::format(
      R"({{"event":"{}","user":true,"owner":true,)"
      R"("Account":{{"id":1,"thumb":"https://plex.tv/users/1022b120ffbaa/avatar?c=1465525047","title":"{}"}},)"
      R"("Server":{{"title":"{}","uuid":"{}"}}{}{}{}}})",
      event, JsonEscape(account.empty() ? "admin" : account), JsonEscape(options.friendly_name),
      options.machine_identifier, player_part, metadata,
      event == "media.rate" ? R"(,"rating":8)" : "");

  Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
  form.addPart("payload", new Poco::Net::StringPartSource(payload, "application/json"));
  if (info.thumb) {
    // A tiny but well-formed JPEG (SOI, JFIF APP0, EOI) stands in for the poster.
    const std::string jpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9", 22);
    form.addPart("thumb", new Poco::Net::StringPartSource(jpeg, "image/jpeg", "thumb.jpg"));
  }
  std::ostringstream body;
  form.write(body);
  WebhookBody out;
  out.content_type = "multipart/form-data; boundary=" + form.boundary();
  out.body = body.str();
  return out;
}

bool Emulator::Impl::SendWebhook(const std::string& event, const std::string& rating_key,
                                 const std::string& account, const std::string& player,
                                 const std::string& player_id) {
  if (options.webhook_url.empty()) return false;
  try {
    const WebhookBody webhook = BuildWebhookBody(event, rating_key, account, player, player_id);
    Poco::URI uri(options.webhook_url);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(Poco::Timespan(2, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("User-Agent", "PlexMediaServer/" + options.version);
    request.setContentType(webhook.content_type);
    request.setContentLength(static_cast<std::streamsize>(webhook.body.size()));
    session.sendRequest(request) << webhook.body;
    Poco::Net::HTTPResponse response;
    session.receiveResponse(response).ignore(1 << 20);
    return response.getStatus() < 300;
  } catch (const std::exception&) {
    // A webhook receiver that is down does not disturb the server (Plex drops them too).
    return false;
  }
}

}  // namespace pms_emulator
