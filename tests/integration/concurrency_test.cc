// Many servers in one process, and many threads on one instance: instances share nothing (each
// has its own connections, websocket and caches), a stalled or dead server holds up none of the
// others, and concurrent calls on one instance are safe, or refused with PD_ERR_BUSY where the
// header says so (a second sync). Run under TSan too.
#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "emulator_fixture.h"

namespace itest {
namespace {

using pms_emulator::Emulator;
using pms_emulator::EmulatorOptions;
using pms_emulator::FaultKind;
using pms_emulator::FaultRule;
using Clock = std::chrono::steady_clock;

std::unique_ptr<Emulator> StartServer(const std::string& name, int ms_per_folder = 300) {
  EmulatorOptions options;
  options.admin_token = kToken;
  options.friendly_name = name;
  options.scan_start_delay_ms = 50;
  options.scan_ms_per_folder = ms_per_folder;
  auto emulator = std::make_unique<Emulator>(options);
  emulator->LoadLibraryJson(LinuxLibraryJson());
  emulator->Start();
  return emulator;
}

class ConcurrencyTest : public EmulatorTest {
 protected:
  void SetUp() override {
    driver_ = std::make_unique<LoadedDriver>(DriverPath());
    ASSERT_TRUE(driver_->ok()) << driver_->load_error();
  }
  // A movie folder on both sides: this test's manager folder and `emulator`'s file tree.
  std::string Publish(Emulator& emulator, const std::string& manager_root,
                      const std::string& folder) {
    temp_.WriteFile(manager_root + "/" + folder + "/movie.mkv");
    emulator.AddFile("/data/movies/" + folder + "/movie.mkv");
    return temp_.path() + "/" + manager_root + "/" + folder;
  }
  std::unique_ptr<DriverInstance> InstanceFor(const Emulator& emulator,
                                              const std::string& manager_root,
                                              const std::string& extra = "") {
    auto instance = std::make_unique<DriverInstance>(
        *driver_, MakeConfig(emulator.port(), kToken,
                             {{temp_.path() + "/" + manager_root, "/data/movies"}}, extra));
    EXPECT_TRUE(instance->ok()) << instance->create_result().message;
    return instance;
  }
};

TEST_F(ConcurrencyTest, SeveralServersSyncAtTheSameTimeEachOnItsOwn) {
  constexpr int kServers = 3;
  std::vector<std::unique_ptr<Emulator>> servers;
  std::vector<std::unique_ptr<DriverInstance>> instances;
  std::vector<std::string> folders;
  for (int i = 0; i < kServers; ++i) {
    servers.push_back(StartServer("Server " + std::to_string(i)));
    instances.push_back(InstanceFor(*servers[i], "m" + std::to_string(i)));
    folders.push_back(
        Publish(*servers[i], "m" + std::to_string(i), "Film " + std::to_string(i) + " (2020)"));
  }
  std::vector<std::future<CallResult>> syncs;
  for (int i = 0; i < kServers; ++i) {
    syncs.push_back(std::async(std::launch::async, [&, i] {
      return instances[i]->Sync(SyncRequest({{folders[i], "added"}}));
    }));
  }
  for (int i = 0; i < kServers; ++i) {
    const CallResult r = syncs[i].get();
    ASSERT_EQ(r.status, PD_OK) << r.message;
    EXPECT_EQ(StatusOf(r), "completed") << r.json;
    // Each server saw its own folder's scan and nothing of the others.
    const auto scans = servers[i]->Scans();
    ASSERT_EQ(scans.size(), 1u);
    EXPECT_EQ(scans[0].path, "/data/movies/Film " + std::to_string(i) + " (2020)");
    EXPECT_TRUE(
        servers[i]->FindItemByFile("/data/movies/Film " + std::to_string(i) + " (2020)/movie.mkv"));
    EXPECT_EQ(servers[i]->WebsocketClients(), 1u);  // one websocket per instance
  }
  for (auto& s : servers) s->Stop();
}

TEST_F(ConcurrencyTest, AStalledAndADeadServerHoldUpNoOther) {
  auto stalled = StartServer("Stalled");
  auto dead = StartServer("Dead");
  auto healthy = StartServer("Healthy");
  auto on_stalled = InstanceFor(*stalled, "s");
  auto on_dead = InstanceFor(*dead, "d");
  auto on_healthy = InstanceFor(*healthy, "h");
  for (auto* i : {on_stalled.get(), on_dead.get(), on_healthy.get()})
    ASSERT_EQ(i->Connect().status, PD_OK);
  const std::string s_folder = Publish(*stalled, "s", "A (2001)");
  const std::string d_folder = Publish(*dead, "d", "B (2002)");
  const std::string h_folder = Publish(*healthy, "h", "C (2003)");
  FaultRule stall;
  stall.kind = FaultKind::kStall;
  stalled->AddFault(stall);  // answers nothing any more, keeps the connections open
  dead->Stop();              // refuses connections

  const auto start = Clock::now();
  auto s = std::async(std::launch::async, [&] {
    return on_stalled->Sync(SyncRequest({{s_folder, "added"}}, 6));
  });
  auto d = std::async(std::launch::async, [&] {
    return on_dead->Sync(SyncRequest({{d_folder, "added"}}, 6));
  });
  const CallResult h = on_healthy->Sync(SyncRequest({{h_folder, "added"}}, 6));
  const auto healthy_done = Clock::now();
  EXPECT_EQ(h.status, PD_OK) << h.message;
  EXPECT_EQ(StatusOf(h), "completed") << h.json;
  EXPECT_TRUE(healthy->FindItemByFile("/data/movies/C (2003)/movie.mkv"));

  const CallResult sr = s.get();
  const auto stalled_done = Clock::now();
  const CallResult dr = d.get();
  // The healthy server's sync did not wait for the stalled one's timeout.
  EXPECT_LT(healthy_done, stalled_done);
  EXPECT_LT(stalled_done - start, std::chrono::seconds(9));  // 6 s timeout + slack
  EXPECT_NE(StatusOf(sr), "completed") << sr.json;
  if (dr.status == PD_OK) {
    EXPECT_EQ(StatusOf(dr), "failed") << dr.json;  // its scan request was refused
  } else {
    EXPECT_EQ(dr.status, PD_ERR_UNREACHABLE) << dr.message;
  }
  stalled->ClearFaults();
  for (auto* e : {stalled.get(), healthy.get()}) e->Stop();
}

// Every [thread-safe] call at once from several threads while syncs run: each returns a valid
// answer; a second concurrent sync is refused with PD_ERR_BUSY (the header's instance-serial).
TEST_F(ConcurrencyTest, ManyThreadsOnOneInstance) {
  auto server = StartServer("Busy", 200);
  auto instance = InstanceFor(*server, "m", "\"debounce_seconds\": 0.2");
  const std::string existing = temp_.MakeDir("m/Existing (2000)");
  std::vector<std::string> folders;
  for (int i = 0; i < 4; ++i)
    folders.push_back(Publish(*server, "m", "Film " + std::to_string(i) + " (2020)"));
  const pms_emulator::WebhookBody hook = server->BuildWebhook("media.play", "101", "alice", "TV");

  std::atomic<bool> stop{false};
  std::atomic<int> calls{0}, busy{0}, completed{0};
  std::vector<std::string> problems;
  std::mutex problems_mutex;
  auto problem = [&](const std::string& what) {
    std::lock_guard<std::mutex> lock(problems_mutex);
    problems.push_back(what);
  };
  auto expect_ok = [&](const char* what, const CallResult& r, bool with_json) {
    ++calls;
    if (r.status != PD_OK) problem(std::string(what) + ": " + r.message);
    if (with_json && r.status == PD_OK) ParseJson(r.json);
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {  // two syncing threads: at most one sync at a time gets through
    threads.emplace_back([&, t] {
      for (int i = t; i < 4; i += 2) {
        const CallResult r = instance->Sync(SyncRequest({{folders[i], "added"}}));
        ++calls;
        if (r.status == PD_ERR_BUSY) {
          ++busy;
          if (r.message.find("another sync") == std::string::npos)
            problem("busy without saying why: " + r.message);
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
          i -= 2;  // try that folder again
          continue;
        }
        if (r.status != PD_OK)
          problem("sync: " + r.message);
        else if (StatusOf(r) == "completed")
          ++completed;
        else
          problem("sync: " + r.json);
      }
    });
  }
  threads.emplace_back([&] {
    while (!stop) expect_ok("test_connection", instance->TestConnection(), true);
  });
  threads.emplace_back([&] {
    while (!stop) {
      expect_ok("capabilities", instance->Capabilities(), true);
      expect_ok("connect", instance->Connect(), false);
    }
  });
  threads.emplace_back([&] {
    while (!stop) {
      expect_ok("find", instance->Find(existing), true);
      expect_ok("sessions", instance->Sessions(), true);
    }
  });
  threads.emplace_back([&] {
    while (!stop) {
      expect_ok("handle_webhook", instance->HandleWebhook(hook.content_type, hook.body), true);
      // Queued syncs run on the instance's own worker, beside the waited ones.
      const CallResult q = instance->Sync(SyncRequest({{existing, "updated"}}, 20, /*wait=*/false));
      ++calls;
      if (q.status == PD_ERR_BUSY)
        ++busy;
      else if (q.status != PD_OK)
        problem("queued sync: " + q.message);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  });
  threads[0].join();
  threads[1].join();
  stop = true;
  for (size_t i = 2; i < threads.size(); ++i) threads[i].join();
  EXPECT_TRUE(problems.empty()) << problems.size() << " problems, first: " << problems.front();
  EXPECT_EQ(completed.load(), 4);
  EXPECT_GT(calls.load(), 20);
  for (int i = 0; i < 4; ++i) {
    EXPECT_TRUE(
        server->FindItemByFile("/data/movies/Film " + std::to_string(i) + " (2020)/movie.mkv"))
        << i;
  }
  instance->Destroy();
  server->Stop();
}

}  // namespace
}  // namespace itest
