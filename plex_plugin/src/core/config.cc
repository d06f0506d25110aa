#include "core/config.h"

#include "core/utf8.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

namespace plexdriver {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

// A short description of a JSON value for error messages (never used for the token).
std::string Describe(const Var& v) {
  if (v.isEmpty()) return "null";
  if (v.isString()) {
    std::string s = v.extract<std::string>();
    if (s.size() > 60) s = s.substr(0, 57) + "...";
    return fmt::format("\"{}\"", s);
  }
  if (v.isBoolean()) return v.convert<bool>() ? "true" : "false";
  if (v.isNumeric()) return v.convert<std::string>();
  if (v.type() == typeid(Poco::JSON::Array::Ptr)) return "an array";
  if (v.type() == typeid(Object::Ptr)) return "an object";
  return "a value of another type";
}

Status ReadString(const Object& obj, const std::string& key, std::string_view path, bool required,
                  std::string* out) {
  if (!obj.has(key) || obj.get(key).isEmpty()) {
    if (required) return InvalidConfigField(path, "required, but missing");
    return Status::Ok();
  }
  Var v = obj.get(key);
  if (!v.isString()) return InvalidConfigField(path, fmt::format("expected a string, got {}", Describe(v)));
  *out = v.extract<std::string>();
  if (required && out->empty()) return InvalidConfigField(path, "must not be empty");
  return Status::Ok();
}

Status ReadBool(const Object& obj, const std::string& key, bool* out) {
  if (!obj.has(key) || obj.get(key).isEmpty()) return Status::Ok();
  Var v = obj.get(key);
  if (!v.isBoolean()) return InvalidConfigField(key, fmt::format("expected true or false, got {}", Describe(v)));
  *out = v.convert<bool>();
  return Status::Ok();
}

// A number in [min, max] (an integer when `integral`), stored into *out (int or double).
template <typename T>
Status ReadNumber(const Object& obj, const std::string& key, double min, double max, bool integral,
                  T* out) {
  if (!obj.has(key) || obj.get(key).isEmpty()) return Status::Ok();
  Var v = obj.get(key);
  const bool numeric = v.isNumeric() && !v.isBoolean();
  const double d = numeric ? v.convert<double>() : 0;
  if (!numeric || d < min || d > max || (integral && std::floor(d) != d)) {
    return InvalidConfigField(key, fmt::format("expected {} from {} to {}, got {}",
                                    integral ? "an integer" : "a number", min, max, Describe(v)));
  }
  *out = static_cast<T>(d);
  return Status::Ok();
}

Status ReadStringArray(const Object& obj, const std::string& key, std::vector<std::string>* out) {
  if (!obj.has(key) || obj.get(key).isEmpty()) return Status::Ok();
  Poco::JSON::Array::Ptr arr = obj.getArray(key);
  if (!arr) return InvalidConfigField(key, fmt::format("expected an array of strings, got {}", Describe(obj.get(key))));
  for (size_t i = 0; i < arr->size(); ++i) {
    Var v = arr->get(static_cast<unsigned>(i));
    if (!v.isString() || v.extract<std::string>().empty()) {
      return InvalidConfigField(fmt::format("{}[{}]", key, i), "expected a non-empty string (an absolute path)");
    }
    out->push_back(v.extract<std::string>());
  }
  return Status::Ok();
}

Status ValidateHost(const std::string& host) {
  if (host.find("://") != std::string::npos) {
    return InvalidConfigField("host", fmt::format("\"{}\" contains a scheme; give only the host name or IP "
                                       "and set use_https for https", host));
  }
  for (unsigned char c : host) {
    if (c <= 0x20 || c == '/' || c == '?' || c == '#' || c == '@' || c == 0x7f) {
      return InvalidConfigField("host", fmt::format("\"{}\" is not a host name or IP address (no spaces, "
                                         "paths or credentials)", host));
    }
  }
  const size_t colons = static_cast<size_t>(std::count(host.begin(), host.end(), ':'));
  const bool bracketed = host.front() == '[' && host.back() == ']';
  if (colons == 1 && !bracketed) {
    return InvalidConfigField("host", fmt::format("\"{}\" contains a port; put the port in \"port\"", host));
  }
  return Status::Ok();
}

Status ValidateToken(const std::string& token) {
  if (!IsVisibleAscii(token)) {
    // The value is a secret: describe it, never quote it.
    return InvalidConfigField("plex_token", "contains spaces or non-printable characters; paste the token "
                                 "exactly as Plex shows it (X-Plex-Token)");
  }
  return Status::Ok();
}

}  // namespace

