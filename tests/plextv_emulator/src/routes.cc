// The plex.tv endpoints the driver uses, answered as plex.tv does: XML unless JSON is asked for,
// errors as {"errors":[{"code","message","status"}]} (legacy sign-in: {"error": "..."}), 201 for
// created PINs and sign-ins. Where plex.tv's exact answer is not documented publicly the shape is
// marked "inferred".
#include <Poco/Base64Decoder.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timestamp.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <sstream>

#include "control.h"
#include "emulator_impl.h"
#include "emulator_support/text.h"

namespace plextv_emulator {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

using emulator_support::Lower;
using emulator_support::ToJson;
using emulator_support::XmlEscape;

std::string Iso(int64_t unix_seconds) {
  return Poco::DateTimeFormatter::format(Poco::Timestamp::fromEpochTime(unix_seconds),
                                         "%Y-%m-%dT%H:%M:%SZ");
}

int64_t UnixNow() { return static_cast<int64_t>(Poco::Timestamp().epochTime()); }

// An error list; XML unless JSON was asked for.
Reply Errors(int status, int code, const std::string& message, bool json) {
  Reply r;
  r.status = status;
  if (json) {
    r.body = fmt::format(R"({{"errors":[{{"code":{},"message":"{}","status":{}}}]}})", code,
                         message, status);
  } else {
    r.content_type = "application/xml";
    r.body = fmt::format(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors>\n  <error code=\"{}\" message=\"{}\" "
        "status=\"{}\"/>\n</errors>\n",
        code, XmlEscape(message), status);
  }
  return r;
}

Reply Unauthenticated(bool json) {
  return Errors(401, 1001, "User could not be authenticated", json);
}

// A flat object as JSON, or as one XML element with attributes (booleans "1"/"0").
Reply Document(int status, const std::string& element, const Object& o, bool json,
               const std::string& xml_children = "") {
  Reply r;
  r.status = status;
  if (json) {
    r.body = ToJson(o);
    return r;
  }
  r.content_type = "application/xml";
  std::string attrs;
  for (const auto& [key, value] : o) {
    if (value.isEmpty() || value.type() == typeid(Object::Ptr) ||
        value.type() == typeid(Array::Ptr))
      continue;
    std::string text =
        value.isBoolean() ? (value.convert<bool>() ? "1" : "0") : value.convert<std::string>();
    attrs += fmt::format(" {}=\"{}\"", key, XmlEscape(text));
  }
  r.body = fmt::format("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{}{}>{}</{}>\n", element,
                       attrs, xml_children, element);
  return r;
}

std::string RandomCode(bool strong) {
  static std::mt19937 random(std::random_device{}());
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  const std::string alphabet =
      strong ? "abcdefghijklmnopqrstuvwxyz0123456789" : "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string code;
  for (size_t i = 0; i < (strong ? 25u : 4u); ++i) code += alphabet[random() % alphabet.size()];
  return code;
}

Object UserObject(const Account& a, bool with_token) {
  Object o(Poco::JSON_PRESERVE_KEY_ORDER);
  o.set("id", a.id);
  o.set("uuid", a.uuid);
  o.set("username", a.username);
  o.set("title", a.username);
  o.set("email", a.email);
  o.set("friendlyName", "");
  o.set("locale", Poco::Dynamic::Var());
  o.set("confirmed", true);
  o.set("emailOnlyAuth", false);
  o.set("hasPassword", true);
  o.set("protected", false);
  o.set("thumb", fmt::format("https://plex.tv/users/{}/avatar?c=1700000000", a.uuid));
  if (with_token) o.set("authToken", a.token);
  o.set("twoFactorEnabled", !a.two_factor_code.empty());
  o.set("homeSize", 1);
  o.set("rememberExpiresAt", UnixNow() + 14 * 86400);
  Object::Ptr sub = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  sub->set("active", a.plex_pass);
  sub->set("status", a.plex_pass ? "Active" : "Inactive");
  sub->set("plan", a.plex_pass ? "lifetime" : Poco::Dynamic::Var());
  sub->set("features", Array::Ptr(new Array()));
  o.set("subscription", sub);
  o.set("roles", Array::Ptr(new Array()));
  return o;
}

std::string SubscriptionXml(const Account& a) {
  return fmt::format("<subscription active=\"{}\" status=\"{}\"/>", a.plex_pass ? 1 : 0,
                     a.plex_pass ? "Active" : "Inactive");
}

Object PinObject(const Pin& p, const std::string& token) {
  Object o(Poco::JSON_PRESERVE_KEY_ORDER);
  o.set("id", p.id);
  o.set("code", p.code);
  o.set("product", p.product);
  o.set("trusted", false);
  o.set("qr", fmt::format("https://plex.tv/api/v2/pins/qr/{}", p.code));
  o.set("clientIdentifier", p.client_identifier);
  Object::Ptr location = new Object();
  location->set("code", "NL");
  location->set("country", "Netherlands");
  o.set("location", location);
  const int64_t left = std::max<int64_t>(
      0, std::chrono::ceil<std::chrono::seconds>(p.expires - Clock::now()).count());
  o.set("expiresIn", left);
  o.set("createdAt", Iso(p.created_unix));
  o.set("expiresAt", Iso(p.created_unix + p.lifetime_seconds));
  o.set("authToken", token.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(token));
  o.set("newRegistration", Poco::Dynamic::Var());
  return o;
}

Object::Ptr ResourceObject(const Resource& r, bool include_https, bool include_relay) {
  Object::Ptr o = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  o->set("name", r.name);
  o->set("product", r.product);
  o->set("productVersion", r.product_version);
  o->set("platform", r.platform);
  o->set("platformVersion", "6.1");
  o->set("device", "PC");
  o->set("clientIdentifier", r.client_identifier);
  o->set("createdAt", Iso(1600000000));
  o->set("lastSeenAt", Iso(UnixNow()));
  o->set("provides", r.provides);
  o->set("ownerId", r.owned ? Poco::Dynamic::Var() : Poco::Dynamic::Var(4242));
  o->set("sourceTitle",
         r.source_title.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(r.source_title));
  o->set("publicAddress", "203.0.113.7");
  o->set("accessToken", r.access_token);
  o->set("owned", r.owned);
  o->set("home", false);
  o->set("synced", false);
  o->set("relay", true);
  o->set("presence", r.presence);
  o->set("httpsRequired", r.https_required);
  o->set("publicAddressMatches", true);
  o->set("dnsRebindingProtection", false);
  o->set("natLoopbackSupported", false);
  Array::Ptr connections = new Array();
  for (const Connection& c : r.connections) {
    if (c.protocol == "https" && !include_https) continue;
    if (c.relay && !include_relay) continue;
    Object::Ptr co = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
    co->set("protocol", c.protocol);
    co->set("address", c.address);
    co->set("port", c.port);
    co->set("uri", c.uri);
    co->set("local", c.local);
    co->set("relay", c.relay);
    co->set("IPv6", c.ipv6);
    connections->add(co);
  }
  o->set("connections", connections);
  return o;
}

// application/x-www-form-urlencoded ('+' is a space).
std::map<std::string, std::string> ParseForm(const std::string& body) {
  std::map<std::string, std::string> out;
  size_t start = 0;
  while (start <= body.size() && !body.empty()) {
    size_t end = body.find('&', start);
    if (end == std::string::npos) end = body.size();
    std::string pair = body.substr(start, end - start);
    std::replace(pair.begin(), pair.end(), '+', ' ');
    const size_t eq = pair.find('=');
    std::string key, value;
    Poco::URI::decode(pair.substr(0, eq), key);
    if (eq != std::string::npos) Poco::URI::decode(pair.substr(eq + 1), value);
    if (!key.empty()) out[key] = value;
    start = end + 1;
  }
  return out;
}

const Account* FindLogin(const std::vector<Account>& accounts, const std::string& login) {
  for (const Account& a : accounts) {
    if (Lower(a.username) == Lower(login) || Lower(a.email) == Lower(login)) return &a;
  }
  return nullptr;
}

void Send(Poco::Net::HTTPServerResponse& response, const Reply& reply) {
  response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
  response.setContentType(reply.content_type + "; charset=utf-8");
  response.setContentLength(static_cast<std::streamsize>(reply.body.size()));
  response.send() << reply.body;
}

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(Emulator::Impl* impl) : impl_(impl) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    RecordedRequest r;
    r.method = request.getMethod();
    r.time = Clock::now();
    Poco::URI uri(request.getURI());
    r.path = uri.getPath();
    r.query = uri.getRawQuery();
    for (const auto& [k, v] : uri.getQueryParameters()) r.params[k] = v;
    for (const auto& [k, v] : request) r.headers[Lower(k)] = v;
    r.token = r.headers.count("x-plex-token")  ? r.headers["x-plex-token"]
              : r.params.count("X-Plex-Token") ? r.params["X-Plex-Token"]
                                               : "";
    std::string body;
    if (r.method == "POST" || r.method == "PUT" || r.method == "DELETE") {
      Poco::StreamCopier::copyToString(request.stream(), body);
    }
    if (IsControlPath(r.path)) {  // not plex.tv: not recorded
      Send(response, HandleControl(*impl_->owner, r.method, r.path, body));
      return;
    }
    if (r.method == "POST" || r.method == "PUT") {
      if (Lower(request.getContentType()).find("x-www-form-urlencoded") != std::string::npos ||
          body.find('=') != std::string::npos) {
        r.form = ParseForm(body);
      }
    }
    const bool json = r.headers.count("accept") &&
                      r.headers["accept"].find("application/json") != std::string::npos;
    Send(response, impl_->Handle(r, json));
  }

 private:
  Emulator::Impl* impl_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Emulator::Impl* impl) : impl_(impl) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(impl_);
  }

 private:
  Emulator::Impl* impl_;
};

}  // namespace

