// SPDX-License-Identifier: MIT
// Plex's provider documents built from what the manager wrote: the MediaProvider root, the
// MediaContainer around Metadata, and one Metadata object per movie, show, season or episode
// (fields and arrays as Plex's provider documentation names them; docs/metadata-provider.md).
// Pure: the caller supplies the parsed NFO, the keys and the image URLs.
#ifndef PLEXDRIVER_PROVIDER_METADATA_DOCUMENT_H_
#define PLEXDRIVER_PROVIDER_METADATA_DOCUMENT_H_

#include <map>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "metadata/nfo.h"
#include "provider/provider_ids.h"

namespace plexdriver {

struct ImageLink {
  std::string type;  // coverPoster, background, banner, clearLogo, snapshot
  std::string url;
};

struct ParentRef {
  std::string key, guid, title, thumb;
  ProvidedType type = ProvidedType::kShow;
};

struct MetadataInput {
  ProvidedType type = ProvidedType::kMovie;
  std::string key;
  std::string guid;
  const NfoDocument* nfo = nullptr;  // may be null (a season; an episode without its own NFO)
  std::string title;                 // used when the NFO has none (seasons, episodes)
  std::vector<ImageLink> images;     // thumb and art are taken from coverPoster/snapshot, background
  std::map<std::string, std::string> actor_thumbs;  // actor name → image URL (the manager's files)
  int index = -1;                    // season number (season), episode number (episode)
  int parent_index = -1;             // episode: its season number
  const ParentRef* parent = nullptr;       // season: the show; episode: the season
  const ParentRef* grandparent = nullptr;  // episode: the show
};

Poco::JSON::Object::Ptr BuildMetadata(const MetadataInput& in);

// {"MediaContainer": {offset, totalSize, identifier, size, Metadata}}.
Poco::JSON::Object::Ptr BuildContainer(const std::string& identifier, const std::vector<Poco::JSON::Object::Ptr>& items,
                                       size_t offset, size_t total);

// {"MediaProvider": {identifier, title, version, Types, Feature}} for a root serving `types`.
Poco::JSON::Object::Ptr BuildProviderRoot(const std::string& identifier, const std::string& title,
                                          const std::string& version, const std::vector<ProvidedType>& types);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PROVIDER_METADATA_DOCUMENT_H_
