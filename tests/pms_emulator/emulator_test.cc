// The emulator's own suite: each endpoint's shape (JSON and XML) against
// shared/reference/plex-api.md, the scan timeline, websocket frames, sessions, webhooks, faults,
// request recording, fixture validation, restart and TLS.
#include "pms_emulator/emulator.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTMLForm.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/PartHandler.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/StreamCopier.h>

namespace pms_emulator {
namespace {

using Poco::JSON::Object;
constexpr const char* kToken = "emu-test-token";

struct Response {
  int status = 0;
  std::string content_type;
  std::string body;
  std::map<std::string, std::string> headers;
  std::string error;  // transport failure
};

Response Call(const Emulator& emu, const std::string& method, const std::string& target,
              bool json = false, const char* token = kToken,
              std::map<std::string, std::string> headers = {}) {
  Response r;
  try {
    Poco::Net::HTTPClientSession session("127.0.0.1", emu.port());
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    if (token) request.set("X-Plex-Token", token);
    if (json) request.set("Accept", "application/json");
    for (const auto& [k, v] : headers) request.set(k, v);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Poco::StreamCopier::copyToString(in, r.body);
    r.status = response.getStatus();
    r.content_type = response.getContentType();
    for (const auto& [k, v] : response) r.headers[k] = v;
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  return r;
}

Object::Ptr ParseObject(const std::string& body) {
  return Poco::JSON::Parser().parse(body).extract<Object::Ptr>();
}

Object::Ptr Container(const Response& r) {
  EXPECT_EQ(r.content_type.find("application/json"), 0u) << r.content_type;
  return ParseObject(r.body)->getObject("MediaContainer");
}

template <typename Pred>
bool WaitFor(Pred pred, int ms = 5000) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(ms);
  while (Clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return pred();
}

class EmulatorTest : public ::testing::Test {
 protected:
  void Start(EmulatorOptions options = {}, const std::string& fixture = "demo_library.json") {
    options.admin_token = kToken;
    options.managed_tokens = {"managed-token"};
    emu_ = std::make_unique<Emulator>(options);
    emu_->LoadLibraryFile(std::string(EMULATOR_FIXTURES) + "/" + fixture);
    emu_->Start();
  }
  void SetUp() override {
    EmulatorOptions o;
    o.scan_start_delay_ms = 60;
    o.scan_ms_per_folder = 20;
    Start(o);
  }
  std::unique_ptr<Emulator> emu_;
};

TEST_F(EmulatorTest, IdentityNeedsNoTokenInJsonAndXml) {
  Response xml = Call(*emu_, "GET", "/identity", false, nullptr);
  ASSERT_EQ(xml.status, 200);
  EXPECT_EQ(xml.body.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0), 0u);
  EXPECT_NE(xml.body.find("<MediaContainer size=\"0\" claimed=\"1\" machineIdentifier=\""), std::string::npos);
  Object::Ptr mc = Container(Call(*emu_, "GET", "/identity", true, nullptr));
  EXPECT_EQ(mc->getValue<int>("size"), 0);
  EXPECT_TRUE(mc->get("claimed").isBoolean());
  EXPECT_EQ(mc->getValue<std::string>("version"), "1.32.7.7621-871adbd44");
  EXPECT_EQ(mc->getValue<std::string>("machineIdentifier").size(), 40u);
}

TEST_F(EmulatorTest, UnauthorizedIsPlexsHtmlEvenForJson) {
  for (const char* token : {static_cast<const char*>(nullptr), "wrong"}) {
    Response r = Call(*emu_, "GET", "/library/sections", true, token);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.content_type, "text/html");
    EXPECT_EQ(r.body, "<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>");
  }
  // The token also works as a query parameter.
  EXPECT_EQ(Call(*emu_, "GET", std::string("/library/sections?X-Plex-Token=") + kToken, true, nullptr).status, 200);
}

TEST_F(EmulatorTest, ManagedTokenIsForbiddenOnAdminEndpoints) {
  EXPECT_EQ(Call(*emu_, "GET", "/", true, "managed-token").status, 200);
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections", true, "managed-token").status, 403);
  EXPECT_EQ(Call(*emu_, "GET", "/status/sessions", true, "managed-token").status, 403);
}

TEST_F(EmulatorTest, RootAndSectionsShape) {
  Object::Ptr root = Container(Call(*emu_, "GET", "/", true));
  for (const char* key : {"friendlyName", "machineIdentifier", "version", "platform", "platformVersion",
                          "myPlex", "myPlexUsername", "myPlexSubscription", "multiuser",
                          "transcoderActiveVideoSessions", "updatedAt", "ownerFeatures"}) {
    EXPECT_TRUE(root->has(key)) << key;
  }
  EXPECT_EQ(root->getValue<std::string>("platform"), "Linux");

  Object::Ptr mc = Container(Call(*emu_, "GET", "/library/sections/", true));  // trailing slash
  EXPECT_EQ(mc->getValue<std::string>("title1"), "Plex Library");
  Poco::JSON::Array::Ptr dirs = mc->getArray("Directory");
  ASSERT_EQ(dirs->size(), 2u);
  Object::Ptr movies = dirs->getObject(0);
  EXPECT_TRUE(movies->get("key").isString());  // "1", a string
  EXPECT_EQ(movies->getValue<std::string>("key"), "1");
  EXPECT_TRUE(movies->get("refreshing").isBoolean());
  EXPECT_TRUE(movies->get("scannedAt").isInteger());
  for (const char* key : {"type", "title", "agent", "scanner", "language", "uuid", "updatedAt",
                          "createdAt", "contentChangedAt", "hidden", "content", "directory"}) {
    EXPECT_TRUE(movies->has(key)) << key;
  }
  Object::Ptr location = movies->getArray("Location")->getObject(0);
  EXPECT_TRUE(location->get("id").isInteger());
  EXPECT_EQ(location->getValue<std::string>("path"), "/data/movies");

  Response xml = Call(*emu_, "GET", "/library/sections");
  EXPECT_NE(xml.body.find("refreshing=\"0\""), std::string::npos);
  EXPECT_NE(xml.body.find("<Location id=\"1\" path=\"/data/movies\" />"), std::string::npos);
}

TEST_F(EmulatorTest, ItemsMetadataChildrenAndPaging) {
  Response page = Call(*emu_, "GET", "/library/sections/1/all", true, kToken,
                       {{"X-Plex-Container-Start", "1"}, {"X-Plex-Container-Size", "1"}});
  Object::Ptr mc = Container(page);
  EXPECT_EQ(mc->getValue<int>("size"), 1);
  EXPECT_EQ(mc->getValue<int>("totalSize"), 3);
  EXPECT_EQ(mc->getValue<int>("offset"), 1);
  EXPECT_EQ(page.headers["X-Plex-Container-Total-Size"], "3");
  Object::Ptr movie = mc->getArray("Metadata")->getObject(0);
  Object::Ptr part = movie->getArray("Media")->getObject(0)->getArray("Part")->getObject(0);
  EXPECT_EQ(part->getValue<std::string>("file"), "/data/movies/Amélie (2001)/Amélie (2001).mkv");
  EXPECT_TRUE(part->get("id").isInteger());
  EXPECT_NE(Call(*emu_, "GET", "/library/sections/1/all").body.find("<Video ratingKey=\"101\""), std::string::npos);

  Object::Ptr filtered = Container(Call(*emu_, "GET", "/library/sections/1/all?title=heat", true));
  EXPECT_EQ(filtered->getValue<int>("size"), 1);

  Object::Ptr show = Container(Call(*emu_, "GET", "/library/metadata/201", true))->getArray("Metadata")->getObject(0);
  EXPECT_EQ(show->getValue<std::string>("type"), "show");
  EXPECT_EQ(show->getArray("Location")->getObject(0)->getValue<std::string>("path"), "/data/tv/Severance");
  Object::Ptr seasons = Container(Call(*emu_, "GET", "/library/metadata/201/children", true));
  EXPECT_EQ(seasons->getValue<int>("size"), 1);
  Object::Ptr leaves = Container(Call(*emu_, "GET", "/library/metadata/201/allLeaves", true));
  EXPECT_EQ(leaves->getValue<int>("size"), 2);
  EXPECT_EQ(Call(*emu_, "GET", "/library/metadata/999999", true).status, 404);
  // Several items at once ({ids}): unknown keys left out, none known is 404.
  Object::Ptr many = Container(Call(*emu_, "GET", "/library/metadata/101,203,999999", true));
  EXPECT_EQ(many->getValue<int>("size"), 2);
  EXPECT_EQ(many->getArray("Metadata")->getObject(1)->getValue<std::string>("type"), "episode");
  EXPECT_EQ(Call(*emu_, "GET", "/library/metadata/999998,999999", true).status, 404);
}

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

// A library's advanced settings as its agent has them: Plex's own agents carry
// "useLocalAssets" (a fixture may turn it off); XML writes setting values as true/false.
TEST_F(EmulatorTest, SectionPrefsFollowTheAgent) {
  emu_->LoadLibraryJson(R"({"sections":[
    {"key":"1","type":"movie","title":"Movies","locations":["/m"],"prefs":{"useLocalAssets":false}},
    {"key":"2","type":"show","title":"Shows","locations":["/t"]},
    {"key":"3","type":"movie","title":"Home Videos","locations":["/h"],"agent":"com.plexapp.agents.none"}]})");
  auto setting = [&](const std::string& section, const std::string& id) -> Object::Ptr {
    Poco::JSON::Array::Ptr list = Container(Call(*emu_, "GET", "/library/sections/" + section + "/prefs", true))->getArray("Setting");
    for (size_t i = 0; list && i < list->size(); ++i) {
      if (list->getObject(static_cast<unsigned>(i))->getValue<std::string>("id") == id) return list->getObject(static_cast<unsigned>(i));
    }
    return nullptr;
  };
  ASSERT_TRUE(setting("1", "useLocalAssets"));
  EXPECT_FALSE(setting("1", "useLocalAssets")->getValue<bool>("value"));
  EXPECT_TRUE(setting("1", "useLocalAssets")->getValue<bool>("default"));
  EXPECT_EQ(setting("1", "useLocalAssets")->getValue<std::string>("type"), "bool");
  ASSERT_TRUE(setting("2", "useLocalAssets"));
  EXPECT_TRUE(setting("2", "useLocalAssets")->getValue<bool>("value"));
  EXPECT_FALSE(setting("3", "useLocalAssets"));
  EXPECT_TRUE(setting("3", "hidden"));
  const std::string xml = Call(*emu_, "GET", "/library/sections/1/prefs").body;
  EXPECT_NE(xml.find("<Setting id=\"useLocalAssets\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("default=\"true\" value=\"false\""), std::string::npos) << xml;
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections/9/prefs").status, 404);
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections/1/prefs", true, "managed-token").status, 403);
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

