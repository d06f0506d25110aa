// SPDX-License-Identifier: MIT
// The custom metadata providers a server knows (PMS 1.43+; docs/metadata-provider.md):
// GET /media/providers/metadata lists each provider as a MetadataAgentProvider (id, identifier,
// title, uri), GET /media/providers/metadata/group each agent built from them as a
// MetadataAgentProviderGroup (id, title, primaryIdentifier) whose items name their providers by
// id (metadataAgentProviderId) and rank them by `order`. Plex's API documentation spells the
// item element MetadataAgentGroupItem in its schema and MetadataAgentProviderGroupItem in its
// examples; both are read. JSON or XML. Pure.
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

// One provider of a group: which (its MetadataAgentProvider id) and where (lower first).
struct ProviderGroupMember {
  std::string provider_id;
  double order = 0;
};

struct ProviderGroup {
  std::string id;
  std::string title;
  std::string primary_identifier;  // the provider whose ids (guids) the items get
  // The members' identifiers in priority order, once NameGroupMembers knows them.
  std::vector<std::string> identifiers;
  std::vector<ProviderGroupMember> members;  // as listed, sorted by order
};

// PD_ERR_PROTOCOL when the body is not a MediaContainer; entries without an identifier are
// skipped (nothing could refer to them).
Result<std::vector<RegisteredProvider>> ParseRegisteredProviders(std::string_view body);
Result<std::vector<ProviderGroup>> ParseProviderGroups(std::string_view body);

// Fills each group's identifiers from its members' provider ids, in order. A member the list
// does not have is left out; a group whose members are all unknown keeps its primary.
void NameGroupMembers(const std::vector<RegisteredProvider>& providers, std::vector<ProviderGroup>* groups);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_METADATA_PROVIDERS_H_
