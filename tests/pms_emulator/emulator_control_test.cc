// Request recording (the control API is not recorded) and the control API under /__emulator/.
#include "emulator_test_support.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

namespace pms_emulator {
namespace {

using Poco::JSON::Object;

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

}  // namespace
}  // namespace pms_emulator
