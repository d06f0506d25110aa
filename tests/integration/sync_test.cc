// Sync through the real driver module against the emulator. Every "completed" is checked
// against what the emulator did: the scan it recorded, its end time, the item it now has.
#include <chrono>
#include <thread>

#include "emulator_fixture.h"

namespace itest {
namespace {

using pms_emulator::EmulatorOptions;
using pms_emulator::FaultKind;
using pms_emulator::FaultRule;
using Clock = std::chrono::steady_clock;

class SyncTest : public EmulatorTest {
 protected:
  void StartLinux(int start_delay_ms = 100, int ms_per_folder = 20, bool websocket = true) {
    EmulatorOptions options;
    options.admin_token = kToken;
    options.scan_start_delay_ms = start_delay_ms;
    options.scan_ms_per_folder = ms_per_folder;
    options.websocket_enabled = websocket;
    StartEmulator(options, LinuxLibraryJson());
  }
  std::string Movies() const { return temp_.path() + "/movies"; }
  std::unique_ptr<DriverInstance> MoviesInstance(const std::string& extra = "") {
    return NewInstance({{Movies(), "/data/movies"}, {temp_.path() + "/tv", "/data/tv"}}, extra);
  }
  size_t RefreshRequests() const {
    return emulator_->CountRequests("GET", "/library/sections/1/refresh");
  }
};

TEST_F(SyncTest, NewMovieFolderAppearsAfterSync) {
  StartLinux();
  auto instance = MoviesInstance();
  const std::string folder = PublishMovie("Arrival (2016)", "Arrival (2016).mkv");
  ASSERT_FALSE(emulator_->FindItemByFile("/data/movies/Arrival (2016)/Arrival (2016).mkv"));
  emulator_->ClearRequests();

  const CallResult r = instance->Sync(SyncRequest({{folder, "added"}}));
  const auto returned = Clock::now();
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  ASSERT_EQ(StatusOf(result, 0), "completed") << MessageOf(result, 0);
  EXPECT_EQ(Change(result, 0)->getValue<std::string>("server_path"), "/data/movies/Arrival (2016)");

  // The emulator saw exactly one partial scan of that folder, and it had ended before the
  // driver said "completed".
  ASSERT_EQ(RefreshRequests(), 1u);
  for (const auto& req : emulator_->Requests()) {
    if (req.path == "/library/sections/1/refresh") {
      EXPECT_EQ(req.method, "GET");
      EXPECT_EQ(req.params.at("path"), "/data/movies/Arrival (2016)");
    }
  }
  const auto scans = emulator_->Scans();
  ASSERT_EQ(scans.size(), 1u);
  EXPECT_EQ(scans[0].path, "/data/movies/Arrival (2016)");
  ASSERT_TRUE(scans[0].ended.has_value());
  EXPECT_LE(*scans[0].ended, returned);
  // And the item is in the library now.
  auto item = emulator_->FindItemByFile("/data/movies/Arrival (2016)/Arrival (2016).mkv");
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->title, "Arrival");
  EXPECT_EQ(result->getArray("scans")->getObject(0)->getValue<std::string>("observed_via"),
            "websocket");
  ExpectNoToken(*instance, {r.json, r.message});
}

TEST_F(SyncTest, AwkwardNamesSurviveTheWholeWay) {
  StartLinux();
  auto instance = MoviesInstance();
  // Spaces, &, #, +, %, a literal "%20", NFC é and an NFD e + combining acute.
  const std::string name = "Tom & Jerry #1 + 100% %20 Am\xC3\xA9lie Ame\xCC\x81lie (2001)";
  const std::string folder = PublishMovie(name, "movie.mkv");
  emulator_->ClearRequests();
  const CallResult r = instance->Sync(SyncRequest({{folder, "added"}}));
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  ASSERT_EQ(StatusOf(result, 0), "completed") << MessageOf(result, 0);
  ASSERT_EQ(RefreshRequests(), 1u);
  for (const auto& req : emulator_->Requests()) {
    if (req.path == "/library/sections/1/refresh") {
      EXPECT_EQ(req.params.at("path"), "/data/movies/" + name);
    }
  }
  auto item = emulator_->FindItemByFile("/data/movies/" + name + "/movie.mkv");
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->title, "Tom & Jerry #1 + 100% %20 Am\xC3\xA9lie Ame\xCC\x81lie");
}

