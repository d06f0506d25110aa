// SPDX-License-Identifier: MIT
// The manager-side files of one movie or show, found by the names Kodi and media managers write
// (kodi.wiki "NFO files", "Artwork"): the NFO (movie: "<video>.nfo" else "movie.nfo"; show:
// "tvshow.nfo"; episode: "<episode file>.nfo"), poster (poster/folder/cover, "<video>-poster"),
// fanart (fanart/backdrop/background, "<video>-fanart"), banner, clearlogo, season posters
// ("seasonNN-poster", "season-specials-poster"), episode thumbs ("<episode>-thumb") and actor
// images (".actors/First_Last.jpg"). I/O: lists folders, reads nothing but names. Paths are
// absolute manager paths inside the folder given; nothing outside it is looked at.
#ifndef PLEXDRIVER_PROVIDER_ITEM_FILES_H_
#define PLEXDRIVER_PROVIDER_ITEM_FILES_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace plexdriver {

struct ArtworkFile {
  std::string role;  // "poster", "fanart", "banner", "clearlogo", "season_poster", "thumb", "actor"
  std::string path;  // absolute manager path
  std::optional<int> season;  // season_poster
  std::string actor;          // actor: the name the file is named after ("First Last")
};

struct EpisodeFile {
  std::string video;  // absolute manager path of the video file
  std::string nfo;    // "<video stem>.nfo" when it exists
  std::string thumb;  // "<video stem>-thumb.jpg" (or .png/.tbn) when it exists
  std::optional<int> season, episode;  // from the file name (SxxEyy or NxMM); the NFO may say more
};

struct ItemFiles {
  std::string folder;  // absolute manager path of the movie's or show's folder
  std::string nfo;     // "" when there is none
  std::vector<std::string> videos;      // movies: the video files in the folder
  std::vector<ArtworkFile> artwork;
  std::vector<EpisodeFile> episodes;    // shows: every video below the folder (2 levels deep)

  const ArtworkFile* Find(std::string_view role, std::optional<int> season = std::nullopt) const;
};

bool IsVideoFileName(std::string_view name);
// Season and episode numbers from a file name: "S01E05", "s1e5", "1x05". nullopt when none.
std::optional<std::pair<int, int>> EpisodeNumbersOf(std::string_view file_name);

// The files of the movie in `folder`; `video` (may be "") names the video the request was
// about, whose own "<video>.nfo" and "<video>-poster.jpg" then win.
ItemFiles ReadMovieFolder(const std::string& folder, const std::string& video);
ItemFiles ReadShowFolder(const std::string& folder);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PROVIDER_ITEM_FILES_H_