// Collects websocket frames on a background thread.
class FrameCollector {
 public:
  FrameCollector(const Emulator& emu, const std::string& target, bool header_token = true) {
    session_ = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", emu.port());
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, target, Poco::Net::HTTPMessage::HTTP_1_1);
    if (header_token) request.set("X-Plex-Token", kToken);
    Poco::Net::HTTPResponse response;
    ws_ = std::make_unique<Poco::Net::WebSocket>(*session_, request, response);
    ws_->setReceiveTimeout(Poco::Timespan(0, 50000));
    thread_ = std::thread([this] {
      char buf[65536];
      while (!stop_) {
        try {
          int flags = 0;
          const int n = ws_->receiveFrame(buf, sizeof buf, flags);
          if (n <= 0) break;
          std::lock_guard<std::mutex> lock(mutex_);
          frames_.emplace_back(buf, static_cast<size_t>(n));
        } catch (const Poco::TimeoutException&) {
        } catch (const std::exception&) {
          break;
        }
      }
    });
  }
  ~FrameCollector() {
    stop_ = true;
    thread_.join();
  }
  std::vector<std::string> frames() {
    std::lock_guard<std::mutex> lock(mutex_);
    return frames_;
  }
  bool Saw(const std::string& needle) {
    for (const std::string& f : frames()) {
      if (f.find(needle) != std::string::npos) return true;
    }
    return false;
  }

 private:
  std::unique_ptr<Poco::Net::HTTPClientSession> session_;
  std::unique_ptr<Poco::Net::WebSocket> ws_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<std::string> frames_;
};

