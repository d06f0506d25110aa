// SPDX-License-Identifier: MIT
// The provider's rating keys and guids. Plex stores a matched item's guid
// "<identifier>://<type>/<ratingKey>" and asks the provider for that ratingKey on every later
// refresh, so keys must stay the same across restarts and renames: a movie or show is keyed by
// its NFO's default unique id ("tmdb-949"), else by a digest of its folder below the manager
// root ("p-1a2b..."); seasons and episodes extend their show's key ("tmdb-1396-s1",
// "tmdb-1396-s1e5"). Keys use only [A-Za-z0-9-], as Plex requires. Pure.
#ifndef PLEXDRIVER_PROVIDER_PROVIDER_IDS_H_
#define PLEXDRIVER_PROVIDER_PROVIDER_IDS_H_

#include <optional>
#include <string>
#include <string_view>

#include "metadata/nfo.h"

namespace plexdriver {

// Plex's numbered metadata types.
enum class ProvidedType { kMovie = 1, kShow = 2, kSeason = 3, kEpisode = 4 };
const char* ProvidedTypeName(ProvidedType type);  // "movie", "show", "season", "episode"

// The key of a movie or show: from `nfo`'s default unique id when it has one, else from
// `relative_folder` (its folder below the manager root, '/'-separated).
std::string ItemKey(const NfoDocument* nfo, std::string_view relative_folder);
std::string SeasonKey(std::string_view item_key, int season);
std::string EpisodeKey(std::string_view item_key, int season, int episode);

struct ParsedKey {
  std::string item_key;        // the movie's or show's key
  std::optional<int> season;   // set for a season or an episode
  std::optional<int> episode;  // set for an episode
};
// nullopt for anything that is not a key this provider made (wrong characters, too long).
std::optional<ParsedKey> ParseKey(std::string_view key);

std::string ProviderGuid(std::string_view identifier, ProvidedType type, std::string_view key);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PROVIDER_PROVIDER_IDS_H_
