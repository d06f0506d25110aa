#include "sync/scan_watch.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

Activity Scan(const std::string& uuid, const std::string& section, int progress = 0) {
  Activity a;
  a.uuid = uuid;
  a.type = kActivitySectionScan;
  a.section_id = section;
  a.progress = progress;
  return a;
}

ActivityEvent Event(const char* what, Activity a) { return ActivityEvent{what, std::move(a)}; }

TEST(SectionScanWatchTest, WebsocketStartThenEndFinishes) {
  SectionScanWatch w("1", 1, {}, 0);
  EXPECT_FALSE(w.finished());
  EXPECT_EQ(w.progress(), -1);
  w.OnActivityEvent(Event("started", Scan("a", "1")));
  w.OnActivityEvent(Event("updated", Scan("a", "1", 50)));
  EXPECT_DOUBLE_EQ(w.progress(), 0.5);
  EXPECT_FALSE(w.finished());
  w.OnActivityEvent(Event("ended", Scan("a", "1", 100)));
  EXPECT_TRUE(w.finished());
  EXPECT_EQ(w.observed_via(), "websocket");
}

TEST(SectionScanWatchTest, EndOfAScanWhoseStartWeDidNotSeeIsNotOurs) {
  SectionScanWatch w("1", 1, {}, 0);
  w.OnActivityEvent(Event("ended", Scan("old", "1", 100)));
  EXPECT_FALSE(w.finished());
}

TEST(SectionScanWatchTest, OtherSectionsAndTypesAreIgnored) {
  SectionScanWatch w("1", 1, {}, 0);
  w.OnActivityEvent(Event("started", Scan("b", "2")));
  w.OnActivityEvent(Event("ended", Scan("b", "2")));
  Activity refresh = Scan("c", "1");
  refresh.type = kActivityItemRefresh;
  w.OnActivityEvent(Event("started", refresh));
  w.OnActivityEvent(Event("ended", refresh));
  EXPECT_FALSE(w.finished());
}

TEST(SectionScanWatchTest, QueuedScansNeedAllToEnd) {
  SectionScanWatch w("1", 2, {}, 0);
  w.OnActivityEvent(Event("started", Scan("a", "1")));
  w.OnActivityEvent(Event("ended", Scan("a", "1")));
  EXPECT_FALSE(w.finished());
  EXPECT_DOUBLE_EQ(w.progress(), 0.5);
  w.OnActivityEvent(Event("started", Scan("b", "1")));
  w.OnActivityEvent(Event("ended", Scan("b", "1")));
  EXPECT_TRUE(w.finished());
}

TEST(SectionScanWatchTest, PollingBeforeTheScanStartedIsNotCompletion) {
  // The delayed-start quirk: right after the request nothing runs and the section is idle.
  SectionScanWatch w("1", 1, {}, 1000);
  w.OnPoll({}, false, 1000);
  w.OnPoll({}, false, 1000);
  EXPECT_FALSE(w.finished());
}

TEST(SectionScanWatchTest, PollingSeesActivityAppearAndDisappear) {
  SectionScanWatch w("1", 1, {}, 1000);
  w.OnPoll({Scan("a", "1", 10)}, true, 1000);
  EXPECT_FALSE(w.finished());
  w.OnPoll({}, true, 1000);  // gone, but the section still refreshes
  EXPECT_FALSE(w.finished());
  w.OnPoll({}, false, 1000);
  EXPECT_TRUE(w.finished());
  EXPECT_EQ(w.observed_via(), "activities");
}

TEST(SectionScanWatchTest, PollingBaselineActivitiesAreNotOurs) {
  SectionScanWatch w("1", 1, {"old"}, 1000);
  w.OnPoll({Scan("old", "1", 90)}, true, 1000);
  w.OnPoll({}, false, 1000);
  EXPECT_FALSE(w.finished());
}

TEST(SectionScanWatchTest, PollingScannedAtCatchesShortScans) {
  SectionScanWatch w("1", 1, {}, 1000);
  w.OnPoll({}, true, 1000);
  EXPECT_FALSE(w.finished());
  w.OnPoll({}, false, 1001);
  EXPECT_TRUE(w.finished());
  EXPECT_EQ(w.observed_via(), "scanned_at");
}

TEST(SectionScanWatchTest, ScannedAtWhileStillRefreshingIsNotCompletion) {
  SectionScanWatch w("1", 1, {}, 1000);
  w.OnPoll({}, true, 1005);
  EXPECT_FALSE(w.finished());
}

// A restart drops running scans: one that vanished while the server was not observed did not
// necessarily finish (found by the fault tests: "completed" after a restart mid-scan).
TEST(SectionScanWatchTest, ScanThatVanishedDuringAGapIsLostNotEnded) {
  SectionScanWatch w("1", 1, {}, 100);
  w.OnActivityEvent(Event("started", Scan("a", "1")));
  w.OnGap();
  w.OnPoll({}, false, 100);
  EXPECT_FALSE(w.finished());
  EXPECT_EQ(w.scans_lost(), 1);
  EXPECT_EQ(w.scans_ended(), 0);
}

TEST(SectionScanWatchTest, ScanSeenAgainAfterAGapCountsWhenItEnds) {
  SectionScanWatch w("1", 1, {}, 100);
  w.OnActivityEvent(Event("started", Scan("a", "1")));
  w.OnGap();
  w.OnPoll({Scan("a", "1", 50)}, true, 100);
  EXPECT_FALSE(w.finished());
  w.OnPoll({}, false, 100);
  EXPECT_TRUE(w.finished());
  EXPECT_EQ(w.observed_via(), "activities");
  EXPECT_EQ(w.scans_lost(), 0);
}

TEST(SectionScanWatchTest, ScannedAtPastTheBaselineStillProvesAfterAGap) {
  SectionScanWatch w("1", 1, {}, 100);
  w.OnActivityEvent(Event("started", Scan("a", "1")));
  w.OnGap();
  w.OnPoll({}, false, 100);  // gone, scannedAt not moved: lost
  EXPECT_FALSE(w.finished());
  w.OnPoll({}, false, 101);  // a scan ended after the request after all
  EXPECT_TRUE(w.finished());
  EXPECT_EQ(w.observed_via(), "scanned_at");
}

TEST(SectionScanWatchTest, EndedEventForAScanOfBeforeTheGapStillCounts) {
  SectionScanWatch w("1", 1, {}, 100);
  w.OnActivityEvent(Event("started", Scan("a", "1")));
  w.OnGap();
  w.OnActivityEvent(Event("ended", Scan("a", "1")));
  EXPECT_TRUE(w.finished());
}

}  // namespace
}  // namespace plexdriver
