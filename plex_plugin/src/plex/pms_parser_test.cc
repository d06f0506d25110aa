#include "plex/pms_parser.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

// Shapes from the Plex reference (shared/reference/plex-api.md).
const char* kIdentityJson =
    R"({"MediaContainer":{"size":0,"claimed":true,"machineIdentifier":"96f2fe7a78c9dc1f16a16bedbe90f98149be16b4","version":"1.31.3.6868-28fc46b27"}})";
const char* kIdentityXml =
    R"(<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="0" claimed="1" machineIdentifier="96f2fe7a78c9dc1f16a16bedbe90f98149be16b4" version="1.31.3.6868-28fc46b27"/>)";

const char* kSectionsJson = R"({"MediaContainer":{"size":1,"allowSync":false,"title1":"Plex Library","Directory":[
 {"key":"1","type":"movie","title":"Movies","agent":"tv.plex.agents.movie","scanner":"Plex Movie",
  "language":"en-US","uuid":"abc","refreshing":false,"updatedAt":1693708514,"createdAt":1499601583,
  "scannedAt":1693688538,"contentChangedAt":18253756,"hidden":0,"content":true,"directory":true,
  "Location":[{"id":1,"path":"/storage/media/movies"}]}]}})";

const char* kSectionsXml = R"(<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="2" allowSync="0" title1="Plex Library">
<Directory allowSync="1" art="/:/resources/movie-fanart.jpg" key="1" type="movie" title="Movies" agent="tv.plex.agents.movie" scanner="Plex Movie" language="en-US" uuid="abc" updatedAt="1693708514" createdAt="1499601583" scannedAt="1693688538" content="1" directory="1" contentChangedAt="18253756" hidden="0" refreshing="1">
<Location id="1" path="M:\Media\Movies" />
<Location id="7" path="N:\More Movies" />
</Directory>
<Directory key="2" type="show" title="TV Shows" agent="tv.plex.agents.series" scanner="Plex TV Series" refreshing="0">
<Location id="2" path="M:\Media\TV" />
</Directory>
</MediaContainer>)";

TEST(PmsParserTest, IdentityJsonAndXml) {
  for (const char* body : {kIdentityJson, kIdentityXml}) {
    Result<ServerIdentity> id = ParseIdentity(body);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_EQ(id->machine_identifier, "96f2fe7a78c9dc1f16a16bedbe90f98149be16b4");
    EXPECT_EQ(id->version, "1.31.3.6868-28fc46b27");
    EXPECT_TRUE(id->claimed);
  }
}

TEST(PmsParserTest, IdentityWithoutMachineIdIsNotPlex) {
  Result<ServerIdentity> id = ParseIdentity(R"({"MediaContainer":{"size":0}})");
  ASSERT_FALSE(id.ok());
  EXPECT_EQ(id.status().code(), PD_ERR_PROTOCOL);
}

TEST(PmsParserTest, ServerRoot) {
  Result<ServerInfo> info = ParseServerInfo(
      R"({"MediaContainer":{"friendlyName":"Office","machineIdentifier":"m1","version":"1.32.7.7621-871adbd44",
          "platform":"Windows","platformVersion":"10.0","myPlex":true,"myPlexUsername":"me@example.com",
          "myPlexSubscription":true,"ownerFeatures":"a,b","Directory":[{"key":"library","title":"library"}]}})");
  ASSERT_TRUE(info.ok()) << info.status().ToString();
  EXPECT_EQ(info->friendly_name, "Office");
  EXPECT_EQ(info->platform, "Windows");
  EXPECT_TRUE(info->my_plex_subscription);
}

TEST(PmsParserTest, SectionsJson) {
  auto sections = ParseSections(kSectionsJson);
  ASSERT_TRUE(sections.ok()) << sections.status().ToString();
  ASSERT_EQ(sections->size(), 1u);
  const LibrarySection& s = (*sections)[0];
  EXPECT_EQ(s.key, "1");
  EXPECT_EQ(s.type, "movie");
  EXPECT_EQ(s.agent, "tv.plex.agents.movie");
  EXPECT_FALSE(s.refreshing);
  EXPECT_EQ(s.updated_at, 1693708514);
  ASSERT_EQ(s.locations.size(), 1u);
  EXPECT_EQ(s.locations[0].path, "/storage/media/movies");
}

TEST(PmsParserTest, SectionsXmlWindowsSeveralLocations) {
  auto sections = ParseSections(kSectionsXml);
  ASSERT_TRUE(sections.ok()) << sections.status().ToString();
  ASSERT_EQ(sections->size(), 2u);
  EXPECT_TRUE((*sections)[0].refreshing);
  ASSERT_EQ((*sections)[0].locations.size(), 2u);
  EXPECT_EQ((*sections)[0].locations[1].path, "N:\\More Movies");
  EXPECT_EQ((*sections)[0].locations[1].id, 7);
  EXPECT_EQ((*sections)[1].type, "show");
}

TEST(PmsParserTest, EmptyLibraryHasNoDirectory) {
  auto sections = ParseSections(R"({"MediaContainer":{"size":0,"title1":"Plex Library"}})");
  ASSERT_TRUE(sections.ok());
  EXPECT_TRUE(sections->empty());
}

TEST(PmsParserTest, SectionWithoutKeyIsAnError) {
  auto sections = ParseSections(R"({"MediaContainer":{"Directory":[{"title":"X"}]}})");
  ASSERT_FALSE(sections.ok());
  EXPECT_NE(sections.status().message().find("\"X\""), std::string::npos);
}

}  // namespace
}  // namespace plexdriver
