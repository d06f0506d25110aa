// Playback awareness through the real driver module against the emulator: the skip_active
// policies (what is held back is checked against the scans and refreshes the emulator saw),
// deferred work that runs once playback stops, stale and lingering sessions, host events for
// every event type, websocket drop and reconnect, and webhooks of every documented event.
#include <chrono>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "emulator_fixture.h"

namespace itest {
namespace {

using pms_emulator::EmulatorOptions;
using pms_emulator::FaultKind;
using pms_emulator::FaultRule;
using pms_emulator::WebhookBody;
using Clock = std::chrono::steady_clock;
using Poco::JSON::Object;

// A sync request for one change with a per-sync skip_active (empty: the instance's).
std::string Request(const std::string& path, const std::string& kind, const std::string& skip_active = "",
                    bool wait = true) {
  return SyncRequest({{path, kind}}, 20, wait, false,
                     skip_active.empty() ? "" : fmt::format(R"("skip_active":"{}")", skip_active));
}

// Matches an event document by type (and, when given, a fragment of its JSON).
std::function<bool(const std::string&)> EventOf(const std::string& type, const std::string& fragment = "") {
  return [type, fragment](const std::string& e) {
    return e.find("\"type\":\"" + type + "\"") != std::string::npos &&
           (fragment.empty() || e.find(fragment) != std::string::npos);
  };
}

class PlaybackTest : public EmulatorTest {
 protected:
  void StartServer(EmulatorOptions options = {}) {
    options.admin_token = kToken;
    options.scan_start_delay_ms = 50;
    options.scan_ms_per_folder = 20;
    StartEmulator(options, R"({"server":{"platform":"Linux"},"sections":[
      {"key":"1","type":"movie","title":"Movies","locations":["/data/movies"],
       "items":[{"rating_key":"101","title":"Heat","year":1995,
                 "files":["/data/movies/Heat (1995)/Heat (1995).mkv"]},
                {"rating_key":"102","title":"Ronin","year":1998,
                 "files":["/data/movies/Ronin (1998)/Ronin (1998).mkv"]}]},
      {"key":"2","type":"show","title":"TV Shows","locations":["/data/tv"],
       "items":[{"rating_key":"201","title":"Severance","folder":"/data/tv/Severance",
                 "seasons":[{"index":1,"rating_key":"202","episodes":[
                   {"index":1,"rating_key":"203","title":"Good News About Hell",
                    "files":["/data/tv/Severance/Season 01/Severance - S01E01.mkv"]}]}]}]}]})");
    // The manager's side of the same folders.
    temp_.WriteFile("movies/Heat (1995)/Heat (1995).mkv");
    temp_.WriteFile("movies/Ronin (1998)/Ronin (1998).mkv");
    temp_.WriteFile("tv/Severance/Season 01/Severance - S01E01.mkv");
  }
  std::unique_ptr<DriverInstance> Instance(const std::string& extra = "", size_t host_size = sizeof(pd_host)) {
    auto instance = std::make_unique<DriverInstance>(
        *driver_,
        MakeConfig(emulator_->port(), kToken,
                   {{temp_.path() + "/movies", "/data/movies"}, {temp_.path() + "/tv", "/data/tv"}}, extra),
        host_size);
    EXPECT_TRUE(instance->ok()) << instance->create_result().message;
    return instance;
  }
  // Connects (which starts the websocket) and waits until the emulator sees it.
  void Connect(DriverInstance& instance) {
    const size_t before = emulator_->WebsocketClients();
    ASSERT_EQ(instance.Connect().status, PD_OK);
    ASSERT_TRUE(WaitUntil([&] { return emulator_->WebsocketClients() > before; }));
  }
  // A new movie on both sides; returns the manager-side folder.
  std::string PublishMovie(const std::string& folder) { return EmulatorTest::PublishMovie(folder, folder + ".mkv"); }
  // What the emulator was asked to do since the last ClearRequests(): scans and item refreshes.
  size_t WorkRequests() const {
    size_t n = 0;
    for (const auto& r : emulator_->Requests()) {
      if (r.path.find("/refresh") != std::string::npos) ++n;
    }
    return n;
  }
};

