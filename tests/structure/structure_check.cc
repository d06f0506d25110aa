// The architecture's rules, checked on every build (ctest label "structure"; docs/architecture.md
// explains them):
//   1. no product source file is over kMaxLines lines (tests are not counted);
//   2. the driver's folders depend on each other only downwards, in the order of kLayers: a file
//      includes headers of its own folder or of a folder below it, never above;
//   3. host_stub's units (x.h + x.cc) include each other without a cycle.
// Prints every violation with the file and the include, and exits non-zero if there is one.
//   structure_check SOURCE_ROOT
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr int kMaxLines = 450;

// plex_plugin/src folders, lowest first.
const std::vector<std::string> kLayers = {"core", "host", "net", "plex", "planning", "metadata", "provider", "playback",
                                          "events",   "account", "sync",   "queue",  "driver", "abi"};

// Where the size rule applies: the product (driver, host, ABI) and the emulators.
const std::vector<std::string> kSizedTrees = {"plex_plugin/src", "host_stub/src", "plugin_api",
                                              "tests/pms_emulator/src", "tests/plextv_emulator/src"};

bool IsSource(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".cc" || ext == ".h" || ext == ".c";
}

bool IsTest(const fs::path& p) {
  const std::string stem = p.stem().string();
  return stem.size() > 5 && stem.compare(stem.size() - 5, 5, "_test") == 0;
}

std::vector<fs::path> Sources(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::exists(dir)) return files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && IsSource(e.path()) && e.path().string().find("node_modules") == std::string::npos) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> QuotedIncludes(const fs::path& file) {
  static const std::regex include(R"(^\s*#\s*include\s*"([^"]+)\")");
  std::vector<std::string> out;
  std::ifstream in(file);
  std::string line;
  std::smatch m;
  while (std::getline(in, line)) {
    if (std::regex_search(line, m, include)) out.push_back(m[1]);
  }
  return out;
}

int CountLines(const fs::path& file) {
  std::ifstream in(file);
  return static_cast<int>(std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
}

int CheckSizes(const fs::path& root) {
  int bad = 0;
  for (const std::string& tree : kSizedTrees) {
    for (const fs::path& f : Sources(root / tree)) {
      if (IsTest(f)) continue;
      const int lines = CountLines(f);
      if (lines > kMaxLines) {
        std::cout << "size: " << fs::relative(f, root).string() << " has " << lines << " lines, more than "
                  << kMaxLines << ": split it along its seams\n";
        ++bad;
      }
    }
  }
  return bad;
}

int CheckLayers(const fs::path& root) {
  const fs::path src = root / "plex_plugin/src";
  std::map<std::string, size_t> rank;
  for (size_t i = 0; i < kLayers.size(); ++i) rank[kLayers[i]] = i;
  int bad = 0;
  for (const fs::path& f : Sources(src)) {
    const std::string folder = fs::relative(f, src).begin()->string();
    auto own = rank.find(folder);
    if (own == rank.end()) {
      std::cout << "layers: " << fs::relative(f, root).string() << " is in folder \"" << folder
                << "\", which has no layer: add it to kLayers and docs/architecture.md\n";
      ++bad;
      continue;
    }
    for (const std::string& inc : QuotedIncludes(f)) {
      const size_t slash = inc.find('/');
      if (slash == std::string::npos) continue;
      auto target = rank.find(inc.substr(0, slash));
      if (target == rank.end()) continue;  // player_driver/ (the public ABI) and other trees
      if (target->second > own->second && !IsTest(f)) {
        std::cout << "layers: " << fs::relative(f, root).string() << " (" << folder << ") includes \"" << inc
                  << "\" from a folder above it (" << target->first << ")\n";
        ++bad;
      }
    }
  }
  return bad;
}

// Depth-first search for a cycle among host_stub's units; prints one cycle per unit it starts.
bool FindCycle(const std::string& unit, const std::map<std::string, std::set<std::string>>& edges,
               std::vector<std::string>& path, std::set<std::string>& done) {
  if (std::find(path.begin(), path.end(), unit) != path.end()) {
    path.push_back(unit);
    return true;
  }
  if (done.count(unit)) return false;
  path.push_back(unit);
  auto it = edges.find(unit);
  if (it != edges.end()) {
    for (const std::string& next : it->second) {
      if (FindCycle(next, edges, path, done)) return true;
    }
  }
  path.pop_back();
  done.insert(unit);
  return false;
}

int CheckHostStubUnits(const fs::path& root) {
  std::map<std::string, std::set<std::string>> edges;  // unit → units it includes
  std::set<std::string> units;
  for (const fs::path& f : Sources(root / "host_stub/src")) {
    if (IsTest(f)) continue;
    units.insert(f.stem().string());
  }
  for (const fs::path& f : Sources(root / "host_stub/src")) {
    if (IsTest(f)) continue;
    for (const std::string& inc : QuotedIncludes(f)) {
      const std::string unit = fs::path(inc).stem().string();
      if (inc.find('/') == std::string::npos && units.count(unit) && unit != f.stem().string()) {
        edges[f.stem().string()].insert(unit);
      }
    }
  }
  std::set<std::string> done;
  for (const std::string& unit : units) {
    std::vector<std::string> path;
    if (FindCycle(unit, edges, path, done)) {
      std::cout << "cycle: host_stub units include each other:";
      for (const std::string& u : path) std::cout << " " << u;
      std::cout << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: structure_check SOURCE_ROOT\n";
    return 2;
  }
  const fs::path root = argv[1];
  if (!fs::exists(root / "plex_plugin/src")) {
    std::cerr << "structure_check: " << root << " holds no plex_plugin/src\n";
    return 2;
  }
  const int bad = CheckSizes(root) + CheckLayers(root) + CheckHostStubUnits(root);
  if (bad == 0) std::cout << "structure: sizes, layers and host_stub units are in order\n";
  return bad == 0 ? 0 : 1;
}
