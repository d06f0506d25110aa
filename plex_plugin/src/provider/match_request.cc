// SPDX-License-Identifier: MIT
#include "provider/match_request.h"

#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "core/utf8.h"

namespace plexdriver {
namespace {

using Poco::Dynamic::Var;

Status Bad(std::string_view field, std::string_view what) {
  return Status(PD_ERR_INVALID_ARGUMENT, fmt::format("{}: {}", field, what));
}

// Plex sends numbers as numbers; some clients send them as strings or 1/0 flags as booleans.
Result<std::optional<int>> Int(const Poco::JSON::Object& o, const std::string& key, int min, int max) {
  if (!o.has(key) || o.get(key).isEmpty()) return std::optional<int>();
  const Var v = o.get(key);
  try {
    if (v.isBoolean()) return std::optional<int>(v.convert<bool>() ? 1 : 0);
    const long long n = v.isString() ? std::stoll(v.convert<std::string>()) : v.convert<long long>();
    if (n < min || n > max) return Bad(key, fmt::format("{} is out of range {}-{}", n, min, max));
    return std::optional<int>(static_cast<int>(n));
  } catch (const std::exception&) {
    return Bad(key, "expected an integer");
  }
}

Result<std::string> Text(const Poco::JSON::Object& o, const std::string& key) {
  if (!o.has(key) || o.get(key).isEmpty()) return std::string();
  if (!o.get(key).isString()) return Bad(key, "expected a string");
  std::string s = o.getValue<std::string>(key);
  if (s.size() > 4096) return Bad(key, "longer than 4096 bytes");
  return s;
}

}  // namespace

Result<MatchRequest> ParseMatchRequest(std::string_view body) {
  if (body.empty()) return Bad("body", "empty; a match request is a JSON object with at least \"type\"");
  if (body.size() > (1 << 20)) return Bad("body", "larger than 1 MB");
  if (FirstInvalidUtf8(body)) return Bad("body", "not valid UTF-8");
  Poco::JSON::Object::Ptr o;
  try {
    Poco::JSON::Parser parser;
    o = parser.parse(std::string(body)).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception&) {
    return Bad("body", "not a JSON object");
  }
  if (!o) return Bad("body", "not a JSON object");
  MatchRequest m;
  Result<std::optional<int>> type = Int(*o, "type", 1, 4);
  if (!type.ok()) return Bad("type", "expected 1 (movie), 2 (show), 3 (season) or 4 (episode)");
  if (!*type) return Bad("type", "missing; expected 1 (movie), 2 (show), 3 (season) or 4 (episode)");
  m.type = static_cast<ProvidedType>(**type);
  const char* title_key = m.type == ProvidedType::kSeason ? "parentTitle"
                          : m.type == ProvidedType::kEpisode ? "grandparentTitle" : "title";
  Result<std::string> title = Text(*o, title_key);
  if (!title.ok()) return title.status();
  m.title = *title;
  Result<std::string> filename = Text(*o, "filename");
  if (!filename.ok()) return filename.status();
  m.filename = *filename;
  for (auto [key, out, min, max] : {std::tuple<const char*, std::optional<int>*, int, int>{"year", &m.year, 0, 9999},
                                    {"index", &m.index, 0, 1000000},
                                    {"parentIndex", &m.parent_index, 0, 100000}}) {
    Result<std::optional<int>> v = Int(*o, key, min, max);
    if (!v.ok()) return v.status();
    *out = *v;
  }
  Result<std::optional<int>> children = Int(*o, "includeChildren", 0, 1);
  if (!children.ok()) return children.status();
  m.include_children = children->value_or(0) == 1;
  Result<std::optional<int>> manual = Int(*o, "manual", 0, 1);
  if (!manual.ok()) return manual.status();
  m.manual = manual->value_or(0) == 1;
  return m;
}

}  // namespace plexdriver
