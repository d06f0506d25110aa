// SPDX-License-Identifier: MIT
#include "plex/metadata_providers.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

TEST(MetadataProvidersTest, ProvidersFromXmlAndJson) {
  const char* xml = R"(<MediaContainer size="2">
    <MetadataAgentProvider id="3" identifier="tv.plex.agents.custom.plexdriver.movies" title="Metarr" uri="http://h:1/pd/movies"/>
    <MetadataAgentProvider id="4" title="no identifier"/></MediaContainer>)";
  auto parsed = ParseRegisteredProviders(xml);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ((*parsed)[0].id, "3");
  EXPECT_EQ((*parsed)[0].uri, "http://h:1/pd/movies");
  const char* json = R"({"MediaContainer":{"size":1,"MetadataAgentProvider":[
    {"id":3,"identifier":"tv.plex.agents.custom.plexdriver.shows","title":"Metarr","uri":"http://h:1/pd/shows"}]}})";
  parsed = ParseRegisteredProviders(json);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ((*parsed)[0].id, "3");
  EXPECT_EQ((*parsed)[0].identifier, "tv.plex.agents.custom.plexdriver.shows");
  ASSERT_TRUE(ParseRegisteredProviders(R"(<MediaContainer size="0"/>)").ok());
  EXPECT_TRUE(ParseRegisteredProviders(R"(<MediaContainer size="0"/>)")->empty());
}

TEST(MetadataProvidersTest, GroupsKeepTheirProvidersInOrder) {
  const char* xml = R"(<MediaContainer size="1">
    <MetadataAgentProviderGroup id="7" title="Metarr first" primaryIdentifier="tv.plex.agents.custom.a">
      <MetadataAgentProvider identifier="tv.plex.agents.custom.a"/>
      <MetadataAgentProvider identifier="tv.plex.agents.movie"/>
    </MetadataAgentProviderGroup></MediaContainer>)";
  auto groups = ParseProviderGroups(xml);
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  ASSERT_EQ(groups->size(), 1u);
  EXPECT_EQ((*groups)[0].title, "Metarr first");
  EXPECT_EQ((*groups)[0].primary_identifier, "tv.plex.agents.custom.a");
  EXPECT_EQ((*groups)[0].identifiers, (std::vector<std::string>{"tv.plex.agents.custom.a", "tv.plex.agents.movie"}));
}

TEST(MetadataProvidersTest, NotAMediaContainerIsAProtocolError) {
  auto parsed = ParseRegisteredProviders("<html><body>404 Not Found</body></html>");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), PD_ERR_PROTOCOL);
}

}  // namespace
}  // namespace plexdriver
