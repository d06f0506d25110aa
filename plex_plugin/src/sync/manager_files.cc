#include "sync/manager_files.h"

#include <filesystem>
#include <system_error>

namespace plexdriver {

bool LocalManagerFiles::Exists(const std::string& manager_path) const {
  std::error_code ec;
  return std::filesystem::exists(std::filesystem::u8path(manager_path), ec);
}

std::optional<bool> LocalManagerFiles::IsDirectory(const std::string& manager_path) const {
  std::error_code ec;
  return std::filesystem::is_directory(std::filesystem::u8path(manager_path), ec);
}

}  // namespace plexdriver
