// Plex response documents: one element tree written either as XML (Plex's default) or as JSON
// (`Accept: application/json`), with the type quirks of the real server: booleans are "1"/"0"
// in XML and true/false in JSON, numbers stay numbers in JSON, and repeated child elements
// become arrays named after the element ("Directory": [...]).
#ifndef PMS_EMULATOR_SRC_MEDIA_CONTAINER_H_
#define PMS_EMULATOR_SRC_MEDIA_CONTAINER_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "emulator_support/text.h"

namespace pms_emulator {

class Element {
 public:
  explicit Element(std::string name) : name_(std::move(name)) {}

  Element& Str(const std::string& key, std::string value);
  Element& Int(const std::string& key, int64_t value);
  Element& Bool(const std::string& key, bool value);
  // A boolean written "true"/"false" in XML (as Plex writes setting values), true/false in JSON.
  Element& BoolWord(const std::string& key, bool value);
  Element& Num(const std::string& key, double value);
  Element& Add(Element child);  // returns *this
  Element& Child(const std::string& name);  // appends a new child and returns it
  // The array name in JSON when it differs from the XML element (movies are <Video> in XML
  // but "Metadata" in JSON).
  // In JSON, this child is a single object ("Context": {...}) rather than an array element.
  Element& JsonObject() {
    json_object_ = true;
    return *this;
  }
  Element& JsonName(std::string name) {
    json_name_ = std::move(name);
    return *this;
  }

  const std::string& name() const { return name_; }
  size_t child_count() const { return children_.size(); }

  std::string ToXml() const;   // with the XML declaration
  std::string ToJson() const;  // {"<name>": {...}}

 private:
  enum class Type { kString, kInt, kBool, kNumber };
  struct Attribute {
    std::string key;
    Type type;
    std::string text;  // the value as written in XML
  };
  Element& Set(const std::string& key, Type type, std::string text);
  void WriteXml(std::string* out) const;
  void WriteJsonBody(std::string* out) const;

  const std::string& json_key() const { return json_name_.empty() ? name_ : json_name_; }

  std::string name_;
  std::string json_name_;
  bool json_object_ = false;
  std::vector<Attribute> attributes_;
  std::vector<Element> children_;
};

using emulator_support::XmlEscape;
std::string JsonEscape(const std::string& text);  // without the surrounding quotes

}  // namespace pms_emulator

#endif  // PMS_EMULATOR_SRC_MEDIA_CONTAINER_H_
