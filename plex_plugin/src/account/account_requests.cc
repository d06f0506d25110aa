#include "account/account_requests.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/text.h"
#include "core/utf8.h"

namespace plexdriver {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

Status Invalid(std::string_view what) { return Status(PD_ERR_INVALID_ARGUMENT, std::string(what)); }

Result<Object::Ptr> ParseObject(std::string_view json, std::string_view name,
                                std::string_view example) {
  if (FirstInvalidUtf8(json)) return Invalid(fmt::format("{}: not valid UTF-8", name));
  try {
    Var root = Poco::JSON::Parser().parse(std::string(json));
    if (root.type() == typeid(Object::Ptr)) return root.extract<Object::Ptr>();
  } catch (const Poco::Exception&) {
    // Described below; the text may hold a password, so it is not quoted.
  }
  return Invalid(fmt::format("{}: expected a JSON object like {}", name, example));
}

// A string member; `secret` values are never described.
Status ReadString(const Object& o, const std::string& name, const std::string& key, bool required,
                  std::string* out) {
  if (!o.has(key) || o.get(key).isEmpty()) {
    return required ? Invalid(fmt::format("{}.{}: required, but missing", name, key))
                    : Status::Ok();
  }
  const Var v = o.get(key);
  if (!v.isString()) return Invalid(fmt::format("{}.{}: expected a string", name, key));
  *out = v.extract<std::string>();
  if (required && out->empty()) return Invalid(fmt::format("{}.{}: must not be empty", name, key));
  return Status::Ok();
}

constexpr double kInt64Bound = 9223372036854775808.0;  // 2^63

Status ReadInt(const Object& o, const std::string& name, const std::string& key,
               std::optional<int64_t>* out) {
  if (!o.has(key) || o.get(key).isEmpty()) return Status::Ok();
  const Var v = o.get(key);
  if (v.isNumeric() && !v.isBoolean()) {
    // The range check comes first: Poco throws converting a number int64 cannot hold.
    const double d = v.convert<double>();
    if (std::floor(d) == d && d >= -kInt64Bound && d < kInt64Bound) {
      *out = v.convert<int64_t>();
      return Status::Ok();
    }
  }
  if (v.isString()) {
    const std::string text = v.extract<std::string>();
    try {
      size_t used = 0;
      const long long n = std::stoll(text, &used);
      if (used == text.size()) {
        *out = n;
        return Status::Ok();
      }
    } catch (const std::exception&) {  // not a number, or out of range: refused below
    }
  }
  return Invalid(fmt::format("{}.{}: expected an integer", name, key));
}

Status CheckToken(const std::string& token, const std::string& where) {
  if (!IsVisibleAscii(token)) {
    return Invalid(fmt::format("{}: contains spaces or non-printable characters; pass the token "
                               "exactly as plex.tv returned it",
                               where));
  }
  return Status::Ok();
}

std::string ServerNames(const std::vector<PlexResource>& resources) {
  std::string names;
  for (const PlexResource& r : resources) {
    if (!r.IsServer()) continue;
    names += fmt::format("{}\"{}\" ({})", names.empty() ? "" : ", ", r.name, r.client_identifier);
  }
  return names.empty() ? "none" : names;
}

}  // namespace

Result<PinRef> ParsePinRef(std::string_view json) {
  Result<Object::Ptr> o = ParseObject(json, "pin", R"({"id": 111222333})");
  if (!o.ok()) return o.status();
  PinRef ref;
  std::optional<int64_t> id;
  if (Status s = ReadInt(**o, "pin", "id", &id); !s.ok()) return s;
  if (!id || *id <= 0) return Invalid("pin.id: required: the id from the account_pin document");
  ref.id = *id;
  if (Status s = ReadInt(**o, "pin", "expires_at", &ref.expires_at); !s.ok()) return s;
  if (Status s = ReadInt(**o, "pin", "expires_in", &ref.expires_in); !s.ok()) return s;
  return ref;
}

Result<Credentials> ParseCredentials(std::string_view json) {
  Result<Object::Ptr> o =
      ParseObject(json, "credentials", R"({"login": "...", "password": "..."})");
  if (!o.ok()) return o.status();
  Credentials c;
  if (Status s = ReadString(**o, "credentials", "login", true, &c.login); !s.ok()) return s;
  if (Status s = ReadString(**o, "credentials", "password", true, &c.password); !s.ok()) return s;
  if (Status s = ReadString(**o, "credentials", "code", false, &c.code); !s.ok()) return s;
  for (char ch : c.code) {
    if (!std::isdigit(static_cast<unsigned char>(ch))) {
      return Invalid("credentials.code: expected the digits from the authenticator app");
    }
  }
  std::string method = "v2";
  if (Status s = ReadString(**o, "credentials", "method", false, &method); !s.ok()) return s;
  if (method != "v2" && method != "legacy") {
    return Invalid(
        fmt::format("credentials.method: expected \"v2\" or \"legacy\", got \"{}\"", method));
  }
  c.legacy = method == "legacy";
  return c;
}

Result<ConnectionRequest> ParseConnectionRequest(std::string_view json) {
  Result<Object::Ptr> o = ParseObject(json, "request", R"({"token": "...", "server": "Office"})");
  if (!o.ok()) return o.status();
  ConnectionRequest r;
  if (Status s = ReadString(**o, "request", "token", true, &r.token); !s.ok()) return s;
  if (Status s = CheckToken(r.token, "request.token"); !s.ok()) return s;
  if (Status s = ReadString(**o, "request", "server", false, &r.server); !s.ok()) return s;
  if (Status s = ReadString(**o, "request", "name", false, &r.config_name); !s.ok()) return s;
  if (HasControlCharacter(r.config_name)) {
    return Invalid("request.name: contains a line break, tab or other control character; use a "
                   "one-line name");
  }
  if ((*o)->has("allow_relay") && !(*o)->get("allow_relay").isEmpty()) {
    if (!(*o)->get("allow_relay").isBoolean())
      return Invalid("request.allow_relay: expected true or false");
    r.allow_relay = (*o)->get("allow_relay").convert<bool>();
  }
  return r;
}

Result<size_t> SelectServer(const std::vector<PlexResource>& resources, const std::string& wanted) {
  std::vector<size_t> servers;
  for (size_t i = 0; i < resources.size(); ++i) {
    if (resources[i].IsServer()) servers.push_back(i);
  }
  if (servers.empty()) {
    return Status(PD_ERR_NOT_FOUND,
                  "the account has no Plex Media Server: sign in with the "
                  "account that owns the server or that it is shared with");
  }
  if (!wanted.empty()) {
    for (size_t i : servers) {
      if (resources[i].client_identifier == wanted) return i;
    }
    std::vector<size_t> named;
    for (size_t i : servers) {
      if (ToLowerAscii(resources[i].name) == ToLowerAscii(wanted)) named.push_back(i);
    }
    if (named.size() == 1) return named.front();
    if (named.size() > 1) {
      return Invalid(
          fmt::format("several servers are named \"{}\": pass the machine identifier "
                      "instead ({})",
                      wanted, ServerNames(resources)));
    }
    return Status(PD_ERR_NOT_FOUND, fmt::format("the account has no server \"{}\"; its servers: {}",
                                                wanted, ServerNames(resources)));
  }
  for (size_t i : servers) {
    if (resources[i].owned && resources[i].presence) return i;
  }
  for (size_t i : servers) {
    if (resources[i].owned) return i;
  }
  return servers.front();
}

}  // namespace plexdriver
