// SPDX-License-Identifier: MIT
#include "planning/provider_use.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

constexpr const char* kMovies = "tv.plex.agents.custom.plexdriver.movies";

LibrarySection AgentSection(const std::string& type, const std::string& agent) {
  LibrarySection s;
  s.key = "1";
  s.title = type == "movie" ? "Movies" : "TV Shows";
  s.type = type;
  s.agent = agent;
  return s;
}

TEST(ProviderUseTest, IdentifiersFollowTheNameAndTheLibraryType) {
  EXPECT_EQ(ProviderIdentifierFor("plexdriver", "movie"), kMovies);
  EXPECT_EQ(ProviderIdentifierFor("my.metarr", "show"), "tv.plex.agents.custom.my.metarr.shows");
  EXPECT_EQ(ProviderIdentifierFor("plexdriver", "artist"), "");
}

TEST(ProviderUseTest, AnOlderServerSaysSoAndPointsToPushAndLock) {
  const ProviderRegistry old{false, "1.42.2.10156-f737b826c", nullptr, nullptr};
  const ProviderUseAssessment a = AssessProviderUse(AgentSection("movie", kMovies), "plexdriver", old);
  EXPECT_EQ(a.state, ProviderUse::kServerTooOld);
  EXPECT_NE(a.advice.find("1.42.2.10156-f737b826c is older than 1.43.0"), std::string::npos) << a.advice;
  EXPECT_NE(a.advice.find("lock_fields"), std::string::npos) << a.advice;
  EXPECT_NE(a.advice.find("\"Movies\""), std::string::npos) << a.advice;
}

TEST(ProviderUseTest, TheLibrarysAgentDecides) {
  const std::vector<RegisteredProvider> providers = {{"1", kMovies, "Metarr (movies)", "http://10.0.0.5:7878/pd/movies"}};
  const std::vector<ProviderGroup> groups = {
      {"7", "Metarr first", kMovies, {kMovies, "tv.plex.agents.movie"}, {}},
      {"8", "Other first", "tv.plex.agents.custom.other", {"tv.plex.agents.custom.other", kMovies}, {}}};
  const ProviderRegistry r{true, "1.43.0.10162", &providers, &groups};
  EXPECT_EQ(AssessProviderUse(AgentSection("movie", kMovies), "plexdriver", r).state, ProviderUse::kUsed);
  EXPECT_EQ(AssessProviderUse(AgentSection("movie", kMovies), "plexdriver", r).advice, "");

  const ProviderUseAssessment after = AssessProviderUse(AgentSection("movie", "tv.plex.agents.custom.other"), "plexdriver", r);
  EXPECT_EQ(after.state, ProviderUse::kUsedAfterOther);
  EXPECT_NE(after.advice.find("move " + std::string(kMovies) + " to the top"), std::string::npos) << after.advice;

  // Ours is the primary (the library's agent names it), but another provider was moved above it.
  const std::vector<ProviderGroup> moved = {{"9", "Moved", kMovies, {"tv.plex.agents.movie", kMovies}, {}}};
  const ProviderRegistry m{true, "1.43.0.10162", &providers, &moved};
  EXPECT_EQ(AssessProviderUse(AgentSection("movie", kMovies), "plexdriver", m).state, ProviderUse::kUsedAfterOther);

  const ProviderUseAssessment other = AssessProviderUse(AgentSection("movie", "tv.plex.agents.movie"), "plexdriver", r);
  EXPECT_EQ(other.state, ProviderUse::kOtherAgent);
  EXPECT_NE(other.advice.find("uses the agent tv.plex.agents.movie"), std::string::npos) << other.advice;
  EXPECT_NE(other.advice.find("choose an agent made with"), std::string::npos) << other.advice;

  // A TV library: the shows identifier, which is not registered here.
  const ProviderUseAssessment tv = AssessProviderUse(AgentSection("show", "tv.plex.agents.series"), "plexdriver", r);
  EXPECT_EQ(tv.state, ProviderUse::kOtherAgent);
  EXPECT_EQ(tv.identifier, "tv.plex.agents.custom.plexdriver.shows");
  EXPECT_NE(tv.advice.find("add this driver's provider URL (…/shows)"), std::string::npos) << tv.advice;

  EXPECT_EQ(AssessProviderUse(AgentSection("artist", "tv.plex.agents.music"), "plexdriver", r).state,
            ProviderUse::kNotApplicable);
}

TEST(ProviderUseTest, AnAgentNamingAProviderTheServerNoLongerListsIsNotUsed) {
  const std::vector<RegisteredProvider> none;
  const ProviderRegistry r{true, "1.43.0.10162", &none, nullptr};
  const ProviderUseAssessment a = AssessProviderUse(AgentSection("movie", kMovies), "plexdriver", r);
  EXPECT_EQ(a.state, ProviderUse::kNotRegistered);
  EXPECT_NE(a.advice.find("lists no such provider"), std::string::npos) << a.advice;
  // Listings unread: the library's agent alone says it is used.
  const ProviderRegistry unread{true, "1.43.0.10162", nullptr, nullptr};
  EXPECT_EQ(AssessProviderUse(AgentSection("movie", kMovies), "plexdriver", unread).state, ProviderUse::kUsed);
  EXPECT_STREQ(ProviderUseName(ProviderUse::kNotRegistered), "not_registered");
  EXPECT_STREQ(ProviderUseName(ProviderUse::kUsedAfterOther), "used_after_other");
}

}  // namespace
}  // namespace plexdriver
