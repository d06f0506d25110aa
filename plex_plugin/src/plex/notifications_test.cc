#include "plex/notifications.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(NotificationsTest, ActivityFrameWithNumericAndStringSectionIds) {
  for (const char* section : {"\"2\"", "2"}) {
    std::string frame = std::string(R"({"NotificationContainer":{"type":"activity","size":1,
      "ActivityNotification":[{"event":"ended","uuid":"u-1","Activity":{"uuid":"u-1",
      "type":"library.update.section","cancellable":false,"userID":1,"title":"Scanning Movies",
      "subtitle":"","progress":100,"Context":{"librarySectionID":)") + section + "}}}]}}";
    Result<Notification> n = ParseNotification(frame);
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    EXPECT_EQ(n->type, "activity");
    ASSERT_EQ(n->activities.size(), 1u);
    EXPECT_EQ(n->activities[0].event, "ended");
    EXPECT_EQ(n->activities[0].activity.type, kActivitySectionScan);
    EXPECT_EQ(n->activities[0].activity.section_id, "2");
    EXPECT_EQ(n->activities[0].activity.progress, 100);
  }
}

TEST(NotificationsTest, TimelineAndPlaying) {
  Result<Notification> t = ParseNotification(R"({"NotificationContainer":{"type":"timeline","size":1,
    "TimelineEntry":[{"identifier":"com.plexapp.plugins.library","sectionID":2,"itemID":583,
    "type":4,"title":"Pilot","state":5,"metadataState":"created","updatedAt":1700000000}]}})");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->timeline.size(), 1u);
  EXPECT_EQ(t->timeline[0].item_id, "583");
  EXPECT_EQ(t->timeline[0].state, 5);
  Result<Notification> p = ParseNotification(R"({"NotificationContainer":{"type":"playing","size":1,
    "PlaySessionStateNotification":[{"sessionKey":"7","ratingKey":"2174","key":"/library/metadata/2174",
    "viewOffset":2119067,"state":"paused","clientIdentifier":"abc"}]}})");
  ASSERT_TRUE(p.ok());
  ASSERT_EQ(p->playing.size(), 1u);
  EXPECT_EQ(p->playing[0].state, "paused");
  EXPECT_EQ(p->playing[0].view_offset, 2119067);
}

TEST(NotificationsTest, RejectsOtherFrames) {
  EXPECT_FALSE(ParseNotification("").ok());
  EXPECT_FALSE(ParseNotification("{}").ok());
  EXPECT_FALSE(ParseNotification("<NotificationContainer/>").ok());
  EXPECT_FALSE(ParseNotification("{\"NotificationContainer\":").ok());
}

TEST(NotificationsTest, ActivitiesListJsonAndXml) {
  const char* json = R"({"MediaContainer":{"size":1,"Activity":[{"uuid":"a","type":"library.update.section",
    "cancellable":true,"userID":1,"title":"Scanning","subtitle":"Movies","progress":40,
    "Context":{"librarySectionID":"1"}}]}})";
  const char* xml = R"(<MediaContainer size="1"><Activity uuid="a" type="library.update.section"
    cancellable="1" userID="1" title="Scanning" subtitle="Movies" progress="40">
    <Context librarySectionID="1"/></Activity></MediaContainer>)";
  for (const char* body : {json, xml}) {
    auto list = ParseActivities(body);
    ASSERT_TRUE(list.ok()) << list.status().ToString();
    ASSERT_EQ(list->size(), 1u);
    EXPECT_EQ((*list)[0].section_id, "1");
    EXPECT_EQ((*list)[0].progress, 40);
    EXPECT_TRUE((*list)[0].cancellable);
  }
  auto idle = ParseActivities(R"({"MediaContainer":{"size":0}})");
  ASSERT_TRUE(idle.ok());
  EXPECT_TRUE(idle->empty());
}

}  // namespace
}  // namespace plexdriver
