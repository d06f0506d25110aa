// Translating paths between the media manager's view and the Plex server's view.
//
// Rules (shared/design/driver.md): the longest matching prefix wins; a prefix matches only on a
// folder boundary; trailing separators are irrelevant; toward a Windows server both separators
// work and comparison ignores ASCII case; the manager side follows the style its own paths are
// written in (a drive letter or UNC prefix makes it Windows). Paths that match no rule pass
// through unchanged (rule_index -1): they are valid only if they already lie under a library
// location, which the section resolver decides.
#ifndef PLEXDRIVER_PLANNING_PATH_MAPPING_H_
#define PLEXDRIVER_PLANNING_PATH_MAPPING_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "planning/path_style.h"

namespace plexdriver {

struct PathMappingRule {
  std::string manager_path;  // "metarr_path" in the configuration
  std::string server_path;   // "player_path" in the configuration
};

struct MappedPath {
  std::string server_path;  // normalized, in the server's style
  int rule_index = -1;      // the rule that matched, -1 when the path passed through unchanged
};

struct ManagerPath {
  std::string manager_path;
  int rule_index = -1;
};

class PathMapper {
 public:
  // Validates the rules: both sides absolute, no "..", no two rules with the same manager
  // prefix but different targets. PD_ERR_INVALID_CONFIG naming "path_mappings[i].<side>".
  static Result<PathMapper> Create(std::vector<PathMappingRule> rules, PathStyle server_style);

  // Manager → server. PD_ERR_INVALID_ARGUMENT for a relative path or one containing "..".
  Result<MappedPath> ToServer(std::string_view manager_path) const;

  // Server → manager (Part files and Locations that come back from Plex). Longest server prefix
  // wins; unmatched paths pass through.
  Result<ManagerPath> ToManager(std::string_view server_path) const;

  PathStyle server_style() const { return server_style_; }
  const std::vector<PathMappingRule>& rules() const { return rules_; }

 private:
  struct Prepared {
    PathStyle manager_style;
    std::string manager_root;  // normalized
    std::string server_root;   // normalized
  };
  // The rule whose root (manager side, or server side) is the longest containing `path`; -1.
  int LongestMatch(std::string_view path, PathStyle style, bool server_side) const;

  PathMapper(std::vector<PathMappingRule> rules, std::vector<Prepared> prepared, PathStyle style)
      : rules_(std::move(rules)), prepared_(std::move(prepared)), server_style_(style) {}

  std::vector<PathMappingRule> rules_;
  std::vector<Prepared> prepared_;
  PathStyle server_style_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLANNING_PATH_MAPPING_H_
