// Server work: the scan timeline (late start, activity, scannedAt), metadata refreshes and
// artwork, the trash, queued and collapsed scans, refresh verbs, and cancelling.
#include "emulator_test_support.h"

namespace pms_emulator {
namespace {

using Poco::JSON::Object;

TEST_F(EmulatorTest, ScanTimelineStartsLateAddsItemsAndUpdatesScannedAt) {
  // Generous windows so a loaded CI machine (sanitizers, parallel tests) cannot poll past them:
  // the scan starts 800 ms late and stays visible for about half a second.
  emu_->SetScanStartDelay(800);
  emu_->SetScanMsPerFolder(500);
  const int64_t scanned_before = Container(Call(*emu_, "GET", "/library/sections", true))
                                     ->getArray("Directory")->getObject(0)->getValue<int64_t>("scannedAt");
  emu_->AddFile("/data/movies/Arrival (2016)/Arrival (2016).mkv");
  const auto requested = Clock::now();
  Response r = Call(*emu_, "GET", "/library/sections/1/refresh?path=%2Fdata%2Fmovies%2FArrival%20%282016%29");
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  // Right after the request nothing shows: not in /activities, not refreshing. (Only judged
  // when both looks happened inside the delay; a starved test thread proves nothing either way.)
  const int early_activities = Container(Call(*emu_, "GET", "/activities", true))->getValue<int>("size");
  const bool early_refreshing = Container(Call(*emu_, "GET", "/library/sections", true))
                                    ->getArray("Directory")->getObject(0)->getValue<bool>("refreshing");
  if (Clock::now() - requested < std::chrono::milliseconds(700)) {
    EXPECT_EQ(early_activities, 0);
    EXPECT_FALSE(early_refreshing);
  }
  // Then the activity appears with the section flag...
  ASSERT_TRUE(WaitFor([&] { return Container(Call(*emu_, "GET", "/activities", true))->getValue<int>("size") == 1; }));
  EXPECT_GE(Clock::now() - requested, std::chrono::milliseconds(750));
  Object::Ptr activity = Container(Call(*emu_, "GET", "/activities", true))->getArray("Activity")->getObject(0);
  EXPECT_EQ(activity->getValue<std::string>("type"), "library.update.section");
  EXPECT_EQ(activity->getObject("Context")->getValue<std::string>("librarySectionID"), "1");
  // ...and when it ends the item exists and scannedAt moved.
  ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(5)));
  auto item = emu_->FindItemByFile("/data/movies/Arrival (2016)/Arrival (2016).mkv");
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->title, "Arrival");
  EXPECT_EQ(item->year, 2016);
  Object::Ptr section = Container(Call(*emu_, "GET", "/library/sections", true))->getArray("Directory")->getObject(0);
  EXPECT_FALSE(section->getValue<bool>("refreshing"));
  EXPECT_GT(section->getValue<int64_t>("scannedAt"), scanned_before);
  const auto scans = emu_->Scans();
  ASSERT_EQ(scans.size(), 1u);
  EXPECT_EQ(scans[0].path, "/data/movies/Arrival (2016)");
  EXPECT_TRUE(scans[0].started && scans[0].ended && *scans[0].started >= requested + std::chrono::milliseconds(750));
}

TEST_F(EmulatorTest, OnlyAMetadataRefreshChangesArtwork) {
  const auto before = *emu_->FindItem("101");
  emu_->AddFile("/data/movies/Heat (1995)/poster.jpg");
  Call(*emu_, "GET", "/library/sections/1/refresh?path=%2Fdata%2Fmovies%2FHeat%20%281995%29");
  ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(5)));
  const auto after_scan = *emu_->FindItem("101");
  EXPECT_EQ(after_scan.thumb, before.thumb);
  EXPECT_EQ(after_scan.updated_at, before.updated_at);
  EXPECT_EQ(Call(*emu_, "PUT", "/library/metadata/101/refresh").status, 200);
  ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(5)));
  const auto refreshed = *emu_->FindItem("101");
  EXPECT_NE(refreshed.thumb, before.thumb);
  EXPECT_GT(refreshed.updated_at, before.updated_at);
}

