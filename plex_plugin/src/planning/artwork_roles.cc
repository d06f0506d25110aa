#include "planning/artwork_roles.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "core/text.h"
#include "planning/artwork_names.h"

namespace plexdriver {
namespace {

template <size_t N>
bool OneOf(std::string_view s, const std::array<std::string_view, N>& names) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

constexpr std::array<std::string_view, 7> kPosterNames = {"poster", "cover", "default", "folder", "movie", "show", "thumb"};
constexpr std::array<std::string_view, 4> kBackgroundNames = {"fanart", "art", "backdrop", "background"};
constexpr std::array<std::string_view, 3> kPosterSuffixes = {"-poster", "-thumb", "-cover"};
constexpr std::array<std::string_view, 4> kBackgroundSuffixes = {"-fanart", "-background", "-art", "-backdrop"};

// "season02", "season02-poster", "season-specials-poster", "season2-fanart", ...
std::optional<ArtworkRole> SeasonRole(const std::string& stem) {
  int number = -1;
  std::string rest;
  if (stem.rfind("season-specials", 0) == 0) {
    number = 0;
    rest = stem.substr(15);
  } else if (stem.rfind("season", 0) == 0) {
    size_t i = 6;
    while (i < stem.size() && std::isdigit(static_cast<unsigned char>(stem[i]))) ++i;
    if (i == 6 || i - 6 > 4) return std::nullopt;
    number = std::stoi(stem.substr(6, i - 6));
    rest = stem.substr(i);
  } else {
    return std::nullopt;
  }
  ArtworkRole role;
  role.season = number;
  if (rest.empty() || rest == "-poster") role.element = ArtworkElement::kPoster;
  else if (rest == "-fanart") role.element = ArtworkElement::kBackground;
  else if (rest == "-banner") role.element = ArtworkElement::kBanner;
  else return std::nullopt;
  return role;
}

}  // namespace

const char* ElementField(ArtworkElement element) {
  switch (element) {
    case ArtworkElement::kPoster: return "thumb";
    case ArtworkElement::kBackground: return "art";
    case ArtworkElement::kBanner: return "banner";
  }
  return "thumb";
}

const char* ElementListing(ArtworkElement element) {
  switch (element) {
    case ArtworkElement::kPoster: return "posters";
    case ArtworkElement::kBackground: return "arts";
    case ArtworkElement::kBanner: return "banners";
  }
  return "posters";
}

const char* ElementSelection(ArtworkElement element) {
  switch (element) {
    case ArtworkElement::kPoster: return "poster";
    case ArtworkElement::kBackground: return "art";
    case ArtworkElement::kBanner: return "banner";
  }
  return "poster";
}

std::optional<ArtworkRole> ArtworkRoleOf(std::string_view file_name) {
  if (!IsArtworkImage(file_name)) return std::nullopt;
  const std::string name = ToLowerAscii(file_name);
  const std::string stem = name.substr(0, name.find_last_of('.'));
  if (std::optional<ArtworkRole> season = SeasonRole(stem)) return season;
  const bool season_name = stem.rfind("season-specials", 0) == 0 ||
                           (stem.rfind("season", 0) == 0 && stem.size() > 6 && std::isdigit(static_cast<unsigned char>(stem[6])));
  if (season_name) return std::nullopt;  // season art Plex has no element for ("season03-clearart")
  ArtworkRole role;
  if (OneOf(stem, kPosterNames)) return role;
  if (OneOf(stem, kBackgroundNames)) {
    role.element = ArtworkElement::kBackground;
    return role;
  }
  if (stem == "banner" || EndsWith(stem, "-banner")) {
    role.element = ArtworkElement::kBanner;
    return role;
  }
  for (std::string_view suffix : kBackgroundSuffixes) {
    if (EndsWith(stem, suffix)) {
      role.element = ArtworkElement::kBackground;
      return role;
    }
  }
  for (std::string_view suffix : kPosterSuffixes) {
    if (EndsWith(stem, suffix)) return role;
  }
  // Plex's other art (clearlogo, clearart, disc, landscape) has no element to push it to.
  static constexpr std::array<std::string_view, 6> kOtherArt = {"clearlogo", "clearart", "disc",
                                                                "discart", "landscape", "logo"};
  if (OneOf(stem, kOtherArt)) return std::nullopt;
  // Anything else is a poster only under the video's own name ("Heat (1995).jpg", "S01E01.jpg").
  role.needs_video_name = true;
  return role;
}

std::string DescribeRole(const ArtworkRole& role) {
  const char* what = role.element == ArtworkElement::kPoster       ? "poster"
                     : role.element == ArtworkElement::kBackground ? "background"
                                                                   : "banner";
  if (!role.season) return what;
  return *role.season == 0 ? fmt::format("specials season {}", what) : fmt::format("season {} {}", *role.season, what);
}

}  // namespace plexdriver