TEST_F(EmulatorTest, WebsocketSendsActivityTimelineAndStatusFrames) {
  FrameCollector ws(*emu_, "/:/websockets/notifications");
  ASSERT_TRUE(WaitFor([&] { return emu_->WebsocketClients() == 1; }));
  emu_->AddFile("/data/movies/Arrival (2016)/Arrival (2016).mkv");
  Call(*emu_, "GET", "/library/sections/1/refresh?path=%2Fdata%2Fmovies%2FArrival%20%282016%29");
  ASSERT_TRUE(WaitFor([&] { return ws.Saw("\"event\":\"ended\""); }));
  const auto frames = ws.frames();
  ASSERT_FALSE(frames.empty());
  Object::Ptr first = ParseObject(frames.front())->getObject("NotificationContainer");
  EXPECT_EQ(first->getValue<std::string>("type"), "activity");
  EXPECT_EQ(first->getValue<int>("size"), 1);
  Object::Ptr n = first->getArray("ActivityNotification")->getObject(0);
  EXPECT_EQ(n->getValue<std::string>("event"), "started");
  EXPECT_EQ(n->getObject("Activity")->getObject("Context")->getValue<std::string>("librarySectionID"), "1");
  EXPECT_TRUE(ws.Saw("\"type\":\"timeline\""));
  EXPECT_TRUE(ws.Saw("\"metadataState\":\"created\""));
  // The status notification follows the activity's end.
  EXPECT_TRUE(WaitFor([&] { return ws.Saw("\"notificationName\":\"LIBRARY_UPDATE\""); }));
  // Ended comes after the library changed.
  EXPECT_TRUE(emu_->FindItemByFile("/data/movies/Arrival (2016)/Arrival (2016).mkv").has_value());
}

TEST_F(EmulatorTest, WebsocketTokenByQueryAndRefusals) {
  {
    FrameCollector ws(*emu_, std::string("/:/websockets/notifications?X-Plex-Token=") + kToken, false);
    EXPECT_TRUE(WaitFor([&] { return emu_->WebsocketClients() == 1; }));
  }
  EXPECT_THROW(FrameCollector(*emu_, "/:/websockets/notifications", false), Poco::Exception);
  emu_->SetWebsocketEnabled(false);
  EXPECT_THROW(FrameCollector(*emu_, "/:/websockets/notifications"), Poco::Exception);
  EXPECT_EQ(emu_->CountRequests("GET", "/:/websockets/notifications"), 3u);
}

