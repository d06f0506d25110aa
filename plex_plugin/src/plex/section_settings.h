// A library section's advanced settings (GET /library/sections/{key}/prefs): one Setting per
// option, the same in JSON and XML. Pure.
#ifndef PLEXDRIVER_PLEX_SECTION_SETTINGS_H_
#define PLEXDRIVER_PLEX_SECTION_SETTINGS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace plexdriver {

struct SectionSetting {
  std::string id;             // "useLocalAssets"
  std::string type;           // "bool", "int", "text", ...
  std::string value;          // as text; booleans normalized to "true"/"false"
  std::string default_value;  // as text, normalized the same way
};

// Parses the prefs document. PD_ERR_PROTOCOL when it is not a MediaContainer; a Setting without
// an id is skipped (nothing could refer to it).
Result<std::vector<SectionSetting>> ParseSectionSettings(std::string_view body);

// The setting with this id, if present.
std::optional<SectionSetting> FindSetting(const std::vector<SectionSetting>& settings,
                                          std::string_view id);

// A bool setting's effective value: its value, else its default; nullopt when the setting is
// absent or its text is not a boolean.
std::optional<bool> BoolSetting(const std::vector<SectionSetting>& settings, std::string_view id);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_SECTION_SETTINGS_H_
