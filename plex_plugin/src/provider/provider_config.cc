// SPDX-License-Identifier: MIT
#include "provider/provider_config.h"

#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "core/provider_options.h"
#include "core/text.h"
#include "core/utf8.h"

namespace plexdriver {

const char* ProviderRootPath(ProviderKind kind) { return kind == ProviderKind::kMovies ? "/movies" : "/shows"; }

std::string ProviderConfig::Identifier(ProviderKind kind) const {
  ProviderOptions options;
  options.name = name;
  return kind == ProviderKind::kMovies ? options.MoviesIdentifier() : options.ShowsIdentifier();
}

std::string ProviderConfig::Title(ProviderKind kind) const {
  return fmt::format("{} ({})", title, kind == ProviderKind::kMovies ? "movies" : "TV shows");
}

Result<ProviderConfig> ParseProviderConfig(std::string_view json) {
  if (auto bad = FirstInvalidUtf8(json)) {
    return Status(PD_ERR_INVALID_CONFIG, fmt::format("config: not valid UTF-8 at byte {}; save the file as UTF-8", *bad));
  }
  Poco::JSON::Object::Ptr root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(std::string(json)).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception& e) {
    return Status(PD_ERR_INVALID_CONFIG, "config: not a JSON object; the provider reads the driver's configuration "
                                         "document (path_mappings, provider)");
  }
  if (!root) return Status(PD_ERR_INVALID_CONFIG, "config: not a JSON object");
  ProviderConfig c;
  if (Status s = ReadPathMappings(*root, &c.path_mappings); !s.ok()) return s;
  if (c.path_mappings.empty()) {
    return InvalidConfigField("path_mappings", "missing or empty: the provider serves only files below the manager folders "
                                    "(metarr_path) of path_mappings; add one {\"metarr_path\", \"player_path\"} "
                                    "per library folder");
  }
  for (size_t i = 0; i < c.path_mappings.size(); ++i) {
    const std::string& manager = c.path_mappings[i].metarr_path;
    if (manager.front() != '/') {
      return InvalidConfigField(fmt::format("path_mappings[{}].metarr_path", i),
                     fmt::format("\"{}\" is not an absolute POSIX path; the provider runs beside the media "
                                 "manager and reads its folders", manager));
    }
  }
  c.server_style = GuessPathStyle(c.path_mappings.front().player_path);
  ProviderOptions options;
  if (Status s = ReadProviderOptions(*root, &options); !s.ok()) return s;
  c.name = options.name;
  c.title = options.title;
  c.public_url = options.public_url;
  c.image_links = options.image_links;
  return c;
}

}  // namespace plexdriver
