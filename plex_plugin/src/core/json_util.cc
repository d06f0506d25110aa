#include "core/json_util.h"

#include <sstream>

namespace plexdriver {

std::string ToJson(const Poco::JSON::Object::Ptr& object) {
  std::ostringstream out;
  object->stringify(out);
  return out.str();
}

std::string ToJson(const Poco::JSON::Array::Ptr& array) {
  std::ostringstream out;
  array->stringify(out);
  return out.str();
}

Poco::JSON::Array::Ptr ToJsonArray(const std::vector<std::string>& values) {
  Poco::JSON::Array::Ptr arr = new Poco::JSON::Array();
  for (const auto& v : values) arr->add(v);
  return arr;
}

}  // namespace plexdriver
