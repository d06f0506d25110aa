// The host_stub subcommands: each loads the driver, makes its calls through the C ABI exactly
// as a media manager would, prints the outcome, and returns the process exit code.
#ifndef HOST_STUB_SRC_COMMANDS_H_
#define HOST_STUB_SRC_COMMANDS_H_

#include <cstddef>
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

// Shared by the commands.
void AppendToString(void* ctx, const char* data, size_t size);  // a pd_sink writing to a std::string
pd_error NewError();
int CallExitCode(pd_status status);  // 0 ok, 9 unsupported, else 7
void PrintFailure(const char* what, pd_status status, const pd_error& err);  // to stderr

}  // namespace host_stub

#endif  // HOST_STUB_SRC_COMMANDS_H_
