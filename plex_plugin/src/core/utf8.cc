#include "core/utf8.h"

#include <algorithm>

namespace plexdriver {

std::optional<size_t> FirstInvalidUtf8(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > text.size()) return i;
    for (size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
                          (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::nullopt;
}

std::string ToValidUtf8(std::string text) {
  std::optional<size_t> bad = FirstInvalidUtf8(text);
  if (!bad) return text;
  std::string out;
  out.reserve(text.size() + 16);
  std::string_view rest(text);
  while (bad) {
    out.append(rest.substr(0, *bad));
    out.append("\xEF\xBF\xBD");  // U+FFFD for the stray byte; the scan resumes after it
    rest.remove_prefix(*bad + 1);
    bad = FirstInvalidUtf8(rest);
  }
  out.append(rest);
  return out;
}

bool IsVisibleAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return true;
}

bool HasControlCharacter(std::string_view text) {
  return std::any_of(text.begin(), text.end(), IsControlCharacter);
}

}  // namespace plexdriver
