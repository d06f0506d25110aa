// Will Plex read the artwork a media manager puts next to the media in this library? It depends
// on the library's agent and, for Plex's own agents, on its "Use local assets" setting; the
// legacy agents read local files only through the server-wide "Local Media Assets" agent, which
// the library settings do not show. Pure: decides from the section and its settings.
#ifndef PLEXDRIVER_PLANNING_LOCAL_ARTWORK_H_
#define PLEXDRIVER_PLANNING_LOCAL_ARTWORK_H_

#include <string>
#include <vector>

#include "plex/pms_types.h"
#include "plex/section_settings.h"

namespace plexdriver {

enum class LocalArtwork {
  kRead,           // Plex reads poster.jpg, fanart.jpg, ... in this library
  kIgnored,        // it does not: `advice` names the fix
  kUnknown,        // cannot tell from here: `advice` says what to check
  kNotApplicable,  // not a movie or TV library
};
const char* LocalArtworkName(LocalArtwork state);  // "read", "ignored", "unknown", "not_applicable"

struct LocalArtworkAssessment {
  LocalArtwork state = LocalArtwork::kUnknown;
  std::string agent_name;  // "Plex Movie", "Personal Media", the agent id when unknown
  std::string setting;     // the setting that decided ("useLocalAssets"), "" when none
  std::string advice;      // what to do, naming the library; "" when nothing is needed
};

// Whether local artwork matters in this library at all (movie and TV libraries); for the others
// the assessment is kNotApplicable whatever the settings, so they need not be read.
bool LocalArtworkApplies(const LibrarySection& section);

// `settings` null: the library's settings could not be read.
LocalArtworkAssessment AssessLocalArtwork(const LibrarySection& section,
                                          const std::vector<SectionSetting>* settings);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLANNING_LOCAL_ARTWORK_H_
