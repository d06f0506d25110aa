// What every harness asserts beyond "no crash, no sanitizer report": the invariants the driver
// promises for hostile input (errors carry the documented status and a readable UTF-8 message,
// parsed text is UTF-8). A broken invariant aborts, which libFuzzer reports as a crash.
#ifndef PLEXDRIVER_TESTS_FUZZ_FUZZ_CHECK_H_
#define PLEXDRIVER_TESTS_FUZZ_FUZZ_CHECK_H_

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/utf8.h"

namespace fuzz {

[[noreturn]] inline void Fail(const char* what, const char* file, int line,
                              std::string_view detail) {
  std::fprintf(stderr, "FUZZ_CHECK failed at %s:%d: %s\n  %.*s\n", file, line, what,
               static_cast<int>(std::min<size_t>(detail.size(), 2000)), detail.data());
  std::abort();
}

#define FUZZ_CHECK(cond, detail)                                    \
  do {                                                              \
    if (!(cond)) ::fuzz::Fail(#cond, __FILE__, __LINE__, (detail)); \
  } while (0)

inline bool IsUtf8(std::string_view text) {
  return !plexdriver::FirstInvalidUtf8(text).has_value();
}

// A refusal: the documented status and a non-empty, valid UTF-8 message.
inline void CheckRefusal(const plexdriver::Status& status, pd_status expected) {
  FUZZ_CHECK(status.code() == expected, status.ToString());
  FUZZ_CHECK(!status.message().empty(), status.ToString());
  FUZZ_CHECK(IsUtf8(status.message()), status.message());
}

// The string member `key` of the JSON object `json`, or "" when it is not one (or not an object).
inline std::string StringMember(std::string_view json, const char* key) {
  try {
    Poco::JSON::Object::Ptr obj =
        Poco::JSON::Parser().parse(std::string(json)).extract<Poco::JSON::Object::Ptr>();
    if (!obj || !obj->has(key) || !obj->get(key).isString()) return "";
    return obj->get(key).extract<std::string>();
  } catch (...) {
    return "";
  }
}

// Whether `needle` stands exactly once in `text`: then a message containing it quotes that one
// place, and replacing it replaces that value.
inline bool OccursOnce(std::string_view text, std::string_view needle) {
  const size_t first = text.find(needle);
  return first != std::string_view::npos && text.find(needle, first + 1) == std::string_view::npos;
}

// A document the driver built (an event, a result): JSON a host can parse, and UTF-8 when what
// it was made from was.
inline void CheckJsonDocument(const std::string& json, bool from_utf8) {
  if (from_utf8) FUZZ_CHECK(IsUtf8(json), json);
  try {
    Poco::JSON::Parser().parse(json);
  } catch (const std::exception&) {
    FUZZ_CHECK(false, json);
  }
}

}  // namespace fuzz

#endif  // PLEXDRIVER_TESTS_FUZZ_FUZZ_CHECK_H_
