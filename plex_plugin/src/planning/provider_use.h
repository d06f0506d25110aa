// SPDX-License-Identifier: MIT
// Does a library's agent get its metadata from this driver's metadata provider (PMS 1.43+)?
// Decided from the library's agent (/library/sections), the server's version, and, when they
// could be read, the providers and agents the server knows (/media/providers/metadata and
// …/group): a library uses it when its agent is the provider's identifier or an agent (group)
// whose providers list it. Pure; `advice` says what the user should do, naming the library.
#ifndef PLEXDRIVER_PLANNING_PROVIDER_USE_H_
#define PLEXDRIVER_PLANNING_PROVIDER_USE_H_

#include <string>
#include <vector>

#include "plex/metadata_providers.h"
#include "plex/pms_types.h"

namespace plexdriver {

enum class ProviderUse {
  kUsed,            // the library's agent asks this provider first
  kUsedAfterOther,  // its agent asks another provider first: that one's values win
  kNotRegistered,   // the agent names this provider, but the server does not list it
  kOtherAgent,      // the library uses another agent: Plex shows that agent's metadata
  kServerTooOld,    // the server predates custom metadata providers (older than 1.43.0)
  kNotApplicable,   // not a movie or TV library
};
// "used", "used_after_other", "not_registered", "other_agent", "server_too_old", "not_applicable"
const char* ProviderUseName(ProviderUse use);

struct ProviderUseAssessment {
  ProviderUse state = ProviderUse::kOtherAgent;
  std::string identifier;  // this provider's identifier for the library's type
  std::string advice;      // "" when nothing is needed
};

// What the server knows about providers. `providers`/`groups` null: not read (older server, or
// the request failed); the library's own agent still decides.
struct ProviderRegistry {
  bool server_supports = false;
  std::string server_version;
  const std::vector<RegisteredProvider>* providers = nullptr;
  const std::vector<ProviderGroup>* groups = nullptr;
};

// The provider identifier for a section type: tv.plex.agents.custom.<name>.movies or .shows; ""
// for other types.
std::string ProviderIdentifierFor(const std::string& provider_name, const std::string& section_type);

ProviderUseAssessment AssessProviderUse(const LibrarySection& section, const std::string& provider_name,
                                        const ProviderRegistry& registry);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLANNING_PROVIDER_USE_H_
