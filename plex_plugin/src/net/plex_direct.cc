#include "net/plex_direct.h"

#include <cctype>
#include <vector>

#include "core/text.h"

namespace plexdriver {
namespace {

constexpr std::string_view kSuffix = ".plex.direct";

std::string_view WithoutTrailingDot(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  return host;
}

}  // namespace

bool IsPlexDirectName(std::string_view host) {
  const std::string name = ToLowerAscii(WithoutTrailingDot(host));
  if (name.size() <= kSuffix.size() ||
      name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
    return false;
  }
  // Two labels before the suffix: the address and the server's hash.
  const std::string_view rest(name.data(), name.size() - kSuffix.size());
  const size_t dot = rest.find('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < rest.size() &&
         rest.find('.', dot + 1) == std::string_view::npos;
}

std::optional<std::string> PlexDirectAddress(std::string_view host) {
  if (!IsPlexDirectName(host)) return std::nullopt;
  const std::string_view label = host.substr(0, host.find('.'));
  std::vector<int> octets;
  int value = -1;
  for (size_t i = 0; i <= label.size(); ++i) {
    if (i == label.size() || label[i] == '-') {
      if (value < 0 || value > 255) return std::nullopt;
      octets.push_back(value);
      value = -1;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(label[i]))) return std::nullopt;
    if (value == 0) return std::nullopt;  // no leading zeros: "010" is not an octet Plex writes
    value = (value < 0 ? 0 : value * 10) + (label[i] - '0');
    if (value > 255) return std::nullopt;
  }
  if (octets.size() != 4) return std::nullopt;
  return std::to_string(octets[0]) + "." + std::to_string(octets[1]) + "." +
         std::to_string(octets[2]) + "." + std::to_string(octets[3]);
}

}  // namespace plexdriver
