// SPDX-License-Identifier: MIT
// Which folder a rating key names. Keys come from the NFO's ids, so the provider keeps a map
// key → folder, filled as items are matched and described. After a restart Plex asks for keys
// it stored earlier: a key not in the map makes the catalog walk the manager roots once (items
// up to three folders deep), and again only after kRewalkSeconds, so unknown keys cannot make
// the provider walk the disk on every request. [thread-safe]
#ifndef PLEXDRIVER_PROVIDER_PROVIDER_CATALOG_H_
#define PLEXDRIVER_PROVIDER_PROVIDER_CATALOG_H_

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "provider/provider_library.h"

namespace plexdriver {

class ProviderCatalog {
 public:
  static constexpr int kRewalkSeconds = 30;

  explicit ProviderCatalog(const ProviderLibrary* library) : library_(library) {}

  void Remember(const std::string& key, const ItemLocation& location);
  // The folder of `key` of this kind; walks the roots when the key is unknown (see above).
  std::optional<ItemLocation> Find(ProviderKind kind, const std::string& key);
  size_t size() const;

 private:
  void Walk(ProviderKind kind);

  const ProviderLibrary* library_;
  mutable std::mutex mutex_;
  std::map<std::pair<int, std::string>, ItemLocation> locations_;
  std::map<int, std::chrono::steady_clock::time_point> walked_at_;
  std::mutex walk_mutex_;  // one walk at a time; others wait and then look again
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_PROVIDER_PROVIDER_CATALOG_H_
