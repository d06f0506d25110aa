#include "plex/webhook.h"

#include <string>

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

constexpr const char* kBoundary = "------------------------0123456789abcdef";

// The reference payload (shared/reference/plex-api.md §8) with the event replaced.
std::string Payload(const std::string& event, const std::string& uuid = "54664a3d8acc39983675640ec9ce00b70af9cc36") {
  return R"J({"event":")J" + event + R"J(","user":true,"owner":true,
 "Account":{"id":1,"thumb":"https://plex.tv/users/1022b120ffbaa/avatar?c=1465525047","title":"elan"},
 "Server":{"title":"Office","uuid":")J" + uuid + R"J("},
 "Player":{"local":true,"publicAddress":"200.200.200.200","title":"Plex Web (Safari)","uuid":"r6yfkdnfggbh2bdnvkffwbms"},
 "Metadata":{"librarySectionType":"artist","ratingKey":"1936545","key":"/library/metadata/1936545",
  "parentRatingKey":"1936544","grandparentRatingKey":"1936543","librarySectionID":1224,"type":"track",
  "title":"Love The One You're With","grandparentTitle":"Stephen Stills","parentTitle":"Stephen Stills",
  "index":1,"parentIndex":1,"thumb":"/library/metadata/1936544/thumb/1432897518","addedAt":1000396126,"updatedAt":1432897518}})J";
}

std::string Multipart(const std::string& payload, const std::string& thumb = "") {
  std::string body = std::string("--") + kBoundary + "\r\n" +
                     "Content-Disposition: form-data; name=\"payload\"\r\n" +
                     "Content-Type: application/json\r\n\r\n" + payload + "\r\n";
  if (!thumb.empty()) {
    body += std::string("--") + kBoundary + "\r\n" +
            "Content-Disposition: form-data; name=\"thumb\"; filename=\"thumb.jpg\"\r\n" +
            "Content-Type: image/jpeg\r\n\r\n" + thumb + "\r\n";
  }
  return body + "--" + kBoundary + "--\r\n";
}

std::string ContentType() { return std::string("multipart/form-data; boundary=") + kBoundary; }

TEST(WebhookTest, EveryDocumentedEventParses) {
  const struct {
    const char* event;
    const char* state;
  } events[] = {{"library.on.deck", ""}, {"library.new", ""},        {"media.play", "playing"},
                {"media.pause", "paused"}, {"media.resume", "playing"}, {"media.stop", "stopped"},
                {"media.scrobble", ""},    {"media.rate", ""},          {"admin.database.backup", ""},
                {"admin.database.corrupted", ""}, {"device.new", ""},   {"playback.started", "playing"}};
  for (const auto& e : events) {
    Result<WebhookEvent> r = ParseWebhook(ContentType(), Multipart(Payload(e.event)));
    ASSERT_TRUE(r.ok()) << e.event << ": " << r.status().ToString();
    EXPECT_EQ(r->event, e.event);
    EXPECT_EQ(r->session.state, e.state) << e.event;
    EXPECT_EQ(r->server_uuid, "54664a3d8acc39983675640ec9ce00b70af9cc36");
    EXPECT_EQ(r->server_title, "Office");
    EXPECT_EQ(r->session.user, "elan");
    EXPECT_EQ(r->session.player_id, "r6yfkdnfggbh2bdnvkffwbms");
    EXPECT_EQ(r->session.rating_key, "1936545");
    EXPECT_EQ(r->session.section_id, "1224");  // a number in webhooks, text here
    EXPECT_EQ(r->session.title, "Stephen Stills - Love The One You're With");
    EXPECT_EQ(r->updated_at, 1432897518);
    EXPECT_FALSE(r->has_thumb);
  }
}

TEST(WebhookTest, AdminEventWithoutMetadataOrPlayer) {
  const std::string payload = R"({"event":"admin.database.backup","user":false,"owner":true,
    "Account":{"id":1,"title":"elan"},"Server":{"title":"Office","uuid":"abc"}})";
  Result<WebhookEvent> r = ParseWebhook(ContentType(), Multipart(payload));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->has_metadata);
  EXPECT_FALSE(r->has_player);
  EXPECT_TRUE(r->session.state.empty());
}

