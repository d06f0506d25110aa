// SPDX-License-Identifier: MIT
#include "planning/provider_use.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/provider_options.h"

namespace plexdriver {
namespace {

constexpr const char* kOlderServerAdvice =
    "use artwork_mode \"push\" and lock_fields so the manager's artwork and NFO fields are pushed and locked";

const RegisteredProvider* Registered(const ProviderRegistry& r, const std::string& identifier) {
  if (!r.providers) return nullptr;
  for (const RegisteredProvider& p : *r.providers) {
    if (p.identifier == identifier) return &p;
  }
  return nullptr;
}

// The agent (group) the library's agent names, if the server listed one.
const ProviderGroup* GroupOf(const ProviderRegistry& r, const std::string& agent) {
  if (!r.groups) return nullptr;
  for (const ProviderGroup& g : *r.groups) {
    if (g.primary_identifier == agent || g.id == agent) return &g;
  }
  return nullptr;
}

std::string AddSteps(const std::string& identifier) {
  return fmt::format(
      "in Plex, Settings > Metadata Agents: add this driver's provider URL (…/{}), create an agent with it first "
      "and Plex's own agent after it, and choose that agent in the library's settings (README: \"Metadata provider\")",
      identifier.substr(identifier.rfind('.') + 1));
}

}  // namespace

const char* ProviderUseName(ProviderUse use) {
  switch (use) {
    case ProviderUse::kUsed: return "used";
    case ProviderUse::kUsedAfterOther: return "used_after_other";
    case ProviderUse::kNotRegistered: return "not_registered";
    case ProviderUse::kOtherAgent: return "other_agent";
    case ProviderUse::kServerTooOld: return "server_too_old";
    case ProviderUse::kNotApplicable: return "not_applicable";
  }
  return "other_agent";
}

std::string ProviderIdentifierFor(const std::string& provider_name, const std::string& section_type) {
  ProviderOptions options;
  options.name = provider_name;
  if (section_type == "movie") return options.MoviesIdentifier();
  if (section_type == "show") return options.ShowsIdentifier();
  return "";
}

ProviderUseAssessment AssessProviderUse(const LibrarySection& section, const std::string& provider_name,
                                        const ProviderRegistry& registry) {
  ProviderUseAssessment a;
  a.identifier = ProviderIdentifierFor(provider_name, section.type);
  if (a.identifier.empty()) {
    a.state = ProviderUse::kNotApplicable;
    return a;
  }
  if (!registry.server_supports) {
    a.state = ProviderUse::kServerTooOld;
    a.advice = fmt::format(
        "library \"{}\" cannot use the metadata provider: Plex Media Server {} is older than 1.43.0, which added "
        "custom metadata providers; update Plex Media Server, or {}",
        section.title, registry.server_version.empty() ? "(unknown version)" : registry.server_version,
        kOlderServerAdvice);
    return a;
  }
  const ProviderGroup* group = GroupOf(registry, section.agent);
  const bool names_ours = section.agent == a.identifier;
  const bool in_group = group && std::find(group->identifiers.begin(), group->identifiers.end(), a.identifier) !=
                                     group->identifiers.end();
  if (names_ours || in_group) {
    if (registry.providers && !Registered(registry, a.identifier)) {
      a.state = ProviderUse::kNotRegistered;
      a.advice = fmt::format(
          "library \"{}\"'s agent names {}, but the server lists no such provider (it was removed or its URL "
          "failed): add the provider URL again in Settings > Metadata Agents",
          section.title, a.identifier);
    } else if (in_group && group->identifiers.front() != a.identifier) {
      // Another provider ranks first (even in an agent whose primary, the source of the items'
      // ids, is ours): its values win where both have one.
      a.state = ProviderUse::kUsedAfterOther;
      a.advice = fmt::format(
          "library \"{}\"'s agent \"{}\" asks {} before this driver's provider, so its titles, summaries and "
          "posters win over the NFO: move {} to the top of the agent in Settings > Metadata Agents",
          section.title, group->title, group->identifiers.front(), a.identifier);
    } else {
      a.state = ProviderUse::kUsed;
    }
    return a;
  }
  a.state = ProviderUse::kOtherAgent;
  a.advice = fmt::format(
      "library \"{}\" uses the agent {}, so Plex shows that agent's metadata, not the NFO; to show the manager's, {}",
      section.title, section.agent.empty() ? "(none)" : section.agent,
      Registered(registry, a.identifier)
          ? fmt::format("choose an agent made with {} (first) in the library's settings", a.identifier)
          : AddSteps(a.identifier));
  return a;
}

}  // namespace plexdriver
