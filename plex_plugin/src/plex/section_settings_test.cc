#include "plex/section_settings.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

// Shapes as PMS sends them: JSON booleans, XML "true"/"false" words.
constexpr const char* kJson = R"({"MediaContainer":{"size":3,"Setting":[
  {"id":"hidden","label":"Visibility","type":"int","default":0,"value":0},
  {"id":"useLocalAssets","label":"Use local assets","type":"bool","default":true,"value":false},
  {"id":"enableBIFGeneration","type":"bool","default":true,"value":true}]}})";
constexpr const char* kXml = R"(<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="2">
<Setting id="useLocalAssets" label="Use local assets" type="bool" default="true" value="false" />
<Setting id="enableBIFGeneration" type="bool" default="true" value="" />
</MediaContainer>)";

TEST(SectionSettingsTest, JsonAndXmlReadAlike) {
  for (const char* body : {kJson, kXml}) {
    SCOPED_TRACE(body);
    Result<std::vector<SectionSetting>> settings = ParseSectionSettings(body);
    ASSERT_TRUE(settings.ok()) << settings.status().message();
    std::optional<SectionSetting> local = FindSetting(*settings, "useLocalAssets");
    ASSERT_TRUE(local);
    EXPECT_EQ(local->type, "bool");
    EXPECT_EQ(local->value, "false");
    EXPECT_EQ(local->default_value, "true");
    EXPECT_EQ(BoolSetting(*settings, "useLocalAssets"), std::optional<bool>(false));
    // An empty value falls back to the default.
    EXPECT_EQ(BoolSetting(*settings, "enableBIFGeneration"), std::optional<bool>(true));
    EXPECT_FALSE(BoolSetting(*settings, "respectTags"));
  }
  EXPECT_EQ(FindSetting(*ParseSectionSettings(kJson), "hidden")->value, "0");
}

TEST(SectionSettingsTest, NotAContainerIsAProtocolError) {
  Result<std::vector<SectionSetting>> html = ParseSectionSettings("<html><body>401</body></html>");
  ASSERT_FALSE(html.ok());
  EXPECT_EQ(html.status().code(), PD_ERR_PROTOCOL);
  Result<std::vector<SectionSetting>> empty = ParseSectionSettings(R"({"MediaContainer":{"size":0}})");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

}  // namespace
}  // namespace plexdriver
