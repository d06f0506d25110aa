// SPDX-License-Identifier: MIT
// Plex's match request (POST <match key>, a JSON body): which item the server is matching, with
// the hints it has. Fields as Plex's provider documentation lists them: type (1 movie, 2 show,
// 3 season, 4 episode), title / parentTitle / grandparentTitle, year, index, parentIndex,
// filename (the item's media file), guid, manual, includeChildren. Pure.
#ifndef PLEXDRIVER_PROVIDER_MATCH_REQUEST_H_
#define PLEXDRIVER_PROVIDER_MATCH_REQUEST_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "provider/provider_ids.h"

namespace plexdriver {

struct MatchRequest {
  ProvidedType type = ProvidedType::kMovie;
  std::string title;  // title, parentTitle or grandparentTitle, whichever the type uses
  std::optional<int> year;
  std::optional<int> index;         // season (type 3) or episode (type 4) number
  std::optional<int> parent_index;  // episode: its season
  std::string filename;
  bool include_children = false;
  bool manual = false;
};

// PD_ERR_INVALID_ARGUMENT naming the field ("type: expected 1, 2, 3 or 4, got 7").
Result<MatchRequest> ParseMatchRequest(std::string_view body);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PROVIDER_MATCH_REQUEST_H_
