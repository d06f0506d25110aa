// SPDX-License-Identifier: MIT
#include "provider/provider_ids.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

NfoDocument WithIds(std::vector<NfoUniqueId> ids) {
  NfoDocument d;
  d.unique_ids = std::move(ids);
  return d;
}

TEST(ProviderIds, KeyComesFromTheDefaultUniqueIdElseTheFolder) {
  const NfoDocument nfo = WithIds({{"imdb", "tt0113277", false}, {"tmdb", "949", true}});
  EXPECT_EQ(ItemKey(&nfo, "Heat (1995)"), "tmdb-949");
  const NfoDocument first = WithIds({{"imdb", "tt0113277", false}});
  EXPECT_EQ(ItemKey(&first, "Heat (1995)"), "imdb-tt0113277");
  const std::string by_path = ItemKey(nullptr, "Heat (1995)");
  EXPECT_EQ(by_path.rfind("p-", 0), 0u);
  EXPECT_EQ(by_path, ItemKey(nullptr, "Heat (1995)")) << "stable across calls (and restarts: a digest)";
  EXPECT_NE(by_path, ItemKey(nullptr, "Heat (1996)"));
  // Values Plex's key alphabet cannot carry are digested, never passed through.
  const NfoDocument odd = WithIds({{"tmdb", "9/../49", true}});
  EXPECT_EQ(ItemKey(&odd, "x").rfind("h-", 0), 0u);
}

TEST(ProviderIds, SeasonAndEpisodeKeysParseBack) {
  auto season = ParseKey(SeasonKey("tvdb-81189", 2));
  ASSERT_TRUE(season);
  EXPECT_EQ(season->item_key, "tvdb-81189");
  EXPECT_EQ(season->season, 2);
  EXPECT_FALSE(season->episode);
  auto episode = ParseKey(EpisodeKey("tvdb-81189", 0, 12));
  ASSERT_TRUE(episode);
  EXPECT_EQ(episode->season, 0);
  EXPECT_EQ(episode->episode, 12);
  auto movie = ParseKey("tmdb-949");
  ASSERT_TRUE(movie);
  EXPECT_EQ(movie->item_key, "tmdb-949");
  EXPECT_FALSE(movie->season);
  for (const char* bad : {"", "tmdb", "tmdb-", "-949", "tmdb-9/4", "tmdb-949-x1", "tmdb-949-s", "tmdb-949-s1e",
                          "tmdb-949-s1e2e3", "../etc", "tmdb-949-s1-e2"}) {
    EXPECT_FALSE(ParseKey(bad)) << bad;
  }
}

TEST(ProviderIds, GuidIsSchemeTypeKey) {
  EXPECT_EQ(ProviderGuid("tv.plex.agents.custom.plexdriver.movies", ProvidedType::kMovie, "tmdb-949"),
            "tv.plex.agents.custom.plexdriver.movies://movie/tmdb-949");
}

}  // namespace
}  // namespace plexdriver
