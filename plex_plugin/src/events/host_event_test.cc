#include "events/host_event.h"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

namespace plexdriver {
namespace {

Poco::JSON::Object::Ptr Parse(const std::string& json) {
  return Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
}

const EventServer kServer{"Home", "abc123"};

TEST(HostEventTest, PlaybackEventNamesServerAndSession) {
  PlaybackTransition t{PlaybackChange::kPaused, {}, "websocket"};
  t.session.session_key = "7";
  t.session.state = "paused";
  t.session.user = "alice";
  t.session.section_id = "1";
  auto doc = Parse(HostEventToJson(EventOfPlayback(t), kServer));
  EXPECT_EQ(doc->getValue<int>("schema_version"), 1);
  EXPECT_EQ(doc->getValue<std::string>("type"), "playback.paused");
  EXPECT_EQ(doc->getValue<std::string>("source"), "websocket");
  EXPECT_EQ(doc->getObject("server")->getValue<std::string>("machine_identifier"), "abc123");
  EXPECT_EQ(doc->getObject("session")->getValue<std::string>("user"), "alice");
  EXPECT_EQ(doc->getObject("section")->getValue<std::string>("id"), "1");
  EXPECT_GT(doc->getValue<int64_t>("time"), 1700000000);
}

TEST(HostEventTest, ScanActivitiesOnly) {
  ActivityEvent a;
  a.event = "started";
  a.activity.type = kActivitySectionScan;
  a.activity.section_id = "2";
  EXPECT_EQ(EventOfActivity(a)->type, "scan.started");
  a.event = "ended";
  EXPECT_EQ(EventOfActivity(a)->type, "scan.finished");
  a.event = "updated";
  EXPECT_FALSE(EventOfActivity(a));
  a.event = "ended";
  a.activity.type = kActivityItemRefresh;
  EXPECT_FALSE(EventOfActivity(a));
}

TEST(HostEventTest, TimelineStates) {
  TimelineEntry t;
  t.item_id = "583";
  t.section_id = "2";
  t.type = 4;
  t.state = 0;
  EXPECT_EQ(EventOfTimeline(t)->type, "item.added");
  EXPECT_EQ(EventOfTimeline(t)->item->type, "episode");
  t.state = 5;
  EXPECT_EQ(EventOfTimeline(t)->type, "item.updated");
  t.state = 9;
  EXPECT_EQ(EventOfTimeline(t)->type, "item.deleted");
  t.state = 3;
  EXPECT_FALSE(EventOfTimeline(t));
}

TEST(HostEventTest, WebhookEventsGetStableNames) {
  WebhookEvent w;
  w.server_uuid = "abc123";
  w.has_metadata = true;
  w.session.rating_key = "101";
  const std::pair<const char*, const char*> names[] = {
      {"media.play", "playback.started"}, {"media.pause", "playback.paused"},
      {"media.resume", "playback.resumed"}, {"media.stop", "playback.stopped"},
      {"media.scrobble", "playback.scrobbled"}, {"media.rate", "item.rated"},
      {"library.new", "item.added"}, {"library.on.deck", "item.on_deck"},
      {"admin.database.backup", "server.database_backup"},
      {"admin.database.corrupted", "server.database_corrupted"}, {"device.new", "device.new"},
      {"playback.started", "playback.started"}, {"media.something_new", "webhook.media.something_new"}};
  for (const auto& [plex, ours] : names) {
    w.event = plex;
    w.session.state = PlaybackStateOfWebhook(plex);
    auto doc = Parse(HostEventToJson(EventOfWebhook(w), kServer));
    EXPECT_EQ(doc->getValue<std::string>("type"), ours);
    EXPECT_EQ(doc->getValue<std::string>("source"), "webhook");
    EXPECT_EQ(doc->getObject("webhook")->getValue<std::string>("event"), plex);
    EXPECT_EQ(doc->getObject("item")->getValue<std::string>("rating_key"), "101");
  }
}

}  // namespace
}  // namespace plexdriver