TEST_F(EmulatorTest, PlaybackSessionsAndPlayingFrames) {
  FrameCollector ws(*emu_, "/:/websockets/notifications");
  ASSERT_TRUE(WaitFor([&] { return emu_->WebsocketClients() == 1; }));
  EXPECT_EQ(Container(Call(*emu_, "GET", "/status/sessions", true))->getValue<int>("size"), 0);
  const std::string key = emu_->StartPlayback("101", "alice", "Living Room TV");
  Object::Ptr mc = Container(Call(*emu_, "GET", "/status/sessions", true));
  ASSERT_EQ(mc->getValue<int>("size"), 1);
  Object::Ptr s = mc->getArray("Metadata")->getObject(0);
  EXPECT_EQ(s->getValue<std::string>("sessionKey"), key);
  EXPECT_EQ(s->getValue<std::string>("ratingKey"), "101");
  EXPECT_TRUE(s->get("librarySectionID").isString());  // a string in sessions
  EXPECT_EQ(s->getObject("User")->getValue<std::string>("title"), "alice");
  EXPECT_EQ(s->getObject("Player")->getValue<std::string>("state"), "playing");
  EXPECT_EQ(s->getObject("Player")->getValue<std::string>("title"), "Living Room TV");
  // One client id everywhere: Player.machineIdentifier here, clientIdentifier on the websocket.
  const std::string player_id = s->getObject("Player")->getValue<std::string>("machineIdentifier");
  EXPECT_EQ(player_id, emu_->Sessions().at(0).player_id);
  ASSERT_TRUE(WaitFor([&] { return ws.Saw("\"clientIdentifier\":\"" + player_id + "\""); }));
  EXPECT_TRUE(emu_->PausePlayback(key));
  EXPECT_FALSE(emu_->PausePlayback(key));  // already paused
  EXPECT_EQ(Container(Call(*emu_, "GET", "/status/sessions", true))->getArray("Metadata")->getObject(0)
                ->getObject("Player")->getValue<std::string>("state"), "paused");
  EXPECT_TRUE(emu_->ResumePlayback(key));
  EXPECT_TRUE(emu_->StopPlayback(key));
  EXPECT_FALSE(emu_->StopPlayback(key));
  EXPECT_FALSE(emu_->ResumePlayback(key));
  EXPECT_EQ(Container(Call(*emu_, "GET", "/status/sessions", true))->getValue<int>("size"), 0);
  ASSERT_TRUE(WaitFor([&] { return ws.Saw("\"state\":\"stopped\""); }));
  EXPECT_TRUE(ws.Saw("\"type\":\"playing\""));
  EXPECT_TRUE(ws.Saw("\"state\":\"paused\""));
  EXPECT_TRUE(ws.Saw("PlaySessionStateNotification"));
}

// Playing clients keep reporting (PMS relays each report), paused ones too; the position moves
// only while playing.
TEST_F(EmulatorTest, LiveSessionsReportPeriodically) {
  emu_->SetPlaybackReportMs(50);
  FrameCollector ws(*emu_, "/:/websockets/notifications");
  ASSERT_TRUE(WaitFor([&] { return emu_->WebsocketClients() == 1; }));
  const std::string key = emu_->StartPlayback("203", "bob", "Bedroom");
  auto reports = [&](const std::string& state) {
    size_t n = 0;
    for (const std::string& f : ws.frames()) {
      if (f.find("\"sessionKey\":\"" + key + "\"") != std::string::npos &&
          f.find("\"state\":\"" + state + "\"") != std::string::npos) {
        ++n;
      }
    }
    return n;
  };
  ASSERT_TRUE(WaitFor([&] { return reports("playing") >= 4; }));
  const int64_t offset = emu_->Sessions().at(0).view_offset_ms;
  EXPECT_GT(offset, 0);
  ASSERT_TRUE(emu_->PausePlayback(key));
  const int64_t paused_at = emu_->Sessions().at(0).view_offset_ms;
  ASSERT_TRUE(WaitFor([&] { return reports("paused") >= 3; }));
  EXPECT_EQ(emu_->Sessions().at(0).view_offset_ms, paused_at);
  // An episode's session names its show and season as Plex does.
  Object::Ptr s = Container(Call(*emu_, "GET", "/status/sessions", true))->getArray("Metadata")->getObject(0);
  EXPECT_EQ(s->getValue<std::string>("type"), "episode");
  EXPECT_EQ(s->getValue<std::string>("grandparentTitle"), "Severance");
  EXPECT_EQ(s->getValue<std::string>("librarySectionID"), "2");
}

// A client that vanished stays listed (PMS keeps such sessions ~30 minutes) but sends nothing.
TEST_F(EmulatorTest, AbandonedSessionsLingerSilently) {
  emu_->SetPlaybackReportMs(40);
  FrameCollector ws(*emu_, "/:/websockets/notifications");
  ASSERT_TRUE(WaitFor([&] { return emu_->WebsocketClients() == 1; }));
  const std::string key = emu_->StartPlayback("101", "carol", "Phone");
  ASSERT_TRUE(WaitFor([&] { return ws.Saw("\"sessionKey\":\"" + key + "\""); }));
  ASSERT_TRUE(emu_->AbandonPlayback(key));
  EXPECT_FALSE(emu_->PausePlayback(key));  // nobody is there to pause
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // a report in flight lands
  const size_t frames = ws.frames().size();
  std::this_thread::sleep_for(std::chrono::milliseconds(400));  // ten report periods
  EXPECT_EQ(ws.frames().size(), frames);
  Object::Ptr mc = Container(Call(*emu_, "GET", "/status/sessions", true));
  ASSERT_EQ(mc->getValue<int>("size"), 1);
  EXPECT_EQ(mc->getArray("Metadata")->getObject(0)->getObject("Player")->getValue<std::string>("state"), "playing");
}

