#include "server_paths.h"

namespace pms_emulator {

std::string ServerPaths::Normalize(const std::string& path) const {
  std::string out;
  size_t i = 0;
  if (windows_ && path.size() >= 2 && IsSep(path[0]) && IsSep(path[1])) {
    out = "\\\\";
    i = 2;
    while (i < path.size() && IsSep(path[i])) ++i;
  }
  const size_t keep = out.size();
  for (; i < path.size(); ++i) {
    if (IsSep(path[i])) {
      if (out.size() > keep && out.back() == separator()) continue;
      out.push_back(separator());
    } else {
      out.push_back(path[i]);
    }
  }
  auto is_root = [&] {
    if (out.size() == 1 && out[0] == '/') return true;
    return windows_ && out.size() == 3 && out[1] == ':';
  };
  while (out.size() > keep && out.back() == separator() && !is_root()) out.pop_back();
  return out;
}

std::string ServerPaths::TreeKey(const std::string& path) const {
  std::string key = Normalize(path);
  for (char& c : key) {
    if (c == separator()) c = '\x01';
    else if (windows_ && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

bool ServerPaths::Within(const std::string& path, const std::string& root) const {
  const std::string p = TreeKey(path);
  const std::string r = TreeKey(root);
  if (r.empty() || p.size() < r.size() || p.compare(0, r.size(), r) != 0) return false;
  return p.size() == r.size() || p[r.size()] == '\x01' || r.back() == '\x01';
}

std::vector<std::string> ServerPaths::Components(const std::string& relative) const {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : relative) {
    if (IsSep(c)) {
      if (!cur.empty()) parts.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  if (!cur.empty()) parts.push_back(cur);
  return parts;
}

std::string ServerPaths::Relative(const std::string& path, const std::string& root) const {
  const std::string p = Normalize(path);
  const std::string r = Normalize(root);
  if (p.size() <= r.size()) return "";
  return p.substr(r.size() + (p[r.size()] == separator() ? 1 : 0));
}

std::string ServerPaths::Parent(const std::string& path) const {
  const std::string p = Normalize(path);
  const size_t cut = p.find_last_of(separator());
  if (cut == std::string::npos) return p;
  if (cut == 0) return p.substr(0, 1);
  if (windows_ && cut == 2 && p[1] == ':') return p.substr(0, 3);
  return p.substr(0, cut);
}

std::string ServerPaths::Join(const std::string& a, const std::string& b) const {
  if (b.empty()) return Normalize(a);
  return Normalize(a + separator() + b);
}

}  // namespace pms_emulator