TEST_F(SyncTest, WarmSingleFolderSyncMakesFewRequests) {
  StartLinux();
  auto instance = MoviesInstance();
  ASSERT_EQ(instance->Connect().status, PD_OK);
  const std::string folder = PublishMovie("Heat (1995)", "Heat.mkv");
  const CallResult r = instance->Sync(SyncRequest({{folder, "added"}}));
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  ASSERT_EQ(StatusOf(result, 0), "completed") << MessageOf(result, 0);
  EXPECT_LE(result->getValue<int>("http_requests"), 3);
}

TEST_F(SyncTest, FilesInOneFolderGiveOneScan) {
  StartLinux();
  auto instance = MoviesInstance();
  const std::string folder = PublishMovie("Heat (1995)", "Heat.mkv");
  temp_.WriteFile("movies/Heat (1995)/poster.jpg");
  temp_.WriteFile("movies/Heat (1995)/fanart.jpg");
  emulator_->ClearRequests();
  const CallResult r = instance->Sync(SyncRequest(
      {{folder + "/poster.jpg", "updated"}, {folder + "/fanart.jpg", "updated"}, {folder, "added"}}));
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(StatusOf(result, i), "completed") << MessageOf(result, i);
  EXPECT_EQ(RefreshRequests(), 1u);
}

TEST_F(SyncTest, PathUnderNoSectionFailsWithoutScanning) {
  StartLinux();
  auto instance = NewInstance({{temp_.path() + "/movies", "/data/movies"},
                               {temp_.path() + "/music", "/data/music"}});
  const std::string music = temp_.MakeDir("music/Album");
  emulator_->ClearRequests();
  const CallResult r = instance->Sync(SyncRequest({{music, "added"}}));
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  EXPECT_EQ(StatusOf(result, 0), "failed");
  const std::string message = MessageOf(result, 0);
  EXPECT_NE(message.find(music), std::string::npos) << message;
  EXPECT_NE(message.find("/data/music/Album"), std::string::npos) << message;
  EXPECT_NE(message.find("/data/movies"), std::string::npos) << message;
  // No section was asked to scan; the section list was re-read (a library may have been added).
  EXPECT_EQ(emulator_->CountRequests("GET", "/library/sections/"), 0u);
  EXPECT_GE(emulator_->CountRequests("GET", "/library/sections"), 1u);
  EXPECT_TRUE(emulator_->Scans().empty());
}

TEST_F(SyncTest, OfflineStorageIsNotScanned) {
  StartLinux();
  auto instance = MoviesInstance();
  emulator_->ClearRequests();
  const CallResult r = instance->Sync(SyncRequest({{Movies() + "/Ghost (1990)", "added"}}));
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  EXPECT_EQ(StatusOf(result, 0), "failed");
  EXPECT_NE(MessageOf(result, 0).find("does not exist"), std::string::npos);
  EXPECT_EQ(RefreshRequests(), 0u);
}

TEST_F(SyncTest, ScanSlowerThanTheTimeoutIsTimedOut) {
  StartLinux(/*start_delay_ms=*/50, /*ms_per_folder=*/3000);
  auto instance = MoviesInstance();
  const std::string folder = PublishMovie("Heat (1995)", "Heat.mkv");
  const CallResult r = instance->Sync(SyncRequest({{folder, "added"}}, /*timeout=*/0.8));
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  EXPECT_EQ(StatusOf(result, 0), "timed_out");
  EXPECT_EQ(result->getValue<std::string>("status"), "timed_out");
  // Honest: the emulator had indeed not finished.
  const auto scans = emulator_->Scans();
  ASSERT_EQ(scans.size(), 1u);
  EXPECT_FALSE(scans[0].ended.has_value() && *scans[0].ended <= Clock::now() - std::chrono::milliseconds(1));
}

TEST_F(SyncTest, DelayedStartIsNotAFalseCompletionWhenPolling) {
  StartLinux(/*start_delay_ms=*/700, /*ms_per_folder=*/50, /*websocket=*/false);
  auto instance = MoviesInstance("\"poll_interval_ms\": 20");
  const std::string folder = PublishMovie("Heat (1995)", "Heat.mkv");
  const CallResult r = instance->Sync(SyncRequest({{folder, "added"}}));
  const auto returned = Clock::now();
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  ASSERT_EQ(StatusOf(result, 0), "completed") << MessageOf(result, 0);
  const auto scans = emulator_->Scans();
  ASSERT_EQ(scans.size(), 1u);
  ASSERT_TRUE(scans[0].ended.has_value());
  EXPECT_LE(*scans[0].ended, returned);
  const std::string via =
      result->getArray("scans")->getObject(0)->getValue<std::string>("observed_via");
  EXPECT_TRUE(via == "activities" || via == "scanned_at") << via;
  EXPECT_TRUE(emulator_->FindItemByFile("/data/movies/Heat (1995)/Heat.mkv").has_value());
}

