// Percent-encoding of query values (server paths sent to Plex): the encoding uses only the
// unreserved set and %XX, and decoding it gives back the exact bytes (NFC, NFD, '%', '+', '#').
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "planning/url_encoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plexdriver;
  const std::string_view value(reinterpret_cast<const char*>(data), size);
  const std::string encoded = PercentEncode(value);
  for (size_t i = 0; i < encoded.size(); ++i) {
    const char c = encoded[i];
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) continue;
    FUZZ_CHECK(c == '%' && i + 2 < encoded.size() &&
                   std::isxdigit(static_cast<unsigned char>(encoded[i + 1])) &&
                   std::isxdigit(static_cast<unsigned char>(encoded[i + 2])),
               encoded);
    i += 2;
  }
  FUZZ_CHECK(PercentDecode(encoded) == value, encoded);
  // Decoding arbitrary text never grows it and keeps malformed escapes as written.
  FUZZ_CHECK(PercentDecode(value).size() <= value.size(), std::string(value));
  return 0;
}
