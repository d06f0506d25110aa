#include "media_container.h"

#include <cstdio>
#include <map>

namespace pms_emulator {

Element& Element::Set(const std::string& key, Type type, std::string text) {
  // Setting a key twice replaces it: XML forbids repeated attributes.
  for (Attribute& a : attributes_) {
    if (a.key == key) {
      a.type = type;
      a.text = std::move(text);
      return *this;
    }
  }
  attributes_.push_back({key, type, std::move(text)});
  return *this;
}

Element& Element::Str(const std::string& key, std::string value) {
  return Set(key, Type::kString, std::move(value));
}

Element& Element::Int(const std::string& key, int64_t value) {
  return Set(key, Type::kInt, std::to_string(value));
}

Element& Element::Bool(const std::string& key, bool value) {
  return Set(key, Type::kBool, value ? "1" : "0");
}

Element& Element::BoolWord(const std::string& key, bool value) {
  return Set(key, Type::kBool, value ? "true" : "false");
}

Element& Element::Num(const std::string& key, double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", value);
  return Set(key, Type::kNumber, buf);
}

Element& Element::Add(Element child) {
  children_.push_back(std::move(child));
  return *this;
}

Element& Element::Child(const std::string& name) {
  children_.emplace_back(name);
  return children_.back();
}

std::string JsonEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 2);
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

void Element::WriteXml(std::string* out) const {
  *out += "<" + name_;
  for (const Attribute& a : attributes_) *out += " " + a.key + "=\"" + XmlEscape(a.text) + "\"";
  if (children_.empty()) {
    *out += " />\n";
    return;
  }
  *out += ">\n";
  for (const Element& c : children_) c.WriteXml(out);
  *out += "</" + name_ + ">\n";
}

std::string Element::ToXml() const {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  WriteXml(&out);
  return out;
}

void Element::WriteJsonBody(std::string* out) const {
  *out += "{";
  bool first = true;
  for (const Attribute& a : attributes_) {
    if (!first) *out += ",";
    first = false;
    *out += "\"" + JsonEscape(a.key) + "\":";
    switch (a.type) {
      case Type::kString: *out += "\"" + JsonEscape(a.text) + "\""; break;
      case Type::kBool: *out += a.text == "1" || a.text == "true" ? "true" : "false"; break;
      case Type::kInt:
      case Type::kNumber: *out += a.text; break;
    }
  }
  // Children grouped by element name, in order of first appearance.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const Element*>> groups;
  for (const Element& c : children_) {
    if (!groups.count(c.json_key())) order.push_back(c.json_key());
    groups[c.json_key()].push_back(&c);
  }
  for (const std::string& name : order) {
    if (!first) *out += ",";
    first = false;
    *out += "\"" + JsonEscape(name) + "\":";
    const std::vector<const Element*>& group = groups[name];
    if (group.size() == 1 && group[0]->json_object_) {
      group[0]->WriteJsonBody(out);
      continue;
    }
    *out += "[";
    bool first_child = true;
    for (const Element* c : group) {
      if (!first_child) *out += ",";
      first_child = false;
      c->WriteJsonBody(out);
    }
    *out += "]";
  }
  *out += "}";
}

std::string Element::ToJson() const {
  std::string out = "{\"" + JsonEscape(name_) + "\":";
  WriteJsonBody(&out);
  out += "}";
  return out;
}

}  // namespace pms_emulator
