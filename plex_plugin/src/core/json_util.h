// Small helpers for the JSON documents the driver writes (key order preserved, UTF-8 kept).
#ifndef PLEXDRIVER_CORE_JSON_UTIL_H_
#define PLEXDRIVER_CORE_JSON_UTIL_H_

#include <string>
#include <vector>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

namespace plexdriver {

inline Poco::JSON::Object::Ptr NewJsonObject() {
  return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

// Compact serialisation of an object or array.
std::string ToJson(const Poco::JSON::Object::Ptr& object);
std::string ToJson(const Poco::JSON::Array::Ptr& array);

Poco::JSON::Array::Ptr ToJsonArray(const std::vector<std::string>& values);

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_JSON_UTIL_H_
