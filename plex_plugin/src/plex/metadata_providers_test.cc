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

// The shapes of Plex's API documentation (developer.plex.tv, API 1.2.2): the example's
// MetadataAgentProviderGroupItem in JSON, the schema's MetadataAgentGroupItem in XML; items name
// providers by id and rank them by `order`, which need not follow the listing.
TEST(MetadataProvidersTest, GroupsNameTheirProvidersByIdInOrder) {
  const char* json = R"({"MediaContainer":{"size":1,"MetadataAgentProviderGroup":[
    {"id":"1","title":"TheMovieDatabase","primaryIdentifier":"tv.plex.agents.custom.themoviedb",
     "MetadataAgentProviderGroupItem":[
       {"id":"1","metadataAgentProviderGroupId":"3","metadataAgentProviderId":"6","order":1000},
       {"id":"3","metadataAgentProviderGroupId":"3","metadataAgentProviderId":"8","order":3000},
       {"id":"2","metadataAgentProviderGroupId":"3","metadataAgentProviderId":"7","order":2000}]}]}})";
  auto groups = ParseProviderGroups(json);
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  ASSERT_EQ(groups->size(), 1u);
  const ProviderGroup& g = (*groups)[0];
  EXPECT_EQ(g.title, "TheMovieDatabase");
  EXPECT_EQ(g.primary_identifier, "tv.plex.agents.custom.themoviedb");
  ASSERT_EQ(g.members.size(), 3u);
  EXPECT_EQ(g.members[0].provider_id, "6");
  EXPECT_EQ(g.members[1].provider_id, "7");
  EXPECT_EQ(g.members[2].provider_id, "8");
  // Before the providers are known, only the primary is named.
  EXPECT_EQ(g.identifiers, std::vector<std::string>{"tv.plex.agents.custom.themoviedb"});
  const std::vector<RegisteredProvider> providers = {{"6", "tv.plex.agents.custom.themoviedb", "TMDB", "http://h/t"},
                                                     {"7", "tv.plex.agents.custom.plexdriver.movies", "NFO", "http://h/m"},
                                                     {"8", "tv.plex.agents.movie", "Plex Movie", ""}};
  std::vector<ProviderGroup> named = std::move(groups).value();
  NameGroupMembers(providers, &named);
  EXPECT_EQ(named[0].identifiers,
            (std::vector<std::string>{"tv.plex.agents.custom.themoviedb", "tv.plex.agents.custom.plexdriver.movies",
                                      "tv.plex.agents.movie"}));

  const char* xml = R"(<MediaContainer size="1">
    <MetadataAgentProviderGroup id="7" title="Metarr first" primaryIdentifier="tv.plex.agents.custom.a">
      <MetadataAgentGroupItem id="9" metadataAgentProviderGroupId="7" metadataAgentProviderId="2" order="2000"/>
      <MetadataAgentGroupItem id="8" metadataAgentProviderGroupId="7" metadataAgentProviderId="5" order="500"/>
      <MetadataAgentGroupItem id="10" metadataAgentProviderGroupId="7" metadataAgentProviderId="99" order="3000"/>
    </MetadataAgentProviderGroup></MediaContainer>)";
  groups = ParseProviderGroups(xml);
  ASSERT_TRUE(groups.ok()) << groups.status().ToString();
  named = std::move(groups).value();
  NameGroupMembers({{"2", "tv.plex.agents.movie", "Plex Movie", ""}, {"5", "tv.plex.agents.custom.a", "A", "http://a"}},
                   &named);
  // Provider 99 is not listed: left out, not guessed.
  EXPECT_EQ(named[0].identifiers, (std::vector<std::string>{"tv.plex.agents.custom.a", "tv.plex.agents.movie"}));
}

TEST(MetadataProvidersTest, NotAMediaContainerIsAProtocolError) {
  auto parsed = ParseRegisteredProviders("<html><body>404 Not Found</body></html>");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), PD_ERR_PROTOCOL);
}

}  // namespace
}  // namespace plexdriver
