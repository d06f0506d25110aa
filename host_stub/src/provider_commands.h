// SPDX-License-Identifier: MIT
// host_stub commands on the driver's metadata provider interface ("pd.provider/1"):
// `serve-provider` (an HTTP server that hands every request to pd_provider.handle, for Plex
// Media Server's custom metadata providers) and `provider-check PATH` (pd_provider.check: what
// the provider would serve for one item). Neither needs a pd_driver instance nor the network
// beyond the server's own socket.
#ifndef HOST_STUB_SRC_PROVIDER_COMMANDS_H_
#define HOST_STUB_SRC_PROVIDER_COMMANDS_H_

#include <string>

#include "cli_options.h"
#include "driver_loader.h"
#include "host_callbacks.h"

namespace host_stub {

// Each returns the process exit code. Both: 6 the driver refused the configuration as a
// provider configuration, 9 the driver offers no metadata provider.
// serve-provider: 0 after Ctrl-C or SIGTERM (a clean stop), 1 when --bind/--port cannot be
// served on. `config` is the text of --config.
int RunServeProvider(const DriverLibrary& lib, HostCallbacks& host, const std::string& config,
                     const CliOptions& options);
// provider-check: 0 no problems, 14 problems found, 15 the path is outside every manager root
// or does not exist, 7 another failure. --json prints the "provider_check" document unchanged.
int RunProviderCheck(const DriverLibrary& lib, HostCallbacks& host, const std::string& config,
                     const CliOptions& options);

}  // namespace host_stub

#endif  // HOST_STUB_SRC_PROVIDER_COMMANDS_H_
