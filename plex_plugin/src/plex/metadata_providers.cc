// SPDX-License-Identifier: MIT
#include "plex/metadata_providers.h"

#include <algorithm>
#include <cstdlib>

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
    ProviderGroup g{node->Get("id"), node->Get("title"), node->Get("primaryIdentifier"), {}, {}};
    for (const char* name : {"MetadataAgentProviderGroupItem", "MetadataAgentGroupItem"}) {
      for (const PmsNode* item : node->Children(name)) {
        const std::string id = item->Get("metadataAgentProviderId");
        if (id.empty()) continue;
        g.members.push_back({id, std::strtod(item->Get("order").c_str(), nullptr)});
      }
    }
    std::stable_sort(g.members.begin(), g.members.end(),
                     [](const ProviderGroupMember& a, const ProviderGroupMember& b) { return a.order < b.order; });
    if (!g.primary_identifier.empty()) g.identifiers = {g.primary_identifier};
    if (!g.primary_identifier.empty() || !g.members.empty()) out.push_back(std::move(g));
  }
  return out;
}

void NameGroupMembers(const std::vector<RegisteredProvider>& providers, std::vector<ProviderGroup>* groups) {
  for (ProviderGroup& g : *groups) {
    std::vector<std::string> named;
    for (const ProviderGroupMember& m : g.members) {
      auto p = std::find_if(providers.begin(), providers.end(),
                            [&](const RegisteredProvider& r) { return r.id == m.provider_id; });
      if (p != providers.end()) named.push_back(p->identifier);
    }
    if (!named.empty()) g.identifiers = std::move(named);
  }
}

}  // namespace plexdriver
