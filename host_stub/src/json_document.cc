#include "json_document.h"

#include <Poco/JSON/Parser.h>

namespace host_stub {

using Poco::JSON::Object;

Object::Ptr ParseObject(const std::string& json) {
  try {
    return Poco::JSON::Parser().parse(json).extract<Object::Ptr>();
  } catch (const std::exception&) {
    return nullptr;
  }
}

std::string Str(const Object::Ptr& o, const std::string& key, const std::string& fallback) {
  if (!o || !o->has(key) || o->isNull(key)) return fallback;
  return o->get(key).convert<std::string>();
}

bool Flag(const Object::Ptr& o, const std::string& key) {
  if (!o || !o->has(key) || o->isNull(key)) return false;
  try {
    return o->get(key).convert<bool>();
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace host_stub
