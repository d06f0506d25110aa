// SPDX-License-Identifier: MIT
// The config's optional "provider" object (plugin_api/schemas.md, provider_config): how this
// driver's metadata provider presents itself to Plex. Read by the provider and by the instance
// (whose libraries with tv.plex.agents.custom.<name>.* agents get their metadata from it), so
// both accept and refuse exactly the same documents. Pure.
#ifndef PLEXDRIVER_CORE_PROVIDER_OPTIONS_H_
#define PLEXDRIVER_CORE_PROVIDER_OPTIONS_H_

#include <string>

#include <Poco/JSON/Object.h>

#include "core/status.h"

namespace plexdriver {

struct ProviderOptions {
  // Suffix of the identifiers: tv.plex.agents.custom.<name>.movies / .shows. Plex allows only
  // ASCII letters, digits and dots after "tv.plex.agents.custom.".
  std::string name = "plexdriver";
  std::string title = "Media manager NFO";
  std::string public_url;  // the mount point's URL as Plex reaches it, no trailing '/' ("": from each request)

  std::string MoviesIdentifier() const { return "tv.plex.agents.custom." + name + ".movies"; }
  std::string ShowsIdentifier() const { return "tv.plex.agents.custom." + name + ".shows"; }
};

// Reads root["provider"] into *out (absent or null: the defaults). PD_ERR_INVALID_CONFIG naming
// the key ("config.provider.name: ...") and what to do.
Status ReadProviderOptions(const Poco::JSON::Object& root, ProviderOptions* out);

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_PROVIDER_OPTIONS_H_
