// The media manager's files as this process sees them (std::filesystem): the real ManagerFiles.
#ifndef PLEXDRIVER_SYNC_MANAGER_FILES_H_
#define PLEXDRIVER_SYNC_MANAGER_FILES_H_

#include "sync/sync_ports.h"

namespace plexdriver {

class LocalManagerFiles final : public ManagerFiles {
 public:
  // Paths are UTF-8; an error reading one (permissions, a vanished mount) counts as absent.
  bool Exists(const std::string& manager_path) const override;
  std::optional<bool> IsDirectory(const std::string& manager_path) const override;
  Result<std::string> Read(const std::string& manager_path, size_t max_bytes) const override;
  std::vector<std::string> List(const std::string& folder) const override;
  std::vector<std::string> ListFolders(const std::string& folder) const override;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_MANAGER_FILES_H_
