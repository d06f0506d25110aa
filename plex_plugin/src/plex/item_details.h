// One metadata item as GET /library/metadata/{ratingKey} describes it in full: the editable
// fields, the tags, which fields are locked (PMS lists a <Field locked="1" name="…"/> per locked
// field), the artwork URLs; and an item's candidate images as GET /library/metadata/{k}/posters
// (/arts, /banners) lists them. JSON or XML. Pure.
#ifndef PLEXDRIVER_PLEX_ITEM_DETAILS_H_
#define PLEXDRIVER_PLEX_ITEM_DETAILS_H_

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace plexdriver {

struct ItemDetails {
  std::string rating_key;
  std::string type;  // movie, show, season, episode
  std::string section_id;  // librarySectionID
  // Plex's field names → values as text: title, titleSort, originalTitle, summary, tagline,
  // year, originallyAvailableAt, contentRating, studio ("" or absent when unset).
  std::map<std::string, std::string> fields;
  std::map<std::string, std::vector<std::string>> tags;  // "genre", "collection" → tag names
  std::set<std::string> locked;  // names of locked fields ("title", "thumb", "genre", ...)
  std::string thumb;
  std::string art;
  std::string banner;
  int64_t updated_at = 0;

  std::string Field(const std::string& name) const;
  const std::vector<std::string>& Tags(const std::string& name) const;
};

// The item `rating_key` of a /library/metadata/{k} answer. PD_ERR_NOT_FOUND when the answer
// holds no such item; PD_ERR_PROTOCOL when it is not a MediaContainer.
Result<ItemDetails> ParseItemDetails(std::string_view body, const std::string& rating_key);

struct ImageCandidate {
  std::string rating_key;  // what selecting it sends (?url=…): "upload://posters/…", "metadata://…"
  std::string key;         // where its bytes are
  std::string provider;    // "local", an agent, "" for uploads
  bool selected = false;
};

Result<std::vector<ImageCandidate>> ParseImageCandidates(std::string_view body);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_ITEM_DETAILS_H_
