#include "plex/media_container.h"

#include <cctype>
#include <charconv>
#include <sstream>

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NamedNodeMap.h>
#include <Poco/DOM/Node.h>
#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/SAX/InputSource.h>
#include <Poco/XML/XMLException.h>
#include <fmt/format.h>

#include "core/utf8.h"

namespace plexdriver {

std::string Excerpt(std::string_view body, size_t max) {
  std::string text(body.substr(0, max));
  for (char& c : text) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';
  }
  return body.size() > max ? text + "..." : text;
}
namespace {

using Poco::Dynamic::Var;

std::string ScalarText(const Var& v) {
  if (v.isBoolean()) return v.convert<bool>() ? "1" : "0";
  return v.convert<std::string>();
}

void FromJsonObject(const Poco::JSON::Object& obj, PmsNode* node) {
  for (const auto& [key, value] : obj) {
    if (value.isEmpty()) continue;
    if (value.type() == typeid(Poco::JSON::Object::Ptr)) {
      PmsNode child;
      child.name = key;
      FromJsonObject(*value.extract<Poco::JSON::Object::Ptr>(), &child);
      node->children.push_back(std::move(child));
    } else if (value.type() == typeid(Poco::JSON::Array::Ptr)) {
      const auto& arr = *value.extract<Poco::JSON::Array::Ptr>();
      for (size_t i = 0; i < arr.size(); ++i) {
        Poco::JSON::Object::Ptr item = arr.getObject(static_cast<unsigned>(i));
        if (!item) continue;  // arrays of scalars carry nothing the driver reads
        PmsNode child;
        child.name = key;
        FromJsonObject(*item, &child);
        node->children.push_back(std::move(child));
      }
    } else {
      node->attrs[key] = ScalarText(value);
    }
  }
}

void FromXmlElement(const Poco::XML::Element& element, PmsNode* node) {
  node->name = element.nodeName();
  Poco::AutoPtr<Poco::XML::NamedNodeMap> attributes = element.attributes();
  for (unsigned long i = 0; i < attributes->length(); ++i) {
    Poco::XML::Node* attr = attributes->item(i);
    node->attrs[attr->nodeName()] = attr->nodeValue();
  }
  for (Poco::XML::Node* c = element.firstChild(); c; c = c->nextSibling()) {
    if (c->nodeType() != Poco::XML::Node::ELEMENT_NODE) continue;
    PmsNode child;
    FromXmlElement(static_cast<const Poco::XML::Element&>(*c), &child);
    node->children.push_back(std::move(child));
  }
}

// `body` is valid UTF-8 (the public entry points make it so).
Result<PmsNode> ParseJson(const std::string& body, const std::string& root_name) {
  Var root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(body);
  } catch (const Poco::Exception& e) {
    return Status(PD_ERR_PROTOCOL, fmt::format("malformed JSON from the server ({})",
                                               e.message().empty() ? e.displayText() : e.message()));
  }
  if (root.type() != typeid(Poco::JSON::Object::Ptr)) {
    return Status(PD_ERR_PROTOCOL, "the server's JSON is not an object");
  }
  auto obj = root.extract<Poco::JSON::Object::Ptr>();
  Poco::JSON::Object::Ptr container = obj->getObject(root_name);
  if (!container) {
    return Status(PD_ERR_PROTOCOL,
                  fmt::format("the server's JSON has no {}: {}", root_name, Excerpt(body, 80)));
  }
  PmsNode node;
  node.name = root_name;
  FromJsonObject(*container, &node);
  return node;
}

Result<Poco::JSON::Object::Ptr> ParseObject(const std::string& body) {
  Var root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(body);
  } catch (const Poco::Exception& e) {
    return Status(PD_ERR_PROTOCOL, fmt::format("malformed JSON ({})",
                                               e.message().empty() ? e.displayText() : e.message()));
  }
  if (root.type() != typeid(Poco::JSON::Object::Ptr)) return Status(PD_ERR_PROTOCOL, "the JSON is not an object");
  return root.extract<Poco::JSON::Object::Ptr>();
}

