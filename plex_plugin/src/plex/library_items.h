// Metadata items as PMS lists them (/library/sections/{id}/all, /library/metadata/{key}),
// from JSON ("Metadata": [...]) or XML (<Video>/<Directory> elements). Pure.
#ifndef PLEXDRIVER_PLEX_LIBRARY_ITEMS_H_
#define PLEXDRIVER_PLEX_LIBRARY_ITEMS_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace plexdriver {

struct LibraryItem {
  std::string rating_key;
  std::string type;  // movie, show, season, episode
  std::string title;
  int year = 0;
  int index = -1;         // season / episode number; -1 when not listed
  int parent_index = -1;  // an episode's season number; -1 when not listed
  std::string parent_key;       // season of an episode, show of a season
  std::string grandparent_key;  // show of an episode
  int64_t added_at = 0;
  int64_t updated_at = 0;
  int64_t deleted_at = 0;  // non-zero: in the trash (its files are gone)
  std::string thumb;
  std::string art;
  std::vector<std::string> files;      // Media[].Part[].file
  std::vector<std::string> locations;  // Location[].path (shows)
};

struct ItemPage {
  std::vector<LibraryItem> items;
  int64_t offset = 0;
  int64_t total_size = -1;  // -1: the server did not say (not paged)
};

// PD_ERR_PROTOCOL when the body is not a MediaContainer; an item without ratingKey is an error
// naming its title.
Result<ItemPage> ParseItemPage(std::string_view body);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_LIBRARY_ITEMS_H_
