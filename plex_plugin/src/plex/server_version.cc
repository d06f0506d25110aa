#include "plex/server_version.h"

#include <charconv>

namespace plexdriver {

std::optional<ServerVersion> ServerVersion::Parse(std::string_view text) {
  ServerVersion v;
  size_t count = 0;
  const char* p = text.data();
  const char* end = text.data() + text.size();
  while (count < v.parts.size() && p < end) {
    int value = 0;
    auto [next, ec] = std::from_chars(p, end, value);
    if (ec != std::errc() || value < 0) break;
    v.parts[count++] = value;
    p = next;
    if (p == end || *p != '.') break;
    ++p;
  }
  if (count < 2) return std::nullopt;
  return v;
}

}  // namespace plexdriver