// Someone watches "Heat" (section 1, item 101). Each policy holds back exactly what it names.
TEST_F(PlaybackTest, EachSkipPolicyDefersOrProceeds) {
  StartServer();
  auto instance = Instance();
  emulator_->StartPlayback("101", "alice", "Living Room TV");
  const std::string heat = temp_.path() + "/movies/Heat (1995)";
  const std::string ronin = temp_.path() + "/movies/Ronin (1998)";
  const std::string severance = temp_.path() + "/tv/Severance";
  temp_.WriteFile("movies/Heat (1995)/poster.jpg");
  temp_.WriteFile("movies/Ronin (1998)/poster.jpg");
  temp_.WriteFile("tv/Severance/poster.jpg");
  struct Case {
    std::string policy, path;
    bool deferred;
  };
  for (const Case& c : std::vector<Case>{{"never", heat, false},
                                         {"any", severance, true},
                                         {"section", severance, false},
                                         {"section", ronin, true},
                                         {"item", ronin, false},
                                         {"item", heat, true}}) {
    SCOPED_TRACE(c.policy + " " + c.path);
    emulator_->ClearRequests();
    const CallResult r = instance->Sync(Request(c.path, "updated", c.policy));
    ASSERT_EQ(r.status, PD_OK) << r.message;
    Object::Ptr result = ParseJson(r.json);
    EXPECT_EQ(result->getValue<std::string>("skip_active"), c.policy);
    if (c.deferred) {
      ASSERT_EQ(StatusOf(result), "deferred") << r.json;
      const std::string message = Change(result)->getValue<std::string>("message");
      for (const char* what : {"alice", "Living Room TV", "Heat", "playing"}) {
        EXPECT_NE(message.find(what), std::string::npos) << what << " missing in: " << message;
      }
      Object::Ptr blocked = Change(result)->getObject("blocked_by");
      ASSERT_TRUE(blocked);
      EXPECT_EQ(blocked->getValue<std::string>("user"), "alice");
      EXPECT_EQ(blocked->getValue<std::string>("rating_key"), "101");
      EXPECT_EQ(WorkRequests(), 0u) << "a deferred change must not scan or refresh";
    } else {
      ASSERT_EQ(StatusOf(result), "completed") << r.json;
      EXPECT_GE(WorkRequests(), 1u);
    }
  }
  // The instance's own policy applies when the request names none.
  auto strict = Instance(R"("skip_active":"any")");
  emulator_->ClearRequests();
  EXPECT_EQ(StatusOf(ParseJson(strict->Sync(Request(severance, "updated")).json)), "deferred");
  EXPECT_EQ(WorkRequests(), 0u);
}

TEST_F(PlaybackTest, PausedCountsAsWatchingUnlessConfigured) {
  StartServer();
  const std::string key = emulator_->StartPlayback("102", "bob", "Bedroom");
  ASSERT_TRUE(emulator_->PausePlayback(key));
  const std::string ronin = temp_.path() + "/movies/Ronin (1998)";
  auto strict = Instance(R"("skip_active":"item")");
  const Object::Ptr held = ParseJson(strict->Sync(Request(ronin, "updated")).json);
  ASSERT_EQ(StatusOf(held), "deferred");
  EXPECT_NE(Change(held)->getValue<std::string>("message").find("paused"), std::string::npos);
  auto lenient = Instance(R"("skip_active":"item","paused_is_active":false)");
  emulator_->ClearRequests();
  EXPECT_EQ(StatusOf(ParseJson(lenient->Sync(Request(ronin, "updated")).json)), "completed");
  EXPECT_EQ(emulator_->CountRequests("PUT", "/library/metadata/102/refresh"), 1u);
}

// A client that vanished stays listed by PMS (~30 minutes) without moving: after
// stale_session_seconds without a sign of life it no longer holds the library back.
TEST_F(PlaybackTest, StaleSessionsDoNotBlockForever) {
  StartServer();
  auto instance = Instance(R"("skip_active":"any","stale_session_seconds":1)");
  Connect(*instance);
  const std::string key = emulator_->StartPlayback("203", "carol", "Phone");
  const std::string ronin = temp_.path() + "/movies/Ronin (1998)";
  ASSERT_EQ(StatusOf(ParseJson(instance->Sync(Request(ronin, "updated")).json)), "deferred");
  ASSERT_TRUE(emulator_->AbandonPlayback(key));
  ASSERT_EQ(emulator_->Sessions().size(), 1u);  // still listed
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  emulator_->ClearRequests();
  const Object::Ptr result = ParseJson(instance->Sync(Request(ronin, "updated")).json);
  EXPECT_EQ(StatusOf(result), "completed") << Change(result)->getValue<std::string>("message");
  EXPECT_EQ(emulator_->CountRequests("PUT", "/library/metadata/102/refresh"), 1u);
  EXPECT_EQ(emulator_->Sessions().size(), 1u);  // the emulator still lists it: the driver judged
}

