// host_stub commands on the driver's event stream (ABI 1.2): `watch` (live events from the
// driver's websocket) and `listen` (a loopback webhook receiver that feeds the driver). Both
// print each event as it comes and run until Ctrl-C, --seconds or --count.
#ifndef HOST_STUB_SRC_EVENT_COMMANDS_H_
#define HOST_STUB_SRC_EVENT_COMMANDS_H_

#include "cli_options.h"
#include "driver_loader.h"
#include "host_callbacks.h"
#include "player_driver/player_driver.h"

namespace host_stub {

// Each takes the instance created from --config (null without one) and returns the process
// exit code; 9 when the driver's table lacks the ABI 1.2 members.
// Connects (which starts the driver's websocket) and prints events. Exit 7 when the server
// cannot be reached at the start.
int RunWatch(const DriverLibrary& lib, pd_instance* instance, HostCallbacks& host, const CliOptions& options);
// Serves POST <--path> on <--bind>:<--port>, hands each body to handle_webhook, prints the
// event (or the driver's refusal) and answers 200 (accepted) or 400 (refused, with the reason).
// Exit 7 when it cannot serve on that address.
int RunListen(const DriverLibrary& lib, pd_instance* instance, HostCallbacks& host, const CliOptions& options);

}  // namespace host_stub

#endif  // HOST_STUB_SRC_EVENT_COMMANDS_H_