Status ReadPathMappings(const Object& obj, std::vector<PathMappingConfig>* out) {
  if (!obj.has("path_mappings") || obj.get("path_mappings").isEmpty()) return Status::Ok();
  Poco::JSON::Array::Ptr arr = obj.getArray("path_mappings");
  if (!arr) {
    return InvalidConfigField("path_mappings", fmt::format("expected an array of {{metarr_path, player_path}}, "
                                                "got {}", Describe(obj.get("path_mappings"))));
  }
  for (size_t i = 0; i < arr->size(); ++i) {
    const std::string at = fmt::format("path_mappings[{}]", i);
    Object::Ptr m = arr->getObject(static_cast<unsigned>(i));
    if (!m) return InvalidConfigField(at, "expected an object {\"metarr_path\": ..., \"player_path\": ...}");
    PathMappingConfig mapping;
    Status s = ReadString(*m, "metarr_path", at + ".metarr_path", true, &mapping.metarr_path);
    if (!s.ok()) return s;
    s = ReadString(*m, "player_path", at + ".player_path", true, &mapping.player_path);
    if (!s.ok()) return s;
    out->push_back(std::move(mapping));
  }
  return Status::Ok();
}

namespace {

// Stable across restarts for the same server entry, so Plex shows one device, not one per run.
std::string DeriveClientIdentifier(const DriverConfig& c) {
  const size_t h = std::hash<std::string>{}(c.name + "|" + c.host + "|" + std::to_string(c.port));
  return fmt::format("plexdriver-{:016x}", static_cast<uint64_t>(h));
}

}  // namespace

std::string DriverConfig::BaseUrl() const {
  const bool ipv6 = host.find(':') != std::string::npos && host.front() != '[';
  return fmt::format("{}://{}{}{}:{}", use_https ? "https" : "http", ipv6 ? "[" : "", host,
                     ipv6 ? "]" : "", port);
}

