// Percent-encoding for query values sent to Plex (RFC 3986): every byte except the unreserved
// set A-Z a-z 0-9 - . _ ~ becomes %XX, so spaces, '&', '#', '+', '%', separators and UTF-8
// bytes (NFC or NFD, untouched) arrive exactly as written.
#ifndef PLEXDRIVER_PLANNING_URL_ENCODING_H_
#define PLEXDRIVER_PLANNING_URL_ENCODING_H_

#include <string>
#include <string_view>

namespace plexdriver {

std::string PercentEncode(std::string_view value);

// The value of one hexadecimal digit (either case), -1 for any other character.
int HexDigitValue(char c);

// The inverse; malformed escapes are kept literally. Used by tests and for log readability.
std::string PercentDecode(std::string_view value);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLANNING_URL_ENCODING_H_
