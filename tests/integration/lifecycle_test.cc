// Lifecycle: destroy() during a running sync cancels it and returns promptly (also while the
// server stalls a request), no thread of the driver outlives destroy(), and the library unloads
// cleanly, again and again, after instances that connected, ran the websocket and synced.
#include <dirent.h>
#include <dlfcn.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <future>
#include <thread>

#include "emulator_fixture.h"

namespace itest {
namespace {

using pms_emulator::EmulatorOptions;
using pms_emulator::FaultKind;
using pms_emulator::FaultRule;
using Clock = std::chrono::steady_clock;

// Threads of this process (the driver's among them).
int ThreadCount() {
  int n = 0;
  if (DIR* dir = opendir("/proc/self/task")) {
    while (dirent* e = readdir(dir)) n += e->d_name[0] != '.';
    closedir(dir);
  }
  return n;
}

// The standalone pms_emulator in a process of its own, so its threads are not counted as ours.
class EmulatorProcess : public ChildServer {
 public:
  EmulatorProcess()
      : ChildServer(PMS_EMULATOR_PATH,
                    {"--port", "0", "--token", kToken, "--library",
                     std::string(EMULATOR_FIXTURES) + "/demo_library.json", "--scan-start-delay-ms",
                     "20", "--scan-ms-per-folder", "20"}) {}
};

// kStalledPoll: the sync's poll waits on a server that stopped answering /activities.
// kStalledServer: the server stops answering anything and drops the websocket; the driver's
// websocket thread is then stuck in its reconnect handshake and the sync in a poll.
enum class Watch { kWebsocket, kPolling, kStalledPoll, kStalledServer };

void PrintTo(Watch w, std::ostream* os) { *os << static_cast<int>(w); }

class DestroyDuringSyncTest : public EmulatorTest, public ::testing::WithParamInterface<Watch> {};

TEST_P(DestroyDuringSyncTest, CancelsTheSyncAndReturnsPromptly) {
  const Watch watch = GetParam();
  EmulatorOptions options;
  options.admin_token = kToken;
  options.scan_start_delay_ms = 50;
  options.scan_ms_per_folder = 120000;  // the scan would take two minutes
  options.websocket_enabled = watch == Watch::kWebsocket || watch == Watch::kStalledServer;
  StartEmulator(options, LinuxLibraryJson());
  // A long request timeout: only the abort can end a stalled poll quickly.
  auto instance = NewInstance({{temp_.path() + "/movies", "/data/movies"}},
                              "\"timeout_seconds\": 60, \"poll_interval_ms\": 50");
  temp_.WriteFile("movies/Heat (1995)/Heat.mkv");
  emulator_->AddFile("/data/movies/Heat (1995)/Heat.mkv");
  auto sync = std::async(std::launch::async, [&] {
    return instance->Sync(SyncRequest({{temp_.path() + "/movies/Heat (1995)", "added"}}, 300));
  });
  ASSERT_TRUE(WaitUntil([&] {
    const auto scans = emulator_->Scans();
    return !scans.empty() && scans[0].started.has_value();
  }));
  if (watch == Watch::kStalledPoll || watch == Watch::kStalledServer) {
    FaultRule stall;
    stall.kind = FaultKind::kStall;
    stall.path_prefix = watch == Watch::kStalledPoll ? "/activities" : "";
    emulator_->AddFault(stall);
    if (watch == Watch::kStalledServer) emulator_->DropWebsockets();
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // stuck by now
  }
  ASSERT_EQ(sync.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout);
  const auto start = Clock::now();
  instance->Destroy();
  const auto took = Clock::now() - start;
  EXPECT_LT(took, std::chrono::seconds(5));  // generous for a loaded machine and sanitizers
  ASSERT_EQ(sync.wait_for(std::chrono::seconds(1)),
            std::future_status::ready);  // ended with destroy
  const CallResult r = sync.get();
  EXPECT_EQ(r.status, PD_ERR_CANCELLED) << r.message;
  if (!r.json.empty()) {
    Poco::JSON::Object::Ptr result = ParseJson(r.json);
    EXPECT_TRUE(result->getValue<bool>("cancelled"));
    EXPECT_EQ(StatusOf(result),
              "cancelled");
  }
  // Nothing was claimed: the emulator's scan never finished.
  EXPECT_FALSE(emulator_->Scans()[0].ended.has_value());
  emulator_->ClearFaults();
}

INSTANTIATE_TEST_SUITE_P(Lifecycle, DestroyDuringSyncTest,
                         ::testing::Values(Watch::kWebsocket, Watch::kPolling, Watch::kStalledPoll,
                                           Watch::kStalledServer),
                         [](const ::testing::TestParamInfo<Watch>& info) {
                           switch (info.param) {
                             case Watch::kWebsocket:
                               return "Websocket";
                             case Watch::kPolling:
                               return "Polling";
                             case Watch::kStalledPoll:
                               return "StalledPoll";
                             case Watch::kStalledServer:
                               return "StalledServer";
                           }
                           return "";
                         });

// The websocket, the event pump and the queue worker all run on threads of the driver; every
// one of them is joined by destroy().
TEST(LifecycleTest, NoThreadOutlivesDestroy) {
  EmulatorProcess server;
  ASSERT_NE(server.port(), 0) << "pms_emulator did not start";
  LoadedDriver driver(DriverPath());
  ASSERT_TRUE(driver.ok()) << driver.load_error();
  TempDir temp;
  const std::string heat = temp.MakeDir("movies/Heat (1995)");
  // A sanitizer runtime starts a helper thread of its own with the first thread a process makes:
  // let that happen before counting.
  std::thread([] {}).join();
  const int before = ThreadCount();
  {
    DriverInstance instance(
        driver, MakeConfig(server.port(), kToken, {{temp.path() + "/movies", "/data/movies"}},
                           "\"debounce_seconds\": 30"));
    ASSERT_TRUE(instance.ok()) << instance.create_result().message;
    ASSERT_EQ(instance.Connect().status, PD_OK);
    ASSERT_TRUE(
        WaitUntil([&] { return LogLinesWith(instance, "websocket notifications connected") > 0; }));
    const CallResult synced = instance.Sync(SyncRequest({{heat, "updated"}}));
    ASSERT_EQ(synced.status, PD_OK) << synced.message;
    const CallResult queued = instance.Sync(SyncRequest({{heat, "updated"}}, 20, /*wait=*/false));
    ASSERT_EQ(queued.status, PD_OK) << queued.message;
    const int during = ThreadCount();
    EXPECT_GE(during, before + 3) << "websocket, event pump and queue worker should be running";
    instance.Destroy();
    EXPECT_EQ(ThreadCount(), before);
  }
  EXPECT_EQ(ThreadCount(), before);
}

// dlopen/dlclose in a loop after every instance was destroyed, each instance having connected
// (websocket up) and some having synced: no crash, no leak (ASan), and the library really goes.
TEST(LifecycleTest, TheLibraryUnloadsAgainAndAgain) {
  EmulatorProcess server;
  ASSERT_NE(server.port(), 0) << "pms_emulator did not start";
  TempDir temp;
  const std::string heat = temp.MakeDir("movies/Heat (1995)");
  const std::string config =
      MakeConfig(server.port(), kToken, {{temp.path() + "/movies", "/data/movies"}});
  constexpr int kRounds = 50;
  for (int round = 0; round < kRounds; ++round) {
    {
      LoadedDriver driver(DriverPath());
      ASSERT_TRUE(driver.ok()) << driver.load_error();
      DriverInstance instance(driver, config);
      ASSERT_TRUE(instance.ok()) << instance.create_result().message;
      ASSERT_EQ(instance.Connect().status, PD_OK);
      ASSERT_TRUE(WaitUntil(
          [&] { return LogLinesWith(instance, "websocket notifications connected") > 0; }));
      if (round % 10 == 0) {
        const CallResult r = instance.Sync(SyncRequest({{heat, "updated"}}));
        ASSERT_EQ(r.status, PD_OK) << r.message;
      }
      instance.Destroy();
    }  // dlclose
    void* still = dlopen(DriverPath().c_str(), RTLD_NOW | RTLD_NOLOAD);
    EXPECT_EQ(still, nullptr) << "round " << round << ": the driver stayed loaded after dlclose";
    if (still) {
      dlclose(still);
      break;
    }
  }
}

}  // namespace
}  // namespace itest