// PMS may go on listing a session after the websocket said it stopped; the websocket wins.
TEST_F(PlaybackTest, WebsocketStoppedWinsOverALingeringSessionList) {
  EmulatorOptions options;
  options.stopped_session_linger_ms = 60000;
  StartServer(options);
  auto instance = Instance(R"("skip_active":"any")");
  Connect(*instance);
  const std::string key = emulator_->StartPlayback("101", "dave", "TV");
  ASSERT_FALSE(instance->recorder().WaitForEvent(EventOf("playback.started")).empty());
  ASSERT_TRUE(emulator_->StopPlayback(key));
  ASSERT_FALSE(instance->recorder().WaitForEvent(EventOf("playback.stopped")).empty());
  ASSERT_EQ(emulator_->Sessions().size(), 1u);  // still listed, as "playing"
  EXPECT_EQ(emulator_->Sessions()[0].listed_state, "playing");
  const Object::Ptr result = ParseJson(instance->Sync(Request(temp_.path() + "/movies/Ronin (1998)", "updated")).json);
  EXPECT_EQ(StatusOf(result), "completed") << Change(result)->getValue<std::string>("message");
}

// A waiting sync is deferred while someone watches and completes when synced again after.
TEST_F(PlaybackTest, DeferredSyncProceedsOncePlaybackStops) {
  StartServer();
  auto instance = Instance(R"("skip_active":"section")");
  const std::string key = emulator_->StartPlayback("101", "erin", "Office");
  const std::string folder = PublishMovie("Arrival (2016)");
  emulator_->ClearRequests();
  ASSERT_EQ(StatusOf(ParseJson(instance->Sync(Request(folder, "added")).json)), "deferred");
  EXPECT_TRUE(emulator_->Scans().empty());
  ASSERT_TRUE(emulator_->StopPlayback(key));
  const Object::Ptr result = ParseJson(instance->Sync(Request(folder, "added")).json);
  ASSERT_EQ(StatusOf(result), "completed") << MessageOf(result);
  EXPECT_TRUE(emulator_->FindItemByFile("/data/movies/Arrival (2016)/Arrival (2016).mkv").has_value());
}

// Queued (wait:false) work held back by playback stays queued and runs once playback stops.
TEST_F(PlaybackTest, QueuedWorkHeldBackRunsOncePlaybackStops) {
  StartServer();
  auto instance = Instance(R"("skip_active":"section","debounce_seconds":0.1)");
  const std::string key = emulator_->StartPlayback("101", "frank", "Office");
  const std::string folder = PublishMovie("Dune (2021)");
  ASSERT_EQ(StatusOf(ParseJson(instance->Sync(Request(folder, "added", "", /*wait=*/false)).json)), "queued");
  // The worker looked at it and held it back (logged), and scanned nothing.
  ASSERT_TRUE(WaitUntil([&] {
    for (const std::string& line : instance->recorder().Logs()) {
      if (line.find("deferred") != std::string::npos && line.find("Dune (2021)") != std::string::npos) return true;
    }
    return false;
  }));
  EXPECT_TRUE(emulator_->Scans().empty());
  const auto stopped_at = Clock::now();
  ASSERT_TRUE(emulator_->StopPlayback(key));
  ASSERT_TRUE(WaitUntil([&] { return emulator_->FindItemByFile("/data/movies/Dune (2021)/Dune (2021).mkv").has_value(); },
                      std::chrono::seconds(20)));
  const auto scans = emulator_->Scans();
  ASSERT_EQ(scans.size(), 1u);
  EXPECT_EQ(scans[0].path, "/data/movies/Dune (2021)");
  EXPECT_GE(scans[0].requested, stopped_at);
}

