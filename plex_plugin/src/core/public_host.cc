// SPDX-License-Identifier: MIT
#include "core/public_host.h"

#include <algorithm>
#include <cstdio>

#include "core/text.h"

namespace plexdriver {
namespace {

// -1 when `host` is no dotted IPv4 address; else 1 when it is a public one, 0 when not.
int PublicIpv4(const std::string& host) {
  unsigned a = 0, b = 0, c = 0, d = 0;
  char tail = 0;
  if (std::sscanf(host.c_str(), "%3u.%3u.%3u.%3u%c", &a, &b, &c, &d, &tail) != 4 || a > 255 || b > 255 || c > 255 ||
      d > 255) {
    return -1;
  }
  const bool local = a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && b >= 16 && b <= 31) ||
                     (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127);
  return local ? 0 : 1;
}

}  // namespace

std::string HostOfUrl(std::string_view url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  const size_t at = rest.rfind('@');
  if (at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() == '[') {
    const size_t close = rest.find(']');
    return close == std::string_view::npos ? "" : ToLowerAscii(rest.substr(1, close - 1));
  }
  return ToLowerAscii(rest.substr(0, rest.find(':')));
}

bool IsPublicHost(std::string_view raw) {
  const std::string host = ToLowerAscii(raw);
  if (host.empty() || host == "localhost") return false;
  if (host.find(':') != std::string::npos) {  // IPv6
    return !(host == "::1" || host == "::" || StartsWith(host, "fc") || StartsWith(host, "fd") ||
             StartsWith(host, "fe8") || StartsWith(host, "fe9") || StartsWith(host, "fea") || StartsWith(host, "feb"));
  }
  if (const int v4 = PublicIpv4(host); v4 >= 0) return v4 == 1;
  if (host.find('.') == std::string::npos) return false;  // a bare name only a local resolver knows
  for (std::string_view suffix : {".local", ".lan", ".home", ".internal", ".localdomain", ".home.arpa"}) {
    if (EndsWith(host, suffix)) return false;
  }
  if (EndsWith(host, ".plex.direct")) {  // the first label spells the address it resolves to
    std::string address = host.substr(0, host.find('.'));
    std::replace(address.begin(), address.end(), '-', '.');
    if (PublicIpv4(address) == 0) return false;
  }
  return true;
}

}  // namespace plexdriver