TEST_F(SyncTest, DelayedStartIsNotAFalseCompletionWithWebsocket) {
  StartLinux(/*start_delay_ms=*/700, /*ms_per_folder=*/50, /*websocket=*/true);
  auto instance = MoviesInstance();
  const std::string folder = PublishMovie("Heat (1995)", "Heat.mkv");
  const CallResult r = instance->Sync(SyncRequest({{folder, "added"}}));
  const auto returned = Clock::now();
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  ASSERT_EQ(StatusOf(result, 0), "completed") << MessageOf(result, 0);
  const auto scans = emulator_->Scans();
  ASSERT_EQ(scans.size(), 1u);
  ASSERT_TRUE(scans[0].ended.has_value());
  EXPECT_LE(*scans[0].ended, returned);
}

TEST_F(SyncTest, ServerErrorOnRefreshIsRetried) {
  StartLinux();
  auto instance = MoviesInstance();
  const std::string folder = PublishMovie("Heat (1995)", "Heat.mkv");
  FaultRule rule;
  rule.kind = FaultKind::kHttpStatus;
  rule.method = "GET";
  rule.path_prefix = "/library/sections/1/refresh";
  rule.http_status = 503;
  rule.times = 2;
  emulator_->AddFault(rule);
  emulator_->ClearRequests();
  const CallResult r = instance->Sync(SyncRequest({{folder, "added"}}));
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  EXPECT_EQ(StatusOf(result, 0), "completed") << MessageOf(result, 0);
  EXPECT_EQ(RefreshRequests(), 3u);

  // Failing every time: reported as failed with the HTTP status, never as completed.
  FaultRule always = rule;
  always.times = -1;
  emulator_->AddFault(always);
  const CallResult again = instance->Sync(SyncRequest({{folder, "added"}}));
  Poco::JSON::Object::Ptr failed = ParseJson(again.json);
  EXPECT_EQ(StatusOf(failed, 0), "failed");
  EXPECT_NE(MessageOf(failed, 0).find("503"), std::string::npos) << MessageOf(failed, 0);
}

TEST_F(SyncTest, CancelWhileWaiting) {
  StartLinux(/*start_delay_ms=*/50, /*ms_per_folder=*/5000);
  auto instance = MoviesInstance();
  const std::string folder = PublishMovie("Heat (1995)", "Heat.mkv");
  instance->recorder().CancelAfter(5);
  const CallResult r = instance->Sync(SyncRequest({{folder, "added"}}));
  EXPECT_EQ(r.status, PD_ERR_CANCELLED) << r.message;
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  EXPECT_EQ(StatusOf(result, 0), "cancelled");
  EXPECT_TRUE(result->getValue<bool>("cancelled"));
}

