// host_stub commands on the driver's account interface ("pd.account/1"): `login` (PIN or
// username/password sign-in, connection choice, a 0600 config file) and `servers`. Tokens are
// printed only with --show-token.
#ifndef HOST_STUB_SRC_ACCOUNT_COMMANDS_H_
#define HOST_STUB_SRC_ACCOUNT_COMMANDS_H_

#include "cli_options.h"
#include "driver_loader.h"
#include "host_callbacks.h"

namespace host_stub {

// Each returns the process exit code: 0 ok, 2 the config file is unreadable (login: not JSON),
// 7 the call failed (expired PIN, refused credentials, no address answered, cancelled), 9 the
// driver has no account interface.
int RunLogin(const DriverLibrary& lib, HostCallbacks& host, const CliOptions& options);
int RunServers(const DriverLibrary& lib, HostCallbacks& host, const CliOptions& options);

}  // namespace host_stub

#endif  // HOST_STUB_SRC_ACCOUNT_COMMANDS_H_
