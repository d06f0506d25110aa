// SPDX-License-Identifier: MIT
#include "plex/metadata_providers.h"

#include "plex/media_container.h"

namespace plexdriver {

Result<std::vector<RegisteredProvider>> ParseRegisteredProviders(std::string_view body) {
  Result<PmsNode> root = ParseMediaContainer(body);
  if (!root.ok()) return root.status();
  std::vector<RegisteredProvider> out;
  for (const PmsNode* node : root->Children("MetadataAgentProvider")) {
    RegisteredProvider p{node->Get("id"), node->Get("identifier"), node->Get("title"), node->Get("uri")};
    if (!p.identifier.empty()) out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<ProviderGroup>> ParseProviderGroups(std::string_view body) {
  Result<PmsNode> root = ParseMediaContainer(body);
  if (!root.ok()) return root.status();
  std::vector<ProviderGroup> out;
  for (const PmsNode* node : root->Children("MetadataAgentProviderGroup")) {
    ProviderGroup g{node->Get("id"), node->Get("title"), node->Get("primaryIdentifier"), {}};
    for (const PmsNode* member : node->Children("MetadataAgentProvider")) {
      if (!member->Get("identifier").empty()) g.identifiers.push_back(member->Get("identifier"));
    }
    if (g.primary_identifier.empty() && !g.identifiers.empty()) g.primary_identifier = g.identifiers.front();
    if (!g.primary_identifier.empty()) out.push_back(std::move(g));
  }
  return out;
}

}  // namespace plexdriver
