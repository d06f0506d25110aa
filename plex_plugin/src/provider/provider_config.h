// SPDX-License-Identifier: MIT
// The metadata provider's configuration (schema "provider_config" in plugin_api/schemas.md):
// the instance "config" document's path_mappings (which manager folder each server folder is)
// and its optional "provider" object. Parsed without I/O; the roots are checked when the
// provider is created.
#ifndef PLEXDRIVER_PROVIDER_PROVIDER_CONFIG_H_
#define PLEXDRIVER_PROVIDER_PROVIDER_CONFIG_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/config.h"
#include "core/provider_options.h"
#include "core/status.h"
#include "planning/path_style.h"

namespace plexdriver {

// The provider serves two roots, one per media type, as Plex recommends (an agent combines
// providers of the same types): movies (type 1) and shows (types 2, 3, 4).
enum class ProviderKind { kMovies, kShows };
const char* ProviderRootPath(ProviderKind kind);  // "/movies", "/shows"

struct ProviderConfig {
  // Suffix of the identifiers: tv.plex.agents.custom.<name>.movies / .shows. Plex allows only
  // ASCII letters, digits and dots after "tv.plex.agents.custom.".
  std::string name = "plexdriver";
  std::string title = "Media manager NFO";
  std::string public_url;  // the mount point's URL as Plex reaches it ("": from each request)
  ImageLinks image_links = ImageLinks::kAuto;  // whether answers link the images (core/provider_options.h)
  std::vector<PathMappingConfig> path_mappings;  // at least one: the manager roots
  PathStyle server_style = PathStyle::kPosix;    // from the player_path spelling

  std::string Identifier(ProviderKind kind) const;
  std::string Title(ProviderKind kind) const;
};

// PD_ERR_INVALID_CONFIG naming the key ("config.provider.name: ...", "config.path_mappings: ...").
Result<ProviderConfig> ParseProviderConfig(std::string_view json);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PROVIDER_PROVIDER_CONFIG_H_
