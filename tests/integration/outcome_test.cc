// Queued syncs (wait:false) close the loop: each accepted change ends in exactly one sync.change
// event carrying the host's id, and with config state_dir it survives the instance (and the
// process; the kill tests are in tests/crash). Every "completed" is checked against the scan the
// emulator recorded and the item it now has.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

#include "emulator_fixture.h"

namespace itest {
namespace {

using pms_emulator::EmulatorOptions;
using pms_emulator::FaultKind;
using pms_emulator::FaultRule;
using Poco::JSON::Object;

class OutcomeTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorOptions options;
    options.admin_token = kToken;
    options.scan_start_delay_ms = 50;
    options.scan_ms_per_folder = 20;
    StartEmulator(options, LinuxLibraryJson());
  }
  std::unique_ptr<DriverInstance> Instance(const std::string& extra = "\"debounce_seconds\": 0.1") {
    return NewInstance({{temp_.path() + "/movies", "/data/movies"}}, extra);
  }
  // An instance that may fail to be created (the test looks at why); `host_size` as HostRecorder.
  std::unique_ptr<DriverInstance> TryInstance(const std::string& extra, size_t host_size = sizeof(pd_host)) {
    return std::make_unique<DriverInstance>(
        *driver_, MakeConfig(emulator_->port(), kToken, {{temp_.path() + "/movies", "/data/movies"}}, extra),
        host_size);
  }
  std::string StateDir() const { return temp_.path() + "/state"; }
  static std::string Queue(const std::string& path, const std::string& id, const std::string& kind = "added") {
    std::string change = "{\"path\":\"" + path + "\",\"kind\":\"" + kind + "\"";
    if (!id.empty()) change += ",\"id\":\"" + id + "\"";
    return "{\"changes\":[" + change + "}],\"options\":{\"wait\":false}}";
  }
  // The sync.change events the host got for `id`.
  static std::vector<Object::Ptr> OutcomesOf(DriverInstance& instance, const std::string& id) {
    std::vector<Object::Ptr> out;
    for (const std::string& json : instance.recorder().Events()) {
      Object::Ptr e = ParseJson(json);
      if (e->getValue<std::string>("type") != "sync.change") continue;
      if (e->getObject("change")->getValue<std::string>("id") == id) out.push_back(e);
    }
    return out;
  }
  static std::string WaitForOutcome(DriverInstance& instance, const std::string& id,
                                    std::chrono::milliseconds limit = std::chrono::seconds(20)) {
    return instance.recorder().WaitForEvent(
        [&](const std::string& json) {
          return json.find("\"sync.change\"") != std::string::npos && json.find("\"" + id + "\"") != std::string::npos;
        },
        limit);
  }
  std::string JournalBytes() const {
    std::ifstream in(StateDir() + "/queue.journal", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
};

TEST_F(OutcomeTest, AQueuedChangeEndsInOneEventWithTheHostsId) {
  auto instance = Instance();
  const std::string folder = PublishMovie("Heat (1995)", "Heat (1995).mkv");
  const Object::Ptr queued = ParseJson(instance->Sync(Queue(folder, "metarr-job-17")).json);
  ASSERT_EQ(StatusOf(queued), "queued") << MessageOf(queued);
  EXPECT_EQ(Change(queued)->getValue<std::string>("id"), "metarr-job-17");
  EXPECT_NE(MessageOf(queued).find("sync.change event"), std::string::npos) << MessageOf(queued);
  const std::string json = WaitForOutcome(*instance, "metarr-job-17");
  ASSERT_FALSE(json.empty());
  const Object::Ptr e = ParseJson(json);
  EXPECT_EQ(e->getValue<std::string>("source"), "queue");
  const Object::Ptr change = e->getObject("change");
  EXPECT_EQ(change->getValue<std::string>("status"), "completed") << change->getValue<std::string>("message");
  EXPECT_EQ(change->getValue<std::string>("path"), folder);
  EXPECT_EQ(e->getValue<int>("attempts"), 1);
  EXPECT_FALSE(e->getValue<bool>("resumed"));
  ASSERT_EQ(e->getArray("scans")->size(), 1u);
  EXPECT_EQ(e->getArray("scans")->getObject(0)->getValue<std::string>("status"), "completed");
  // What Plex did: one scan of the folder, and the movie is there.
  const auto scans = emulator_->Scans();
  ASSERT_EQ(scans.size(), 1u);
  EXPECT_EQ(scans[0].path, "/data/movies/Heat (1995)");
  EXPECT_TRUE(scans[0].ended.has_value());
  EXPECT_TRUE(emulator_->FindItemByFile("/data/movies/Heat (1995)/Heat (1995).mkv").has_value());
  instance->Destroy();
  EXPECT_EQ(OutcomesOf(*instance, "metarr-job-17").size(), 1u);  // exactly one, destroy adds none
}

TEST_F(OutcomeTest, AChangeWithoutAnIdGetsOneAndItsEventCarriesIt) {
  auto instance = Instance();
  const std::string folder = PublishMovie("Alien (1979)", "Alien (1979).mkv");
  const Object::Ptr queued = ParseJson(instance->Sync(Queue(folder, "")).json);
  ASSERT_EQ(StatusOf(queued), "queued");
  const std::string id = Change(queued)->getValue<std::string>("id");
  ASSERT_EQ(id.rfind("q-", 0), 0u) << id;
  EXPECT_EQ(id.size(), 18u);
  ASSERT_FALSE(WaitForOutcome(*instance, id).empty());
  EXPECT_EQ(OutcomesOf(*instance, id)[0]->getObject("change")->getValue<std::string>("status"), "completed");
}

TEST_F(OutcomeTest, TwoJobsForOneFolderShareOneScanAndEachGetsItsEvent) {
  auto instance = Instance("\"debounce_seconds\": 0.5");
  const std::string folder = PublishMovie("Dune (2021)", "Dune (2021).mkv");
  ASSERT_EQ(StatusOf(ParseJson(instance->Sync(Queue(folder, "job-a")).json)), "queued");
  ASSERT_EQ(StatusOf(ParseJson(instance->Sync(Queue(folder + "/Dune (2021).mkv", "job-b")).json)), "queued");
  ASSERT_FALSE(WaitForOutcome(*instance, "job-a").empty());
  ASSERT_FALSE(WaitForOutcome(*instance, "job-b").empty());
  EXPECT_EQ(emulator_->Scans().size(), 1u);
  instance->Destroy();
  EXPECT_EQ(OutcomesOf(*instance, "job-a").size(), 1u);
  EXPECT_EQ(OutcomesOf(*instance, "job-b").size(), 1u);
}

TEST_F(OutcomeTest, AnIdAlreadyQueuedForAnotherPathIsRefused) {
  auto instance = Instance("\"debounce_seconds\": 30");
  const std::string heat = PublishMovie("Heat (1995)", "Heat (1995).mkv");
  const std::string dune = PublishMovie("Dune (2021)", "Dune (2021).mkv");
  ASSERT_EQ(StatusOf(ParseJson(instance->Sync(Queue(heat, "job")).json)), "queued");
  const Object::Ptr second = ParseJson(instance->Sync(Queue(dune, "job")).json);
  EXPECT_EQ(StatusOf(second), "failed");
  EXPECT_NE(MessageOf(second).find("already queued for another path"), std::string::npos) << MessageOf(second);
}

TEST_F(OutcomeTest, AFailedScanIsAFailedOutcomeNotACompletedOne) {
  FaultRule rule;
  rule.kind = FaultKind::kHttpStatus;
  rule.method = "GET";
  rule.path_prefix = "/library/sections/1/refresh";
  rule.http_status = 503;
  rule.times = -1;
  emulator_->AddFault(rule);
  auto instance = Instance();
  const std::string folder = PublishMovie("Heat (1995)", "Heat (1995).mkv");
  ASSERT_EQ(StatusOf(ParseJson(instance->Sync(Queue(folder, "job-503")).json)), "queued");
  const std::string json = WaitForOutcome(*instance, "job-503");
  ASSERT_FALSE(json.empty());
  const Object::Ptr change = ParseJson(json)->getObject("change");
  EXPECT_EQ(change->getValue<std::string>("status"), "failed");
  EXPECT_NE(change->getValue<std::string>("message").find("503"), std::string::npos)
      << change->getValue<std::string>("message");
  EXPECT_FALSE(emulator_->FindItemByFile("/data/movies/Heat (1995)/Heat (1995).mkv").has_value());
}

TEST_F(OutcomeTest, WithoutAStateDirDestroyEndsWhatNeverRanAsCancelled) {
  auto instance = Instance("\"debounce_seconds\": 30");
  const std::string folder = PublishMovie("Heat (1995)", "Heat (1995).mkv");
  ASSERT_EQ(StatusOf(ParseJson(instance->Sync(Queue(folder, "job-x")).json)), "queued");
  instance->Destroy();  // does not wait out the 30 s; reports before it returns
  const std::vector<Object::Ptr> outcomes = OutcomesOf(*instance, "job-x");
  ASSERT_EQ(outcomes.size(), 1u);
  const Object::Ptr change = outcomes[0]->getObject("change");
  EXPECT_EQ(change->getValue<std::string>("status"), "cancelled");
  EXPECT_NE(change->getValue<std::string>("message").find("state_dir"), std::string::npos);
  EXPECT_TRUE(emulator_->Scans().empty());
}

TEST_F(OutcomeTest, HeldBackByPlaybackPastTheLimitEndsDeferred) {
  auto instance = Instance(R"("debounce_seconds": 0.1, "skip_active": "section", "defer_limit_seconds": 1)");
  const std::string key = emulator_->StartPlayback("101", "erin", "Office");
  const std::string folder = PublishMovie("Arrival (2016)", "Arrival (2016).mkv");
  ASSERT_EQ(StatusOf(ParseJson(instance->Sync(Queue(folder, "job-d")).json)), "queued");
  const std::string json = WaitForOutcome(*instance, "job-d");
  ASSERT_FALSE(json.empty());
  const Object::Ptr e = ParseJson(json);
  EXPECT_EQ(e->getObject("change")->getValue<std::string>("status"), "deferred");
  EXPECT_NE(e->getObject("change")->getValue<std::string>("message").find("defer_limit_seconds"), std::string::npos);
  EXPECT_GE(e->getValue<int>("attempts"), 2);  // looked at again before giving up
  EXPECT_TRUE(emulator_->Scans().empty());
  emulator_->StopPlayback(key);
}

TEST_F(OutcomeTest, AHostWithoutEventsGetsTheOutcomeLogged) {
  auto instance = TryInstance("\"debounce_seconds\": 0.1", offsetof(pd_host, event));
  ASSERT_TRUE(instance->ok());
  const std::string folder = PublishMovie("Heat (1995)", "Heat (1995).mkv");
  const Object::Ptr queued = ParseJson(instance->Sync(Queue(folder, "job-log")).json);
  ASSERT_EQ(StatusOf(queued), "queued");
  EXPECT_NE(MessageOf(queued).find("is logged"), std::string::npos) << MessageOf(queued);
  EXPECT_TRUE(WaitUntil([&] { return LogLinesWith(*instance, "completed (id \"job-log\")") == 1; }));
}

// --- The durable queue (state_dir) ---

TEST_F(OutcomeTest, QueuedChangesSurviveTheInstanceAndResumeInTheNext) {
  const std::string folder = PublishMovie("Heat (1995)", "Heat (1995).mkv");
  const std::string state = "\"state_dir\": \"" + StateDir() + "\"";
  {
    auto first = Instance("\"debounce_seconds\": 30, " + state);
    ASSERT_TRUE(first->ok()) << first->create_result().message;
    ASSERT_EQ(StatusOf(ParseJson(first->Sync(Queue(folder, "job-r")).json)), "queued");
    EXPECT_NE(JournalBytes().find("\"job-r\""), std::string::npos);  // journaled before "queued"
    first->Destroy();
    EXPECT_TRUE(OutcomesOf(*first, "job-r").empty());  // not cancelled: kept for the next instance
    EXPECT_EQ(LogLinesWith(*first, "kept in"), 1);
  }
  EXPECT_TRUE(emulator_->Scans().empty());
  auto second = Instance("\"debounce_seconds\": 0.1, " + state);
  ASSERT_TRUE(second->ok()) << second->create_result().message;
  const std::string recovered = second->recorder().WaitForEvent(
      [](const std::string& j) { return j.find("\"queue.recovered\"") != std::string::npos; });
  ASSERT_FALSE(recovered.empty());
  EXPECT_EQ(ParseJson(recovered)->getObject("queue")->getValue<int>("resumed"), 1);
  const std::string json = WaitForOutcome(*second, "job-r");
  ASSERT_FALSE(json.empty());
  const Object::Ptr e = ParseJson(json);
  EXPECT_EQ(e->getObject("change")->getValue<std::string>("status"), "completed");
  EXPECT_TRUE(e->getValue<bool>("resumed"));
  ASSERT_EQ(emulator_->Scans().size(), 1u);
  EXPECT_TRUE(emulator_->FindItemByFile("/data/movies/Heat (1995)/Heat (1995).mkv").has_value());
  // Delivered, so forgotten (the journal records it right after the event returned).
  EXPECT_TRUE(WaitUntil([&] { return JournalBytes().empty(); })) << JournalBytes();
}

TEST_F(OutcomeTest, TwoInstancesCannotShareAStateDir) {
  const std::string state = "\"state_dir\": \"" + StateDir() + "\"";
  auto first = Instance(state);
  ASSERT_TRUE(first->ok());
  auto second = TryInstance(state);
  EXPECT_FALSE(second->ok());
  EXPECT_EQ(second->create_result().status, PD_ERR_INVALID_CONFIG);
  EXPECT_NE(second->create_result().message.find("config.state_dir"), std::string::npos);
  EXPECT_NE(second->create_result().message.find("in use by another driver instance"), std::string::npos)
      << second->create_result().message;
  first->Destroy();
  EXPECT_TRUE(Instance(state)->ok());  // free again once the first is gone
}

TEST_F(OutcomeTest, ARelativeStateDirIsAConfigErrorNamingTheKey) {
  auto instance = TryInstance("\"state_dir\": \"state\"");
  EXPECT_FALSE(instance->ok());
  EXPECT_EQ(instance->create_result().message.rfind("config.state_dir", 0), 0u) << instance->create_result().message;
}

TEST_F(OutcomeTest, ATornJournalTailIsReportedAndTheIntactChangesStillRun) {
  const std::string folder = PublishMovie("Heat (1995)", "Heat (1995).mkv");
  const std::string state = "\"state_dir\": \"" + StateDir() + "\"";
  {
    auto first = Instance("\"debounce_seconds\": 30, " + state);
    ASSERT_EQ(StatusOf(ParseJson(first->Sync(Queue(folder, "job-intact")).json)), "queued");
  }
  {
    std::ofstream out(StateDir() + "/queue.journal", std::ios::binary | std::ios::app);
    out << "1234abcd {\"op\":\"accepted\",\"id\":\"job-torn\",\"pa";  // a write cut short
  }
  auto second = Instance("\"debounce_seconds\": 0.1, " + state);
  ASSERT_TRUE(second->ok()) << second->create_result().message;
  const std::string recovered = second->recorder().WaitForEvent(
      [](const std::string& j) { return j.find("\"queue.recovered\"") != std::string::npos; });
  ASSERT_FALSE(recovered.empty());
  const Object::Ptr q = ParseJson(recovered)->getObject("queue");
  EXPECT_TRUE(q->getValue<bool>("damaged"));
  EXPECT_EQ(q->getValue<int>("resumed"), 1);
  EXPECT_NE(q->getValue<std::string>("message").find("torn"), std::string::npos) << q->getValue<std::string>("message");
  EXPECT_GE(LogLinesWith(*second, "damaged line"), 1);
  ASSERT_FALSE(WaitForOutcome(*second, "job-intact").empty());
  // The damaged bytes were saved beside the journal.
  int copies = 0;
  for (const auto& entry : std::filesystem::directory_iterator(StateDir())) {
    copies += entry.path().filename().string().rfind("queue.journal.damaged-", 0) == 0;
  }
  EXPECT_EQ(copies, 1);
}

}  // namespace
}  // namespace itest
