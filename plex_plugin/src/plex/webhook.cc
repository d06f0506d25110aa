#include "plex/webhook.h"

#include <istream>
#include <sstream>

#include <Poco/Exception.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <fmt/format.h>

#include "core/utf8.h"
#include "plex/media_container.h"

namespace plexdriver {
namespace {

Status Invalid(std::string message) { return Status(PD_ERR_INVALID_ARGUMENT, std::move(message)); }

constexpr int kMaxParts = 8;

// A read-only streambuf over the caller's bytes (no copy of a multi-megabyte body).
class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view data) {
    char* p = const_cast<char*>(data.data());
    setg(p, p, p + data.size());
  }
};

struct Parts {
  bool has_payload = false;
  std::string payload;
  bool has_thumb = false;
  size_t thumb_bytes = 0;
  std::string thumb_content_type;
};

Result<Parts> ReadParts(std::string_view boundary, std::string_view body, const WebhookLimits& limits) {
  Parts parts;
  ViewBuf buf(body);
  std::istream in(&buf);
  try {
    Poco::Net::MultipartReader reader(in, std::string(boundary));
    int index = 0;
    while (reader.hasNextPart()) {
      // Plex sends one or two parts. Poco's reader can also report empty parts without end
      // after a mangled closing boundary (found by fuzzing: the host's thread spun forever).
      if (index >= kMaxParts) {
        return Invalid(fmt::format("body: more than {} multipart parts; this is not a Plex webhook",
                                   kMaxParts));
      }
      Poco::Net::MessageHeader header;
      reader.nextPart(header);
      std::string disposition;
      Poco::Net::NameValueCollection params;
      Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
      const std::string name = params.get("name", "");
      std::istream& part = reader.stream();
      if (name == "payload") {
        std::string text;
        char chunk[8192];
        while (part.read(chunk, sizeof chunk) || part.gcount() > 0) {
          text.append(chunk, static_cast<size_t>(part.gcount()));
          if (text.size() > limits.max_payload_bytes) {
            return Invalid(fmt::format("payload: the JSON part is larger than {} bytes; this is not "
                                       "a Plex webhook", limits.max_payload_bytes));
          }
        }
        parts.has_payload = true;
        parts.payload = std::move(text);
      } else {
        size_t size = 0;
        char chunk[8192];
        while (part.read(chunk, sizeof chunk) || part.gcount() > 0) size += static_cast<size_t>(part.gcount());
        if (name == "thumb") {
          parts.has_thumb = true;
          parts.thumb_bytes = size;
          // A header from the network: it goes into the event document, which must be UTF-8.
          parts.thumb_content_type = ToValidUtf8(header.get("Content-Type", ""));
        }
      }
      ++index;
    }
    if (index == 0) return Invalid("body: no multipart parts found; is the boundary right?");
  } catch (const Poco::Exception& e) {
    return Invalid(fmt::format("body: malformed multipart/form-data ({})", e.displayText()));
  } catch (const std::exception& e) {
    return Invalid(fmt::format("body: malformed multipart/form-data ({})", e.what()));
  }
  return parts;
}

}  // namespace

std::string PlaybackStateOfWebhook(std::string_view event) {
  if (event == "media.play" || event == "media.resume" || event == "playback.started") return "playing";
  if (event == "media.pause") return "paused";
  if (event == "media.stop") return "stopped";
  return "";
}

Result<WebhookEvent> ParseWebhook(std::string_view content_type, std::string_view body,
                                  const WebhookLimits& limits) {
  if (body.size() > limits.max_body_bytes) {
    return Invalid(fmt::format("body: {} bytes is more than the webhook limit of {} bytes; nothing "
                               "was read (raise webhook_max_bytes if this is a real Plex webhook)",
                               body.size(), limits.max_body_bytes));
  }
  std::string media;
  std::string boundary;
  try {
    Poco::Net::MediaType type{std::string(content_type)};
    media = type.getType() + "/" + type.getSubType();
    if (type.hasParameter("boundary")) boundary = type.getParameter("boundary");
  } catch (const std::exception&) {
    media.clear();
  }
  if (Poco::icompare(media, std::string("multipart/form-data")) != 0) {
    return Invalid(fmt::format("content_type: expected multipart/form-data (what Plex sends), got "
                               "\"{}\"; pass the request's Content-Type header unchanged",
                               Excerpt(content_type, 60)));
  }
  if (boundary.empty()) {
    return Invalid("content_type: multipart/form-data without a boundary parameter; pass the "
                   "request's Content-Type header unchanged");
  }
  if (body.find("--" + boundary + "--") == std::string_view::npos) {
    return Invalid("body: truncated multipart/form-data (the closing boundary is missing); pass "
                   "the whole request body");
  }
  Result<Parts> parts = ReadParts(boundary, body, limits);
  if (!parts.ok()) return parts.status();
  if (!parts->has_payload) return Invalid("body: no \"payload\" part; this is not a Plex webhook");
  if (auto bad = FirstInvalidUtf8(parts->payload)) {
    return Invalid(fmt::format("payload: not valid UTF-8 (byte {})", *bad));
  }
  Result<PmsNode> root = ParseJsonObject(parts->payload, "payload");
  if (!root.ok()) {
    return Invalid(fmt::format("payload: {}: {}", root.status().message(), Excerpt(parts->payload, 60)));
  }
  WebhookEvent w;
  w.event = root->Get("event");
  if (w.event.empty()) return Invalid("payload.event: missing; this is not a Plex webhook");
  w.user = root->GetBool("user");
  w.owner = root->GetBool("owner");
  for (const PmsNode* server : root->Children("Server")) {
    w.server_title = server->Get("title");
    w.server_uuid = server->Get("uuid");
  }
  if (w.server_uuid.empty()) {
    return Invalid("payload.Server.uuid: missing, so the sending server cannot be checked");
  }
  for (const PmsNode* account : root->Children("Account")) {
    w.account_id = account->Get("id");
    w.session.user = account->Get("title");
  }
  for (const PmsNode* player : root->Children("Player")) {
    w.has_player = true;
    w.player_local = player->GetBool("local");
    w.player_public_address = player->Get("publicAddress");
    w.session.player = player->Get("title");
    w.session.player_id = player->Get("uuid");
  }
  for (const PmsNode* m : root->Children("Metadata")) {
    w.has_metadata = true;
    w.session.rating_key = m->Get("ratingKey");
    w.session.parent_rating_key = m->Get("parentRatingKey");
    w.session.grandparent_rating_key = m->Get("grandparentRatingKey");
    w.session.section_id = m->Get("librarySectionID");  // a number here; text from now on
    w.session.type = m->Get("type");
    w.session.title = DisplayTitle(w.session.type, m->Get("title"), m->Get("grandparentTitle"),
                                   m->GetInt("parentIndex"), m->GetInt("index"));
    w.session.view_offset_ms = m->GetInt("viewOffset");
    w.session.duration_ms = m->GetInt("duration");
    w.section_type = m->Get("librarySectionType");
    w.updated_at = m->GetInt("updatedAt");
  }
  w.session.state = PlaybackStateOfWebhook(w.event);
  w.has_thumb = parts->has_thumb;
  w.thumb_bytes = parts->thumb_bytes;
  w.thumb_content_type = parts->thumb_content_type;
  return w;
}

}  // namespace plexdriver
