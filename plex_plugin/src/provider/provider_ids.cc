// SPDX-License-Identifier: MIT
#include "provider/provider_ids.h"

#include <cctype>
#include <cstdlib>

#include <fmt/format.h>

#include "core/digest.h"

namespace plexdriver {
namespace {

bool IsAlnum(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::optional<int> Number(std::string_view s) {
  if (s.empty() || s.size() > 7) return std::nullopt;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  }
  return std::atoi(std::string(s).c_str());
}

}  // namespace

const char* ProvidedTypeName(ProvidedType type) {
  switch (type) {
    case ProvidedType::kMovie: return "movie";
    case ProvidedType::kShow: return "show";
    case ProvidedType::kSeason: return "season";
    case ProvidedType::kEpisode: return "episode";
  }
  return "movie";
}

std::string ItemKey(const NfoDocument* nfo, std::string_view relative_folder) {
  if (nfo) {
    if (const NfoUniqueId* id = nfo->DefaultId()) {
      if (IsAlnum(id->type) && id->type.size() <= 16 && IsAlnum(id->value) && id->value.size() <= 64) {
        return fmt::format("{}-{}", id->type, id->value);
      }
      return "h-" + Sha1Hex(id->type + ":" + id->value).substr(0, 20);
    }
  }
  return "p-" + Sha1Hex(relative_folder).substr(0, 20);
}

std::string SeasonKey(std::string_view item_key, int season) { return fmt::format("{}-s{}", item_key, season); }

std::string EpisodeKey(std::string_view item_key, int season, int episode) {
  return fmt::format("{}-s{}e{}", item_key, season, episode);
}

std::optional<ParsedKey> ParseKey(std::string_view key) {
  if (key.empty() || key.size() > 120) return std::nullopt;
  const size_t first = key.find('-');
  if (first == std::string_view::npos) return std::nullopt;
  const size_t second = key.find('-', first + 1);
  const std::string_view type = key.substr(0, first);
  const std::string_view value = key.substr(first + 1, second == std::string_view::npos ? std::string_view::npos
                                                                                       : second - first - 1);
  if (!IsAlnum(type) || !IsAlnum(value)) return std::nullopt;
  ParsedKey parsed;
  parsed.item_key = std::string(key.substr(0, second));
  if (second == std::string_view::npos) return parsed;
  std::string_view rest = key.substr(second + 1);
  if (rest.empty() || rest.front() != 's') return std::nullopt;
  rest.remove_prefix(1);
  const size_t e = rest.find('e');
  parsed.season = Number(rest.substr(0, e));
  if (!parsed.season) return std::nullopt;
  if (e != std::string_view::npos) {
    parsed.episode = Number(rest.substr(e + 1));
    if (!parsed.episode) return std::nullopt;
  }
  return parsed;
}

std::string ProviderGuid(std::string_view identifier, ProvidedType type, std::string_view key) {
  return fmt::format("{}://{}/{}", identifier, ProvidedTypeName(type), key);
}

}  // namespace plexdriver