TEST_F(SyncTest, QueuedSyncsDebouncePerFolder) {
  StartLinux();
  auto instance = MoviesInstance("\"debounce_seconds\": 1.0");
  const std::string folder = PublishMovie("Heat (1995)", "Heat.mkv");
  temp_.WriteFile("movies/Heat (1995)/poster.jpg");
  emulator_->ClearRequests();
  for (const std::string& path : {folder, folder + "/poster.jpg", folder}) {
    const CallResult r = instance->Sync(SyncRequest({{path, "updated"}}, 20, /*wait=*/false));
    ASSERT_EQ(r.status, PD_OK) << r.message;
    EXPECT_EQ(StatusOf(ParseJson(r.json), 0), "queued");
  }
  EXPECT_EQ(RefreshRequests(), 0u);  // nothing yet: the folder is not quiet
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (RefreshRequests() == 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(emulator_->WaitForIdle(std::chrono::seconds(10)));
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // a second scan would show by now
  EXPECT_EQ(RefreshRequests(), 1u);
}

TEST_F(SyncTest, WebsocketDropMidSyncFallsBackToPolling) {
  StartLinux(/*start_delay_ms=*/50, /*ms_per_folder=*/800);
  auto instance = MoviesInstance("\"poll_interval_ms\": 20");
  const std::string folder = PublishMovie("Heat (1995)", "Heat.mkv");
  std::thread dropper([&] {
    // Once the scan runs, the network drops every websocket (the server keeps scanning).
    for (int i = 0; i < 200; ++i) {
      const auto scans = emulator_->Scans();
      if (!scans.empty() && scans[0].started) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    emulator_->DropWebsockets();
  });
  const CallResult r = instance->Sync(SyncRequest({{folder, "added"}}));
  dropper.join();
  const auto returned = Clock::now();
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  ASSERT_EQ(StatusOf(result, 0), "completed") << MessageOf(result, 0);
  const std::string via = result->getArray("scans")->getObject(0)->getValue<std::string>("observed_via");
  EXPECT_TRUE(via == "activities" || via == "scanned_at") << via;
  const auto scans = emulator_->Scans();
  ASSERT_TRUE(scans[0].ended.has_value());
  EXPECT_LE(*scans[0].ended, returned);
  bool logged = false;
  for (const std::string& line : instance->recorder().Logs()) logged |= line.find("websocket lost") != std::string::npos;
  EXPECT_TRUE(logged);
}

TEST_F(SyncTest, SecondSyncOnABusyInstanceIsRefused) {
  StartLinux(/*start_delay_ms=*/50, /*ms_per_folder=*/600);
  auto instance = MoviesInstance();
  const std::string folder = PublishMovie("Heat (1995)", "Heat.mkv");
  CallResult first;
  std::thread runner([&] { first = instance->Sync(SyncRequest({{folder, "added"}})); });
  while (emulator_->Scans().empty()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const CallResult second = instance->Sync(SyncRequest({{folder, "updated"}}));
  runner.join();
  EXPECT_EQ(second.status, PD_ERR_BUSY) << second.message;
  EXPECT_NE(second.message.find("another sync"), std::string::npos) << second.message;
  EXPECT_EQ(first.status, PD_OK) << first.message;
  EXPECT_EQ(emulator_->Scans().size(), 1u);
}

TEST_F(SyncTest, ProgressGoesToTheHost) {
  StartLinux(/*start_delay_ms=*/50, /*ms_per_folder=*/200);
  auto instance = MoviesInstance();
  const std::string folder = PublishMovie("Heat (1995)", "Heat.mkv");
  ASSERT_EQ(instance->Sync(SyncRequest({{folder, "added"}})).status, PD_OK);
  const std::vector<double> progress = instance->recorder().Progress();
  ASSERT_FALSE(progress.empty());
  for (double p : progress) EXPECT_TRUE(p == -1 || (p >= 0 && p <= 1)) << p;
  EXPECT_DOUBLE_EQ(progress.back(), 1.0);
}

TEST_F(SyncTest, DestroyReportsQueuedScansThatNeverRan) {
  StartLinux();
  auto instance = MoviesInstance("\"debounce_seconds\": 30");
  const std::string folder = PublishMovie("Heat (1995)", "Heat.mkv");
  const CallResult r = instance->Sync(SyncRequest({{folder, "added"}}, 20, /*wait=*/false));
  ASSERT_EQ(StatusOf(ParseJson(r.json), 0), "queued");
  const auto start = Clock::now();
  instance->Destroy();  // returns promptly: the 30 s debounce is not waited out
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(5));
  // Reported before destroy returned: the change's outcome, cancelled (no state_dir), and logged.
  bool reported = false;
  for (const std::string& line : instance->recorder().Logs()) reported |= line.find(": cancelled: ") != std::string::npos;
  EXPECT_TRUE(reported);
  bool event = false;
  for (const std::string& json : instance->recorder().Events()) {
    event |= json.find("\"sync.change\"") != std::string::npos && json.find("\"cancelled\"") != std::string::npos;
  }
  EXPECT_TRUE(event);
  EXPECT_EQ(RefreshRequests(), 0u);
}

TEST_F(SyncTest, DryRunScansNothing) {
  StartLinux();
  auto instance = MoviesInstance();
  const std::string folder = PublishMovie("Heat (1995)", "Heat.mkv");
  emulator_->ClearRequests();
  const CallResult r = instance->Sync(SyncRequest({{folder, "added"}}, 20, true, /*dry_run=*/true));
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  EXPECT_EQ(StatusOf(result, 0), "skipped");
  EXPECT_EQ(RefreshRequests(), 0u);
  EXPECT_FALSE(emulator_->FindItemByFile("/data/movies/Heat (1995)/Heat.mkv").has_value());
}

TEST_F(SyncTest, InvalidRequestNamesTheKey) {
  StartLinux();
  auto instance = MoviesInstance();
  const CallResult r = instance->Sync(R"({"changes":[{"path":"/x","kind":"modified"}]})");
  EXPECT_EQ(r.status, PD_ERR_INVALID_ARGUMENT);
  EXPECT_NE(r.message.find("changes[0].kind"), std::string::npos) << r.message;
}

}  // namespace
}  // namespace itest
