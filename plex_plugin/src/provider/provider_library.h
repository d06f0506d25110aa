// SPDX-License-Identifier: MIT
// The manager's items as the provider serves them: where an item's folder is (a manager root
// and the folder below it), what its files and NFO say, and the Metadata documents made from
// them, with image links back into the provider. Reads files only below the configured roots.
#ifndef PLEXDRIVER_PROVIDER_PROVIDER_LIBRARY_H_
#define PLEXDRIVER_PROVIDER_PROVIDER_LIBRARY_H_

#include <map>
#include <mutex>
#include <optional>
#include <unordered_map>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "core/status.h"
#include "metadata/nfo.h"
#include "provider/item_files.h"
#include "provider/metadata_document.h"
#include "provider/provider_config.h"

namespace plexdriver {

struct ManagerRoot {
  std::string configured;  // metarr_path as written
  std::string canonical;   // its real path (symlinks resolved), no trailing '/'
  std::string server;      // player_path
};

struct ItemLocation {
  ProviderKind kind = ProviderKind::kMovies;
  size_t root = 0;
  std::string relative;  // the item's folder below the root, '/'-separated
  std::string video;     // movies: the video the item is (absolute), "" for the first one
};

struct LoadedItem {
  ItemLocation location;
  ItemFiles files;
  Result<NfoDocument> nfo = Status(PD_ERR_NOT_FOUND, "no NFO");
  std::string key;  // the rating key (from the NFO's ids, else the folder)
};

struct EpisodeEntry {
  const EpisodeFile* file = nullptr;
  int season = 0, episode = 0;
  std::optional<NfoDocument> nfo;  // the episode's own NFO when it was read
};

// Reads an NFO file, refusing more than kMaxNfoBytes unread. `source` names it in messages.
Result<NfoDocument> ReadNfoFile(const std::string& path);

class ProviderLibrary {
 public:
  ProviderLibrary(const ProviderConfig* config, std::vector<ManagerRoot> roots)
      : config_(config), roots_(std::move(roots)) {}

  const std::vector<ManagerRoot>& roots() const { return roots_; }
  // The root `real_path` (a real path) lies in and the part below it; nullopt outside all.
  std::optional<std::pair<size_t, std::string>> Locate(const std::string& real_path) const;

  // The real path of `path` when it lies inside a root (links followed), else "".
  std::string Contained(const std::string& path) const;
  // ReadNfoFile, for a file inside a root only (a link leaving the roots is never opened).
  Result<NfoDocument> ReadContainedNfo(const std::string& path) const;

  LoadedItem Load(const ItemLocation& location) const;
  // Why an item is not served ("" when it is): no NFO, a refused NFO, no title, conflicting ids.
  std::string Unusable(const LoadedItem& item) const;

  Poco::JSON::Object::Ptr DescribeItem(const LoadedItem& item, const std::string& base, bool include_children) const;
  std::vector<int> SeasonNumbers(const LoadedItem& show) const;
  Poco::JSON::Object::Ptr DescribeSeason(const LoadedItem& show, int season, const std::string& base,
                                         bool include_children) const;
  // A show's episodes, of one season or all, ordered by season and episode.
  std::vector<EpisodeEntry> Episodes(const LoadedItem& show, std::optional<int> season) const;
  Poco::JSON::Object::Ptr DescribeEpisode(const LoadedItem& show, const EpisodeEntry& episode,
                                          const std::string& base) const;
  // The images of a movie, show, season or episode, as Image entries with provider URLs.
  std::vector<ImageLink> Images(const LoadedItem& item, std::optional<int> season, const EpisodeEntry* episode,
                                const std::string& base) const;
  std::string ImageUrl(ProviderKind kind, const std::string& real_path, const std::string& base) const;

 private:
  ParentRef ShowRef(const LoadedItem& show, const std::string& base) const;
  ParentRef SeasonRef(const LoadedItem& show, int season, const std::string& base) const;

  // Parsed NFOs by real path, valid while the file's mtime and size are unchanged (an edit is
  // seen on the next request). Bounded; cleared when full.
  static constexpr size_t kNfoCacheEntries = 20000;
  struct NfoCacheKey {
    std::string path;
    int64_t mtime_ns = 0, size = 0;
  };
  mutable std::mutex cache_mutex_;
  mutable std::unordered_map<std::string, std::pair<NfoCacheKey, Result<NfoDocument>>> nfo_cache_;

  const ProviderConfig* config_;
  std::vector<ManagerRoot> roots_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_PROVIDER_PROVIDER_LIBRARY_H_