// Every event type reaches the host's event callback, each naming the server.
TEST_F(PlaybackTest, HostEventsForEveryType) {
  StartServer();
  auto instance = Instance();
  Connect(*instance);
  HostRecorder& host = instance->recorder();
  const std::string key = emulator_->StartPlayback("203", "grace", "Living Room TV");
  const std::string started = host.WaitForEvent(EventOf("playback.started"));
  ASSERT_FALSE(started.empty());
  Object::Ptr e = ParseJson(started);
  EXPECT_EQ(e->getValue<int>("schema_version"), 1);
  EXPECT_EQ(e->getValue<std::string>("source"), "websocket");
  EXPECT_EQ(e->getObject("server")->getValue<std::string>("name"), "Integration");
  EXPECT_EQ(e->getObject("server")->getValue<std::string>("machine_identifier"), emulator_->options().machine_identifier);
  Object::Ptr session = e->getObject("session");
  EXPECT_EQ(session->getValue<std::string>("user"), "grace");  // details from /status/sessions
  EXPECT_EQ(session->getValue<std::string>("player"), "Living Room TV");
  EXPECT_NE(session->getValue<std::string>("title").find("Severance"), std::string::npos);
  ASSERT_TRUE(emulator_->PausePlayback(key));
  EXPECT_FALSE(host.WaitForEvent(EventOf("playback.paused", "\"session_key\":\"" + key + "\"")).empty());
  ASSERT_TRUE(emulator_->ResumePlayback(key));
  EXPECT_FALSE(host.WaitForEvent(EventOf("playback.resumed")).empty());
  ASSERT_TRUE(emulator_->StopPlayback(key));
  EXPECT_FALSE(host.WaitForEvent(EventOf("playback.stopped")).empty());

  // A sync: the scan starts and finishes, the new item appears; a removal deletes it.
  const std::string folder = PublishMovie("Arrival (2016)");
  ASSERT_EQ(StatusOf(ParseJson(instance->Sync(Request(folder, "added")).json)), "completed");
  EXPECT_FALSE(host.WaitForEvent(EventOf("scan.started", "\"id\":\"1\"")).empty());
  const std::string finished = host.WaitForEvent(EventOf("scan.finished", "\"id\":\"1\""));
  ASSERT_FALSE(finished.empty());
  EXPECT_EQ(ParseJson(finished)->getObject("section")->getValue<std::string>("title"), "Movies");
  const auto item = emulator_->FindItemByFile("/data/movies/Arrival (2016)/Arrival (2016).mkv");
  ASSERT_TRUE(item);
  EXPECT_FALSE(host.WaitForEvent(EventOf("item.added", "\"rating_key\":\"" + item->rating_key + "\"")).empty());
  temp_.WriteFile("movies/Heat (1995)/poster.jpg");
  ASSERT_EQ(StatusOf(ParseJson(instance->Sync(Request(temp_.path() + "/movies/Heat (1995)/poster.jpg", "updated")).json)),
            "completed");
  EXPECT_FALSE(host.WaitForEvent(EventOf("item.updated", "\"rating_key\":\"101\"")).empty());
  emulator_->RemovePath("/data/movies/Ronin (1998)");
  std::filesystem::remove_all(temp_.path() + "/movies/Ronin (1998)");
  ASSERT_EQ(StatusOf(ParseJson(instance->Sync(Request(temp_.path() + "/movies/Ronin (1998)", "removed")).json)),
            "completed");
  EXPECT_FALSE(host.WaitForEvent(EventOf("item.deleted", "\"rating_key\":\"102\"")).empty());

  // The server goes away and comes back.
  emulator_->Stop();
  const std::string down = host.WaitForEvent(EventOf("server.unreachable"));
  ASSERT_FALSE(down.empty());
  EXPECT_FALSE(ParseJson(down)->getValue<std::string>("reason").empty());
  emulator_->Start();
  EXPECT_FALSE(host.WaitForEvent(EventOf("server.reachable"), std::chrono::seconds(40)).empty());
  for (const std::string& event : host.Events()) {
    EXPECT_EQ(ParseJson(event)->getObject("server")->getValue<std::string>("name"), "Integration") << event;
  }
  ExpectNoToken(*instance, host.Events());
}

// The websocket drops (no close frame): the host hears so, the driver reconnects with backoff,
// and live playback is followed again.
TEST_F(PlaybackTest, WebsocketDropAndReconnect) {
  StartServer();
  auto instance = Instance();
  Connect(*instance);
  HostRecorder& host = instance->recorder();
  emulator_->DropWebsockets();
  EXPECT_FALSE(host.WaitForEvent(EventOf("server.unreachable")).empty());
  EXPECT_FALSE(host.WaitForEvent(EventOf("server.reachable"), std::chrono::seconds(40)).empty());
  ASSERT_TRUE(WaitUntil([&] { return emulator_->WebsocketClients() == 1; }));
  emulator_->StartPlayback("101", "heidi", "Kitchen");
  EXPECT_FALSE(host.WaitForEvent(EventOf("playback.started", "heidi")).empty());
  // Several websocket connections were made to the emulator: the first and the reconnect.
  EXPECT_GE(emulator_->CountRequests("GET", "/:/websockets/notifications"), 2u);
}

