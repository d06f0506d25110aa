#include "account/plextv_parser.h"

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>
#include <Poco/Exception.h>
#include <Poco/SAX/XMLReader.h>
#include <fmt/format.h>

#include <charconv>
#include <limits>
#include <system_error>

#include "plex/media_container.h"

namespace plexdriver {
namespace {

Status NotJson(std::string_view body, std::string_view what) {
  const BodyFormat format = DetectBodyFormat(body);
  if (format == BodyFormat::kXml) {
    return Status(PD_ERR_PROTOCOL, fmt::format("plex.tv answered {} with XML although JSON was "
                                               "asked for; is plex_tv_url a plex.tv API?",
                                               what));
  }
  return Status(PD_ERR_PROTOCOL, fmt::format("plex.tv answered {} with something that is not "
                                             "JSON: {}",
                                             what, Excerpt(body, 60)));
}

Result<PmsNode> ParseObject(std::string_view body, std::string_view what) {
  if (DetectBodyFormat(body) != BodyFormat::kJson) return NotJson(body, what);
  Result<PmsNode> node = ParseJsonObject(body, "root");
  if (!node.ok()) {
    return Status(PD_ERR_PROTOCOL,
                  fmt::format("plex.tv answered {} with {}", what, node.status().message()));
  }
  return node;
}

PlexUser UserFromNode(const PmsNode& n) {
  PlexUser u;
  u.id = n.GetInt("id");
  u.uuid = n.Get("uuid");
  u.username = n.Get("username");
  u.title = n.Get("title", u.username);
  u.email = n.Get("email");
  u.two_factor_enabled = n.GetBool("twoFactorEnabled");
  u.auth_token = n.Get("authToken", n.Get("authentication_token"));
  for (const PmsNode* s : n.Children("subscription")) u.subscription_active = s->GetBool("active");
  return u;
}

Status CheckUser(const PlexUser& u, std::string_view what) {
  if (u.id == 0 && u.uuid.empty()) {
    return Status(PD_ERR_PROTOCOL, fmt::format("plex.tv answered {} with an account without id "
                                               "or uuid",
                                               what));
  }
  return Status::Ok();
}

PlexConnection ConnectionFromNode(const PmsNode& n) {
  PlexConnection c;
  c.protocol = n.Get("protocol", "http");
  c.address = n.Get("address");
  c.port = static_cast<int>(n.GetInt("port", 32400));
  c.uri = n.Get("uri");
  c.local = n.GetBool("local");
  c.relay = n.GetBool("relay");
  c.ipv6 = n.GetBool("IPv6");
  return c;
}

}  // namespace

bool PlexResource::IsServer() const {
  size_t start = 0;
  while (start <= provides.size()) {
    size_t end = provides.find(',', start);
    if (end == std::string::npos) end = provides.size();
    std::string item = provides.substr(start, end - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (item == "server") return true;
    start = end + 1;
  }
  return false;
}

Result<PlexPin> ParsePin(std::string_view body) {
  Result<PmsNode> node = ParseObject(body, "the PIN request");
  if (!node.ok()) return node.status();
  PlexPin pin;
  pin.id = node->GetInt("id");
  pin.code = node->Get("code");
  pin.client_identifier = node->Get("clientIdentifier");
  pin.expires_in = node->GetInt("expiresIn");
  pin.auth_token = node->Get("authToken");
  if (pin.id <= 0 || pin.code.empty()) {
    return Status(PD_ERR_PROTOCOL, fmt::format("plex.tv answered the PIN request without an id or "
                                               "code: {}",
                                               Excerpt(body, 60)));
  }
  return pin;
}

Result<PlexUser> ParseUser(std::string_view body) {
  Result<PmsNode> node = ParseObject(body, "the account request");
  if (!node.ok()) return node.status();
  PlexUser u = UserFromNode(*node);
  if (Status s = CheckUser(u, "the account request"); !s.ok()) return s;
  return u;
}

Result<PlexUser> ParseLegacySignIn(std::string_view body) {
  Result<PmsNode> node = ParseObject(body, "the sign-in");
  if (!node.ok()) return node.status();
  std::vector<const PmsNode*> users = node->Children("user");
  if (users.empty()) {
    return Status(PD_ERR_PROTOCOL, "plex.tv answered the sign-in without a \"user\" object");
  }
  PlexUser u = UserFromNode(*users.front());
  if (Status s = CheckUser(u, "the sign-in"); !s.ok()) return s;
  return u;
}

Result<std::vector<PlexResource>> ParseResources(std::string_view body) {
  // The answer is a JSON array; wrapped in an object, the generic reader turns each element
  // into a child node.
  const BodyFormat format = DetectBodyFormat(body);
  if (format != BodyFormat::kJson) return NotJson(body, "the server list request");
  Result<PmsNode> root = ParseJsonObject("{\"resource\":" + std::string(body) + "}", "root");
  if (!root.ok()) {
    return Status(PD_ERR_PROTOCOL, fmt::format("plex.tv answered the server list request with {}",
                                               root.status().message()));
  }
  std::vector<PlexResource> out;
  for (const PmsNode* n : root->Children("resource")) {
    PlexResource r;
    r.name = n->Get("name");
    r.product = n->Get("product");
    r.product_version = n->Get("productVersion");
    r.platform = n->Get("platform");
    r.client_identifier = n->Get("clientIdentifier");
    r.access_token = n->Get("accessToken");
    r.provides = n->Get("provides");
    r.source_title = n->Get("sourceTitle");
    r.owned = n->GetBool("owned");
    r.presence = n->GetBool("presence");
    r.https_required = n->GetBool("httpsRequired");
    for (const PmsNode* c : n->Children("connections"))
      r.connections.push_back(ConnectionFromNode(*c));
    if (r.client_identifier.empty()) continue;  // nothing can be proven about it
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<PlexTvError> ParsePlexTvErrors(std::string_view body) {
  std::vector<PlexTvError> out;
  const BodyFormat format = DetectBodyFormat(body);
  if (format == BodyFormat::kJson) {
    Result<PmsNode> node = ParseJsonObject(body, "root");
    if (!node.ok()) return out;
    for (const PmsNode* e : node->Children("errors")) {
      const int64_t code = e->GetInt("code");
      // A code int cannot hold is none plex.tv uses; a narrowing cast could turn it into one.
      const bool fits =
          code >= std::numeric_limits<int>::min() && code <= std::numeric_limits<int>::max();
      out.push_back({fits ? static_cast<int>(code) : 0, e->Get("message")});
    }
    if (out.empty() && node->Has("error")) out.push_back({0, node->Get("error")});
    return out;
  }
  if (format != BodyFormat::kXml) return out;
  try {
    Poco::XML::DOMParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
    const std::string text(body);
    Poco::AutoPtr<Poco::XML::Document> doc = parser.parseMemory(text.data(), text.size());
    Poco::AutoPtr<Poco::XML::NodeList> errors = doc->getElementsByTagName("error");
    for (unsigned long i = 0; i < errors->length(); ++i) {
      auto* e = static_cast<Poco::XML::Element*>(errors->item(i));
      PlexTvError error;
      // from_chars, not atoi: a code too large for int is undefined behaviour for atoi.
      const std::string code = e->getAttribute("code");
      if (std::from_chars(code.data(), code.data() + code.size(), error.code).ec != std::errc())
        error.code = 0;
      error.message = e->getAttribute("message");
      if (error.message.empty()) error.message = e->innerText();
      out.push_back(error);
    }
  } catch (const Poco::Exception&) {
    // Not the error document we know: the caller describes the HTTP status instead.
  }
  return out;
}

}  // namespace plexdriver
