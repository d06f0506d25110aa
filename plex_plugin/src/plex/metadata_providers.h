// SPDX-License-Identifier: MIT
// The custom metadata providers a server knows (PMS 1.43+; docs/metadata-provider.md):
// GET /media/providers/metadata lists each registered provider as a MetadataAgentProvider
// (id, identifier, title, uri), GET /media/providers/metadata/group each agent built from them
// as a MetadataAgentProviderGroup (id, title, primaryIdentifier, its providers in priority
// order). JSON or XML. Pure.
#ifndef PLEXDRIVER_PLEX_METADATA_PROVIDERS_H_
#define PLEXDRIVER_PLEX_METADATA_PROVIDERS_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace plexdriver {

struct RegisteredProvider {
  std::string id;
  std::string identifier;  // tv.plex.agents.custom.…
  std::string title;
  std::string uri;  // where the server calls it
};

struct ProviderGroup {
  std::string id;
  std::string title;
  std::string primary_identifier;
  std::vector<std::string> identifiers;  // in priority order
};

// PD_ERR_PROTOCOL when the body is not a MediaContainer; entries without an identifier are
// skipped (nothing could refer to them).
Result<std::vector<RegisteredProvider>> ParseRegisteredProviders(std::string_view body);
Result<std::vector<ProviderGroup>> ParseProviderGroups(std::string_view body);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_METADATA_PROVIDERS_H_
