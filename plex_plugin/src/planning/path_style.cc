#include "planning/path_style.h"

#include <algorithm>
#include <cctype>

namespace plexdriver {
namespace {

bool IsDriveLetterPrefix(std::string_view p) {
  return p.size() >= 2 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':';
}

bool IsUncPrefix(std::string_view p) {
  return p.size() >= 2 && (p[0] == '\\' || p[0] == '/') && (p[1] == '\\' || p[1] == '/');
}

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Length of the root prefix of a normalized path that must never be trimmed: "/" on POSIX,
// "C:\" or "\\" on Windows ("C:" alone is drive-relative and stays as written).
size_t RootLength(std::string_view normalized, PathStyle style) {
  if (style == PathStyle::kPosix) return (!normalized.empty() && normalized[0] == '/') ? 1 : 0;
  if (IsDriveLetterPrefix(normalized)) return normalized.size() >= 3 && normalized[2] == '\\' ? 3 : 2;
  if (normalized.size() >= 2 && normalized[0] == '\\' && normalized[1] == '\\') return 2;
  if (!normalized.empty() && normalized[0] == '\\') return 1;
  return 0;
}

}  // namespace

const char* PathStyleName(PathStyle style) {
  return style == PathStyle::kWindows ? "windows" : "posix";
}

PathStyle DetectPathStyle(const std::string& platform, const std::vector<std::string>& locations) {
  std::string p;
  for (char c : platform) p.push_back(AsciiLower(c));
  if (p.find("windows") != std::string::npos) return PathStyle::kWindows;
  if (!p.empty()) return PathStyle::kPosix;
  for (const std::string& l : locations) {
    if (GuessPathStyle(l) == PathStyle::kWindows) return PathStyle::kWindows;
  }
  return PathStyle::kPosix;
}

PathStyle GuessPathStyle(std::string_view path) {
  if (IsDriveLetterPrefix(path)) return PathStyle::kWindows;
  if (path.size() >= 2 && path[0] == '\\' && path[1] == '\\') return PathStyle::kWindows;
  return PathStyle::kPosix;
}

char PreferredSeparator(PathStyle style) { return style == PathStyle::kWindows ? '\\' : '/'; }

bool IsSeparator(char c, PathStyle style) {
  return c == '/' || (style == PathStyle::kWindows && c == '\\');
}

bool IsAbsolutePath(std::string_view path, PathStyle style) {
  if (style == PathStyle::kPosix) return !path.empty() && path[0] == '/';
  if (IsDriveLetterPrefix(path)) return path.size() >= 3 && IsSeparator(path[2], style);
  // A UNC path names a host after its leading separators; separators alone (three backslashes,
  // say) normalize to a bare UNC prefix and are no path (found by fuzzing a mapping rule).
  return IsUncPrefix(path) && path.find_first_not_of("\\/") != std::string_view::npos;
}

std::string NormalizePath(std::string_view path, PathStyle style) {
  const char sep = PreferredSeparator(style);
  std::string out;
  out.reserve(path.size());
  size_t i = 0;
  size_t keep = 0;  // a UNC "\\" prefix is not a repeated separator
  if (style == PathStyle::kWindows && IsUncPrefix(path)) {
    out = "\\\\";
    keep = 2;
    i = 2;
    while (i < path.size() && IsSeparator(path[i], style)) ++i;
  }
  for (; i < path.size(); ++i) {
    const char c = path[i];
    if (!IsSeparator(c, style)) {
      out.push_back(c);
    } else if (out.size() <= keep || out.back() != sep) {
      out.push_back(sep);
    }
  }
  while (out.size() > RootLength(out, style) && out.back() == sep) out.pop_back();
  return out;
}

std::string ComparisonKey(std::string_view normalized_path, PathStyle style) {
  std::string key(normalized_path);
  if (style == PathStyle::kWindows) {
    std::transform(key.begin(), key.end(), key.begin(), AsciiLower);
  }
  return key;
}

namespace {

// True when NormalizePath would return `path` unchanged (checked without allocating, because
// the planner compares thousands of already-normalized paths).
bool IsNormalized(std::string_view path, PathStyle style) {
  const char sep = PreferredSeparator(style);
  size_t start = 0;
  if (style == PathStyle::kWindows && path.size() >= 2 && path[0] == '\\' && path[1] == '\\') {
    start = 2;
    if (path.size() > 2 && IsSeparator(path[2], style)) return false;
  }
  for (size_t i = start; i < path.size(); ++i) {
    if (style == PathStyle::kWindows && path[i] == '/') return false;
    if (path[i] == sep && i > start && path[i - 1] == sep) return false;
  }
  return path.empty() || path.back() != sep || path.size() <= RootLength(path, style);
}

bool WithinNormalized(std::string_view p, std::string_view r, PathStyle style) {
  if (r.empty() || p.size() < r.size()) return false;
  if (style == PathStyle::kPosix) {
    if (p.compare(0, r.size(), r) != 0) return false;
  } else {
    for (size_t i = 0; i < r.size(); ++i) {
      if (AsciiLower(p[i]) != AsciiLower(r[i])) return false;
    }
  }
  if (p.size() == r.size()) return true;
  // A root that already ends in a separator ("/", "C:\") has its boundary built in.
  if (r.back() == PreferredSeparator(style)) return true;
  return p[r.size()] == PreferredSeparator(style);
}

}  // namespace

bool PathIsWithin(std::string_view path, std::string_view root, PathStyle style) {
  if (IsNormalized(path, style) && IsNormalized(root, style)) {
    return WithinNormalized(path, root, style);
  }
  return WithinNormalized(NormalizePath(path, style), NormalizePath(root, style), style);
}

std::string RelativePart(std::string_view path, std::string_view root, PathStyle style) {
  const std::string p = NormalizePath(path, style);
  const std::string r = NormalizePath(root, style);
  if (p.size() <= r.size()) return std::string();
  size_t cut = r.size();
  if (p[cut] == PreferredSeparator(style)) ++cut;
  return p.substr(cut);
}

std::string JoinPath(std::string_view root, std::string_view relative, PathStyle style) {
  std::string r = NormalizePath(root, style);
  const std::string rel = NormalizePath(relative, style);
  std::string_view tail = rel;
  while (!tail.empty() && tail.front() == PreferredSeparator(style)) tail.remove_prefix(1);
  if (tail.empty()) return r;
  if (!r.empty() && r.back() != PreferredSeparator(style)) r.push_back(PreferredSeparator(style));
  r.append(tail);
  // The relative part may itself end like a root ("c:\" is a drive root on its own, a folder
  // named "c:" here): normalize the whole, so a joined path is always normalized (fuzzing).
  return NormalizePath(r, style);
}

std::string ParentFolder(std::string_view path, PathStyle style) {
  const std::string p = NormalizePath(path, style);
  const size_t root = RootLength(p, style);
  const size_t cut = p.find_last_of(PreferredSeparator(style));
  if (cut == std::string::npos || p.size() <= root) return p;
  if (cut < root) return p.substr(0, root);
  if (cut + 1 == root) return p.substr(0, root);
  return p.substr(0, cut);
}

std::string LastComponent(std::string_view path, PathStyle style) {
  const std::string p = NormalizePath(path, style);
  const size_t cut = p.find_last_of(PreferredSeparator(style));
  return cut == std::string::npos ? p : p.substr(cut + 1);
}

bool HasParentReference(std::string_view path, PathStyle style) {
  size_t start = 0;
  for (size_t i = 0; i <= path.size(); ++i) {
    if (i == path.size() || IsSeparator(path[i], style)) {
      if (path.substr(start, i - start) == "..") return true;
      start = i + 1;
    }
  }
  return false;
}

}  // namespace plexdriver