// A host built before ABI 1.2 has no event callback: the driver never reaches past its struct,
// and playback awareness still works (the driver follows playback for itself).
TEST_F(PlaybackTest, HostWithoutEventCallbackStillGetsPlaybackAwareness) {
  StartServer();
  auto instance = Instance(R"("skip_active":"any")", offsetof(pd_host, event));
  Connect(*instance);
  emulator_->StartPlayback("101", "ivan", "TV");
  emulator_->ClearRequests();
  EXPECT_EQ(StatusOf(ParseJson(instance->Sync(Request(temp_.path() + "/tv/Severance", "updated")).json)), "deferred");
  EXPECT_EQ(WorkRequests(), 0u);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_TRUE(instance->recorder().Events().empty());
}

TEST_F(PlaybackTest, SessionsDocument) {
  StartServer();
  auto instance = Instance(R"("skip_active":"section","paused_is_active":false)");
  const std::string k1 = emulator_->StartPlayback("101", "judy", "TV");
  const std::string k2 = emulator_->StartPlayback("203", "kim", "Phone");
  ASSERT_TRUE(emulator_->PausePlayback(k2));
  const CallResult r = instance->Sessions();
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Object::Ptr doc = ParseJson(r.json);
  EXPECT_EQ(doc->getValue<int>("active_count"), 1);
  EXPECT_EQ(doc->getObject("rules")->getValue<std::string>("skip_active"), "section");
  EXPECT_FALSE(doc->getObject("rules")->getValue<bool>("paused_is_active"));
  auto sessions = doc->getArray("sessions");
  ASSERT_EQ(sessions->size(), 2u);
  for (size_t i = 0; i < sessions->size(); ++i) {
    Object::Ptr s = sessions->getObject(static_cast<unsigned>(i));
    const bool first = s->getValue<std::string>("session_key") == k1;
    EXPECT_EQ(s->getValue<std::string>("user"), first ? "judy" : "kim");
    EXPECT_EQ(s->getValue<std::string>("state"), first ? "playing" : "paused");
    EXPECT_EQ(s->getValue<bool>("active"), first);
  }
  EXPECT_EQ(emulator_->CountRequests("GET", "/status/sessions"), 1u);
}

// Webhooks of every documented event, built by the emulator exactly as PMS posts them.
TEST_F(PlaybackTest, WebhooksOfEveryDocumentedEvent) {
  StartServer();
  auto instance = Instance();
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"media.play", "playback.started"},   {"media.pause", "playback.paused"},
      {"media.resume", "playback.resumed"}, {"media.stop", "playback.stopped"},
      {"media.scrobble", "playback.scrobbled"}, {"media.rate", "item.rated"},
      {"playback.started", "playback.started"}, {"library.new", "item.added"},
      {"library.on.deck", "item.on_deck"},  {"admin.database.backup", "server.database_backup"},
      {"admin.database.corrupted", "server.database_corrupted"}, {"device.new", "device.new"}};
  for (const auto& [event, type] : expected) {
    SCOPED_TRACE(event);
    const WebhookBody w = emulator_->BuildWebhook(event, "203", "alice", "Living Room TV");
    const CallResult r = instance->HandleWebhook(w.content_type, w.body);
    ASSERT_EQ(r.status, PD_OK) << r.message;
    Object::Ptr e = ParseJson(r.json);
    EXPECT_EQ(e->getValue<std::string>("type"), type);
    EXPECT_EQ(e->getValue<std::string>("source"), "webhook");
    EXPECT_EQ(e->getObject("server")->getValue<std::string>("machine_identifier"), emulator_->options().machine_identifier);
    Object::Ptr webhook = e->getObject("webhook");
    EXPECT_EQ(webhook->getValue<std::string>("event"), event);
    const bool thumb = event == "media.play" || event == "media.rate" || event == "playback.started" ||
                       event == "library.new" || event == "library.on.deck";
    EXPECT_EQ(webhook->has("thumb"), thumb);
    if (thumb) {
      EXPECT_EQ(webhook->getObject("thumb")->getValue<std::string>("content_type"), "image/jpeg");
    }
    const bool about_item = event.rfind("media.", 0) == 0 || event.rfind("library.", 0) == 0 || event == "playback.started";
    EXPECT_EQ(e->has("item"), about_item);
    if (about_item) {
      EXPECT_EQ(e->getObject("item")->getValue<std::string>("rating_key"), "203");
      EXPECT_NE(e->getObject("item")->getValue<std::string>("title").find("Severance"), std::string::npos);
    }
    EXPECT_EQ(webhook->has("player"), (about_item && event.rfind("library.", 0) != 0) || event == "device.new");
  }
  // Answered to the caller, not emitted to the event callback as well (which may hear the
  // websocket's server.reachable: the webhook made the instance connect).
  for (const std::string& e : instance->recorder().Events()) {
    EXPECT_EQ(e.find("\"source\":\"webhook\""), std::string::npos) << e;
  }
}

