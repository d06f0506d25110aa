// host_stub commands that make one call on the driver (or on an instance created from --config)
// and print its document: `info`, `capabilities`, `test-connection`, `find`, `sessions` and
// `sync`. With --json stdout holds the driver's document unchanged.
#ifndef HOST_STUB_SRC_INSTANCE_COMMANDS_H_
#define HOST_STUB_SRC_INSTANCE_COMMANDS_H_

#include "cli_options.h"
#include "driver_loader.h"
#include "host_callbacks.h"
#include "player_driver/player_driver.h"

namespace host_stub {

class DriverInstance;  // command_support.h

// Each returns the process exit code: 0 ok, 7 the call failed, 9 the driver does not support
// the call (find needs ABI 1.1, sessions ABI 1.2); sync: the worst change's code (10-13).
// `instance` is null when no --config was given.
int RunInfo(const DriverLibrary& lib, const CliOptions& options);
int RunCapabilities(const DriverLibrary& lib, pd_instance* instance, const CliOptions& options);
int RunTestConnection(const DriverLibrary& lib, pd_instance* instance, HostCallbacks& host,
                      const CliOptions& options);
int RunFind(const DriverLibrary& lib, pd_instance* instance, const CliOptions& options);
int RunSessions(const DriverLibrary& lib, pd_instance* instance, const CliOptions& options);
// sync --no-wait --follow (ABI 1.2) then prints each queued change's sync.change event as it
// comes, and destroys the instance itself once they all came (or at Ctrl-C: exit 130, or after
// the bound: exit 11), so that the outcomes destroy() still delivers are printed too. The host
// must hold events (HostCallbacks::HoldEvents) from before the instance was created.
int RunSync(const DriverLibrary& lib, DriverInstance& instance, HostCallbacks& host, const CliOptions& options);

}  // namespace host_stub

#endif  // HOST_STUB_SRC_INSTANCE_COMMANDS_H_
