// Everything that crosses the ABI is UTF-8; this is where input is checked.
#ifndef PLEXDRIVER_CORE_UTF8_H_
#define PLEXDRIVER_CORE_UTF8_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace plexdriver {

// Offset of the first byte that is not part of a well-formed UTF-8 sequence (overlong forms,
// surrogates and values past U+10FFFF are rejected), or nullopt when `text` is valid.
std::optional<size_t> FirstInvalidUtf8(std::string_view text);

// `text` with every byte that is not part of a well-formed sequence replaced by U+FFFD, so it can
// cross the ABI (messages, documents) whatever a server or a file name contained. Valid text is
// returned unchanged (and the check allocates nothing).
std::string ToValidUtf8(std::string text);

// True when every byte is printable ASCII other than space (0x21-0x7e): what a token or client
// identifier sent in an HTTP header or query may hold.
bool IsVisibleAscii(std::string_view text);

// A C0 control character or DEL (line breaks, tabs, NUL, escape...). Text that ends up in an
// HTTP header must hold none, or it could end the header and start another.
inline bool IsControlCharacter(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x20 || u == 0x7f;
}
bool HasControlCharacter(std::string_view text);

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_UTF8_H_
