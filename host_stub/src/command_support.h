// What every host_stub command shares: reading the config file, loading the driver and creating
// its instance (each failure printed to stderr and mapped to its exit code, see cli_options.h),
// and the small helpers for making calls through the C ABI. Commands include this, never each
// other.
#ifndef HOST_STUB_SRC_COMMAND_SUPPORT_H_
#define HOST_STUB_SRC_COMMAND_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "cli_options.h"
#include "driver_loader.h"
#include "host_callbacks.h"
#include "player_driver/player_driver.h"

namespace host_stub {

// The name of a pd_status ("unauthorized"), or "status N" for codes newer than this host.
std::string StatusName(pd_status status);

// The driver used when --driver is not given: ../plex_plugin/libplex_driver.so next to the
// running executable.
std::string DefaultDriverPath();

// Reads the config file's bytes. On failure fills *error ("cannot read config file ...") and,
// when `missing` is given, tells whether the file does not exist (login may create it).
bool ReadConfigFile(const std::string& path, std::string* text, std::string* error,
                    bool* missing = nullptr);
// Reads the config file and checks that it is JSON; the driver validates its content.
bool ReadJsonConfig(const std::string& path, std::string* text, std::string* error);

// Loads --driver (or the default). On failure prints why and sets *exit_code (3, 4 or 5).
std::shared_ptr<DriverLibrary> LoadDriver(const CliOptions& options, int* exit_code);

// An instance for the duration of a command; destroyed before the library is released.
class DriverInstance {
 public:
  DriverInstance(std::shared_ptr<DriverLibrary> lib, const HostCallbacks& host);
  ~DriverInstance();
  DriverInstance(const DriverInstance&) = delete;
  DriverInstance& operator=(const DriverInstance&) = delete;

  // Creates the instance from the config text read from `config_path`. Returns 0, or prints the
  // driver's refusal and returns 6 (invalid config) or the call's exit code.
  int Create(const std::string& config, const std::string& config_path);
  pd_instance* get() const { return instance_; }
  const std::string& config() const { return config_; }  // the text Create() was given
  // Destroys the instance now (the driver's last callbacks arrive before this returns); get()
  // is null afterwards. The destructor does it otherwise.
  void Destroy();

 private:
  std::shared_ptr<DriverLibrary> lib_;
  const HostCallbacks& host_;
  pd_instance* instance_ = nullptr;
  std::string config_;
};

// Members after the ABI 1.0 table exist only in drivers that have them: true when the driver
// negotiated ABI 1.<minor> and its table reaches `table_end` (offsetof + size of the last member
// the command calls).
bool Implements(const DriverLibrary& lib, uint32_t minor, size_t table_end);
// Prints "<command> failed: unsupported: <driver> implements ABI x.y; <command> needs ABI
// 1.<minor>" and returns 9.
int ReportNeedsAbi(const DriverLibrary& lib, const char* command, uint32_t minor);

void AppendToString(void* ctx, const char* data, size_t size);  // a pd_sink writing to a std::string
pd_error NewError();
int CallExitCode(pd_status status);  // 0 ok, 9 unsupported, else 7
void PrintFailure(const char* what, pd_status status, const pd_error& err);  // to stderr

}  // namespace host_stub

#endif  // HOST_STUB_SRC_COMMAND_SUPPORT_H_
