// Text helpers both emulators use to write their answers. Header-only.
#ifndef EMULATOR_SUPPORT_TEXT_H_
#define EMULATOR_SUPPORT_TEXT_H_

#include <cctype>
#include <sstream>
#include <string>

namespace emulator_support {

inline std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// `text` safe inside an XML attribute value or element.
inline std::string XmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// A Poco JSON object or array as compact text.
template <typename T>
std::string ToJson(const T& value) {
  std::ostringstream out;
  value.stringify(out);
  return out.str();
}

}  // namespace emulator_support

#endif  // EMULATOR_SUPPORT_TEXT_H_
