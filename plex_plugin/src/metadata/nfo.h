// Kodi-style NFO files as media managers (Metarr and its peers) write them beside the media:
// movie (<movie>), show (<tvshow>) and episode (<episodedetails>) documents, read into plain
// structs. Pure; the schema follows kodi.wiki "NFO files" (facts used: docs/plex_protocol.md, "NFO files").
//
// Hostile or broken files are refused with a message saying what to fix, never half-read:
// larger than kMaxNfoBytes, not UTF-8 (a UTF-16 BOM, a declared Latin-1 or other encoding,
// invalid bytes), a DOCTYPE or entity declaration (no entity is ever expanded or fetched: this
// closes XXE and "billion laughs"), malformed XML (with line and column), or another root.
// Problems that leave the rest usable (no title, two default unique ids, a year that is not a
// number) are kept in `problems`.
#ifndef PLEXDRIVER_METADATA_NFO_H_
#define PLEXDRIVER_METADATA_NFO_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace plexdriver {

inline constexpr size_t kMaxNfoBytes = 4 << 20;

enum class NfoKind { kMovie, kShow, kEpisode };
const char* NfoKindName(NfoKind kind);  // "movie", "tvshow", "episodedetails"

struct NfoActor {
  std::string name;
  std::string role;
  std::string thumb;  // a URL or a path, as written
  int order = -1;     // -1: not given
};

struct NfoUniqueId {
  std::string type;  // "imdb", "tmdb", "tvdb", ... (lower-cased)
  std::string value;
  bool is_default = false;
};

struct NfoRating {
  std::string name;  // "imdb", "themoviedb", ...
  double value = 0;
  double max = 10;
  int64_t votes = 0;
  bool is_default = false;
};

struct NfoDocument {
  NfoKind kind = NfoKind::kMovie;
  std::string title;
  std::string original_title;
  std::string sort_title;
  std::string plot;
  std::string outline;
  std::string tagline;
  std::string mpaa;       // content rating: "PG-13", "TV-MA", "Rated R"
  std::string premiered;  // YYYY-MM-DD (episodes: <aired>), as written when it is not a date
  std::optional<int> year;
  std::vector<std::string> studios;
  std::vector<std::string> genres;
  std::vector<std::string> directors;
  std::vector<std::string> writers;  // <credits>
  std::vector<std::string> collections;  // <set> (its <name>, or its text)
  std::vector<std::string> tags;
  std::vector<NfoActor> actors;
  std::vector<NfoUniqueId> unique_ids;
  std::vector<NfoRating> ratings;
  std::optional<int> season;   // episodes
  std::optional<int> episode;  // episodes
  std::vector<std::string> problems;  // what was odd but did not stop the reading
  bool conflicting_ids = false;  // two different values for one unique id type (see problems)

  // The unique id of `type` ("imdb"), or "" when absent.
  std::string UniqueId(std::string_view type) const;
  // The default unique id (the one marked default, else the first), or nullptr.
  const NfoUniqueId* DefaultId() const;
};

// Parses the text of one NFO file. `source` names it in messages (the file's path).
// PD_ERR_INVALID_ARGUMENT when refused (see above), naming `source` and what to fix.
Result<NfoDocument> ParseNfo(std::string_view text, std::string_view source);

}  // namespace plexdriver

#endif  // PLEXDRIVER_METADATA_NFO_H_
