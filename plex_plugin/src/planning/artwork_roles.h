// Which of an item's images a manager-side artwork file is, by Plex's local-asset names (see
// artwork_names.h): the poster (Plex's "thumb"), the background ("art") or the banner, of the
// item the file belongs to, or of one of a show's seasons ("season02-poster.jpg" in the show's
// folder, "season-specials-poster.jpg" for season 0). An episode's own thumbnail
// ("S01E01-thumb.jpg", "S01E01.jpg") is that episode's poster. Pure.
#ifndef PLEXDRIVER_PLANNING_ARTWORK_ROLES_H_
#define PLEXDRIVER_PLANNING_ARTWORK_ROLES_H_

#include <optional>
#include <string>
#include <string_view>

namespace plexdriver {

enum class ArtworkElement { kPoster, kBackground, kBanner };

// Plex's names: the item attribute and field ("thumb", "art", "banner"), the upload and listing
// endpoint ("posters", "arts", "banners") and the selection endpoint ("poster", "art", "banner").
const char* ElementField(ArtworkElement element);
const char* ElementListing(ArtworkElement element);
const char* ElementSelection(ArtworkElement element);

struct ArtworkRole {
  ArtworkElement element = ArtworkElement::kPoster;
  std::optional<int> season;  // set: that season of the show (0 = specials)
  // A poster only if the file has the item's video name ("Heat (1995).jpg" beside
  // "Heat (1995).mkv"): any other name is no image of the item.
  bool needs_video_name = false;

  bool operator==(const ArtworkRole& o) const {
    return element == o.element && season == o.season && needs_video_name == o.needs_video_name;
  }
};

// The role of an image file by its name, or nullopt for names Plex does not read as one of
// these (clearlogo.png, disc.png, clearart.png) and for files that are not images.
std::optional<ArtworkRole> ArtworkRoleOf(std::string_view file_name);

// "poster", "background", "banner", "season 2 poster": for messages.
std::string DescribeRole(const ArtworkRole& role);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLANNING_ARTWORK_ROLES_H_
