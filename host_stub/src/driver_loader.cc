#define BOOST_DLL_USE_STD_FS  // Boost 1.74: std::filesystem instead of linking boost_filesystem
#include "driver_loader.h"

#include <algorithm>
#include <cstring>
#include <filesystem>

#include <dlfcn.h>

#include <boost/dll/shared_library.hpp>
#include <fmt/format.h>

namespace host_stub {

struct DriverLibrary::Handle {
  boost::dll::shared_library library;
};

const char* LoadErrorKindName(LoadErrorKind kind) {
  switch (kind) {
    case LoadErrorKind::kNone: return "ok";
    case LoadErrorKind::kOpenFailed: return "open_failed";
    case LoadErrorKind::kMissingEntry: return "missing_entry";
    case LoadErrorKind::kInvalidEntry: return "invalid_entry";
    case LoadErrorKind::kIncompatible: return "incompatible_abi";
    case LoadErrorKind::kMissingInterface: return "missing_interface";
  }
  return "unknown";
}

std::shared_ptr<DriverLibrary> DriverLibrary::Load(const std::string& path, LoadError* error,
                                                   uint32_t host_major, uint32_t host_minor) {
  auto fail = [&](LoadErrorKind kind, std::string message) -> std::shared_ptr<DriverLibrary> {
    error->kind = kind;
    error->message = std::move(message);
    return nullptr;
  };
  std::shared_ptr<DriverLibrary> lib(new DriverLibrary());
  lib->handle_ = std::make_unique<Handle>();
  lib->info_.path = path;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return fail(LoadErrorKind::kOpenFailed,
                fmt::format("cannot open driver \"{}\": no such file (build it, or pass --driver PATH)", path));
  }
  boost::dll::fs::error_code load_error;
  lib->handle_->library.load(boost::dll::fs::path(path), load_error,
                             boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  if (load_error || !lib->handle_->library.is_loaded()) {
    // Boost reduces the loader's reason to an errno; ask the loader itself for its words.
    std::string reason = load_error.message();
    if (void* probe = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) {
      dlclose(probe);
    } else if (const char* why = dlerror()) {
      reason = why;
    }
    return fail(LoadErrorKind::kOpenFailed,
                fmt::format("cannot open driver \"{}\": {} (is it a shared library built for this "
                            "machine?)", path, reason));
  }
  if (!lib->handle_->library.has(PD_ENTRY_SYMBOL)) {
    return fail(LoadErrorKind::kMissingEntry,
                fmt::format("\"{}\" is a library but not a PlayerDriver: it does not export \"{}\"",
                            path, PD_ENTRY_SYMBOL));
  }
  pd_entry_fn entry_fn = lib->handle_->library.get<const pd_entry*()>(PD_ENTRY_SYMBOL);
  const pd_entry* raw = entry_fn ? entry_fn() : nullptr;
  if (!raw) return fail(LoadErrorKind::kInvalidEntry, fmt::format("\"{}\": {}() returned NULL", path, PD_ENTRY_SYMBOL));
  // Copy what the driver has into a zeroed local: fields it lacks read as absent.
  pd_entry entry{};
  std::memcpy(&entry, raw, std::min<size_t>(raw->struct_size, sizeof entry));
  lib->info_.entry_size = raw->struct_size;
  if (raw->struct_size < offsetof(pd_entry, get_interface) + sizeof(entry.get_interface) ||
      !entry.negotiate || !entry.get_interface) {
    return fail(LoadErrorKind::kInvalidEntry,
                fmt::format("\"{}\": its entry struct is too small ({} bytes) or lacks negotiate/"
                            "get_interface", path, raw->struct_size));
  }
  lib->info_.id = entry.driver_id ? entry.driver_id : "";
  lib->info_.name = entry.driver_name ? entry.driver_name : "";
  lib->info_.version = entry.driver_version ? entry.driver_version : "";
  lib->info_.abi_major = entry.abi_major;
  lib->info_.abi_minor = entry.abi_minor;
  if (entry.abi_major != host_major) {
    return fail(LoadErrorKind::kIncompatible,
                fmt::format("\"{}\" ({} {}) speaks PlayerDriver ABI {}.{}, this host speaks {}.{}: "
                            "use a driver built for ABI {}.x", path, lib->info_.id,
                            lib->info_.version, entry.abi_major, entry.abi_minor, host_major,
                            host_minor, host_major));
  }
  uint32_t minor = 0;
  const pd_status negotiated = entry.negotiate(host_major, host_minor, &minor);
  if (negotiated != PD_OK) {
    return fail(LoadErrorKind::kIncompatible,
                fmt::format("\"{}\" refused ABI {}.{} (status {})", path, host_major, host_minor, negotiated));
  }
  lib->info_.negotiated_minor = minor;
  lib->get_interface_ = entry.get_interface;
  const auto* iface = static_cast<const pd_driver*>(entry.get_interface(PD_DRIVER_INTERFACE_ID));
  if (!iface) {
    return fail(LoadErrorKind::kMissingInterface,
                fmt::format("\"{}\" does not provide the \"{}\" interface", path, PD_DRIVER_INTERFACE_ID));
  }
  std::memcpy(&lib->driver_, iface, std::min<size_t>(iface->struct_size, sizeof lib->driver_));
  lib->info_.interface_size = iface->struct_size;
  if (!lib->driver_.create || !lib->driver_.destroy) {
    return fail(LoadErrorKind::kMissingInterface,
                fmt::format("\"{}\": the driver interface lacks create/destroy", path));
  }
  return lib;
}

DriverLibrary::~DriverLibrary() = default;

const void* DriverLibrary::Interface(const char* interface_id) const {
  return get_interface_ && interface_id ? get_interface_(interface_id) : nullptr;
}

}  // namespace host_stub