// With a linger time, a stopped session stays in /status/sessions with its last state: only the
// websocket's "stopped" says it ended.
TEST_F(EmulatorTest, StoppedSessionsCanLingerInTheList) {
  EmulatorOptions o;
  o.stopped_session_linger_ms = 400;
  Start(o);
  FrameCollector ws(*emu_, "/:/websockets/notifications");
  ASSERT_TRUE(WaitFor([&] { return emu_->WebsocketClients() == 1; }));
  const std::string key = emu_->StartPlayback("102", "dave", "TV");
  ASSERT_TRUE(emu_->StopPlayback(key));
  ASSERT_TRUE(WaitFor([&] { return ws.Saw("\"state\":\"stopped\""); }));
  Object::Ptr mc = Container(Call(*emu_, "GET", "/status/sessions", true));
  ASSERT_EQ(mc->getValue<int>("size"), 1);
  EXPECT_EQ(mc->getArray("Metadata")->getObject(0)->getObject("Player")->getValue<std::string>("state"), "playing");
  EXPECT_TRUE(WaitFor([&] {
    return Container(Call(*emu_, "GET", "/status/sessions", true))->getValue<int>("size") == 0;
  }));
}

// A webhook receiver: records each POST's multipart parts.
class WebhookSink : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  struct Part {
    std::string name, content_type, body;
  };
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(this);
  }
  std::vector<std::vector<Part>> posts() {
    std::lock_guard<std::mutex> lock(mutex);
    return posts_;
  }
  std::mutex mutex;
  std::vector<std::vector<Part>> posts_;
  std::string content_type;

 private:
  class Handler : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Handler(WebhookSink* sink) : sink_(sink) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
      std::vector<Part> parts;
      try {
        Poco::Net::MultipartReader reader(req.stream());
        while (reader.hasNextPart()) {
          Poco::Net::MessageHeader header;
          reader.nextPart(header);
          Part p;
          std::string disposition;
          Poco::Net::NameValueCollection params;
          Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
          p.name = params.get("name", "");
          p.content_type = header.get("Content-Type", "");
          Poco::StreamCopier::copyToString(reader.stream(), p.body);
          parts.push_back(p);
        }
      } catch (const std::exception&) {
      }
      {
        std::lock_guard<std::mutex> lock(sink_->mutex);
        sink_->content_type = req.getContentType();
        sink_->posts_.push_back(parts);
      }
      resp.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
      resp.send();
    }

   private:
    WebhookSink* sink_;
  };
};

TEST(EmulatorWebhookTest, PostsRealMultipartWebhooks) {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  auto* sink = new WebhookSink();
  Poco::Net::HTTPServer server(sink, socket, new Poco::Net::HTTPServerParams);
  server.start();
  EmulatorOptions options;
  options.admin_token = kToken;
  options.webhook_url = "http://127.0.0.1:" + std::to_string(socket.address().port()) + "/hook";
  Emulator emu(options);
  emu.LoadLibraryFile(std::string(EMULATOR_FIXTURES) + "/demo_library.json");
  emu.Start();
  const std::string key = emu.StartPlayback("101", "alice", "TV");
  const std::string player_id = emu.Sessions().at(0).player_id;
  emu.PausePlayback(key);
  emu.ResumePlayback(key);
  emu.StopPlayback(key);
  ASSERT_TRUE(WaitFor([&] { return sink->posts().size() >= 4; }));
  const auto posts = sink->posts();
  ASSERT_GE(posts[0].size(), 2u);
  EXPECT_EQ(posts[0][0].name, "payload");
  Object::Ptr payload = ParseObject(posts[0][0].body);
  EXPECT_EQ(payload->getValue<std::string>("event"), "media.play");
  EXPECT_TRUE(payload->getObject("Metadata")->get("librarySectionID").isInteger());
  EXPECT_EQ(payload->getObject("Metadata")->getValue<std::string>("ratingKey"), "101");
  EXPECT_EQ(payload->getObject("Account")->getValue<std::string>("title"), "alice");
  EXPECT_EQ(payload->getObject("Server")->getValue<std::string>("uuid"), emu.options().machine_identifier);
  EXPECT_EQ(payload->getObject("Player")->getValue<std::string>("uuid"), player_id);
  EXPECT_EQ(posts[0][1].name, "thumb");
  EXPECT_EQ(posts[0][1].content_type, "image/jpeg");
  std::vector<std::string> events;
  for (const auto& post : posts) events.push_back(ParseObject(post.at(0).body)->getValue<std::string>("event"));
  EXPECT_EQ(events, (std::vector<std::string>{"media.play", "media.pause", "media.resume", "media.stop"}));
  EXPECT_EQ(posts[3].size(), 1u);  // media.stop carries no thumb
  EXPECT_EQ(sink->content_type.rfind("multipart/form-data; boundary=", 0), 0u);
  // Scripted through the control API as well.
  EXPECT_TRUE(emu.SendWebhookEvent("library.new", "203"));
  ASSERT_TRUE(WaitFor([&] { return sink->posts().size() >= 5; }));
  EXPECT_EQ(ParseObject(sink->posts()[4].at(0).body)->getValue<std::string>("event"), "library.new");
  EXPECT_FALSE(emu.SendWebhookEvent("media.explode", "101"));
  emu.Stop();
  server.stop();
}