// What a webhook tells counts for skip_active when the sessions list cannot be read; a
// malformed, oversized or foreign webhook changes nothing.
TEST_F(PlaybackTest, WebhooksUpdatePlaybackStateAndBadOnesChangeNothing) {
  StartServer();
  auto instance = Instance(R"("skip_active":"section","webhook_max_bytes":4096)");
  Connect(*instance);
  FaultRule broken;  // /status/sessions fails: the driver relies on what it was told
  broken.kind = FaultKind::kHttpStatus;
  broken.http_status = 500;
  broken.path_prefix = "/status/sessions";
  emulator_->AddFault(broken);
  const std::string ronin = temp_.path() + "/movies/Ronin (1998)";
  temp_.WriteFile("movies/Ronin (1998)/poster.jpg");

  // Another server's webhook, a malformed one, an oversized one: refused, naming what is wrong.
  EmulatorOptions other_options;
  other_options.friendly_name = "Elsewhere";
  pms_emulator::Emulator other(other_options);
  other.LoadLibraryJson(LinuxLibraryJson());
  const WebhookBody foreign = other.BuildWebhook("media.play", "101", "mallory", "Elsewhere TV");
  const WebhookBody good = emulator_->BuildWebhook("media.play", "101", "alice", "Living Room TV");
  std::string truncated = good.body.substr(0, good.body.size() - 20);
  std::string oversized = good.body + std::string(5000, ' ');
  std::string no_payload = good.body;
  no_payload.replace(no_payload.find("name=\"payload\""), 14, "name=\"nothing\"");
  struct Bad {
    std::string content_type, body, names;
  };
  for (const Bad& bad : std::vector<Bad>{{foreign.content_type, foreign.body, "payload.Server.uuid"},
                                         {"application/json", "{\"event\":\"media.play\"}", "content_type"},
                                         {"multipart/form-data", good.body, "boundary"},
                                         {good.content_type, truncated, "body"},
                                         {good.content_type, oversized, "4096"},
                                         {good.content_type, no_payload, "payload"}}) {
    SCOPED_TRACE(bad.names);
    const CallResult r = instance->HandleWebhook(bad.content_type, bad.body);
    EXPECT_EQ(r.status, PD_ERR_INVALID_ARGUMENT);
    EXPECT_NE(r.message.find(bad.names), std::string::npos) << r.message;
    EXPECT_TRUE(r.json.empty());
  }
  emulator_->ClearRequests();
  Object::Ptr result = ParseJson(instance->Sync(Request(ronin, "updated")).json);
  EXPECT_EQ(StatusOf(result), "completed") << "a refused webhook must not hold the library back";

  // The server's own webhook: alice is watching Heat in section 1 now.
  const CallResult ok = instance->HandleWebhook(good.content_type, good.body);
  ASSERT_EQ(ok.status, PD_OK) << ok.message;
  emulator_->ClearRequests();
  result = ParseJson(instance->Sync(Request(ronin, "updated")).json);
  ASSERT_EQ(StatusOf(result), "deferred");
  EXPECT_NE(Change(result)->getValue<std::string>("message").find("alice"), std::string::npos);
  EXPECT_EQ(WorkRequests(), 0u);
  const WebhookBody stop = emulator_->BuildWebhook("media.stop", "101", "alice", "Living Room TV");
  ASSERT_EQ(instance->HandleWebhook(stop.content_type, stop.body).status, PD_OK);
  EXPECT_EQ(StatusOf(ParseJson(instance->Sync(Request(ronin, "updated")).json)), "completed");
}

}  // namespace
}  // namespace itest
