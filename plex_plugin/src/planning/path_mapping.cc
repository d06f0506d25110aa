#include "planning/path_mapping.h"

#include <fmt/format.h>

namespace plexdriver {
namespace {

Status InvalidRule(size_t i, const char* side, const std::string& value, const char* what) {
  return Status(PD_ERR_INVALID_CONFIG,
                fmt::format("path_mappings[{}].{}: \"{}\" {}", i, side, value, what));
}

// A relative part written in one style, re-spelled for the other: a Windows '\' is a separator
// and becomes '/', which either style reads as one.
std::string PortableRelative(std::string relative, PathStyle from) {
  if (from == PathStyle::kWindows) {
    for (char& c : relative) {
      if (c == '\\') c = '/';
    }
  }
  return relative;
}

}  // namespace

Result<PathMapper> PathMapper::Create(std::vector<PathMappingRule> rules, PathStyle server_style) {
  std::vector<Prepared> prepared;
  for (size_t i = 0; i < rules.size(); ++i) {
    const PathMappingRule& r = rules[i];
    const PathStyle manager_style = GuessPathStyle(r.manager_path);
    if (!IsAbsolutePath(r.manager_path, manager_style)) {
      return InvalidRule(i, "metarr_path", r.manager_path,
                         "is not an absolute path; write it as the media manager sees it, e.g. "
                         "\"/mnt/media/movies\"");
    }
    if (!IsAbsolutePath(r.server_path, server_style)) {
      return InvalidRule(
          i, "player_path", r.server_path,
          server_style == PathStyle::kWindows
              ? "is not an absolute Windows path; write it as Plex shows it, e.g. \"M:\\Media\\Movies\""
              : "is not an absolute path; write it as Plex shows it in the library's folders, "
                "e.g. \"/data/movies\"");
    }
    if (HasParentReference(r.manager_path, manager_style)) {
      return InvalidRule(i, "metarr_path", r.manager_path, "contains \"..\"; use the real folder");
    }
    if (HasParentReference(r.server_path, server_style)) {
      return InvalidRule(i, "player_path", r.server_path, "contains \"..\"; use the real folder");
    }
    Prepared p{manager_style, NormalizePath(r.manager_path, manager_style),
               NormalizePath(r.server_path, server_style)};
    for (size_t j = 0; j < prepared.size(); ++j) {
      if (ComparisonKey(prepared[j].manager_root, prepared[j].manager_style) ==
              ComparisonKey(p.manager_root, manager_style) &&
          ComparisonKey(prepared[j].server_root, server_style) !=
              ComparisonKey(p.server_root, server_style)) {
        return Status(PD_ERR_INVALID_CONFIG,
                      fmt::format("path_mappings[{}] and path_mappings[{}] map the same metarr_path "
                                  "\"{}\" to different player paths (\"{}\" and \"{}\"); keep one",
                                  j, i, r.manager_path, rules[j].server_path, r.server_path));
      }
    }
    prepared.push_back(std::move(p));
  }
  return PathMapper(std::move(rules), std::move(prepared), server_style);
}

int PathMapper::LongestMatch(std::string_view path, PathStyle style, bool server_side) const {
  int best = -1;
  size_t best_len = 0;
  for (size_t i = 0; i < prepared_.size(); ++i) {
    const Prepared& p = prepared_[i];
    if (!server_side && p.manager_style != style) continue;
    const std::string& root = server_side ? p.server_root : p.manager_root;
    if (PathIsWithin(path, root, style) && (best < 0 || root.size() > best_len)) {
      best = static_cast<int>(i);
      best_len = root.size();
    }
  }
  return best;
}

Result<MappedPath> PathMapper::ToServer(std::string_view manager_path) const {
  const PathStyle style = GuessPathStyle(manager_path);
  if (!IsAbsolutePath(manager_path, style)) {
    return Status(PD_ERR_INVALID_ARGUMENT,
                  fmt::format("path \"{}\" is not absolute; send the full path as the media "
                              "manager sees it", manager_path));
  }
  if (HasParentReference(manager_path, style)) {
    return Status(PD_ERR_INVALID_ARGUMENT,
                  fmt::format("path \"{}\" contains \"..\"; send the resolved path", manager_path));
  }
  const int best = LongestMatch(manager_path, style, /*server_side=*/false);
  MappedPath out;
  out.rule_index = best;
  if (best < 0) {
    out.server_path = NormalizePath(manager_path, server_style_);
  } else {
    const Prepared& p = prepared_[best];
    out.server_path = JoinPath(
        p.server_root, PortableRelative(RelativePart(manager_path, p.manager_root, style), style),
        server_style_);
  }
  // "/m/x/..\..\y" has no ".." for a POSIX manager, but a Windows server reads "\" as a
  // separator: the mapped path would climb out of its mapping (found by fuzzing).
  if (HasParentReference(out.server_path, server_style_)) {
    return Status(PD_ERR_INVALID_ARGUMENT,
                  fmt::format("path \"{}\" contains \"..\" as the server reads it (\"{}\"); send "
                              "the resolved path", manager_path, out.server_path));
  }
  return out;
}

Result<ManagerPath> PathMapper::ToManager(std::string_view server_path) const {
  if (!IsAbsolutePath(server_path, server_style_)) {
    return Status(PD_ERR_INVALID_ARGUMENT,
                  fmt::format("server path \"{}\" is not absolute", server_path));
  }
  if (HasParentReference(server_path, server_style_)) {
    return Status(PD_ERR_INVALID_ARGUMENT,
                  fmt::format("server path \"{}\" contains \"..\"", server_path));
  }
  const int best = LongestMatch(server_path, server_style_, /*server_side=*/true);
  ManagerPath out;
  out.rule_index = best;
  if (best < 0) {
    out.manager_path = NormalizePath(server_path, server_style_);
    return out;
  }
  const Prepared& p = prepared_[best];
  out.manager_path = JoinPath(
      p.manager_root,
      PortableRelative(RelativePart(server_path, p.server_root, server_style_), server_style_),
      p.manager_style);
  return out;
}

}  // namespace plexdriver