TEST_F(EmulatorTest, RemovedFilesGoToTheTrashUntilEmptied) {
  emu_->RemovePath("/data/movies/Heat (1995)");
  // A scan of the vanished folder itself finds nothing ("finishes instantly")...
  Call(*emu_, "GET", "/library/sections/1/refresh?path=%2Fdata%2Fmovies%2FHeat%20%281995%29");
  ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(5)));
  EXPECT_FALSE(emu_->FindItem("101")->deleted);
  // ...a scan of its parent marks the item deleted; emptyTrash removes it.
  Call(*emu_, "GET", "/library/sections/1/refresh?path=%2Fdata%2Fmovies");
  ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(5)));
  EXPECT_TRUE(emu_->FindItem("101")->deleted);
  // The trashed item is still listed, with deletedAt.
  Object::Ptr listed = Container(Call(*emu_, "GET", "/library/metadata/101", true))->getArray("Metadata")->getObject(0);
  EXPECT_TRUE(listed->get("deletedAt").isInteger());
  // Plex answers emptyTrash at once and empties the trash in the background.
  EXPECT_EQ(Call(*emu_, "PUT", "/library/sections/1/emptyTrash").status, 200);
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections/1/emptyTrash").status, 404);
  ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(5)));
  EXPECT_FALSE(emu_->FindItem("101").has_value());
  EXPECT_EQ(Call(*emu_, "GET", "/library/metadata/101", true).status, 404);
}

TEST_F(EmulatorTest, OverlappingScansQueueAndDuplicatesCollapse) {
  emu_->SetScanMsPerFolder(60);
  Call(*emu_, "GET", "/library/sections/1/refresh");
  Call(*emu_, "GET", "/library/sections/2/refresh?path=%2Fdata%2Ftv");
  Call(*emu_, "GET", "/library/sections/2/refresh?path=%2Fdata%2Ftv%2F");  // same, still queued
  ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(5)));
  const auto scans = emu_->Scans();
  ASSERT_EQ(scans.size(), 2u);
  EXPECT_TRUE(scans[0].path.empty());  // whole section
  EXPECT_GE(*scans[1].started, *scans[0].ended);  // one after another
}

TEST_F(EmulatorTest, AllSectionsRefresh) {
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections/all/refresh").status, 200);
  ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(5)));
  const auto scans = emu_->Scans();
  ASSERT_EQ(scans.size(), 2u);
  EXPECT_EQ(scans[0].section_key, "1");
  EXPECT_EQ(scans[1].section_key, "2");
  EXPECT_TRUE(scans[0].path.empty() && scans[1].path.empty());
}

TEST_F(EmulatorTest, RefreshVerbsAndCancel) {
  EXPECT_EQ(Call(*emu_, "PUT", "/library/sections/1/refresh").status, 404);  // as PMS 1.32.7
  EXPECT_EQ(Call(*emu_, "POST", "/library/sections/1/refresh").status, 404);
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections/77/refresh").status, 404);
  emu_->SetScanMsPerFolder(5000);
  Call(*emu_, "GET", "/library/sections/1/refresh");
  ASSERT_TRUE(WaitFor([&] { return Container(Call(*emu_, "GET", "/activities", true))->getValue<int>("size") == 1; }));
  EXPECT_EQ(Call(*emu_, "DELETE", "/library/sections/1/refresh").status, 200);
  ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(2)));
  EXPECT_TRUE(emu_->Scans()[0].cancelled);

  EmulatorOptions lenient;
  lenient.put_post_refresh_404 = false;
  Start(lenient);
  EXPECT_EQ(Call(*emu_, "PUT", "/library/sections/1/refresh").status, 200);
}

TEST_F(EmulatorTest, ActivityCancelByUuid) {
  emu_->SetScanMsPerFolder(5000);
  Call(*emu_, "GET", "/library/sections/1/refresh");
  ASSERT_TRUE(WaitFor([&] { return Container(Call(*emu_, "GET", "/activities", true))->getValue<int>("size") == 1; }));
  const std::string uuid =
      Container(Call(*emu_, "GET", "/activities", true))->getArray("Activity")->getObject(0)->getValue<std::string>("uuid");
  EXPECT_EQ(Call(*emu_, "DELETE", "/activities/" + uuid).status, 200);
  EXPECT_EQ(Call(*emu_, "DELETE", "/activities/no-such-uuid").status, 404);
  ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(2)));
}

}  // namespace
}  // namespace pms_emulator
