// The standalone pms_emulator as someone trying the driver starts it: with no arguments but a
// port it serves the demo's library (built in), and the driver connects to it and finds it.
#include <fstream>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "emulator_fixture.h"

namespace itest {
namespace {

TEST(StandaloneEmulatorTest, WithoutALibraryFileItServesTheDemoLibrary) {
  ChildServer server(PMS_EMULATOR_PATH, {"--port", "0"});
  ASSERT_NE(server.port(), 0) << "the emulator did not start without --library";
  Poco::Net::HTTPClientSession session("127.0.0.1", server.port());
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/library/sections/1/all");
  request.set("X-Plex-Token", "emulator-admin-token");  // the documented default
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
  ASSERT_EQ(response.getStatus(), 200) << body;
  // The demo fixture's movies, as the file lists them.
  std::ifstream fixture(std::string(EMULATOR_FIXTURES) + "/demo_library.json");
  const std::string json((std::istreambuf_iterator<char>(fixture)), std::istreambuf_iterator<char>());
  for (const char* title : {"Heat", "Am\xC3\xA9lie"}) {
    ASSERT_NE(json.find(title), std::string::npos) << title;
    EXPECT_NE(body.find(std::string("title=\"") + title + "\""), std::string::npos) << title << "\n" << body;
  }

  // And the driver takes it for a Plex server.
  LoadedDriver driver(DriverPath());
  ASSERT_TRUE(driver.ok()) << driver.load_error();
  DriverInstance instance(driver, MakeConfig(server.port(), "emulator-admin-token", {{"/tmp", "/data/movies"}}));
  ASSERT_TRUE(instance.ok()) << instance.create_result().message;
  const CallResult r = instance.TestConnection();
  EXPECT_EQ(r.status, PD_OK) << r.message;
}

}  // namespace
}  // namespace itest
