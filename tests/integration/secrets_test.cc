// The token never leaks: every scenario that can be run (test-connection success and each
// failure, syncs that complete, fail, time out or meet faults, queued syncs, webhooks, sessions,
// find, host_stub commands with --verbose and --json) runs with recognisable tokens, and all
// captured output is searched for them: host log and progress callbacks, event documents, error
// messages, result documents, host_stub's stdout and stderr, the emulator's request log printout.
// Files host_stub creates (none today; a sign-in that saves a config would) must be 0600.
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
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

// Recognisable secrets: the admin token, a managed user's token, a wrong token.
constexpr const char* kAdmin = "SECRETadmin7f3e9a0c51d2";
constexpr const char* kManaged = "SECRETmanaged41b8c2e9f0";
constexpr const char* kWrong = "SECRETwrong9d0e7a6b3c1f";

class SecretsTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorOptions options;
    options.admin_token = kAdmin;
    options.managed_tokens = {kManaged};
    options.scan_start_delay_ms = 30;
    options.scan_ms_per_folder = 100;
    StartEmulator(options, LinuxLibraryJson());
    temp_.WriteFile("movies/Existing (2000)/Existing (2000).mkv");
    home_ = temp_.MakeDir("home");
  }

  std::string Config(const std::string& token, const std::string& extra = "", uint16_t port = 0) {
    std::string config = MakeConfig(port ? port : emulator_->port(), token,
                                    {{temp_.path() + "/movies", "/data/movies"}}, extra);
    return config;
  }
  std::unique_ptr<DriverInstance> Instance(const std::string& token,
                                           const std::string& extra = "") {
    auto instance = std::make_unique<DriverInstance>(*driver_, Config(token, extra));
    EXPECT_TRUE(instance->ok()) << instance->create_result().message;
    return instance;
  }
  void Keep(const CallResult& r) {
    static auto last = std::chrono::steady_clock::now();
    last = std::chrono::steady_clock::now();
    captured_.push_back(r.message);
    captured_.push_back(r.json);
  }
  void KeepHost(DriverInstance& instance) {
    for (const std::string& line : instance.recorder().Logs())
      captured_.push_back(line);  // logs, progress
    for (const std::string& e : instance.recorder().Events()) captured_.push_back(e);
    captured_.push_back(instance.create_result().message);
  }
  std::string Publish(const std::string& folder) {
    temp_.WriteFile("movies/" + folder + "/movie.mkv");
    emulator_->AddFile("/data/movies/" + folder + "/movie.mkv");
    return temp_.path() + "/movies/" + folder;
  }
  // host_stub with --verbose, stdout and stderr captured separately, HOME in the test folder.
  int HostStub(const std::string& args) {
    const std::string out = temp_.path() + "/stdout", err = temp_.path() + "/stderr";
    const std::string command = "HOME=" + home_ + " XDG_CONFIG_HOME=" + home_ + "/.config " +
                                HostStubPath() + " --driver " + DriverPath() + " --verbose " +
                                args + " >" + out + " 2>" + err;
    const int status = std::system(command.c_str());
    for (const std::string& file : {out, err}) {
      std::ifstream in(file);
      captured_.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      EXPECT_EQ(captured_.back().find(kAdmin), std::string::npos) << "host_stub " << args;
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  std::string ConfigFile(const std::string& token, const std::string& extra = "",
                         uint16_t port = 0) {
    const std::string path = temp_.path() + "/config-" + std::to_string(files_++) + ".json";
    std::ofstream(path) << Config(token, extra, port);
    return path;
  }
  std::string EmulatorRequestLog() const {
    Poco::Net::HTTPClientSession session("127.0.0.1", emulator_->port());
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/__emulator/requests",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("X-Plex-Token", kAdmin);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    return body;
  }

  std::vector<std::string> captured_;
  std::string home_;
  int files_ = 0;
};

TEST_F(SecretsTest, NoTokenInAnythingTheDriverOrHostStubSays) {
  // --- test-connection: success and each failure ---
  {
    auto ok = Instance(kAdmin);
    Keep(ok->TestConnection());
    Keep(ok->Capabilities());
    Keep(ok->Connect());
    KeepHost(*ok);
    auto wrong = Instance(kWrong);
    const CallResult unauthorized = wrong->TestConnection();
    EXPECT_EQ(unauthorized.status, PD_ERR_UNAUTHORIZED);
    Keep(unauthorized);
    Keep(wrong->Capabilities());
    Keep(wrong->Sync(SyncRequest({{temp_.path() + "/movies/Existing (2000)", "updated"}})));
    KeepHost(*wrong);
    auto managed = Instance(kManaged);
    const CallResult forbidden = managed->TestConnection();
    EXPECT_EQ(forbidden.status, PD_ERR_FORBIDDEN);
    Keep(forbidden);
    Keep(managed->Sessions());
    KeepHost(*managed);
    DriverInstance refused(*driver_, Config(kAdmin, "", 1));  // nothing listens on port 1
    Keep(refused.TestConnection());
    KeepHost(refused);
    DriverInstance tls(*driver_,
                       Config(kAdmin, "\"use_https\": true"));  // the emulator speaks http
    Keep(tls.TestConnection());
    KeepHost(tls);
    for (FaultKind kind : {FaultKind::kNotPlex, FaultKind::kStall}) {
      FaultRule rule;
      rule.kind = kind;
      emulator_->AddFault(rule);
      auto faulty = Instance(kAdmin, "\"timeout_seconds\": 1");
      Keep(faulty->TestConnection());
      KeepHost(*faulty);
      emulator_->ClearFaults();
    }
    DriverInstance bad_config(
        *driver_, R"({"host":"x","port":"nope","plex_token":")" + std::string(kAdmin) + "\"}");
    captured_.push_back(bad_config.create_result().message);
    DriverInstance bad_token(*driver_,
                             R"({"host":"x","plex_token":")" + std::string(kAdmin) + " x\"}");
    captured_.push_back(bad_token.create_result().message);
  }
  // --- syncs: completed, failed, timed out, faults, polling, queued, dry run; find; sessions;
  // webhooks ---
  {
    auto instance = Instance(kAdmin, "\"debounce_seconds\": 30, \"poll_interval_ms\": 20");
    Keep(instance->Sync(SyncRequest({{Publish("Arrival (2016)"), "added"}})));
    Keep(instance->Sync(SyncRequest({{temp_.path() + "/movies/Existing (2000)", "updated"}})));
    Keep(instance->Sync(SyncRequest({{temp_.path() + "/elsewhere/X", "added"}})));  // no library
    Keep(instance->Sync(
        SyncRequest({{temp_.path() + "/movies/Ghost (1990)", "added"}})));  // offline
    Keep(instance->Sync(R"({"changes":[{"path":"relative","kind":"added"}]})"));
    emulator_->SetScanMsPerFolder(1500);
    Keep(instance->Sync(SyncRequest({{Publish("Slow (2001)"), "added"}}, /*timeout=*/0.3)));
    emulator_->SetScanMsPerFolder(100);
    ASSERT_TRUE(emulator_->WaitForIdle(std::chrono::seconds(20)));
    for (FaultKind kind : {FaultKind::kHttpStatus, FaultKind::kConnectionReset,
                           FaultKind::kTruncatedBody, FaultKind::kStall}) {
      FaultRule rule;
      rule.kind = kind;
      rule.path_prefix = "/library/sections/1";
      emulator_->AddFault(rule);
      Keep(instance->Sync(SyncRequest(
          {{Publish("Fault " + std::to_string(static_cast<int>(kind)) + " (2002)"), "added"}},
          /*timeout=*/1.5)));
      emulator_->ClearFaults();
    }
    emulator_->SetWebsocketEnabled(false);
    emulator_->DropWebsockets();
    Keep(instance->Sync(SyncRequest({{Publish("Polled (2003)"), "added"}})));
    emulator_->SetWebsocketEnabled(true);
    Keep(instance->Sync(
        SyncRequest({{Publish("Dry (2004)"), "added"}}, 20, true, /*dry_run=*/true)));
    Keep(instance->Sync(SyncRequest({{Publish("Queued (2005)"), "added"}}, 20, /*wait=*/false)));
    Keep(instance->Find(temp_.path() + "/movies/Existing (2000)"));
    Keep(instance->Find("relative"));
    const std::string session = emulator_->StartPlayback("101", "alice", "Living Room TV");
    Keep(instance->Sessions());
    emulator_->StopPlayback(session);
    for (const char* event : {"media.play", "media.stop", "library.new"}) {
      const pms_emulator::WebhookBody hook = emulator_->BuildWebhook(event, "101", "alice", "TV");
      Keep(instance->HandleWebhook(hook.content_type, hook.body));
    }
    Keep(instance->HandleWebhook("multipart/form-data; boundary=x", "--x\r\n\r\ngarbage\r\n--x--"));
    Keep(instance->HandleWebhook("text/plain", std::string("token=") + kAdmin));
    instance->Destroy();  // reports the queued scan that never ran
    KeepHost(*instance);
  }
  // --- host_stub, as a user runs it ---
  if (!HostStubPath().empty()) {
    const std::string config = ConfigFile(kAdmin);
    const std::string existing = temp_.path() + "/movies/Existing (2000)";
    for (const std::string json : {"", "--json "}) {
      HostStub(json + "info");
      HostStub(json + "capabilities --config " + config);
      EXPECT_EQ(HostStub(json + "test-connection --config " + config), 0);
      EXPECT_EQ(HostStub(json + "test-connection --config " + ConfigFile(kWrong)), 7);
      HostStub(json + "test-connection --config " + ConfigFile(kAdmin, "", 1));
      HostStub(json + "test-connection --config " + ConfigFile(kAdmin, "\"port\": \"x\""));
      HostStub(json + "sync --config " + config + " \"" +
               Publish("Cli" + json.substr(0, 2) + " (2010)") + "\" --kind added");
      HostStub(json + "sync --config " + config + " \"" + temp_.path() + "/nowhere\"");
      HostStub(json + "sync --config " + config + " --dry-run \"" + existing + "\"");
      HostStub(json + "find --config " + config + " \"" + existing + "\"");
      HostStub(json + "sessions --config " + config);
      HostStub(json + "watch --seconds 1 --config " + config);
    }
    // Files host_stub wrote under its HOME (a saved sign-in would be one) are private.
    for (const auto& entry : std::filesystem::recursive_directory_iterator(home_)) {
      if (!entry.is_regular_file()) continue;
      struct stat st {};
      ASSERT_EQ(stat(entry.path().c_str(), &st), 0);
      EXPECT_EQ(st.st_mode & 0777, 0600) << entry.path() << " is readable by others";
    }
  }
  // --- the emulator's request log printout, and what went over the wire ---
  captured_.push_back(EmulatorRequestLog());
  for (const auto& request : emulator_->Requests()) {
    EXPECT_EQ(request.query.find(kAdmin), std::string::npos)
        << "the token went into a URL: " << request.path;
  }

  ASSERT_GT(captured_.size(), 100u);
  for (const std::string& text : captured_) {
    for (const char* secret : {kAdmin, kManaged, kWrong}) {
      EXPECT_EQ(text.find(secret), std::string::npos) << "a token leaked into:\n" << text;
    }
  }
}

}  // namespace
}  // namespace itest
