// Path mapping rules (from the user's config) and paths (from the host and from the server),
// through the path rules of both server styles. Input is text: the first byte picks the server
// style ('w' Windows, anything else POSIX); then one item per line: "manager=>server" is a
// mapping rule, "<path" a server path to map back, any other line a manager path to map.
//
// Properties: normalizing is idempotent; a mapped path is normalized, contains no "..", and lies
// within the rule's server folder; refusals carry the documented status and a UTF-8 message.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "planning/path_mapping.h"
#include "planning/path_style.h"

namespace {

using namespace plexdriver;

void CheckPathRules(const std::string& path) {
  for (PathStyle style : {PathStyle::kPosix, PathStyle::kWindows}) {
    const std::string n = NormalizePath(path, style);
    FUZZ_CHECK(NormalizePath(n, style) == n, path + " -> " + n);
    if (fuzz::IsUtf8(path)) FUZZ_CHECK(fuzz::IsUtf8(n), n);
    if (!IsAbsolutePath(path, style)) continue;
    const std::string parent = ParentFolder(path, style);
    FUZZ_CHECK(PathIsWithin(path, parent, style), path + " not within its parent " + parent);
    FUZZ_CHECK(PathIsWithin(path, path, style), path);
    const std::string last = LastComponent(path, style);
    FUZZ_CHECK(last.find(PreferredSeparator(style)) == std::string::npos, last);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const PathStyle server_style = input[0] == 'w' ? PathStyle::kWindows : PathStyle::kPosix;
  std::vector<PathMappingRule> rules;
  std::vector<std::string> manager_paths;
  std::vector<std::string> server_paths;
  size_t start = 1;
  while (start <= input.size()) {
    size_t end = input.find('\n', start);
    if (end == std::string_view::npos) end = input.size();
    const std::string line(input.substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    if (const size_t arrow = line.find("=>"); arrow != std::string::npos) {
      rules.push_back({line.substr(0, arrow), line.substr(arrow + 2)});
    } else if (line[0] == '<') {
      server_paths.push_back(line.substr(1));
    } else {
      manager_paths.push_back(line);
    }
  }
  for (const std::string& p : manager_paths) CheckPathRules(p);
  for (const std::string& p : server_paths) CheckPathRules(p);

  Result<PathMapper> mapper = PathMapper::Create(rules, server_style);
  if (!mapper.ok()) {
    fuzz::CheckRefusal(mapper.status(), PD_ERR_INVALID_CONFIG);
    FUZZ_CHECK(mapper.status().message().rfind("path_mappings[", 0) == 0,
               mapper.status().message());
    return 0;
  }
  for (const std::string& p : manager_paths) {
    Result<MappedPath> mapped = mapper->ToServer(p);
    if (!mapped.ok()) {
      if (fuzz::IsUtf8(p)) fuzz::CheckRefusal(mapped.status(), PD_ERR_INVALID_ARGUMENT);
      continue;
    }
    const std::string& s = mapped->server_path;
    FUZZ_CHECK(NormalizePath(s, server_style) == s, p + " -> " + s);
    FUZZ_CHECK(!HasParentReference(s, server_style), p + " -> " + s);
    if (mapped->rule_index >= 0) {
      const PathMappingRule& rule = rules[static_cast<size_t>(mapped->rule_index)];
      FUZZ_CHECK(PathIsWithin(s, rule.server_path, server_style),
                 p + " -> " + s + " outside " + rule.server_path);
      FUZZ_CHECK(mapper->ToManager(s).ok(), s);
    }
  }
  for (const std::string& s : server_paths) {
    Result<ManagerPath> back = mapper->ToManager(s);
    if (!back.ok()) {
      if (fuzz::IsUtf8(s)) fuzz::CheckRefusal(back.status(), PD_ERR_INVALID_ARGUMENT);
      continue;
    }
    if (back->rule_index >= 0) {
      const PathMappingRule& rule = rules[static_cast<size_t>(back->rule_index)];
      FUZZ_CHECK(
          PathIsWithin(back->manager_path, rule.manager_path, GuessPathStyle(rule.manager_path)),
          s + " -> " + back->manager_path + " outside " + rule.manager_path);
    }
  }
  return 0;
}
