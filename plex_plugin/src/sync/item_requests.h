// The requests the push and field stages make about one item: its full details, the bytes of
// one of its images, and an edit (fields, tags, locks) through Plex's library edit endpoint
// PUT /library/sections/{id}/all?type=N&id=K&… (python-plexapi's edit; docs/protocol.md).
#ifndef PLEXDRIVER_SYNC_ITEM_REQUESTS_H_
#define PLEXDRIVER_SYNC_ITEM_REQUESTS_H_

#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "plex/item_details.h"
#include "plex/pms_client.h"

namespace plexdriver {

// Plex's metadata type numbers: movie 1, show 2, season 3, episode 4; 0 for others.
int MetadataTypeNumber(const std::string& type);

// GET /library/metadata/{k}. PD_ERR_NOT_FOUND when Plex no longer has the item.
Result<ItemDetails> FetchItemDetails(PmsClient& client, const std::string& rating_key);

// The bytes at an image URL of the server ("/library/metadata/1/thumb/17"); an absolute URL
// (an agent's CDN) is not fetched: PD_ERR_UNSUPPORTED.
Result<std::string> FetchImage(PmsClient& client, const std::string& url);

// One edit request: `params` are (name, value) pairs, percent-encoded here.
Status EditItem(PmsClient& client, const std::string& section_key, const std::string& type,
                const std::string& rating_key, const std::vector<std::pair<std::string, std::string>>& params);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_ITEM_REQUESTS_H_
