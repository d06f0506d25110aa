// SPDX-License-Identifier: MIT
#include "provider/safe_path.h"

#include <sys/stat.h>

#include <cctype>
#include <climits>
#include <cstdlib>
#include <memory>

#include <fmt/format.h>

#include "core/text.h"
#include "core/utf8.h"
#include "planning/url_encoding.h"

namespace plexdriver {
namespace {

Status Refused(std::string_view why) { return Status(PD_ERR_NOT_FOUND, std::string(why)); }

}  // namespace

Status CheckRelativePath(std::string_view relative) {
  if (relative.empty()) return Refused("empty path");
  if (relative.size() > 4096) return Refused("path longer than 4096 bytes");
  if (FirstInvalidUtf8(relative)) return Refused("path is not valid UTF-8");
  if (relative.front() == '/') return Refused("absolute path");
  if (relative.find('\\') != std::string_view::npos) return Refused("backslash in path (Windows or UNC form)");
  if (relative.size() >= 2 && std::isalpha(static_cast<unsigned char>(relative[0])) && relative[1] == ':') {
    return Refused("Windows drive path");
  }
  for (char c : relative) {
    if (c == '\0' || IsControlCharacter(c)) return Refused("control character in path");
  }
  size_t start = 0;
  while (start <= relative.size()) {
    const size_t end = std::min(relative.find('/', start), relative.size());
    const std::string_view segment = relative.substr(start, end - start);
    if (segment.empty()) return Refused("empty path segment (\"//\")");
    if (segment == "." || segment == "..") return Refused("\".\" or \"..\" segment");
    if (segment.find(':') != std::string_view::npos && start == 0) return Refused("drive or scheme form");
    start = end + 1;
  }
  return Status::Ok();
}

Result<std::string> DecodeRelativePath(std::string_view encoded) {
  std::string decoded;
  decoded.reserve(encoded.size());
  for (size_t i = 0; i < encoded.size(); ++i) {
    const char c = encoded[i];
    if (c != '%') {
      decoded.push_back(c);
      continue;
    }
    if (i + 2 >= encoded.size()) return Refused("malformed percent escape");
    const int hi = HexDigitValue(encoded[i + 1]);
    const int lo = HexDigitValue(encoded[i + 2]);
    if (hi < 0 || lo < 0) return Refused("malformed percent escape");
    const char byte = static_cast<char>(hi * 16 + lo);
    if (byte == '/' || byte == '\\') return Refused("percent-encoded separator (%2F or %5C)");
    if (byte == '%') return Refused("percent-encoded '%' (double encoding)");
    decoded.push_back(byte);
    i += 2;
  }
  if (Status s = CheckRelativePath(decoded); !s.ok()) return s;
  return decoded;
}

std::string RealPath(const std::string& path) {
  std::unique_ptr<char, decltype(&std::free)> real(::realpath(path.c_str(), nullptr), &std::free);
  return real ? std::string(real.get()) : std::string();
}

std::string RealPathBelow(const std::string& canonical_root, std::string_view relative) {
  std::string joined = canonical_root;
  size_t start = 0;
  while (start <= relative.size()) {
    const size_t end = std::min(relative.find('/', start), relative.size());
    joined.push_back('/');
    joined.append(relative.substr(start, end - start));
    struct stat st {};
    if (::lstat(joined.c_str(), &st) != 0) return "";
    if (S_ISLNK(st.st_mode)) return RealPath(canonical_root + "/" + std::string(relative));
    start = end + 1;
  }
  return joined;
}

Result<std::string> ContainedRealPath(const std::string& canonical_root, std::string_view relative) {
  if (Status s = CheckRelativePath(relative); !s.ok()) return s;
  const std::string resolved = RealPathBelow(canonical_root, relative);
  if (resolved.empty()) return Refused("no such file");
  if (!StartsWith(resolved, canonical_root + "/")) {
    return Refused(fmt::format("resolves outside the manager root (a symlink to \"{}\")", resolved));
  }
  return resolved;
}

std::string EncodeRelativePath(std::string_view relative) {
  std::string out;
  size_t start = 0;
  while (start <= relative.size()) {
    const size_t end = std::min(relative.find('/', start), relative.size());
    if (start > 0) out.push_back('/');
    out += PercentEncode(relative.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace plexdriver