// Each event Plex documents, in the shape its payload has: who, which server, which player,
// which item, and a poster part for the events that carry one.
TEST(EmulatorWebhookTest, EveryDocumentedEventHasItsShape) {
  EmulatorOptions options;
  options.friendly_name = "Office";
  Emulator emu(options);
  emu.LoadLibraryFile(std::string(EMULATOR_FIXTURES) + "/demo_library.json");
  struct Expect {
    const char* event;
    bool player, metadata, thumb;
  };
  for (const Expect& e : std::vector<Expect>{{"media.play", true, true, true},
                                             {"media.pause", true, true, false},
                                             {"media.resume", true, true, false},
                                             {"media.stop", true, true, false},
                                             {"media.scrobble", true, true, false},
                                             {"media.rate", true, true, true},
                                             {"playback.started", true, true, true},
                                             {"library.new", false, true, true},
                                             {"library.on.deck", false, true, true},
                                             {"admin.database.backup", false, false, false},
                                             {"admin.database.corrupted", false, false, false},
                                             {"device.new", true, false, false}}) {
    SCOPED_TRACE(e.event);
    const WebhookBody w = emu.BuildWebhook(e.event, "203", "alice", "Living Room TV");
    ASSERT_EQ(w.content_type.rfind("multipart/form-data; boundary=", 0), 0u);
    const std::string boundary = w.content_type.substr(w.content_type.find('=') + 1);
    std::istringstream in(w.body);
    Poco::Net::MultipartReader reader(in, boundary);
    std::vector<std::pair<std::string, std::string>> parts;  // name, body
    while (reader.hasNextPart()) {
      Poco::Net::MessageHeader header;
      reader.nextPart(header);
      std::string disposition, body;
      Poco::Net::NameValueCollection params;
      Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
      Poco::StreamCopier::copyToString(reader.stream(), body);
      parts.emplace_back(params.get("name", ""), body);
    }
    ASSERT_EQ(parts.size(), e.thumb ? 2u : 1u);
    ASSERT_EQ(parts[0].first, "payload");
    if (e.thumb) {
      EXPECT_EQ(parts[1].first, "thumb");
      EXPECT_EQ(parts[1].second.substr(0, 3), "\xFF\xD8\xFF");  // a JPEG
    }
    Object::Ptr p = ParseObject(parts[0].second);
    EXPECT_EQ(p->getValue<std::string>("event"), e.event);
    EXPECT_TRUE(p->get("user").isBoolean());
    EXPECT_EQ(p->getObject("Server")->getValue<std::string>("title"), "Office");
    EXPECT_EQ(p->getObject("Account")->getValue<std::string>("title"), "alice");
    EXPECT_EQ(p->has("Player"), e.player);
    EXPECT_EQ(p->has("Metadata"), e.metadata);
    if (e.metadata) {
      Object::Ptr m = p->getObject("Metadata");
      EXPECT_EQ(m->getValue<std::string>("type"), "episode");
      EXPECT_EQ(m->getValue<std::string>("librarySectionType"), "show");
      EXPECT_EQ(m->getValue<std::string>("grandparentTitle"), "Severance");
      EXPECT_EQ(m->getValue<int>("parentIndex"), 1);
      EXPECT_EQ(m->getValue<int>("index"), 1);
      EXPECT_TRUE(m->get("librarySectionID").isInteger());
    }
  }
  EXPECT_THROW(emu.BuildWebhook("media.explode", "101"), std::invalid_argument);
  EXPECT_THROW(emu.BuildWebhook("media.play", "999999"), std::invalid_argument);
}

TEST_F(EmulatorTest, FaultsEachKind) {
  FaultRule status;
  status.kind = FaultKind::kHttpStatus;
  status.path_prefix = "/library/sections";
  status.http_status = 503;
  status.times = 1;
  emu_->AddFault(status);
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections").status, 503);
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections").status, 200);  // used up

  FaultRule latency;
  latency.kind = FaultKind::kLatency;
  latency.latency_ms = 150;
  latency.times = 1;
  emu_->AddFault(latency);
  const auto start = Clock::now();
  EXPECT_EQ(Call(*emu_, "GET", "/identity").status, 200);
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(150));

  FaultRule reset;
  reset.kind = FaultKind::kConnectionReset;
  reset.times = 1;
  emu_->AddFault(reset);
  EXPECT_FALSE(Call(*emu_, "GET", "/identity").error.empty());

  FaultRule truncated;
  truncated.kind = FaultKind::kTruncatedBody;
  truncated.times = 1;
  emu_->AddFault(truncated);
  Response t = Call(*emu_, "GET", "/library/sections", true);
  EXPECT_TRUE(!t.error.empty() || t.body.size() < std::stoul(t.headers["Content-Length"]));

  FaultRule xml;
  xml.kind = FaultKind::kXmlForJson;
  xml.times = 1;
  emu_->AddFault(xml);
  EXPECT_EQ(Call(*emu_, "GET", "/library/sections", true).body.rfind("<?xml", 0), 0u);

  FaultRule nginx;
  nginx.kind = FaultKind::kNotPlex;
  nginx.times = 1;
  emu_->AddFault(nginx);
  Response n = Call(*emu_, "GET", "/identity", true, nullptr);
  EXPECT_EQ(n.status, 200);
  EXPECT_NE(n.body.find("Welcome to nginx!"), std::string::npos);

  FaultRule stall;
  stall.kind = FaultKind::kStall;
  emu_->AddFault(stall);
  std::atomic<int> stalled_status{-1};
  std::thread caller([&] { stalled_status = Call(*emu_, "GET", "/identity", false, nullptr).status; });
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  EXPECT_EQ(stalled_status.load(), -1);  // still waiting
  emu_->ClearFaults();
  caller.join();
  EXPECT_EQ(stalled_status.load(), 200);
}

