#include "driver/connection_check.h"

#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include "net/fake_transport.h"

namespace plexdriver {
namespace {

const char* kIdentity =
    R"({"MediaContainer":{"size":0,"claimed":true,"machineIdentifier":"m1","version":"1.32.7.7621-871adbd44"}})";
const char* kRoot =
    R"({"MediaContainer":{"friendlyName":"Office","machineIdentifier":"m1","version":"1.32.7.7621-871adbd44","platform":"Linux"}})";
const char* kSections = R"({"MediaContainer":{"size":2,"Directory":[
  {"key":"1","type":"movie","title":"Movies","agent":"tv.plex.agents.movie","Location":[{"id":1,"path":"/data/movies"}]},
  {"key":"2","type":"show","title":"TV","agent":"tv.plex.agents.series","Location":[{"id":2,"path":"/data/tv"}]}]}})";

class ConnectionCheckTest : public ::testing::Test {
 protected:
  ConnectionReport Run() {
    PmsClient client(&transport_, ClientIdentity{"tok", "cid", "Office", "plexdriver", "0.1.0"});
    return CheckConnection(client, config_, Operation{});
  }
  void ScriptHealthyServer() {
    transport_.OnBody("GET", "/identity", kIdentity);
    transport_.OnBody("GET", "/", kRoot);
    transport_.OnBody("GET", "/library/sections", kSections);
  }
  FakeTransport transport_;
  DriverConfig config_;
};

TEST_F(ConnectionCheckTest, HealthyServerReportsEverything) {
  ScriptHealthyServer();
  config_.path_mappings = {{"/mnt/movies", "/data/movies"}};
  ConnectionReport r = Run();
  ASSERT_TRUE(r.error.ok()) << r.error.ToString();
  EXPECT_EQ(r.info->friendly_name, "Office");
  EXPECT_TRUE(r.partial_scan_supported);
  ASSERT_EQ(r.steps.size(), 3u);
  ASSERT_EQ(r.mappings.size(), 1u);
  EXPECT_EQ(r.mappings[0].section_keys, std::vector<std::string>{"1"});
  EXPECT_EQ(r.unmapped_locations, std::vector<std::string>{"/data/tv"});

  // /identity goes without the token; the others carry it and ask for JSON.
  auto requests = transport_.requests();
  ASSERT_EQ(requests.size(), 3u);
  auto has_header = [](const HttpRequest& req, const std::string& name) {
    for (const auto& h : req.headers) if (h.first == name) return true;
    return false;
  };
  EXPECT_FALSE(has_header(requests[0], "X-Plex-Token"));
  EXPECT_TRUE(has_header(requests[1], "X-Plex-Token"));
  EXPECT_TRUE(has_header(requests[2], "X-Plex-Client-Identifier"));
  EXPECT_TRUE(has_header(requests[2], "Accept"));

  // The document parses and says ok.
  Poco::JSON::Parser parser;
  auto doc = parser.parse(ConnectionReportToJson(r)).extract<Poco::JSON::Object::Ptr>();
  EXPECT_TRUE(doc->getValue<bool>("ok"));
  EXPECT_EQ(doc->getObject("server")->getValue<std::string>("name"), "Office");
  EXPECT_EQ(doc->getArray("sections")->size(), 2u);
  EXPECT_TRUE(doc->isNull("error"));
}

TEST_F(ConnectionCheckTest, UnauthorizedTokenStopsAfterIdentity) {
  transport_.OnBody("GET", "/identity", kIdentity);
  HttpResponse unauthorized;
  unauthorized.status = 401;
  unauthorized.content_type = "text/html";
  unauthorized.body =
      "<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>";
  transport_.On("GET", "/", unauthorized);
  ConnectionReport r = Run();
  EXPECT_EQ(r.error.code(), PD_ERR_UNAUTHORIZED);
  EXPECT_EQ(r.error.detail(), 401);
  EXPECT_NE(r.error.message().find("plex_token"), std::string::npos);
  EXPECT_TRUE(r.identity.has_value());  // what was learnt before the failure stays
  EXPECT_EQ(transport_.requests().size(), 2u);
  EXPECT_FALSE(r.steps.back().ok);
}

