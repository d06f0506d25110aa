// Notification frames in the shapes of shared/reference/plex-api.md §6, and webhooks (§8).
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
      s.session_key, JsonEscape(s.player), s.rating_key, s.rating_key, s.view_offset_ms, s.state);
  hub.Broadcast(Container("playing", "PlaySessionStateNotification", {entry}));
}

void Emulator::Impl::NotifyStatus(const std::string& title, const std::string& description) {
  const std::string entry = fmt::format(
      R"({{"title":"{}","description":"{}","notificationName":"LIBRARY_UPDATE"}})",
      JsonEscape(title), JsonEscape(description));
  hub.Broadcast(Container("status", "StatusNotification", {entry}));
}

void Emulator::Impl::SendWebhook(const std::string& event, const std::string& rating_key,
                                 const std::string& account, const std::string& player) {
  if (options.webhook_url.empty()) return;
  std::string metadata;
  std::string section_key;
  std::string type = "movie";
  std::string title;
  int64_t updated_at = UnixNow();
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (const Item* item = library.FindItem(std::stoll(rating_key))) {
      section_key = item->section_key;
      type = item->type;
      title = item->title;
      updated_at = item->updated_at;
    }
  }
  // librarySectionID is a number in webhooks (a string elsewhere).
  const std::string payload = fmt::format(
      R"({{"event":"{}","user":true,"owner":true,)"
      R"("Account":{{"id":1,"thumb":"https://plex.tv/users/1022b120ffbaa/avatar?c=1465525047","title":"{}"}},)"
      R"("Server":{{"title":"{}","uuid":"{}"}},)"
      R"("Player":{{"local":true,"publicAddress":"127.0.0.1","title":"{}","uuid":"{}"}},)"
      R"("Metadata":{{"librarySectionType":"{}","ratingKey":"{}","key":"/library/metadata/{}",)"
      R"("librarySectionID":{},"type":"{}","title":"{}","thumb":"/library/metadata/{}/thumb/{}",)"
      R"("addedAt":{},"updatedAt":{}}}}})",
      event, JsonEscape(account.empty() ? "admin" : account), JsonEscape(options.friendly_name),
      options.machine_identifier, JsonEscape(player.empty() ? "Plex Web" : player),
      JsonEscape(player.empty() ? "emulated-player" : player), type == "episode" ? "show" : type,
      rating_key, rating_key, section_key.empty() ? "0" : section_key, type, JsonEscape(title),
      rating_key, updated_at, updated_at, updated_at);
  try {
    Poco::URI uri(options.webhook_url);
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(Poco::Timespan(2, 0));
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, uri.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("User-Agent", "PlexMediaServer/" + options.version);
    Poco::Net::HTMLForm form(Poco::Net::HTMLForm::ENCODING_MULTIPART);
    form.addPart("payload", new Poco::Net::StringPartSource(payload, "application/json"));
    // Events about playback and new media carry the poster as a JPEG part.
    if (event == "media.play" || event == "media.rate" || event == "library.new") {
      const std::string jpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9", 22);
      form.addPart("thumb", new Poco::Net::StringPartSource(jpeg, "image/jpeg", "thumb.jpg"));
    }
    form.prepareSubmit(request);
    std::ostream& body = session.sendRequest(request);
    form.write(body);
    Poco::Net::HTTPResponse response;
    session.receiveResponse(response).ignore(1 << 20);
  } catch (const std::exception&) {
    // A webhook receiver that is down does not disturb the server (Plex drops them too).
  }
}

}  // namespace pms_emulator
