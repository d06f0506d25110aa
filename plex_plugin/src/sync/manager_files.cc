#include "sync/manager_files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

namespace plexdriver {

bool LocalManagerFiles::Exists(const std::string& manager_path) const {
  std::error_code ec;
  return std::filesystem::exists(std::filesystem::u8path(manager_path), ec);
}

std::optional<bool> LocalManagerFiles::IsDirectory(const std::string& manager_path) const {
  std::error_code ec;
  return std::filesystem::is_directory(std::filesystem::u8path(manager_path), ec);
}

Result<std::string> LocalManagerFiles::Read(const std::string& manager_path, size_t max_bytes) const {
  const std::filesystem::path path = std::filesystem::u8path(manager_path);
  std::error_code ec;
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec) {
    return Status(PD_ERR_NOT_FOUND, fmt::format("cannot read \"{}\" ({}); check that the file exists and this "
                                                "process may read it", manager_path, ec.message()));
  }
  if (size > max_bytes) {
    return Status(PD_ERR_INVALID_ARGUMENT, fmt::format("\"{}\" is {} bytes, more than the {} allowed "
                                                       "(max_upload_bytes); nothing was uploaded", manager_path,
                                                       size, max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(size))) {
    return Status(PD_ERR_NOT_FOUND, fmt::format("cannot read \"{}\" ({}); check that this process may read it",
                                                manager_path, std::strerror(errno)));
  }
  return bytes;
}

namespace {

template <typename Keep>
std::vector<std::string> Names(const std::string& folder, Keep keep) {
  std::vector<std::string> names;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(std::filesystem::u8path(folder), ec), end; !ec && it != end;
       it.increment(ec)) {
    if (keep(*it)) names.push_back(it->path().filename().u8string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

std::vector<std::string> LocalManagerFiles::List(const std::string& folder) const {
  return Names(folder, [](const std::filesystem::directory_entry& e) {
    std::error_code kind;
    return e.is_regular_file(kind);
  });
}

std::vector<std::string> LocalManagerFiles::ListFolders(const std::string& folder) const {
  return Names(folder, [](const std::filesystem::directory_entry& e) {
    std::error_code kind;
    return e.is_directory(kind) && !e.is_symlink(kind);
  });
}

}  // namespace plexdriver
