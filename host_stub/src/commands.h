// The host_stub subcommands: each loads the driver, makes its calls through the C ABI exactly
// as a media manager would, prints the outcome, and returns the process exit code.
#ifndef HOST_STUB_SRC_COMMANDS_H_
#define HOST_STUB_SRC_COMMANDS_H_

#include <string>

#include "cli_options.h"
#include "player_driver/player_driver.h"

namespace host_stub {

// The name of a pd_status ("unauthorized"), or "status N" for codes newer than this host.
std::string StatusName(pd_status status);

// The driver used when --driver is not given: ../plex_plugin/libplex_driver.so next to the
// running executable.
std::string DefaultDriverPath();

int RunCommand(const CliOptions& options);

}  // namespace host_stub

#endif  // HOST_STUB_SRC_COMMANDS_H_
