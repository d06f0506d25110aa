#include "fixture.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace plextv_emulator {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

[[noreturn]] void Fail(const std::string& where, const std::string& what) {
  throw std::runtime_error(where + ": " + what);
}

std::string String(const Object& o, const std::string& where, const std::string& key, bool required,
                   const std::string& fallback = "") {
  if (!o.has(key) || o.get(key).isEmpty()) {
    if (required) Fail(where + "." + key, "missing (expected a string)");
    return fallback;
  }
  const Var v = o.get(key);
  if (!v.isString()) Fail(where + "." + key, "expected a string");
  std::string s = v.extract<std::string>();
  if (required && s.empty()) Fail(where + "." + key, "must not be empty");
  return s;
}

bool Bool(const Object& o, const std::string& where, const std::string& key, bool fallback) {
  if (!o.has(key) || o.get(key).isEmpty()) return fallback;
  if (!o.get(key).isBoolean()) Fail(where + "." + key, "expected true or false");
  return o.get(key).convert<bool>();
}

int64_t Integer(const Object& o, const std::string& where, const std::string& key, int64_t min,
                int64_t max, int64_t fallback) {
  if (!o.has(key) || o.get(key).isEmpty()) return fallback;
  const Var v = o.get(key);
  const bool numeric = v.isNumeric() && !v.isBoolean();
  const double d = numeric ? v.convert<double>() : 0;
  if (!numeric || std::floor(d) != d || d < static_cast<double>(min) ||
      d > static_cast<double>(max)) {
    Fail(where + "." + key, fmt::format("expected an integer {}-{}", min, max));
  }
  return static_cast<int64_t>(d);
}

Array::Ptr List(const Object& o, const std::string& where, const std::string& key) {
  if (!o.has(key) || o.get(key).isEmpty()) return new Array();
  Array::Ptr list = o.getArray(key);
  if (!list) Fail(where + "." + key, "expected an array");
  return list;
}

Object::Ptr Element(const Array& list, size_t i, const std::string& where) {
  Object::Ptr o = list.getObject(static_cast<unsigned>(i));
  if (!o) Fail(fmt::format("{}[{}]", where, i), "expected an object");
  return o;
}

Connection ParseConnection(const Object& o, const std::string& where) {
  Connection c;
  c.protocol = String(o, where, "protocol", false, "http");
  if (c.protocol != "http" && c.protocol != "https") {
    Fail(where + ".protocol", "expected \"http\" or \"https\"");
  }
  c.address = String(o, where, "address", true);
  c.port = static_cast<int>(Integer(o, where, "port", 1, 65535, 32400));
  c.uri = String(o, where, "uri", false);
  c.local = Bool(o, where, "local", false);
  c.relay = Bool(o, where, "relay", false);
  c.ipv6 = Bool(o, where, "ipv6", false);
  return c;
}

}  // namespace

Object::Ptr ParseJsonObject(const std::string& json, const std::string& what) {
  try {
    const Var root = Poco::JSON::Parser().parse(json);
    if (root.type() == typeid(Object::Ptr)) return root.extract<Object::Ptr>();
  } catch (const Poco::Exception& e) {
    throw std::runtime_error(fmt::format("{}: not valid JSON ({})", what, e.message()));
  }
  throw std::runtime_error(what + ": expected a JSON object");
}

Account ParseAccount(const Object& o, const std::string& where) {
  Account a;
  a.id = Integer(o, where, "id", 0, INT64_MAX, 0);
  a.uuid = String(o, where, "uuid", false);
  a.username = String(o, where, "username", true);
  a.email = String(o, where, "email", false);
  a.password = String(o, where, "password", false);
  a.token = String(o, where, "token", true);
  a.two_factor_code = String(o, where, "two_factor_code", false);
  a.plex_pass = Bool(o, where, "plex_pass", false);
  return a;
}

Resource ParseResource(const Object& o, const std::string& where) {
  Resource r;
  r.owner = String(o, where, "owner", true);
  r.name = String(o, where, "name", true);
  r.client_identifier = String(o, where, "client_identifier", true);
  r.access_token = String(o, where, "access_token", false);
  r.product = String(o, where, "product", false, r.product);
  r.product_version = String(o, where, "product_version", false, r.product_version);
  r.platform = String(o, where, "platform", false, r.platform);
  r.provides = String(o, where, "provides", false, r.provides);
  r.source_title = String(o, where, "source_title", false);
  r.owned = Bool(o, where, "owned", r.owned);
  r.presence = Bool(o, where, "presence", r.presence);
  r.https_required = Bool(o, where, "https_required", r.https_required);
  Array::Ptr connections = List(o, where, "connections");
  for (size_t i = 0; i < connections->size(); ++i) {
    const std::string at = fmt::format("{}.connections[{}]", where, i);
    r.connections.push_back(ParseConnection(*Element(*connections, i, where + ".connections"), at));
  }
  return r;
}

Fixture ParseFixture(const std::string& json) {
  Object::Ptr root = ParseJsonObject(json, "fixture");
  Fixture f;
  if (root->has("pin_lifetime_seconds")) {
    f.pin_lifetime_seconds =
        static_cast<int>(Integer(*root, "fixture", "pin_lifetime_seconds", 0, 86400, 900));
  }
  Array::Ptr accounts = List(*root, "fixture", "accounts");
  for (size_t i = 0; i < accounts->size(); ++i) {
    f.accounts.push_back(
        ParseAccount(*Element(*accounts, i, "accounts"), fmt::format("accounts[{}]", i)));
  }
  Array::Ptr resources = List(*root, "fixture", "resources");
  for (size_t i = 0; i < resources->size(); ++i) {
    f.resources.push_back(
        ParseResource(*Element(*resources, i, "resources"), fmt::format("resources[{}]", i)));
  }
  return f;
}

}  // namespace plextv_emulator