Result<PmsNode> ParseXml(const std::string& body) {
  try {
    Poco::XML::DOMParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, false);
    // No external entities or DTDs from a network peer.
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
    Poco::AutoPtr<Poco::XML::Document> doc = parser.parseMemory(body.data(), body.size());
    Poco::XML::Element* root = doc->documentElement();
    if (!root || root->nodeName() != "MediaContainer") {
      return Status(PD_ERR_PROTOCOL,
                    fmt::format("the server's XML root is <{}>, not <MediaContainer>",
                                root ? root->nodeName() : std::string("none")));
    }
    PmsNode node;
    FromXmlElement(*root, &node);
    return node;
  } catch (const Poco::Exception& e) {
    return Status(PD_ERR_PROTOCOL, fmt::format("malformed XML from the server ({})",
                                               e.message().empty() ? e.displayText() : e.message()));
  }
}

}  // namespace

std::string PmsNode::Get(const std::string& key, const std::string& fallback) const {
  auto it = attrs.find(key);
  return it == attrs.end() ? fallback : it->second;
}

bool PmsNode::GetBool(const std::string& key) const {
  const std::string v = Get(key);
  return v == "1" || v == "true";
}

int64_t PmsNode::GetInt(const std::string& key, int64_t fallback) const {
  const std::string v = Get(key);
  int64_t out = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || end != v.data() + v.size() || v.empty()) return fallback;
  return out;
}

std::vector<const PmsNode*> PmsNode::Children(const std::string& child_name) const {
  std::vector<const PmsNode*> out;
  for (const PmsNode& c : children) {
    if (c.name == child_name) out.push_back(&c);
  }
  return out;
}

BodyFormat DetectBodyFormat(std::string_view body) {
  size_t i = 0;
  // Skip a UTF-8 byte order mark and whitespace.
  if (body.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i]))) ++i;
  if (i == body.size()) return BodyFormat::kEmpty;
  if (body[i] == '{' || body[i] == '[') return BodyFormat::kJson;
  if (body[i] != '<') return BodyFormat::kUnknown;
  std::string head(body.substr(i, 64));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0) return BodyFormat::kHtml;
  return BodyFormat::kXml;
}

Result<PmsNode> ParseMediaContainer(std::string_view body) {
  switch (DetectBodyFormat(body)) {
    case BodyFormat::kJson: return ParseJson(ToValidUtf8(std::string(body)), "MediaContainer");
    case BodyFormat::kXml: return ParseXml(ToValidUtf8(std::string(body)));
    case BodyFormat::kHtml:
      return Status(PD_ERR_PROTOCOL, fmt::format("the server answered with an HTML page, not a "
                                                 "Plex MediaContainer: {}", Excerpt(body, 80)));
    case BodyFormat::kEmpty: return Status(PD_ERR_PROTOCOL, "the server sent an empty body");
    case BodyFormat::kUnknown: break;
  }
  return Status(PD_ERR_PROTOCOL,
                fmt::format("the server sent neither JSON nor XML: {}", Excerpt(body, 80)));
}

Result<PmsNode> ParseJsonContainer(std::string_view body, const std::string& root_name) {
  if (DetectBodyFormat(body) != BodyFormat::kJson) {
    return Status(PD_ERR_PROTOCOL, fmt::format("expected JSON with {}, got: {}", root_name,
                                               Excerpt(body, 80)));
  }
  return ParseJson(ToValidUtf8(std::string(body)), root_name);
}

Result<PmsNode> ParseJsonObject(std::string_view body, const std::string& name) {
  Result<Poco::JSON::Object::Ptr> obj = ParseObject(ToValidUtf8(std::string(body)));
  if (!obj.ok()) return obj.status();
  PmsNode node;
  node.name = name;
  FromJsonObject(**obj, &node);
  return node;
}

}  // namespace plexdriver
