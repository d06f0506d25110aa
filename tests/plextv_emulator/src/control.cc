#include "control.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <fmt/format.h>

#include <cctype>
#include <sstream>
#include <stdexcept>

#include "emulator_support/text.h"
#include "fixture.h"

namespace plextv_emulator {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr char kPrefix[] = "/__emulator/";
constexpr char kRedacted[] = "<redacted>";

using emulator_support::Lower;
using emulator_support::ToJson;

Reply Json(int status, const std::string& body) {
  Reply r;
  r.status = status;
  r.body = body;
  return r;
}

Reply Error(int status, const std::string& message) {
  Object o;
  o.set("error", message);
  return Json(status, ToJson(o));
}

Reply Ok() { return Json(200, R"({"ok":true})"); }

// Names whose values are secrets, in headers (lower-cased), query parameters and form fields.
bool SecretHeader(const std::string& name) {
  return name == "x-plex-token" || name == "authorization";
}
bool SecretField(const std::string& name) {
  const std::string n = Lower(name);
  return n == "x-plex-token" || n == "password" || n == "user[password]" || n == "verificationcode";
}

// The raw query with the value of every secret parameter replaced.
std::string RedactQuery(const std::string& query) {
  std::string out;
  std::istringstream pairs(query);
  std::string pair;
  while (std::getline(pairs, pair, '&')) {
    const size_t eq = pair.find('=');
    if (eq != std::string::npos && SecretField(pair.substr(0, eq))) {
      pair = pair.substr(0, eq + 1) + kRedacted;
    }
    out += (out.empty() ? "" : "&") + pair;
  }
  return out;
}

Object::Ptr RedactedMap(const std::map<std::string, std::string>& values,
                        bool (*secret)(const std::string&)) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& [k, v] : values) o->set(k, secret(k) ? std::string(kRedacted) : v);
  return o;
}

Object::Ptr PinJson(const PinView& p) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("id", p.id);
  o->set("code", p.code);
  o->set("client_identifier", p.client_identifier);
  o->set("product", p.product);
  o->set("strong", p.strong);
  o->set("approved", p.approved);
  o->set("expired", p.expired);
  o->set("polls", p.polls);
  return o;
}

Object::Ptr Body(const std::string& body, const std::string& what) {
  return ParseJsonObject(body.empty() ? "{}" : body, what);
}

// The PIN a control call means: "id" when given, else the newest one.
std::optional<int64_t> PinId(const Emulator& emulator, const Object& body) {
  if (body.has("id") && !body.get("id").isEmpty()) {
    const Poco::Dynamic::Var v = body.get("id");
    if (!v.isInteger()) throw std::invalid_argument("id: expected the PIN's id (an integer)");
    return v.convert<int64_t>();
  }
  const std::vector<PinView> pins = emulator.Pins();
  if (pins.empty()) return std::nullopt;
  return pins.back().id;
}

Reply Pins(Emulator& emulator, const std::string& method, const std::string& action,
           const std::string& body) {
  if (method == "GET" && action.empty()) {
    Array list;
    for (const PinView& p : emulator.Pins()) list.add(PinJson(p));
    return Json(200, ToJson(list));
  }
  if (method != "POST" || (action != "approve" && action != "expire")) {
    return Error(404, "pins: GET /__emulator/pins, POST /__emulator/pins/approve or /expire");
  }
  Object::Ptr o = Body(body, "pins/" + action);
  const std::optional<int64_t> id = PinId(emulator, *o);
  if (!id) return Error(404, "no PIN was created yet");
  if (action == "expire") {
    return emulator.ExpirePin(*id) ? Ok() : Error(404, fmt::format("no PIN {}", *id));
  }
  if (!o->has("username") || !o->get("username").isString()) {
    return Error(400, "username: the account that approves the PIN (a string)");
  }
  const std::string username = o->getValue<std::string>("username");
  if (!emulator.ApprovePin(*id, username)) {
    return Error(404, fmt::format("PIN {} cannot be approved by \"{}\": no such PIN, it expired, "
                                  "or no such account",
                                  *id, username));
  }
  return Ok();
}

Reply Route(Emulator& emulator, const std::string& method, const std::string& what,
            const std::string& body) {
  if (what == "pins" || what.rfind("pins/", 0) == 0) {
    return Pins(emulator, method, what == "pins" ? "" : what.substr(5), body);
  }
  if (what == "requests" && method == "GET") {
    return Json(200, RedactedRequestsJson(emulator.Requests()));
  }
  if (what == "requests" && method == "DELETE") {
    emulator.ClearRequests();
    return Ok();
  }
  if (what == "accounts" && method == "POST") {
    emulator.AddAccount(ParseAccount(*Body(body, "account"), "account"));
    return Ok();
  }
  if (what == "resources" && method == "POST") {
    emulator.AddResource(ParseResource(*Body(body, "resource"), "resource"));
    return Ok();
  }
  if (what == "tokens" && method == "POST") {
    Object::Ptr o = Body(body, "tokens");
    if (!o->has("token") || !o->get("token").isString()) {
      return Error(400, "token: the token to revoke or restore (a string)");
    }
    bool revoked = true;
    if (o->has("revoked")) {
      if (!o->get("revoked").isBoolean()) return Error(400, "revoked: expected true or false");
      revoked = o->getValue<bool>("revoked");
    }
    emulator.SetTokenRevoked(o->getValue<std::string>("token"), revoked);
    return Ok();
  }
  if (what == "settings" && method == "POST") {
    Object::Ptr o = Body(body, "settings");
    if (o->has("pin_lifetime_seconds")) {
      const Poco::Dynamic::Var v = o->get("pin_lifetime_seconds");
      if (!v.isInteger() || v.convert<int64_t>() < 0 || v.convert<int64_t>() > 86400) {
        return Error(400, "pin_lifetime_seconds: expected an integer 0-86400");
      }
      emulator.SetPinLifetime(v.convert<int>());
    }
    return Ok();
  }
  return Error(404, fmt::format("no control endpoint {} {}{}", method, kPrefix, what));
}

}  // namespace

bool IsControlPath(const std::string& path) { return path.rfind(kPrefix, 0) == 0; }

Reply HandleControl(Emulator& emulator, const std::string& method, const std::string& path,
                    const std::string& body) {
  std::string what = path.substr(std::string(kPrefix).size());
  while (!what.empty() && what.back() == '/') what.pop_back();
  try {
    return Route(emulator, method, what, body);
  } catch (const std::exception& e) {
    return Error(400, e.what());
  }
}

std::string RedactedRequestsJson(const std::vector<RecordedRequest>& requests) {
  Array list;
  for (const RecordedRequest& r : requests) {
    Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    o->set("method", r.method);
    o->set("path", r.path);
    o->set("query", RedactQuery(r.query));
    o->set("params", RedactedMap(r.params, &SecretField));
    o->set("headers", RedactedMap(r.headers, &SecretHeader));
    o->set("form", RedactedMap(r.form, &SecretField));
    o->set("token", r.token.empty() ? "" : kRedacted);
    o->set("token_owner", r.token_owner);
    o->set("status", r.status);
    list.add(o);
  }
  return ToJson(list);
}

}  // namespace plextv_emulator
