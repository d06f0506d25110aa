#include "planning/local_artwork.h"

#include <map>

#include <fmt/format.h>

namespace plexdriver {
namespace {

const std::map<std::string, std::string>& AgentNames() {
  static const std::map<std::string, std::string> names = {
      {"tv.plex.agents.movie", "Plex Movie"},
      {"tv.plex.agents.series", "Plex TV Series"},
      {"tv.plex.agents.none", "Personal Media"},
      {"com.plexapp.agents.none", "Personal Media"},
      {"com.plexapp.agents.imdb", "Plex Movie (Legacy)"},
      {"com.plexapp.agents.themoviedb", "The Movie Database"},
      {"com.plexapp.agents.thetvdb", "TheTVDB"},
  };
  return names;
}

bool StartsWith(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

const char* LocalArtworkName(LocalArtwork state) {
  switch (state) {
    case LocalArtwork::kRead: return "read";
    case LocalArtwork::kIgnored: return "ignored";
    case LocalArtwork::kUnknown: return "unknown";
    case LocalArtwork::kNotApplicable: return "not_applicable";
  }
  return "unknown";
}

bool LocalArtworkApplies(const LibrarySection& section) {
  return section.type == "movie" || section.type == "show";
}

LocalArtworkAssessment AssessLocalArtwork(const LibrarySection& section,
                                          const std::vector<SectionSetting>* settings) {
  LocalArtworkAssessment a;
  auto known = AgentNames().find(section.agent);
  a.agent_name = known == AgentNames().end() ? section.agent : known->second;
  if (!LocalArtworkApplies(section)) {
    a.state = LocalArtwork::kNotApplicable;
    return a;
  }
  if (a.agent_name == "Personal Media") {
    a.state = LocalArtwork::kRead;  // it reads nothing but local files
    return a;
  }
  if (StartsWith(section.agent, "tv.plex.agents.custom.")) {
    // A custom metadata agent (PMS 1.43+): Plex shows the artwork its providers serve.
    a.advice = fmt::format("library \"{}\" uses the custom metadata agent \"{}\": Plex shows the artwork its "
                           "providers serve (test-connection's metadata_provider says whether this driver's "
                           "provider is one)", section.title, section.agent);
    return a;
  }
  if (StartsWith(section.agent, "tv.plex.agents.")) {
    a.setting = "useLocalAssets";
    if (!settings) {
      a.advice = fmt::format("could not read the settings of library \"{}\" to see whether its \"Use "
                             "local assets\" option is on; if posters do not change, check it under "
                             "Manage Library → Edit → Advanced", section.title);
      return a;
    }
    // Plex's default is on: a server that does not list the setting reads local assets.
    const std::optional<bool> use = BoolSetting(*settings, "useLocalAssets");
    if (use.value_or(true)) {
      a.state = LocalArtwork::kRead;
      return a;
    }
    a.state = LocalArtwork::kIgnored;
    a.advice = fmt::format("library \"{}\" ({} agent) has \"Use local assets\" turned off, so Plex "
                           "ignores poster.jpg, fanart.jpg and the other artwork next to the media: "
                           "turn it on (Manage Library → Edit → Advanced → Use local assets), then "
                           "sync again", section.title, a.agent_name);
    return a;
  }
  if (StartsWith(section.agent, "com.plexapp.agents.")) {
    a.advice = fmt::format("library \"{}\" uses the legacy {} agent: Plex reads local artwork there only "
                           "when the \"Local Media Assets\" agent is enabled and listed first for it "
                           "(Settings → Agents); switching the library to the {} agent (with \"Use "
                           "local assets\") or to Personal Media makes it certain",
                           section.title, a.agent_name, section.type == "movie" ? "Plex Movie" : "Plex TV Series");
    return a;
  }
  a.advice = fmt::format("library \"{}\" uses the agent \"{}\", which this driver does not know; "
                         "whether it reads local artwork depends on that agent", section.title, section.agent);
  return a;
}

}  // namespace plexdriver
