// SPDX-License-Identifier: MIT
#include "provider/provider_config.h"

#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "core/text.h"
#include "core/utf8.h"

namespace plexdriver {
namespace {

Status Invalid(std::string_view key, std::string_view what) {
  return Status(PD_ERR_INVALID_CONFIG, fmt::format("config.{}: {}", key, what));
}

Status ReadText(const Poco::JSON::Object& obj, const std::string& key, std::string* out) {
  if (!obj.has(key) || obj.get(key).isEmpty()) return Status::Ok();
  if (!obj.get(key).isString()) return Invalid("provider." + key, "expected a string");
  *out = obj.getValue<std::string>(key);
  return Status::Ok();
}

bool IsIdentifierSuffix(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '.' || name.back() == '.') return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.';
    if (!ok) return false;
  }
  return true;
}

Status ReadProviderObject(const Poco::JSON::Object& root, ProviderConfig* c) {
  if (!root.has("provider") || root.get("provider").isEmpty()) return Status::Ok();
  Poco::JSON::Object::Ptr p = root.getObject("provider");
  if (!p) return Invalid("provider", "expected an object {\"name\", \"title\", \"public_url\"}");
  Status s;
  if (!(s = ReadText(*p, "name", &c->name)).ok()) return s;
  if (!IsIdentifierSuffix(c->name)) {
    return Invalid("provider.name", fmt::format("\"{}\" may hold only ASCII letters, digits and inner dots "
                                                "(1-64 characters): Plex's rule for custom provider identifiers",
                                                c->name));
  }
  if (!(s = ReadText(*p, "title", &c->title)).ok()) return s;
  if (c->title.empty() || c->title.size() > 100 || HasControlCharacter(c->title)) {
    return Invalid("provider.title", "1-100 characters without control characters");
  }
  if (!(s = ReadText(*p, "public_url", &c->public_url)).ok()) return s;
  while (!c->public_url.empty() && c->public_url.back() == '/') c->public_url.pop_back();
  if (!c->public_url.empty() && !StartsWith(c->public_url, "http://") && !StartsWith(c->public_url, "https://")) {
    return Invalid("provider.public_url", fmt::format("\"{}\" is not an http:// or https:// URL; give the URL "
                                                      "Plex reaches the provider's mount point at", c->public_url));
  }
  if (HasControlCharacter(c->public_url) || c->public_url.find(' ') != std::string::npos) {
    return Invalid("provider.public_url", "contains spaces or control characters");
  }
  return Status::Ok();
}

}  // namespace

const char* ProviderRootPath(ProviderKind kind) { return kind == ProviderKind::kMovies ? "/movies" : "/shows"; }

std::string ProviderConfig::Identifier(ProviderKind kind) const {
  return fmt::format("tv.plex.agents.custom.{}.{}", name, kind == ProviderKind::kMovies ? "movies" : "shows");
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
    return Invalid("path_mappings", "missing or empty: the provider serves only files below the manager folders "
                                    "(metarr_path) of path_mappings; add one {\"metarr_path\", \"player_path\"} "
                                    "per library folder");
  }
  for (size_t i = 0; i < c.path_mappings.size(); ++i) {
    const std::string& manager = c.path_mappings[i].metarr_path;
    if (manager.front() != '/') {
      return Invalid(fmt::format("path_mappings[{}].metarr_path", i),
                     fmt::format("\"{}\" is not an absolute POSIX path; the provider runs beside the media "
                                 "manager and reads its folders", manager));
    }
  }
  c.server_style = GuessPathStyle(c.path_mappings.front().player_path);
  if (Status s = ReadProviderObject(*root, &c); !s.ok()) return s;
  return c;
}

}  // namespace plexdriver
