#include "planning/artwork_names.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "core/text.h"

namespace plexdriver {
namespace {

// "season01", "season1", "season01-fanart", "season-specials-poster", ...
bool IsSeasonArtwork(const std::string& stem) {
  if (stem.rfind("season-specials", 0) == 0) return true;
  if (stem.rfind("season", 0) != 0) return false;
  size_t i = 6;
  const size_t digits_start = i;
  while (i < stem.size() && std::isdigit(static_cast<unsigned char>(stem[i]))) ++i;
  if (i == digits_start) return false;
  const std::string rest = stem.substr(i);
  return rest.empty() || rest == "-poster" || rest == "-fanart" || rest == "-banner";
}

constexpr std::array<std::string_view, 4> kImages = {"jpg", "jpeg", "png", "tbn"};

std::string Extension(const std::string& lower_name) {
  const size_t dot = lower_name.find_last_of('.');
  return dot == std::string::npos ? std::string() : lower_name.substr(dot + 1);
}

bool IsImageExtension(const std::string& lower_ext) {
  return std::find(kImages.begin(), kImages.end(), lower_ext) != kImages.end();
}

}  // namespace

bool IsArtworkImage(std::string_view file_name) { return IsImageExtension(Extension(ToLowerAscii(file_name))); }

std::optional<std::string> ArtworkNameAdvice(std::string_view file_name) {
  const std::string name = ToLowerAscii(file_name);
  const size_t dot = name.find_last_of('.');
  if (dot == std::string::npos) return std::nullopt;
  const std::string ext = name.substr(dot + 1);
  const std::string stem = name.substr(0, dot);
  if (ext == "nfo") {
    return std::string("Plex's own agents do not read .nfo files: titles and plots from it need a "
                       "third-party agent; artwork is read from image files");
  }
  if (!IsImageExtension(ext)) return std::nullopt;
  static constexpr std::array<std::string_view, 12> kKnown = {
      "poster", "cover", "default", "folder", "movie", "show",
      "fanart", "art",   "backdrop", "background", "banner", "thumb"};
  if (std::find(kKnown.begin(), kKnown.end(), stem) != kKnown.end()) return std::nullopt;
  if (IsSeasonArtwork(stem)) return std::nullopt;
  for (std::string_view suffix : kVideoArtworkSuffixes) {
    if (EndsWith(stem, suffix)) return std::nullopt;  // "<video name>-fanart.jpg"
  }
  return "Plex reads \"" + std::string(file_name) +
         "\" only if it has the video file's own name; otherwise name it poster.jpg (or folder.jpg), "
         "fanart.jpg (or art.jpg), banner.jpg, or seasonNN.jpg for a season";
}

}  // namespace plexdriver
