// Will Plex read this file? Plex's local media assets follow fixed names (Plex support articles
// "Local Media Assets - Movies / TV Shows"): a poster is poster/cover/default/folder/movie/show
// (or the video file's own name), a background fanart/art/backdrop/background, a banner banner,
// season artwork seasonNN[-fanart|-banner] or season-specials-poster; Plex's agents do not read
// .nfo files. Pure; advisory only (it cannot see the library's "use local assets" setting).
#ifndef PLEXDRIVER_PLANNING_ARTWORK_NAMES_H_
#define PLEXDRIVER_PLANNING_ARTWORK_NAMES_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace plexdriver {

// Suffixes of artwork named after the video file ("Heat (1995)-fanart.jpg" beside
// "Heat (1995).mkv").
inline constexpr std::array<std::string_view, 5> kVideoArtworkSuffixes = {
    "-fanart", "-poster", "-banner", "-background", "-art"};

// A sentence naming the fix when a published file is one Plex will not pick up; nullopt for
// names Plex reads and for files that are not artwork or metadata.
std::optional<std::string> ArtworkNameAdvice(std::string_view file_name);

// True for an image file Plex could read as local artwork (.jpg, .jpeg, .png, .tbn), whatever
// its name.
bool IsArtworkImage(std::string_view file_name);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLANNING_ARTWORK_NAMES_H_