TEST(WebhookTest, ThumbPartIsMeasuredNotKept) {
  const std::string jpeg("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xFF\xD9", 22);
  Result<WebhookEvent> r = ParseWebhook(ContentType(), Multipart(Payload("media.play"), jpeg));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->has_thumb);
  EXPECT_EQ(r->thumb_bytes, jpeg.size());
  EXPECT_EQ(r->thumb_content_type, "image/jpeg");
}

// Found by fuzzing: a stray byte in the thumb part's Content-Type made the event document
// invalid UTF-8 (a host's JSON parser refuses it).
TEST(WebhookTest, PartHeadersReachTheEventAsUtf8) {
  std::string body = Multipart(Payload("media.play"), "jpeg");
  const size_t at = body.find("image/jpeg");
  body.replace(at, 0, "\x8F");
  Result<WebhookEvent> r = ParseWebhook(ContentType(), body);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->thumb_content_type, "\xEF\xBF\xBDimage/jpeg");
}

// Found by fuzzing: after this closing boundary Poco's reader reports empty parts without end,
// and the host's thread handling the webhook spun forever.
TEST(WebhookTest, EndlessEmptyPartsAreRefused) {
  Result<WebhookEvent> r = ParseWebhook("multipart/form-data; boundary=B", std::string("--B\n\n--B--\xFF"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), PD_ERR_INVALID_ARGUMENT);
  EXPECT_NE(r.status().message().find("parts"), std::string::npos) << r.status().message();
}

TEST(WebhookTest, BoundaryIsReadEvenQuotedAndWithCharset) {
  const std::string type = std::string("Multipart/Form-Data; charset=utf-8; boundary=\"") + kBoundary + "\"";
  Result<WebhookEvent> r = ParseWebhook(type, Multipart(Payload("media.pause")));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->event, "media.pause");
}

void ExpectInvalid(const Result<WebhookEvent>& r, const std::string& names) {
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), PD_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(r.status().message().rfind(names, 0), 0u) << names << " vs " << r.status().message();
}

TEST(WebhookTest, MalformedBodiesNameWhatIsWrong) {
  ExpectInvalid(ParseWebhook("application/json", Payload("media.play")), "content_type:");
  ExpectInvalid(ParseWebhook("multipart/form-data", Multipart(Payload("media.play"))), "content_type:");
  ExpectInvalid(ParseWebhook(ContentType(), "not multipart at all"), "body:");
  ExpectInvalid(ParseWebhook(ContentType(), std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"payload\"\r\n\r\n{\"event\":"),
                "body:");
  // A form without the payload part.
  std::string no_payload = std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nx\r\n--" + kBoundary + "--\r\n";
  ExpectInvalid(ParseWebhook(ContentType(), no_payload), "body:");
  ExpectInvalid(ParseWebhook(ContentType(), Multipart("{not json")), "payload:");
  ExpectInvalid(ParseWebhook(ContentType(), Multipart("[1,2]")), "payload:");
  ExpectInvalid(ParseWebhook(ContentType(), Multipart(std::string("{\"event\":\"media.play\xC3\x28\"}"))), "payload:");
  ExpectInvalid(ParseWebhook(ContentType(), Multipart(R"({"user":true,"Server":{"uuid":"x"}})")), "payload.event:");
  ExpectInvalid(ParseWebhook(ContentType(), Multipart(R"({"event":"media.play"})")), "payload.Server.uuid:");
}

TEST(WebhookTest, OversizedBodiesAreRefusedUnread) {
  WebhookLimits limits;
  limits.max_body_bytes = 4096;
  const std::string big = Multipart(Payload("media.play"), std::string(8192, 'x'));
  ExpectInvalid(ParseWebhook(ContentType(), big, limits), "body:");
  limits.max_body_bytes = 1 << 20;
  limits.max_payload_bytes = 64;
  ExpectInvalid(ParseWebhook(ContentType(), Multipart(Payload("media.play")), limits), "payload:");
}

TEST(WebhookTest, PlaybackStateOfEachEvent) {
  EXPECT_EQ(PlaybackStateOfWebhook("media.play"), "playing");
  EXPECT_EQ(PlaybackStateOfWebhook("media.resume"), "playing");
  EXPECT_EQ(PlaybackStateOfWebhook("media.pause"), "paused");
  EXPECT_EQ(PlaybackStateOfWebhook("media.stop"), "stopped");
  EXPECT_EQ(PlaybackStateOfWebhook("library.new"), "");
}

}  // namespace
}  // namespace plexdriver
