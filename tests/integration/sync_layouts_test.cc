// Sync on the library layouts today's tools get wrong: a Windows server reached through a
// mapping, a section with several locations, a folder shared by two sections.
#include <algorithm>

#include "emulator_fixture.h"

namespace itest {
namespace {

using pms_emulator::EmulatorOptions;

class SyncLayoutTest : public EmulatorTest {
 protected:
  void Start(const std::string& library) {
    EmulatorOptions options;
    options.admin_token = kToken;
    options.scan_start_delay_ms = 50;
    StartEmulator(options, library);
  }
  std::vector<pms_emulator::RecordedRequest> Refreshes() const {
    std::vector<pms_emulator::RecordedRequest> out;
    for (const auto& r : emulator_->Requests()) {
      if (r.path.find("/refresh") != std::string::npos) out.push_back(r);
    }
    return out;
  }
};

TEST_F(SyncLayoutTest, WindowsServerThroughAMapping) {
  Start(R"({"server":{"platform":"Windows"},"sections":[
    {"key":"3","type":"movie","title":"Films","locations":["M:\\Media\\Movies"]}]})");
  // The mapping is written loosely (forward slashes, lower-case drive, trailing separator).
  auto instance = NewInstance({{temp_.path() + "/movies/", "m:/Media/Movies/"}});
  temp_.WriteFile("movies/Dune (2021)/Dune (2021).mkv");
  emulator_->AddFile("M:\\Media\\Movies\\Dune (2021)\\Dune (2021).mkv");
  const CallResult r = instance->Sync(SyncRequest({{temp_.path() + "/movies/Dune (2021)", "added"}}));
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  Poco::JSON::Object::Ptr change = Change(result);
  EXPECT_EQ(change->getValue<std::string>("status"), "completed") << change->getValue<std::string>("message");
  // The server got its own separator, no doubled or trailing separators.
  const auto refreshes = Refreshes();
  ASSERT_EQ(refreshes.size(), 1u);
  EXPECT_EQ(refreshes[0].params.at("path"), "m:\\Media\\Movies\\Dune (2021)");
  EXPECT_TRUE(emulator_->FindItemByFile("M:\\Media\\Movies\\Dune (2021)\\Dune (2021).mkv").has_value());
}

TEST_F(SyncLayoutTest, SeveralLocationsAndASharedFolder) {
  Start(R"({"sections":[
    {"key":"1","type":"movie","title":"Movies","locations":["/data/movies","/archive/movies"]},
    {"key":"5","type":"movie","title":"Movies 4K","locations":["/data/movies","/data/uhd"]}]})");
  auto instance = NewInstance({{temp_.path() + "/data", "/data"}, {temp_.path() + "/archive", "/archive"}});
  temp_.WriteFile("archive/movies/Old (1950)/Old (1950).mkv");
  temp_.WriteFile("data/movies/Shared (2020)/Shared (2020).mkv");
  emulator_->AddFile("/archive/movies/Old (1950)/Old (1950).mkv");
  emulator_->AddFile("/data/movies/Shared (2020)/Shared (2020).mkv");
  const CallResult r = instance->Sync(SyncRequest({{temp_.path() + "/archive/movies/Old (1950)", "added"},
                                                   {temp_.path() + "/data/movies/Shared (2020)", "added"}}));
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  EXPECT_EQ(result->getValue<std::string>("status"), "completed") << r.json;
  // The second location of "Movies" was scanned in "Movies"; the shared folder in both sections.
  std::vector<std::string> seen;
  for (const auto& req : Refreshes()) seen.push_back(req.path + " " + req.params.at("path"));
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "/library/sections/1/refresh /archive/movies/Old (1950)",
                      "/library/sections/1/refresh /data/movies/Shared (2020)",
                      "/library/sections/5/refresh /data/movies/Shared (2020)"}));
  Poco::JSON::Array::Ptr sections = Change(result, 1)->getArray("sections");
  EXPECT_EQ(sections->size(), 2u);
}

}  // namespace
}  // namespace itest
