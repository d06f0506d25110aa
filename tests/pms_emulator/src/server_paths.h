// Path rules of the emulated server, written independently of the driver's own path module so
// a bug in one cannot hide a bug in the other. Windows servers: '\' and '/' separate, matching
// ignores ASCII case; Linux servers: '/' separates, matching is exact.
#ifndef PMS_EMULATOR_SRC_SERVER_PATHS_H_
#define PMS_EMULATOR_SRC_SERVER_PATHS_H_

#include <string>
#include <vector>

namespace pms_emulator {

class ServerPaths {
 public:
  explicit ServerPaths(bool windows = false) : windows_(windows) {}
  bool windows() const { return windows_; }
  char separator() const { return windows_ ? '\\' : '/'; }

  // Unified separators, no repeats, no trailing separator (except a root).
  std::string Normalize(const std::string& path) const;
  // The key the file tree is ordered by: normalized, case-folded on Windows, separators as
  // '\x01' so a folder's contents sort right after it.
  std::string TreeKey(const std::string& path) const;
  bool Within(const std::string& path, const std::string& root) const;
  std::vector<std::string> Components(const std::string& relative) const;
  std::string Relative(const std::string& path, const std::string& root) const;
  std::string Parent(const std::string& path) const;
  std::string Join(const std::string& a, const std::string& b) const;

 private:
  bool IsSep(char c) const { return c == '/' || (windows_ && c == '\\'); }
  bool windows_;
};

}  // namespace pms_emulator

#endif  // PMS_EMULATOR_SRC_SERVER_PATHS_H_
