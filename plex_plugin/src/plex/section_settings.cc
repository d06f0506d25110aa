#include "plex/section_settings.h"

#include "plex/media_container.h"

namespace plexdriver {
namespace {

// JSON booleans arrive as "1"/"0" through PmsNode; XML writes setting values as "true"/"false".
std::string NormalizeBool(const std::string& type, const std::string& text) {
  if (type != "bool") return text;
  if (text == "1" || text == "true") return "true";
  if (text == "0" || text == "false") return "false";
  return text;
}

}  // namespace

Result<std::vector<SectionSetting>> ParseSectionSettings(std::string_view body) {
  Result<PmsNode> root = ParseMediaContainer(body);
  if (!root.ok()) return root.status();
  std::vector<SectionSetting> settings;
  for (const PmsNode* node : root->Children("Setting")) {
    SectionSetting s;
    s.id = node->Get("id");
    if (s.id.empty()) continue;
    s.type = node->Get("type");
    s.value = NormalizeBool(s.type, node->Get("value"));
    s.default_value = NormalizeBool(s.type, node->Get("default"));
    settings.push_back(std::move(s));
  }
  return settings;
}

std::optional<SectionSetting> FindSetting(const std::vector<SectionSetting>& settings,
                                          std::string_view id) {
  for (const SectionSetting& s : settings) {
    if (s.id == id) return s;
  }
  return std::nullopt;
}

std::optional<bool> BoolSetting(const std::vector<SectionSetting>& settings, std::string_view id) {
  std::optional<SectionSetting> s = FindSetting(settings, id);
  if (!s) return std::nullopt;
  const std::string& text = s->value.empty() ? s->default_value : s->value;
  if (text == "true") return true;
  if (text == "false") return false;
  return std::nullopt;
}

}  // namespace plexdriver
