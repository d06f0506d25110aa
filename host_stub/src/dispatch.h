// Runs the command chosen on the command line: reads --config, loads the driver, creates the
// instance the command needs and hands over to it. The only unit that knows every command.
#ifndef HOST_STUB_SRC_DISPATCH_H_
#define HOST_STUB_SRC_DISPATCH_H_

#include "cli_options.h"

namespace host_stub {

// Returns the process exit code (see cli_options.h); the failure, if any, is on stderr.
int RunCommand(const CliOptions& options);

}  // namespace host_stub

#endif  // HOST_STUB_SRC_DISPATCH_H_
