#include "account/account_documents.h"

#include <algorithm>

#include "core/json_util.h"
#include "core/utf8.h"

namespace plexdriver {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Object::Ptr Document() {
  Object::Ptr doc = NewJsonObject();
  doc->set("schema_version", 1);
  return doc;
}

Object::Ptr UserObject(const PlexUser& u) {
  Object::Ptr o = NewJsonObject();
  o->set("id", u.id);
  o->set("uuid", u.uuid);
  o->set("username", u.username);
  o->set("title", u.title);
  o->set("email", u.email);
  o->set("plex_pass", u.subscription_active);
  o->set("two_factor_enabled", u.two_factor_enabled);
  return o;
}

Object::Ptr ServerObject(const PlexResource& r) {
  Object::Ptr o = NewJsonObject();
  o->set("name", r.name);
  o->set("machine_identifier", r.client_identifier);
  o->set("product", r.product);
  o->set("version", r.product_version);
  o->set("platform", r.platform);
  o->set("owned", r.owned);
  o->set("owner", r.source_title);
  o->set("online", r.presence);
  o->set("https_required", r.https_required);
  return o;
}

// The server's name as plex.tv lists it, made a name the driver's config accepts (no control
// characters: config.name is sent as a header).
std::string OneLine(std::string name) {
  std::replace_if(name.begin(), name.end(), IsControlCharacter, ' ');
  return name;
}

}  // namespace

std::string PinDocument(const PlexPin& pin, const std::string& auth_url, int64_t expires_at,
                        const std::string& client_identifier) {
  Object::Ptr doc = Document();
  doc->set("id", pin.id);
  doc->set("code", pin.code);
  doc->set("auth_url", auth_url);
  doc->set("expires_in", pin.expires_in);
  doc->set("expires_at", expires_at);
  doc->set("client_identifier", client_identifier);
  return ToJson(doc);
}

std::string PinWaitingDocument(int64_t pin_id, int64_t expires_in) {
  Object::Ptr doc = Document();
  doc->set("id", pin_id);
  doc->set("approved", false);
  doc->set("expires_in", expires_in);
  return ToJson(doc);
}

std::string LoginDocument(const std::string& token, const PlexUser& user,
                          const std::string& client_identifier, const std::string& method) {
  Object::Ptr doc = Document();
  doc->set("approved", true);
  doc->set("method", method);
  doc->set("token", token);
  doc->set("client_identifier", client_identifier);
  doc->set("user", UserObject(user));
  return ToJson(doc);
}

std::string TokenDocument(bool valid, const PlexUser* user, const std::string& message) {
  Object::Ptr doc = Document();
  doc->set("valid", valid);
  if (user) {
    doc->set("user", UserObject(*user));
  } else {
    doc->set("user", Poco::Dynamic::Var());
  }
  doc->set("message", message);
  return ToJson(doc);
}

std::string ServersDocument(const std::vector<PlexResource>& resources) {
  Object::Ptr doc = Document();
  Array::Ptr servers = new Array();
  for (const PlexResource& r : resources) {
    if (!r.IsServer()) continue;
    Object::Ptr o = ServerObject(r);
    Array::Ptr connections = new Array();
    for (const PlexConnection& c : r.connections) {
      Object::Ptr co = NewJsonObject();
      co->set("uri", c.uri);
      co->set("kind", ConnectionKindName(KindOf(c)));
      co->set("protocol", c.protocol);
      co->set("address", c.address);
      co->set("port", c.port);
      co->set("ipv6", c.ipv6);
      connections->add(co);
    }
    o->set("connections", connections);
    servers->add(o);
  }
  doc->set("servers", servers);
  return ToJson(doc);
}

Object::Ptr ReadyConfig(const PlexResource& server, const ConnectionCandidate& chosen,
                        const ReadyConfigInputs& inputs) {
  const std::string& server_token =
      server.access_token.empty() ? inputs.account_token : server.access_token;
  Object::Ptr c = NewJsonObject();
  c->set("name", inputs.name.empty() ? OneLine(server.name) : inputs.name);
  c->set("host", chosen.host);
  c->set("port", chosen.port);
  c->set("use_https", chosen.https);
  c->set("plex_token", server_token);
  if (inputs.account_token != server_token) c->set("plex_account_token", inputs.account_token);
  c->set("client_identifier", inputs.client_identifier);
  c->set("plex_tv_url", inputs.plex_tv_url.ToString());
  c->set("token_keepalive", true);
  if (!inputs.verify_tls) c->set("verify_tls", false);
  if (!inputs.ca_file.empty()) c->set("ca_file", inputs.ca_file);
  return c;
}

std::string ConnectionDocument(const PlexResource& server, const ConnectionChoice& choice,
                               const Object::Ptr& config,
                               const std::vector<std::string>& other_servers) {
  Object::Ptr doc = Document();
  doc->set("server", ServerObject(server));
  if (choice.chosen) {
    const CandidateOutcome& o = choice.outcomes[*choice.chosen];
    Object::Ptr chosen = NewJsonObject();
    chosen->set("uri", o.candidate.uri);
    chosen->set("kind", ConnectionKindName(o.candidate.kind));
    chosen->set("https", o.candidate.https);
    chosen->set("version", o.version);
    chosen->set("elapsed_ms", o.elapsed_ms);
    doc->set("chosen", chosen);
  } else {
    doc->set("chosen", Poco::Dynamic::Var());
  }
  Array::Ptr candidates = new Array();
  for (size_t i = 0; i < choice.outcomes.size(); ++i) {
    const CandidateOutcome& o = choice.outcomes[i];
    Object::Ptr co = NewJsonObject();
    co->set("uri", o.candidate.uri);
    co->set("kind", ConnectionKindName(o.candidate.kind));
    co->set("https", o.candidate.https);
    const char* result = !o.tried                               ? "skipped"
                         : choice.chosen && *choice.chosen == i ? "chosen"
                         : o.ok                                 ? "not_needed"
                                                                : "rejected";
    co->set("result", result);
    co->set("status", o.ok || !o.tried ? (o.tried ? "ok" : "skipped") : StatusName(o.status));
    co->set("reason", o.ok && choice.chosen && *choice.chosen != i
                          ? "works too, but an address earlier in the order was chosen"
                          : o.reason);
    co->set("elapsed_ms", o.elapsed_ms);
    candidates->add(co);
  }
  doc->set("candidates", candidates);
  if (config) {
    doc->set("config", config);
  } else {
    doc->set("config", Poco::Dynamic::Var());
  }
  doc->set("other_servers", ToJsonArray(other_servers));
  if (choice.error.ok()) {
    doc->set("error", Poco::Dynamic::Var());
  } else {
    Object::Ptr e = NewJsonObject();
    e->set("status", StatusName(choice.error.code()));
    e->set("message", choice.error.message());
    doc->set("error", e);
  }
  return ToJson(doc);
}

}  // namespace plexdriver