Poco::Net::HTTPRequestHandlerFactory::Ptr NewHandlerFactory(Emulator::Impl* impl) {
  return new Factory(impl);
}

Reply Emulator::Impl::Handle(RecordedRequest& r, bool json) {
  std::unique_lock<std::mutex> lock(mutex);
  const std::string client_id =
      r.headers.count("x-plex-client-identifier")
          ? r.headers["x-plex-client-identifier"]
          : (r.params.count("X-Plex-Client-Identifier") ? r.params["X-Plex-Client-Identifier"]
                                                        : "");
  std::string path = r.path;
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  Reply reply;
  const Clock::time_point now = Clock::now();

  if (r.method == "POST" && path == "/api/v2/pins") {
    if (client_id.empty()) {
      reply = Errors(400, 1000, "X-Plex-Client-Identifier is missing", json);
    } else {
      Pin p;
      p.id = next_pin_id++;
      p.strong =
          r.params.count("strong") && (r.params["strong"] == "true" || r.params["strong"] == "1");
      p.code = RandomCode(p.strong);
      p.client_identifier = client_id;
      p.product = r.headers.count("x-plex-product") ? r.headers["x-plex-product"] : "";
      p.created_unix = UnixNow();
      p.lifetime_seconds = options.pin_lifetime_seconds;
      p.expires = now + std::chrono::seconds(options.pin_lifetime_seconds);
      reply = Document(201, "pin", PinObject(p, ""), json);
      pins.push_back(p);
      pin_created.notify_all();
    }
  } else if (r.method == "GET" && path.rfind("/api/v2/pins/", 0) == 0) {
    const std::string id = path.substr(std::string("/api/v2/pins/").size());
    Pin* pin = nullptr;
    for (Pin& p : pins) {
      if (std::to_string(p.id) == id) pin = &p;
    }
    if (pin) ++pin->polls;
    // A PIN belongs to the client that made it; others are told it does not exist (inferred).
    if (!pin || PinExpired(*pin, now) || pin->client_identifier != client_id) {
      reply = Errors(404, 1020, "Code not found or expired", json);
    } else {
      std::string token;
      for (const Account& a : accounts) {
        if (!pin->approved_by.empty() && a.username == pin->approved_by) token = a.token;
      }
      reply = Document(200, "pin", PinObject(*pin, token), json);
    }
  } else if (r.method == "POST" && path == "/api/v2/users/signin") {
    const Account* a = FindLogin(accounts, r.form["login"]);
    const std::string code = r.form.count("verificationCode") ? r.form["verificationCode"] : "";
    if (!a || a->password != r.form["password"] || revoked.count(a->token)) {
      reply = Unauthenticated(json);
    } else if (!a->two_factor_code.empty() && code.empty()) {
      reply = Errors(401, 1029, "Please enter the verification code", json);
    } else if (!a->two_factor_code.empty() && code != a->two_factor_code) {
      reply = Unauthenticated(json);  // inferred: a wrong code fails like a wrong password
    } else {
      reply = Document(201, "user", UserObject(*a, true), json, SubscriptionXml(*a));
    }
  } else if (r.method == "POST" &&
             (path == "/users/sign_in.json" || path == "/users/sign_in.xml")) {
    std::string login = r.form["user[login]"];
    std::string password = r.form["user[password]"];
    const std::string auth = r.headers.count("authorization") ? r.headers["authorization"] : "";
    if (login.empty() && auth.rfind("Basic ", 0) == 0) {
      std::istringstream in(auth.substr(6));
      Poco::Base64Decoder decoder(in);
      std::string pair((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
      login = pair.substr(0, pair.find(':'));
      password = pair.find(':') == std::string::npos ? "" : pair.substr(pair.find(':') + 1);
    }
    const Account* a = FindLogin(accounts, login);
    // Older clients append the two-factor code to the password (Plex support article).
    const bool ok = a && !revoked.count(a->token) && password == a->password + a->two_factor_code;
    if (!ok) {
      reply.status = 401;
      reply.body = a && !a->two_factor_code.empty() && password == a->password
                       ? R"({"error":"Please enter the verification code"})"  // inferred
                       : R"({"error":"Invalid email, username, or password."})";
    } else {
      reply.status = 201;
      Object user(Poco::JSON_PRESERVE_KEY_ORDER);
      user.set("id", a->id);
      user.set("uuid", a->uuid);
      user.set("email", a->email);
      user.set("username", a->username);
      user.set("title", a->username);
      user.set("authentication_token", a->token);
      user.set("authToken", a->token);
      Object doc;
      doc.set("user", user);
      reply.body = ToJson(doc);
    }
  } else if (r.method == "GET" && path == "/api/v2/user") {
    const Account* a = AccountByToken(r.token);
    reply = a ? Document(200, "user", UserObject(*a, true), json, SubscriptionXml(*a))
              : Unauthenticated(json);
  } else if (r.method == "GET" && path == "/api/v2/resources") {
    const Account* a = AccountByToken(r.token);
    if (!a) {
      reply = Unauthenticated(json);
    } else {
      const bool https = r.params.count("includeHttps") && r.params["includeHttps"] == "1";
      const bool relay = r.params.count("includeRelay") && r.params["includeRelay"] == "1";
      Array list;
      std::string xml;
      for (const Resource& res : resources) {
        if (res.owner != a->username) continue;
        Object::Ptr o = ResourceObject(res, https, relay);
        list.add(o);
        xml += fmt::format("<resource name=\"{}\" clientIdentifier=\"{}\" provides=\"{}\"/>",
                           XmlEscape(res.name), XmlEscape(res.client_identifier),
                           XmlEscape(res.provides));
      }
      if (json) {
        std::ostringstream out;
        list.stringify(out);
        reply.body = out.str();
      } else {
        reply.content_type = "application/xml";  // inferred shape
        reply.body =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<resources>" + xml + "</resources>\n";
      }
    }
  } else if (r.method == "GET" && path == "/api/v2/ping") {
    const Account* a = AccountByToken(r.token);
    if (!a) {
      reply = Unauthenticated(json);
    } else {
      reply.content_type = json ? "application/json" : "application/xml";  // inferred
      reply.body = json ? R"({"pong":true})"
                        : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<pong>true</pong>\n";
    }
  } else {
    reply.status = 404;
    reply.content_type = "text/html";
    reply.body =
        "<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>";
  }
  r.status = reply.status;
  for (const Account& a : accounts) {
    if (!r.token.empty() && a.token == r.token) r.token_owner = a.username;
  }
  requests.Add(r);
  return reply;
}

}  // namespace plextv_emulator