Result<DriverConfig> ParseDriverConfig(std::string_view json) {
  if (auto bad = FirstInvalidUtf8(json)) {
    return Status(PD_ERR_INVALID_CONFIG,
                  fmt::format("config: not valid UTF-8 at byte {}; save the file as UTF-8", *bad));
  }
  Var root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(std::string(json));
  } catch (const Poco::Exception& e) {
    return Status(PD_ERR_INVALID_CONFIG,
                  fmt::format("config: not valid JSON ({}); expected an object like "
                              "{{\"host\": \"127.0.0.1\", \"plex_token\": \"...\"}}",
                              e.message().empty() ? e.displayText() : e.message()));
  }
  if (root.type() != typeid(Object::Ptr)) {
    return Status(PD_ERR_INVALID_CONFIG, "config: expected a JSON object");
  }
  const Object& obj = *root.extract<Object::Ptr>();
  DriverConfig c;
  Status s = ReadString(obj, "name", "name", false, &c.name);
  if (!s.ok()) return s;
  if (c.name.empty()) c.name = "Plex";
  // The name is sent as X-Plex-Device-Name: a line break would end that header.
  if (HasControlCharacter(c.name)) {
    return InvalidConfigField("name", "contains a line break, tab or other control character; use a "
                           "one-line name");
  }
  if (!(s = ReadString(obj, "host", "host", true, &c.host)).ok()) return s;
  if (!(s = ValidateHost(c.host)).ok()) return s;

  if (obj.has("port") && !obj.get("port").isEmpty()) {
    Var v = obj.get("port");
    const bool integral = v.isInteger() || (v.isNumeric() && std::floor(v.convert<double>()) ==
                                                                  v.convert<double>());
    const double port = v.isNumeric() && !v.isBoolean() ? v.convert<double>() : -1;
    if (!integral || v.isBoolean() || port < 1 || port > 65535) {
      return InvalidConfigField("port", fmt::format("expected an integer 1-65535, got {}", Describe(v)));
    }
    c.port = static_cast<int>(port);
  }
  if (!(s = ReadBool(obj, "use_https", &c.use_https)).ok()) return s;
  if (!(s = ReadString(obj, "plex_token", "plex_token", true, &c.plex_token)).ok()) {
    if (s.message().find("expected a string") != std::string::npos) {
      return InvalidConfigField("plex_token", "expected a string");  // do not describe a secret's value
    }
    return Status(s.code(), s.message() + " (the X-Plex-Token of an admin account of the server)");
  }
  if (!(s = ValidateToken(c.plex_token)).ok()) return s;

  if (obj.has("timeout_seconds") && !obj.get("timeout_seconds").isEmpty()) {
    Var v = obj.get("timeout_seconds");
    if (!v.isNumeric() || v.isBoolean() || !(v.convert<double>() > 0) ||
        v.convert<double>() > 3600) {
      return InvalidConfigField("timeout_seconds",
                     fmt::format("expected a number of seconds > 0 and <= 3600, got {}", Describe(v)));
    }
    c.timeout_seconds = v.convert<double>();
  }
  if (!(s = ReadString(obj, "client_identifier", "client_identifier", false,
                       &c.client_identifier)).ok()) {
    return s;
  }
  if (c.client_identifier.size() > 128) {
    return InvalidConfigField("client_identifier", "longer than 128 characters");
  }
  if (!IsVisibleAscii(c.client_identifier)) {
    return InvalidConfigField("client_identifier", "only printable ASCII without spaces (it is sent as the "
                                        "X-Plex-Client-Identifier header)");
  }
  if (!(s = ReadPathMappings(obj, &c.path_mappings)).ok()) return s;
  if (!(s = ReadBool(obj, "verify_tls", &c.verify_tls)).ok()) return s;
  if (!(s = ReadString(obj, "ca_file", "ca_file", false, &c.ca_file)).ok()) return s;
  if (!(s = ReadNumber(obj, "max_folders_per_section", 1, 100000, true,
                       &c.max_folders_per_section)).ok()) {
    return s;
  }
  if (!(s = ReadNumber(obj, "debounce_seconds", 0, 3600, false, &c.debounce_seconds)).ok()) return s;
  if (!(s = ReadNumber(obj, "queued_timeout_seconds", 1, 86400, false,
                       &c.queued_timeout_seconds)).ok()) {
    return s;
  }
  if (!(s = ReadNumber(obj, "defer_limit_seconds", 1, 30 * 86400, false, &c.defer_limit_seconds)).ok()) {
    return s;
  }
  if (!(s = ReadString(obj, "state_dir", "state_dir", false, &c.state_dir)).ok()) return s;
  if (!c.state_dir.empty() && c.state_dir.front() != '/') {
    return InvalidConfigField("state_dir", fmt::format("\"{}\" is relative; give the absolute path of a directory the "
                                            "driver may write (created if missing)", c.state_dir));
  }
  if (c.state_dir.find('\0') != std::string::npos) return InvalidConfigField("state_dir", "contains NUL");
  if (!(s = ReadNumber(obj, "poll_interval_ms", 10, 60000, true, &c.poll_interval_ms)).ok()) return s;
  if (!(s = ReadBool(obj, "use_websocket", &c.use_websocket)).ok()) return s;
  if (!(s = ReadStringArray(obj, "anchor_files", &c.anchor_files)).ok()) return s;
  if (!(s = ReadBool(obj, "empty_trash", &c.empty_trash)).ok()) return s;
  if (!(s = ReadNumber(obj, "empty_trash_max_items", 0, 1000000, true, &c.empty_trash_max_items)).ok()) {
    return s;
  }
  std::string artwork_mode = ArtworkModeName(c.artwork_mode);
  if (!(s = ReadString(obj, "artwork_mode", "artwork_mode", false, &artwork_mode)).ok()) return s;
  Result<ArtworkMode> mode = ParseArtworkMode(artwork_mode, "config.artwork_mode", PD_ERR_INVALID_CONFIG);
  if (!mode.ok()) return mode.status();
  c.artwork_mode = *mode;
  if (!(s = ReadBool(obj, "lock_fields", &c.lock_fields)).ok()) return s;
  if (!(s = ReadNumber(obj, "max_upload_bytes", 1024, 1 << 30, true, &c.max_upload_bytes)).ok()) return s;
  if (!(s = ReadProviderOptions(obj, &c.provider)).ok()) return s;
  std::string skip_active = SkipActiveName(c.skip_active);
  if (!(s = ReadString(obj, "skip_active", "skip_active", false, &skip_active)).ok()) return s;
  Result<SkipActive> policy = ParseSkipActive(skip_active, "config.skip_active", PD_ERR_INVALID_CONFIG);
  if (!policy.ok()) return policy.status();
  c.skip_active = *policy;
  if (!(s = ReadBool(obj, "paused_is_active", &c.paused_is_active)).ok()) return s;
  if (!(s = ReadNumber(obj, "stale_session_seconds", 1, 86400, false, &c.stale_session_seconds)).ok()) {
    return s;
  }
  if (!(s = ReadNumber(obj, "webhook_max_bytes", 1024, 100 << 20, true, &c.webhook_max_bytes)).ok()) {
    return s;
  }
  if (!(s = ReadAccountSettings(obj, &c.account)).ok()) return s;
  if (c.client_identifier.empty()) c.client_identifier = DeriveClientIdentifier(c);
  return c;
}

}  // namespace plexdriver
