// Renders the driver's JSON documents (plugin_api/schemas.md) as text for people. Pure:
// document in, text out; unknown keys are ignored, missing ones shown as "?".
#ifndef HOST_STUB_SRC_REPORT_PRINTER_H_
#define HOST_STUB_SRC_REPORT_PRINTER_H_

#include <string>

namespace host_stub {

std::string RenderCapabilities(const std::string& json);
std::string RenderTestConnection(const std::string& json);
std::string RenderSyncResult(const std::string& json);
std::string RenderFindResult(const std::string& json);
// One line per "event" document (watch, listen).
std::string RenderEvent(const std::string& json);
std::string RenderSessions(const std::string& json);
// sync --follow: the queue's events. A "sync.change" (the outcome of a change queued with
// --no-wait) as one line, "  <status> <kind> <path>  (id, attempts, scans)", then the item, and
// the message and advice when it did not complete; a "queue.recovered" as one line (and its
// message). Other events as RenderEvent.
std::string RenderQueueEvent(const std::string& json);

// The exit code for a sync_result: 0 when every change completed, was queued or skipped (dry
// run), else the code of the worst status (see cli_options.h).
int SyncExitCode(const std::string& json);
// The exit code for one change's status: 0 for completed, queued and skipped; 10 deferred, 11
// timed_out, 12 cancelled, 13 failed (and any status this host does not know).
int ChangeStatusExitCode(const std::string& status);

}  // namespace host_stub

#endif  // HOST_STUB_SRC_REPORT_PRINTER_H_
