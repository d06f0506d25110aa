// host_stub commands built on ABI 1.2: `sessions` (who watches), `watch` (live events from the
// driver's websocket) and `listen` (a loopback webhook receiver that feeds the driver).
#ifndef HOST_STUB_SRC_EVENT_COMMANDS_H_
#define HOST_STUB_SRC_EVENT_COMMANDS_H_

#include "cli_options.h"
#include "host_callbacks.h"
#include "player_driver/player_driver.h"

namespace host_stub {

// Each takes a created instance of a driver whose table has the ABI 1.2 members, and returns
// the process exit code.
int RunSessions(const pd_driver& api, pd_instance* instance, const CliOptions& options);
// Connects (which starts the driver's websocket) and prints events until Ctrl-C, --seconds or
// --count. Exit 7 when the server cannot be reached at the start.
int RunWatch(const pd_driver& api, pd_instance* instance, HostCallbacks& host, const CliOptions& options);
// Serves POST <--path> on <--bind>:<--port>, hands each body to handle_webhook, prints the
// event (or the driver's refusal) and answers 200 (accepted) or 400 (refused, with the reason).
int RunListen(const pd_driver& api, pd_instance* instance, HostCallbacks& host, const CliOptions& options);

}  // namespace host_stub

#endif  // HOST_STUB_SRC_EVENT_COMMANDS_H_