TEST_F(EmulatorTest, OversizedBodiesWithAndWithoutLength) {
  for (bool chunked : {false, true}) {
    FaultRule huge;
    huge.kind = FaultKind::kOversizedBody;
    huge.path_prefix = "/library/sections";
    huge.body_bytes = 3 << 20;
    huge.chunked = chunked;
    huge.times = 1;
    emu_->AddFault(huge);
    Response r = Call(*emu_, "GET", "/library/sections", true);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body.size(), size_t{3} << 20) << (chunked ? "chunked" : "with length");
    EXPECT_EQ(r.headers.count("Content-Length"), chunked ? 0u : 1u);
  }
}

TEST_F(EmulatorTest, RawNotificationFramesReachEveryClient) {
  Poco::Net::HTTPClientSession session("127.0.0.1", emu_->port());
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/:/websockets/notifications",
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("X-Plex-Token", kToken);
  Poco::Net::HTTPResponse response;
  Poco::Net::WebSocket ws(session, request, response);
  ws.setReceiveTimeout(Poco::Timespan(10, 0));
  const auto deadline = Clock::now() + std::chrono::seconds(10);
  while (emu_->WebsocketClients() == 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const std::string big(2 << 20, 'x');
  emu_->SendNotificationFrame(big);
  std::vector<char> buffer(big.size() + 16);
  int flags = 0;
  const int n = ws.receiveFrame(buffer.data(), static_cast<int>(buffer.size()), flags);
  EXPECT_EQ(n, static_cast<int>(big.size()));
  EXPECT_EQ(flags & Poco::Net::WebSocket::FRAME_OP_BITMASK, Poco::Net::WebSocket::FRAME_OP_TEXT);
  ws.close();
}

TEST_F(EmulatorTest, RecordsRequestsButNotTheControlApi) {
  emu_->ClearRequests();
  Call(*emu_, "GET", "/library/sections/1/refresh?path=%2Fdata%2Fmovies%2FA%20%26%20B&force=1", false, kToken,
       {{"X-Plex-Client-Identifier", "cid-1"}});
  Call(*emu_, "GET", "/__emulator/scans");
  const auto requests = emu_->Requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].path, "/library/sections/1/refresh");
  EXPECT_EQ(requests[0].params.at("path"), "/data/movies/A & B");
  EXPECT_EQ(requests[0].params.at("force"), "1");
  EXPECT_EQ(requests[0].headers.at("x-plex-client-identifier"), "cid-1");
  EXPECT_EQ(requests[0].status, 200);
  EXPECT_EQ(RedactTokens("GET /x?a=1&X-Plex-Token=abc123&b=2"), "GET /x?a=1&X-Plex-Token=<redacted>&b=2");
}

TEST_F(EmulatorTest, ControlApiScriptsTheServer) {
  EXPECT_EQ(Call(*emu_, "GET", "/__emulator/scans", false, "wrong").status, 401);
  Response add = Call(*emu_, "POST", "/__emulator/files");
  EXPECT_EQ(add.status, 404);  // no body
  Poco::Net::HTTPClientSession session("127.0.0.1", emu_->port());
  Poco::Net::HTTPRequest request("POST", "/__emulator/files", Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("X-Plex-Token", kToken);
  const std::string body = R"({"add":["/data/movies/New (2024)/New (2024).mkv"]})";
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  session.receiveResponse(response).ignore(1 << 20);
  EXPECT_EQ(response.getStatus(), 200);
  EXPECT_TRUE(emu_->HasFile("/data/movies/New (2024)/New (2024).mkv"));
}

TEST(EmulatorWindowsTest, BackslashPathsMatchCaseInsensitively) {
  EmulatorOptions options;
  options.admin_token = kToken;
  options.scan_start_delay_ms = 10;
  Emulator emu(options);
  emu.LoadLibraryFile(std::string(EMULATOR_FIXTURES) + "/windows_library.json");
  emu.Start();
  Object::Ptr root = Container(Call(emu, "GET", "/", true));
  EXPECT_EQ(root->getValue<std::string>("platform"), "Windows");
  emu.AddFile("M:\\Media\\Movies\\Dune (2021)\\Dune (2021).mkv");
  // Lower case and forward slashes still reach the location M:\Media\Movies.
  Call(emu, "GET", "/library/sections/3/refresh?path=m%3A%2Fmedia%2Fmovies%2Fdune%20%282021%29");
  ASSERT_TRUE(emu.WaitForIdle(std::chrono::seconds(5)));
  auto item = emu.FindItemByFile("m:/media/movies/DUNE (2021)/dune (2021).mkv");
  ASSERT_TRUE(item.has_value());
  EXPECT_EQ(item->files[0], "M:\\Media\\Movies\\Dune (2021)\\Dune (2021).mkv");
  Object::Ptr sections = Container(Call(emu, "GET", "/library/sections", true));
  EXPECT_EQ(sections->getArray("Directory")->getObject(1)->getArray("Location")->getObject(0)->getValue<std::string>("path"),
            "\\\\nas\\tv");
}

TEST(EmulatorFixtureTest, ErrorsNameTheField) {
  struct Case {
    const char* json;
    const char* field;
  };
  const Case cases[] = {
      {"[]", "library"},
      {"{oops", "library"},
      {R"({"sections":[{"key":"1","title":"M","locations":[7]}]})", "sections[0].locations[0]"},
      {R"({"sections":[{"key":"1","title":"M","locations":[]}]})", "sections[0].locations"},
      {R"({"sections":[{"title":"M","locations":["/m"]}]})", "sections[0].key"},
      {R"({"sections":[{"key":"1","type":"music","title":"M","locations":["/m"]}]})", "sections[0].type"},
      {R"({"sections":[{"key":"1","title":"M","locations":["/m"],"items":[{"year":1}]}]})", "sections[0].items[0].title"},
      {R"({"server":{"platform":"Amiga"},"sections":[]})", "server.platform"},
  };
  for (const Case& c : cases) {
    Emulator emu;
    try {
      emu.LoadLibraryJson(c.json);
      ADD_FAILURE() << "accepted: " << c.json;
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()).rfind(c.field, 0), 0u) << e.what();
    }
  }
}

