// host_stub + the Plex driver + the emulator, as a user runs them: exit codes, readable output,
// and no token anywhere in what is printed (also with --verbose).
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>
#include <fmt/format.h>

#include "emulator_fixture.h"

namespace itest {
namespace {

using pms_emulator::EmulatorOptions;
using pms_emulator::FaultKind;
using pms_emulator::FaultRule;

class HostStubCliTest : public EmulatorTest {
 protected:
  void SetUp() override {
    if (HostStubPath().empty()) GTEST_SKIP() << "host_stub is not built";
    EmulatorOptions options;
    options.admin_token = kToken;
    options.friendly_name = "CLI Plex";
    options.scan_start_delay_ms = 50;
    StartEmulator(options, LinuxLibraryJson());
  }
  std::string Config(const std::string& extra = "", uint16_t port = 0) {
    const std::string path = temp_.path() + "/config-" + std::to_string(configs_++) + ".json";
    std::ofstream(path) << MakeConfig(port ? port : emulator_->port(), kToken,
                                      {{temp_.path() + "/movies", "/data/movies"}}, extra);
    return path;
  }
  // --json runs capture stdout only: the document, nothing else.
  int Run(const std::string& args, std::string* out) {
    const bool json = args.find("--json") != std::string::npos;
    const int code = RunCommand(HostStubPath() + " --driver " + DriverPath() + " --verbose " + args, out, !json);
    EXPECT_EQ(out->find(kToken), std::string::npos) << "the token was printed:\n" << *out;
    return code;
  }
  int configs_ = 0;
};

TEST_F(HostStubCliTest, TestConnectionOk) {
  std::string out;
  EXPECT_EQ(Run("test-connection --config " + Config(), &out), 0) << out;
  for (const char* needle : {"OK", "CLI Plex", "[1] Movies (movie): /data/movies", "partial (folder) scans: supported",
                             "no mapping reaches: /data/tv"}) {
    EXPECT_NE(out.find(needle), std::string::npos) << needle << "\n" << out;
  }
  EXPECT_EQ(Run("test-connection --json --config " + Config(), &out), 0);
  EXPECT_EQ(ParseJson(out)->getValue<bool>("ok"), true);
}

TEST_F(HostStubCliTest, TestConnectionFailures) {
  std::string out;
  EXPECT_EQ(Run("test-connection --config " + Config("\"plex_token\": \"bad-token-value\""), &out), 7);
  EXPECT_NE(out.find("unauthorized"), std::string::npos) << out;
  EXPECT_EQ(out.find("bad-token-value"), std::string::npos) << out;

  EXPECT_EQ(Run("test-connection --config " + Config("", 1), &out), 7);  // nothing listens on port 1
  EXPECT_NE(out.find("unreachable"), std::string::npos) << out;

  FaultRule nginx;
  nginx.kind = FaultKind::kNotPlex;
  emulator_->AddFault(nginx);
  EXPECT_EQ(Run("test-connection --config " + Config(), &out), 7);
  EXPECT_NE(out.find("protocol"), std::string::npos) << out;
  emulator_->ClearFaults();

  FaultRule stall;
  stall.kind = FaultKind::kStall;
  emulator_->AddFault(stall);
  EXPECT_EQ(Run("test-connection --config " + Config("\"timeout_seconds\": 1"), &out), 7);
  EXPECT_NE(out.find("timeout"), std::string::npos) << out;
  emulator_->ClearFaults();

  EXPECT_EQ(Run("test-connection --config " + Config("\"port\": \"x\""), &out), 6);
  EXPECT_NE(out.find("port"), std::string::npos) << out;
}

TEST_F(HostStubCliTest, FindShowsWhatPlexHasForAPath) {
  std::string out;
  const std::string existing = temp_.path() + "/movies/Existing (2000)";
  EXPECT_EQ(Run("find --config " + Config() + " '" + existing + "/poster.jpg'", &out), 0) << out;
  EXPECT_NE(out.find("as Plex sees it /data/movies/Existing (2000)/poster.jpg"), std::string::npos) << out;
  EXPECT_NE(out.find("library        [1] Movies (/data/movies)"), std::string::npos) << out;
  EXPECT_NE(out.find("item           101 movie \"Existing\" (2000) in library 1"), std::string::npos) << out;

  EXPECT_EQ(Run("find --json --config " + Config() + " '" + temp_.path() + "/movies/Nothing (1999)'", &out), 0);
  Poco::JSON::Object::Ptr doc = ParseJson(out);
  EXPECT_FALSE(doc->getValue<bool>("found"));
  EXPECT_NE(doc->getValue<std::string>("message").find("no item"), std::string::npos);

  EXPECT_EQ(Run("find --json --config " + Config() + " /srv/elsewhere", &out), 0);
  EXPECT_NE(ParseJson(out)->getValue<std::string>("message").find("lies in no Plex library folder"), std::string::npos);
}

TEST_F(HostStubCliTest, SyncPrintsATableAndExitsByTheWorstStatus) {
  temp_.WriteFile("movies/Arrival (2016)/Arrival (2016).mkv");
  emulator_->AddFile("/data/movies/Arrival (2016)/Arrival (2016).mkv");
  std::string out;
  const std::string folder = temp_.path() + "/movies/Arrival (2016)";
  EXPECT_EQ(Run("sync --config " + Config() + " --kind added '" + folder + "'", &out), 0) << out;
  EXPECT_NE(out.find("completed"), std::string::npos) << out;
  EXPECT_NE(out.find("as Plex sees it: /data/movies/Arrival (2016)"), std::string::npos) << out;
  EXPECT_NE(out.find("seen via websocket"), std::string::npos) << out;
  EXPECT_TRUE(emulator_->FindItemByFile("/data/movies/Arrival (2016)/Arrival (2016).mkv").has_value());

  // A path under no library: failed, exit 13, and nothing scanned.
  const std::string stray = temp_.MakeDir("elsewhere/X");
  const size_t scans = emulator_->Scans().size();
  EXPECT_EQ(Run("sync --config " + Config() + " '" + stray + "'", &out), 13) << out;
  EXPECT_NE(out.find("lies in no Plex library folder"), std::string::npos) << out;
  EXPECT_EQ(emulator_->Scans().size(), scans);

  // A scan that does not finish in time: exit 11, never "completed".
  emulator_->SetScanMsPerFolder(4000);
  EXPECT_EQ(Run("sync --config " + Config() + " --kind added --timeout 0.5 '" + folder + "'", &out), 11) << out;
  EXPECT_NE(out.find("timed_out"), std::string::npos) << out;

  EXPECT_EQ(Run("sync --json --dry-run --config " + Config() + " '" + folder + "'", &out), 0) << out;
  EXPECT_EQ(ParseJson(out)->getValue<std::string>("status"), "skipped");
}


TEST_F(HostStubCliTest, SessionsListsWhoIsWatching) {
  std::string out;
  EXPECT_EQ(Run("sessions --config " + Config(), &out), 0) << out;
  EXPECT_NE(out.find("nobody is playing"), std::string::npos) << out;
  const std::string key = emulator_->StartPlayback("101", "alice", "Living Room TV");
  EXPECT_EQ(Run("sessions --config " + Config("\"skip_active\": \"section\""), &out), 0) << out;
  for (const char* needle : {"alice", "Living Room TV", "Existing", "playing", "1 active; skip_active section"}) {
    EXPECT_NE(out.find(needle), std::string::npos) << needle << "\n" << out;
  }
  EXPECT_EQ(Run("sessions --json --config " + Config(), &out), 0) << out;
  EXPECT_EQ(ParseJson(out)->getArray("sessions")->getObject(0)->getValue<std::string>("session_key"), key);
  EXPECT_EQ(emulator_->CountRequests("GET", "/status/sessions"), 3u);
}

TEST_F(HostStubCliTest, SyncWithSkipActiveIsDeferred) {
  emulator_->StartPlayback("101", "alice", "Living Room TV");
  temp_.WriteFile("movies/Existing (2000)/poster.jpg");
  std::string out;
  EXPECT_EQ(Run("sync --config " + Config() + " --skip-active section '" + temp_.path() +
                    "/movies/Existing (2000)/poster.jpg'", &out), 10) << out;
  EXPECT_NE(out.find("deferred"), std::string::npos) << out;
  EXPECT_NE(out.find("alice"), std::string::npos) << out;
  EXPECT_EQ(emulator_->CountRequests("PUT", "/library/metadata"), 0u);
}

TEST_F(HostStubCliTest, SyncPushesArtworkAndLocksFieldsThenFindShowsTheLocks) {
  const std::string poster = std::string("\xFF\xD8\xFF\xE0", 4) + "the CLI's poster" + "\xFF\xD9";
  temp_.WriteFile("movies/Existing (2000)/poster.jpg", poster);
  temp_.WriteFile("movies/Existing (2000)/movie.nfo",
                  "<movie><title>Existing</title><plot>From the NFO.</plot><genre>Drama</genre></movie>");
  const std::string folder = temp_.path() + "/movies/Existing (2000)";
  std::string out;
  EXPECT_EQ(Run("sync --config " + Config() + " --push-artwork --lock-fields '" + folder + "'", &out), 0) << out;
  EXPECT_NE(out.find("poster of 101 <- " + folder + "/poster.jpg: uploaded (" + std::to_string(poster.size()) + " bytes)"),
            std::string::npos) << out;
  EXPECT_NE(out.find("fields from " + folder + "/movie.nfo"), std::string::npos) << out;
  EXPECT_NE(out.find("\"\" -> \"From the NFO.\" (set)"), std::string::npos) << out;
  EXPECT_EQ(emulator_->SelectedImage("101", "thumb"), poster);
  EXPECT_EQ(emulator_->FindItem("101")->fields["summary"], "From the NFO.");

  EXPECT_EQ(Run("find --config " + Config() + " '" + folder + "'", &out), 0) << out;
  EXPECT_NE(out.find("  locked       genre, summary, thumb, title"), std::string::npos) << out;

  // --unlock: the same fields and the poster unlocked, the values kept.
  EXPECT_EQ(Run("sync --config " + Config() + " --unlock '" + folder + "'", &out), 0) << out;
  EXPECT_TRUE(emulator_->FindItem("101")->locked.empty()) << out;
  EXPECT_EQ(emulator_->SelectedImage("101", "thumb"), poster);
}

// `watch` prints live events from the websocket until --count.
TEST_F(HostStubCliTest, WatchPrintsLiveEvents) {
  std::string out;
  int code = -1;
  // server.reachable (the websocket is up), then the playback.
  std::thread watcher([&] { code = Run("watch --count 3 --seconds 30 --config " + Config(), &out); });
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (emulator_->WebsocketClients() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const std::string key = emulator_->StartPlayback("101", "bob", "Phone");
  emulator_->PausePlayback(key);
  watcher.join();
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("playback.started"), std::string::npos) << out;
  EXPECT_NE(out.find("playback.paused"), std::string::npos) << out;
  EXPECT_LT(out.find("playback.started"), out.find("playback.paused")) << out;
  EXPECT_NE(out.find("bob"), std::string::npos) << out;
}

// `listen` receives Plex's webhooks on loopback, feeds them to the driver and prints events;
// a webhook from another server is refused with 400 and the reason.
TEST_F(HostStubCliTest, ListenFeedsWebhooksToTheDriver) {
  const uint16_t port = FreeLoopbackPort();
  std::string out;
  int code = -1;
  std::thread listener([&] {
    code = Run(fmt::format("listen --port {} --path /hooks/plex --count 1 --seconds 30 --config {}", port, Config()), &out);
  });
  auto post = [&](const pms_emulator::WebhookBody& w, std::string* reply) -> int {
    for (int attempt = 0; attempt < 400; ++attempt) {
      try {
        Poco::Net::HTTPClientSession session("127.0.0.1", port);
        Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/hooks/plex", Poco::Net::HTTPMessage::HTTP_1_1);
        request.setContentType(w.content_type);
        request.setContentLength(static_cast<std::streamsize>(w.body.size()));
        session.sendRequest(request) << w.body;
        Poco::Net::HTTPResponse response;
        Poco::StreamCopier::copyToString(session.receiveResponse(response), *reply);
        return response.getStatus();
      } catch (const Poco::Net::ConnectionRefusedException&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));  // not listening yet
      }
    }
    return 0;
  };
  pms_emulator::EmulatorOptions other_options;
  pms_emulator::Emulator other(other_options);
  other.LoadLibraryJson(LinuxLibraryJson());
  std::string reply;
  EXPECT_EQ(post(other.BuildWebhook("media.play", "101"), &reply), 400);
  EXPECT_NE(reply.find("payload.Server.uuid"), std::string::npos) << reply;
  EXPECT_EQ(post(emulator_->BuildWebhook("media.pause", "101", "carol", "Tablet"), &reply), 200);
  EXPECT_NE(reply.find("\"type\":\"playback.paused\""), std::string::npos) << reply;
  listener.join();
  EXPECT_EQ(code, 0) << out;
  EXPECT_NE(out.find("playback.paused"), std::string::npos) << out;
  EXPECT_NE(out.find("carol"), std::string::npos) << out;
  EXPECT_NE(out.find("payload.Server.uuid"), std::string::npos) << out;  // the refusal is printed
}

