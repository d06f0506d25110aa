// Reading the driver's JSON documents in host_stub's reports, forgivingly: a document or member
// that is missing or of another type reads as the fallback, never as an exception.
#ifndef HOST_STUB_SRC_JSON_DOCUMENT_H_
#define HOST_STUB_SRC_JSON_DOCUMENT_H_

#include <string>

#include <Poco/JSON/Object.h>

namespace host_stub {

// The JSON object in `json`; null when it is not JSON or not an object.
Poco::JSON::Object::Ptr ParseObject(const std::string& json);

// o[key] as text; `fallback` when `o` is null or the member is missing or null.
std::string Str(const Poco::JSON::Object::Ptr& o, const std::string& key,
                const std::string& fallback = "?");

// o[key] as a boolean; false when `o` is null or the member is missing, null or not one.
bool Flag(const Poco::JSON::Object::Ptr& o, const std::string& key);

}  // namespace host_stub

#endif  // HOST_STUB_SRC_JSON_DOCUMENT_H_