TEST_F(EmulatorTest, RestartKeepsThePortAndDropsWebsockets) {
  const uint16_t port = emu_->port();
  {
    FrameCollector ws(*emu_, "/:/websockets/notifications");
    ASSERT_TRUE(WaitFor([&] { return emu_->WebsocketClients() == 1; }));
    emu_->Restart();
    EXPECT_EQ(emu_->WebsocketClients(), 0u);
  }
  EXPECT_EQ(emu_->port(), port);
  EXPECT_EQ(Call(*emu_, "GET", "/identity").status, 200);
}

TEST(EmulatorGeneratorTest, LargeLibraries) {
  Emulator emu;
  emu.LoadLibraryFile(std::string(EMULATOR_FIXTURES) + "/demo_library.json");
  emu.GenerateMovies("1", 20000);
  emu.GenerateShows("2", 20, 3, 5);
  EXPECT_EQ(emu.Items("1").size(), 20003u);
  EXPECT_EQ(emu.Items("2").size(), 21u);
  EXPECT_TRUE(emu.FindItemByFile("/data/movies/Movie 19999 (1999)/Movie 19999 (1999).mkv").has_value());
  EXPECT_THROW(emu.GenerateMovies("99", 1), std::invalid_argument);
  // Listings report children/episode counts (computed in one pass, not per show).
  emu.Start();
  Object::Ptr shows = Container(Call(emu, "GET", "/library/sections/2/all?X-Plex-Container-Size=2", true,
                                     "emulator-admin-token"));
  EXPECT_EQ(shows->getValue<int>("totalSize"), 21);
  Object::Ptr generated = shows->getArray("Metadata")->getObject(1);
  EXPECT_EQ(generated->getValue<int>("childCount"), 3);
  EXPECT_EQ(generated->getValue<int>("leafCount"), 15);
  Object::Ptr severance = shows->getArray("Metadata")->getObject(0);
  EXPECT_EQ(severance->getValue<int>("leafCount"), 2);
  // A generated library exists already: nothing in it changed in the last hour, so an
  // incremental listing ("updatedAt>>=") from an hour ago finds none of the 20,000 movies.
  const long long hour_ago = static_cast<long long>(std::time(nullptr)) - 3600;
  Object::Ptr recent = Container(Call(emu, "GET",
                                      "/library/sections/1/all?updatedAt%3E%3E=" + std::to_string(hour_ago),
                                      true, "emulator-admin-token"));
  EXPECT_EQ(recent->getValue<int>("size"), 0);
}

TEST(EmulatorTlsTest, ServesHttpsWithATestCertificate) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("pms-emu-tls-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string cert = (dir / "cert.pem").string();
  const std::string key = (dir / "key.pem").string();
  const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 -keyout " + key +
                          " -out " + cert + " >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "openssl is not installed";
  EmulatorOptions options;
  options.admin_token = kToken;
  options.tls_cert_file = cert;
  options.tls_key_file = key;
  Emulator emu(options);
  emu.LoadLibraryFile(std::string(EMULATOR_FIXTURES) + "/demo_library.json");
  emu.Start();
  EXPECT_EQ(emu.base_url().rfind("https://", 0), 0u);
  Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", cert,
                                                           Poco::Net::Context::VERIFY_RELAXED);
  Poco::Net::HTTPSClientSession session("localhost", emu.port(), context);
  Poco::Net::HTTPRequest request("GET", "/identity", Poco::Net::HTTPMessage::HTTP_1_1);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  session.receiveResponse(response).ignore(1 << 20);
  EXPECT_EQ(response.getStatus(), 200);
  emu.Stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pms_emulator
