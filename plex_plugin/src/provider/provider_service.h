// SPDX-License-Identifier: MIT
// The metadata provider: answers Plex Media Server's provider requests (root, match, metadata,
// children, images, artwork files) from the NFO files and artwork below the manager roots, and
// tells a user what it would answer for one item (Check). Each answer is computed from the files
// as they are now, so an edited NFO is served on the next request; nothing is cached but which
// folder a rating key names. Routes, facts and sources: docs/metadata-provider.md.
// [thread-safe] after Create.
#ifndef PLEXDRIVER_PROVIDER_PROVIDER_SERVICE_H_
#define PLEXDRIVER_PROVIDER_PROVIDER_SERVICE_H_

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "planning/path_mapping.h"
#include "provider/match_request.h"
#include "provider/provider_catalog.h"
#include "provider/provider_config.h"
#include "provider/provider_http.h"
#include "provider/provider_library.h"

namespace plexdriver {

class ProviderService {
 public:
  using LogFn = std::function<void(pd_log_level level, const std::string& line)>;

  // Checks that every manager root is an existing folder (PD_ERR_INVALID_CONFIG naming
  // "path_mappings[i].metarr_path"). `log` (may be empty) gets one line per refused request.
  static Result<std::unique_ptr<ProviderService>> Create(ProviderConfig config, LogFn log);

  ProviderResponse Handle(const ProviderRequest& request) const;
  // The "provider_check" document for the item at `path` (manager or server path).
  // PD_ERR_NOT_FOUND outside every root or when nothing is there.
  Result<std::string> Check(std::string_view path) const;

  const ProviderConfig& config() const { return config_; }

 private:
  ProviderService(ProviderConfig config, std::vector<ManagerRoot> roots, PathMapper mapper, LogFn log);

  ProviderResponse Route(const ProviderRequest& request) const;
  // Where the answer's image links start: the host's base_url, else provider.public_url, else
  // http://<Host>; "" when the answer links no images (provider.image_links).
  std::string BaseUrl(const ProviderRequest& request) const;
  ProviderResponse Match(ProviderKind kind, const ProviderRequest& request) const;
  ProviderResponse Metadata(ProviderKind kind, std::string_view rest, const ProviderRequest& request) const;
  ProviderResponse Image(ProviderKind kind, std::string_view rest, const ProviderRequest& request) const;
  ProviderResponse NotFound(const ProviderRequest& request, const std::string& why, bool log) const;

  // The real path of the media file a match request names, when it lies in a root.
  std::optional<std::string> ResolveMediaFile(const std::string& filename) const;
  std::optional<std::string> ResolveRelativeMediaFile(std::string relative, int max_drop) const;
  // How many entries of a root are looked at for library folders below a mapping.
  static constexpr int kMaxLibraryFolders = 64;
  // The movie or show folder `real_path` (a file or folder in a root) belongs to.
  std::optional<ItemLocation> LocationOf(ProviderKind kind, const std::string& real_path) const;
  std::optional<LoadedItem> LoadUsable(const ItemLocation& location, std::string* why) const;

  ProviderConfig config_;
  ProviderLibrary library_;
  PathMapper mapper_;
  LogFn log_;
  mutable ProviderCatalog catalog_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_PROVIDER_PROVIDER_SERVICE_H_