// Runs `command` through sh with stdout and stderr into `out`, and sends host_stub SIGINT (a
// Ctrl-C) once `ready` has been printed. Returns the exit code (-1 when it did not exit).
int RunAndInterrupt(const std::string& command, const std::string& ready, std::string* out) {
  out->clear();
  int fds[2];
  if (pipe(fds) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    close(fds[0]);
    close(fds[1]);
    execl("/bin/sh", "sh", "-c", ("exec " + command).c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  bool sent = false;
  char buffer[4096];
  ssize_t n;
  while ((n = read(fds[0], buffer, sizeof buffer)) > 0) {
    out->append(buffer, static_cast<size_t>(n));
    if (!sent && out->find(ready) != std::string::npos) sent = kill(pid, SIGINT) == 0;
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// --no-wait --follow: the queued table, then one line per outcome with the id, exit 0; --json:
// the sync_result and then each raw sync.change document, one a line.
TEST_F(HostStubCliTest, SyncFollowPrintsEachQueuedOutcome) {
  const std::string heat = PublishMovie("Heat (1995)", "Heat (1995).mkv");
  const std::string config = Config("\"debounce_seconds\": 0.1");
  std::string out;
  EXPECT_EQ(Run("sync --no-wait --follow --id job-17 --kind added --config " + config + " '" + heat + "'", &out), 0)
      << out;
  EXPECT_NE(out.find("queued     added"), std::string::npos) << out;
  EXPECT_NE(out.find("  completed  added   " + heat + "  (id \"job-17\", 1 attempt, scan "), std::string::npos) << out;
  EXPECT_NE(out.find(" via websocket)"), std::string::npos) << out;
  EXPECT_NE(out.find(" movie \"Heat\""), std::string::npos) << out;
  EXPECT_NE(out.find(": 1 completed\n"), std::string::npos) << out;
  EXPECT_LT(out.find("queued     added"), out.find("  completed  added")) << out;
  bool scanned = false;
  for (const pms_emulator::ScanRecord& scan : emulator_->Scans()) scanned |= scan.path == "/data/movies/Heat (1995)";
  EXPECT_TRUE(scanned) << out;
  EXPECT_TRUE(emulator_->FindItemByFile("/data/movies/Heat (1995)/Heat (1995).mkv").has_value());

  const std::string a = PublishMovie("Alien (1979)", "Alien (1979).mkv");
  const std::string b = PublishMovie("Brazil (1985)", "Brazil (1985).mkv");
  EXPECT_EQ(Run("sync --json --no-wait --follow --id batch --kind added --config " + config + " '" + a + "' '" +
                    b + "'", &out), 0) << out;
  std::vector<std::string> lines;
  for (size_t at = 0, end; (end = out.find('\n', at)) != std::string::npos; at = end + 1) {
    lines.push_back(out.substr(at, end - at));
  }
  ASSERT_EQ(lines.size(), 3u) << out;
  EXPECT_EQ(StatusOf(ParseJson(lines[0]), 1), "queued");
  std::set<std::string> ids;
  for (size_t i = 1; i < lines.size(); ++i) {
    Poco::JSON::Object::Ptr event = ParseJson(lines[i]);
    EXPECT_EQ(event->getValue<std::string>("type"), "sync.change");
    EXPECT_EQ(event->getObject("change")->getValue<std::string>("status"), "completed");
    ids.insert(event->getObject("change")->getValue<std::string>("id"));
  }
  EXPECT_EQ(ids, (std::set<std::string>{"batch-1", "batch-2"}));
}

// A queued change that fails (every scan request answered 503) prints "failed" and its reason
// and exits 13, as a waiting sync does; --timeout ends the following with 11; --follow without
// --no-wait is a usage error (1).
TEST_F(HostStubCliTest, SyncFollowExitsByTheWorstOutcome) {
  const std::string heat = PublishMovie("Heat (1995)", "Heat (1995).mkv");
  FaultRule refresh;
  refresh.kind = FaultKind::kHttpStatus;
  refresh.method = "GET";
  refresh.path_prefix = "/library/sections/1/refresh";
  refresh.http_status = 503;
  emulator_->AddFault(refresh);
  std::string out;
  EXPECT_EQ(Run("sync --no-wait --follow --kind added --config " + Config("\"debounce_seconds\": 0.1") + " '" + heat +
                    "'", &out), 13) << out;
  EXPECT_NE(out.find("  failed     added   " + heat + "  (id \"q-"), std::string::npos) << out;
  EXPECT_NE(out.find("503"), std::string::npos) << out;
  EXPECT_NE(out.find(": 1 failed\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("  completed"), std::string::npos) << out;
  EXPECT_FALSE(emulator_->FindItemByFile("/data/movies/Heat (1995)/Heat (1995).mkv").has_value());
  emulator_->ClearFaults();

  // --timeout bounds the following: exit 11, and (no state_dir) the change is cancelled.
  EXPECT_EQ(Run("sync --no-wait --follow --timeout 0.3 --kind added --config " + Config("\"debounce_seconds\": 60") +
                    " '" + heat + "'", &out), 11) << out;
  EXPECT_NE(out.find("stopped after 0.3 s with 1 of 1 queued change(s) without an outcome"), std::string::npos) << out;
  EXPECT_NE(out.find("  cancelled  added   " + heat), std::string::npos) << out;

  const size_t requests = emulator_->Requests().size();
  EXPECT_EQ(Run("sync --follow --config " + Config() + " '" + heat + "'", &out), 1) << out;
  EXPECT_NE(out.find("--follow needs --no-wait"), std::string::npos) << out;
  EXPECT_EQ(emulator_->Requests().size(), requests);  // refused before the driver was loaded
}

// Ctrl-C while following: the instance is destroyed cleanly, exit 130. Without state_dir the
// change that never ran ends "cancelled" (printed); with one it is kept, and the next run
// reports queue.recovered and the resumed change's outcome.
TEST_F(HostStubCliTest, SyncFollowStopsAtCtrlC) {
  const std::string heat = PublishMovie("Heat (1995)", "Heat (1995).mkv");
  const std::string command = HostStubPath() + " --driver " + DriverPath() + " sync --no-wait --follow --kind added ";
  std::string out;
  EXPECT_EQ(RunAndInterrupt(command + "--id late --config " + Config("\"debounce_seconds\": 60") + " '" + heat + "'",
                            "Ctrl-C stops", &out), 130) << out;
  EXPECT_NE(out.find("  cancelled  added   " + heat + "  (id \"late\", never ran)"), std::string::npos) << out;
  EXPECT_NE(out.find("interrupted with 1 of 1 queued change(s) without an outcome"), std::string::npos) << out;
  EXPECT_NE(out.find("1 cancelled by destroying the instance"), std::string::npos) << out;
  EXPECT_TRUE(emulator_->Scans().empty()) << out;

  const std::string state = "\"state_dir\": \"" + temp_.path() + "/state\", ";
  EXPECT_EQ(RunAndInterrupt(command + "--id kept --config " + Config(state + "\"debounce_seconds\": 60") + " '" + heat +
                                "'", "Ctrl-C stops", &out), 130) << out;
  EXPECT_NE(out.find("1 kept in the state_dir journal"), std::string::npos) << out;
  EXPECT_EQ(out.find("  cancelled"), std::string::npos) << out;
  EXPECT_TRUE(emulator_->Scans().empty()) << out;

  // The next run resumes it; syncing it again under its id joins it, so this run follows it.
  const std::string resume_config = Config(state + "\"debounce_seconds\": 0.1");
  EXPECT_EQ(Run("sync --no-wait --follow --kind added --id kept --config " + resume_config + " '" + heat + "'", &out), 0)
      << out;
  EXPECT_NE(out.find("  recovered  1 unfinished queued change(s) from an earlier run"), std::string::npos) << out;
  EXPECT_NE(out.find("  completed  added   " + heat + "  (id \"kept\", 1 attempt, resumed after a restart"),
            std::string::npos) << out;
  EXPECT_NE(out.find(": 1 completed\n"), std::string::npos) << out;
  EXPECT_TRUE(emulator_->FindItemByFile("/data/movies/Heat (1995)/Heat (1995).mkv").has_value());
}

}  // namespace
}  // namespace itest
