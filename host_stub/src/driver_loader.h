// Loading a PlayerDriver module the way a media manager does: open the file with Boost.DLL,
// find the one entry symbol, check the entry struct, negotiate the ABI, fetch the driver
// interface. Each failure has its own kind, because "file not found", "not a driver" and "a
// driver for another ABI" need different fixes.
#ifndef HOST_STUB_SRC_DRIVER_LOADER_H_
#define HOST_STUB_SRC_DRIVER_LOADER_H_

#include <cstdint>
#include <memory>
#include <string>

#include "player_driver/player_driver.h"

namespace host_stub {

enum class LoadErrorKind {
  kNone,
  kOpenFailed,      // the file is missing or not a loadable library
  kMissingEntry,    // a library, but without the player_driver_entry symbol
  kInvalidEntry,    // the entry returned NULL or a struct too small / without functions
  kIncompatible,    // ABI major differs, or negotiation refused
  kMissingInterface,  // no "pd.driver/1" interface
};
const char* LoadErrorKindName(LoadErrorKind kind);

struct LoadError {
  LoadErrorKind kind = LoadErrorKind::kNone;
  std::string message;
};

// What the host learnt about the driver. The copies of the entry and interface tables are
// zero-extended to this header's sizes (OBS style): members the driver does not have are NULL.
struct DriverInfo {
  std::string path;
  std::string id;
  std::string name;
  std::string version;
  uint32_t abi_major = 0;
  uint32_t abi_minor = 0;
  uint32_t negotiated_minor = 0;
  uint32_t entry_size = 0;
  uint32_t interface_size = 0;
};

// A loaded driver library. Keeps the library mapped for its whole lifetime; instances created
// through api() must be destroyed before it is released (DriverInstance holds a shared_ptr).
class DriverLibrary {
 public:
  // Loads `path`, offering the host's ABI version (defaults: this header's). On failure returns
  // null and fills *error.
  static std::shared_ptr<DriverLibrary> Load(const std::string& path, LoadError* error,
                                             uint32_t host_major = PD_ABI_MAJOR,
                                             uint32_t host_minor = PD_ABI_MINOR);
  ~DriverLibrary();

  const DriverInfo& info() const { return info_; }
  const pd_driver& api() const { return driver_; }
  // Another interface of the driver by id (e.g. PD_ACCOUNT_INTERFACE_ID), or NULL when the driver
  // has none. The table belongs to the driver and is valid while this library is loaded.
  const void* Interface(const char* interface_id) const;

 private:
  DriverLibrary() = default;
  struct Handle;
  std::unique_ptr<Handle> handle_;
  DriverInfo info_;
  pd_driver driver_{};
  const void* (*get_interface_)(const char* interface_id) = nullptr;
};

}  // namespace host_stub

#endif  // HOST_STUB_SRC_DRIVER_LOADER_H_
