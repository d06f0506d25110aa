// Who may ask what: /identity without a token, Plex's HTML 401 for a missing or wrong token
// (even when JSON was asked for), managed tokens refused on admin endpoints, and the shape of
// the root (/) beside the section list.
#include "emulator_test_support.h"

namespace pms_emulator {
namespace {

using Poco::JSON::Object;

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

}  // namespace
}  // namespace pms_emulator