TEST_F(ConnectionCheckTest, NotPlexWhenIdentityIsHtml) {
  HttpResponse page;
  page.status = 200;
  page.content_type = "text/html";
  page.body = "<html><body>Welcome to nginx!</body></html>";
  transport_.On("GET", "/identity", page);
  ConnectionReport r = Run();
  EXPECT_EQ(r.error.code(), PD_ERR_PROTOCOL);
  EXPECT_NE(r.error.message().find("not a Plex Media Server"), std::string::npos);
}

TEST_F(ConnectionCheckTest, NotPlexWhenIdentityIs404) {
  ConnectionReport r = Run();  // unscripted: 404
  EXPECT_EQ(r.error.code(), PD_ERR_PROTOCOL);
  EXPECT_EQ(r.error.detail(), 404);
}

TEST_F(ConnectionCheckTest, TransportFailuresPassThrough) {
  transport_.OnFailure("GET", "/identity", Status(PD_ERR_TIMEOUT, "slow"));
  EXPECT_EQ(Run().error.code(), PD_ERR_TIMEOUT);
}

TEST_F(ConnectionCheckTest, ManagedUserGetsForbiddenOnSections) {
  transport_.OnBody("GET", "/identity", kIdentity);
  transport_.OnBody("GET", "/", kRoot);
  HttpResponse forbidden;
  forbidden.status = 403;
  transport_.On("GET", "/library/sections", forbidden);
  ConnectionReport r = Run();
  EXPECT_EQ(r.error.code(), PD_ERR_FORBIDDEN);
  EXPECT_NE(r.error.message().find("owner"), std::string::npos);
}

TEST_F(ConnectionCheckTest, OldServerWarnsAboutPartialScans) {
  transport_.OnBody("GET", "/identity",
                    R"({"MediaContainer":{"machineIdentifier":"m1","version":"1.19.1.2645-ccb6eb67e"}})");
  transport_.OnBody("GET", "/", kRoot);
  transport_.OnBody("GET", "/library/sections", kSections);
  ConnectionReport r = Run();
  ASSERT_TRUE(r.error.ok());
  EXPECT_FALSE(r.partial_scan_supported);
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings[0].find("1.20.0.3125"), std::string::npos);
}

TEST_F(ConnectionCheckTest, MappingThatReachesNothingIsWarned) {
  ScriptHealthyServer();
  config_.path_mappings = {{"/mnt/movies", "/data/movies"}, {"/mnt/music", "/data/music"}};
  ConnectionReport r = Run();
  ASSERT_TRUE(r.error.ok());
  ASSERT_EQ(r.mappings.size(), 2u);
  EXPECT_TRUE(r.mappings[1].section_keys.empty());
  bool warned = false;
  for (const auto& w : r.warnings) warned |= w.find("/data/music") != std::string::npos;
  EXPECT_TRUE(warned);
}

TEST_F(ConnectionCheckTest, MappingToAParentFolderReachesEverySectionBelow) {
  ScriptHealthyServer();
  config_.path_mappings = {{"/mnt", "/data"}};
  ConnectionReport r = Run();
  ASSERT_TRUE(r.error.ok());
  EXPECT_EQ(r.mappings[0].section_keys, (std::vector<std::string>{"1", "2"}));
  EXPECT_TRUE(r.unmapped_locations.empty());
}

TEST_F(ConnectionCheckTest, CancelledBetweenSteps) {
  ScriptHealthyServer();
  pd_host host{};
  host.struct_size = sizeof host;
  host.is_cancelled = [](void*, void*) { return 1; };
  HostBridge bridge(&host, "tok");
  PmsClient client(&transport_, ClientIdentity{"tok", "cid", "Office", "plexdriver", "0.1.0"});
  ConnectionReport r = CheckConnection(client, config_, Operation{&bridge, nullptr});
  EXPECT_EQ(r.error.code(), PD_ERR_CANCELLED);
  EXPECT_EQ(transport_.requests().size(), 1u);
}

}  // namespace
}  // namespace plexdriver
