// host_stub's command line, parsed into plain data (pure; unit-tested).
#ifndef HOST_STUB_SRC_CLI_OPTIONS_H_
#define HOST_STUB_SRC_CLI_OPTIONS_H_

#include <optional>
#include <string>
#include <vector>

namespace host_stub {

// Exit codes (documented in --help and README).
enum ExitCode : int {
  kExitOk = 0,
  kExitUsage = 1,
  kExitConfig = 2,          // the config file cannot be read or is not JSON
  kExitLoadOpen = 3,        // the driver file cannot be opened
  kExitLoadEntry = 4,       // no entry symbol / invalid entry / no driver interface
  kExitIncompatible = 5,    // ABI major mismatch or negotiation refused
  kExitCreate = 6,          // the driver refused the configuration
  kExitFailed = 7,          // the call failed (unreachable, unauthorized, timeout, ...)
  kExitUnsupported = 9,     // the driver does not support the call
  kExitSyncDeferred = 10,   // sync: the worst change was deferred
  kExitSyncTimedOut = 11,   // sync: a scan was not seen to finish in time
  kExitSyncCancelled = 12,  // sync: cancelled (Ctrl-C)
  kExitSyncFailed = 13,     // sync: at least one change failed
  kExitProviderProblems = 14,  // provider-check: the provider found problems (NFO, artwork)
  kExitNotFound = 15,       // provider-check: the path is outside every manager root or missing
  kExitInterrupted = 130,   // sync --follow: Ctrl-C before every queued change had its outcome
};

struct CliOptions {
  std::string command;  // info, capabilities, test-connection, sync, find, sessions, watch, listen,
                        // login, servers, serve-provider, provider-check, help
  std::string driver;   // empty: the default beside the executable
  std::string config;
  bool json = false;
  bool verbose = false;
  // sync
  std::vector<std::string> paths;
  std::string kind = "updated";
  bool wait = true;
  bool follow = false;  // --follow (with --no-wait): print each queued change's outcome event
  std::string id;       // --id: the change's id; several paths get ID-1, ID-2, ... ("" = none)
  bool dry_run = false;
  bool full_scan = false;
  std::string strategy = "auto";
  bool force_refresh = false;
  std::optional<double> timeout_seconds;
  std::string skip_active;  // "" = the instance's config
  std::string artwork_mode;  // auto, refresh, push; "" = the instance's config
  std::optional<bool> lock_fields;  // --lock-fields / --no-lock-fields; unset = the config's
  bool unlock_fields = false;       // --unlock
  // watch, listen
  std::optional<double> seconds;  // stop after this long (default: until Ctrl-C)
  std::optional<int> count;       // stop after this many events
  int port = 0;                   // listen, serve-provider: 0 = any free port (printed)
  std::string bind = "127.0.0.1";
  std::string webhook_path = "/api/webhooks/plex";
  // login, servers (plex.tv)
  std::string server;       // login: the server to configure (name or machine identifier)
  std::string plex_tv_url;  // "" = the config's, else https://plex.tv
  std::string user;         // login: username/password sign-in (password from stdin) instead of a PIN
  std::string code;         // login --user: the two-factor verification code
  bool show_token = false;  // print tokens (never printed otherwise)
};

// Parses argv (without argv[0]). Options may come before or after the command. Returns
// false with a message naming the bad argument.
bool ParseCli(const std::vector<std::string>& args, CliOptions* out, std::string* error);

// The sync_request document for the options (plugin_api/schemas.md). With --id the change's
// "id" is ID for a single path, else ID-1, ID-2, ... in the order of the paths.
std::string BuildSyncRequest(const CliOptions& options);

const char* UsageText();

// sync --follow without --timeout: how long host_stub follows the queued changes, from the
// instance's config (debounce_seconds, default 5, + queued_timeout_seconds, default 600, + a
// 60 s margin for the item checks after the scan). `config_json` may be anything.
double DefaultFollowSeconds(const std::string& config_json);

}  // namespace host_stub

#endif  // HOST_STUB_SRC_CLI_OPTIONS_H_
