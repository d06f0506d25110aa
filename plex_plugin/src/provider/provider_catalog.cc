// SPDX-License-Identifier: MIT
#include "provider/provider_catalog.h"

#include <filesystem>
#include <system_error>

namespace plexdriver {
namespace fs = std::filesystem;
namespace {

bool HasFile(const fs::path& folder, const char* name) {
  std::error_code ec;
  return fs::is_regular_file(folder / name, ec);
}

bool HasVideo(const fs::path& folder) {
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && IsVideoFileName(it->path().filename().string())) return true;
  }
  return false;
}

}  // namespace

void ProviderCatalog::Remember(const std::string& key, const ItemLocation& location) {
  std::lock_guard<std::mutex> lock(mutex_);
  locations_[{static_cast<int>(location.kind), key}] = location;
}

size_t ProviderCatalog::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return locations_.size();
}

std::optional<ItemLocation> ProviderCatalog::Find(ProviderKind kind, const std::string& key) {
  const std::pair<int, std::string> id{static_cast<int>(kind), key};
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = locations_.find(id);
    if (it != locations_.end()) return it->second;
  }
  std::lock_guard<std::mutex> walking(walk_mutex_);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = locations_.find(id);
    if (it != locations_.end()) return it->second;
    auto last = walked_at_.find(static_cast<int>(kind));
    if (last != walked_at_.end() &&
        std::chrono::steady_clock::now() - last->second < std::chrono::seconds(kRewalkSeconds)) {
      return std::nullopt;
    }
  }
  Walk(kind);
  std::lock_guard<std::mutex> lock(mutex_);
  walked_at_[static_cast<int>(kind)] = std::chrono::steady_clock::now();
  auto it = locations_.find(id);
  if (it == locations_.end()) return std::nullopt;
  return it->second;
}

void ProviderCatalog::Walk(ProviderKind kind) {
  const std::vector<ManagerRoot>& roots = library_->roots();
  for (size_t r = 0; r < roots.size(); ++r) {
    const fs::path root(roots[r].canonical);
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
      std::error_code type_ec;
      if (!it->is_directory(type_ec) || it->is_symlink(type_ec)) continue;
      if (it.depth() >= 2) it.disable_recursion_pending();
      const fs::path folder = it->path();
      const bool show = HasFile(folder, "tvshow.nfo");
      if (kind == ProviderKind::kShows && !show) continue;
      if (kind == ProviderKind::kMovies && (show || !HasVideo(folder))) continue;
      if (show) it.disable_recursion_pending();
      ItemLocation location;
      location.kind = kind;
      location.root = r;
      location.relative = fs::relative(folder, root, ec).generic_string();
      const LoadedItem item = library_->Load(location);
      std::lock_guard<std::mutex> lock(mutex_);
      locations_.emplace(std::pair<int, std::string>{static_cast<int>(kind), item.key}, location);
    }
  }
}

}  // namespace plexdriver
