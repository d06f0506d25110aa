#include "cli_options.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cstdlib>
#include <iterator>
#include <sstream>

namespace host_stub {

const char* UsageText() {
  return R"(usage: host_stub [options] COMMAND [arguments]

Loads a PlayerDriver module exactly as a media manager does and calls it.

commands:
  info                       load the driver: id, name, version, ABI, negotiation
  capabilities               what the driver (and, with --config, the server) can do
  test-connection            diagnose a server configuration (needs --config)
  sync PATH...               make the server reflect changed paths (needs --config)
  find PATH                  what the server has for a path: libraries, items, ratingKeys (needs --config)
  sessions                   who is watching what now, and whether it holds scans back (needs --config)
  watch                      print live events from the server's websocket: playback, scans,
                             items, reachability (needs --config)
  listen                     run a webhook receiver on loopback that feeds the driver and prints
                             each event; point Plex's webhook at the printed URL (needs --config)
  login                      sign in to plex.tv (prints a link to open, waits for the approval),
                             choose how to reach the server and write --config FILE (mode 0600)
  servers                    the servers of the account in --config FILE and their addresses
  serve-provider             serve the driver's metadata provider (pd.provider/1) over HTTP: Plex
                             Media Server 1.43+ asks it for the NFO fields and artwork beside the
                             media below the config's path_mappings (needs --config; --port,
                             --bind). Prints the URLs to add in Plex, then one line per request
                             (method, path without the query, status, milliseconds) on stderr;
                             Ctrl-C or SIGTERM stops it (exit 0)
  provider-check PATH        what the metadata provider would tell Plex for the movie, show,
                             season or episode at PATH (a file or folder): the NFO read, the
                             fields, the artwork files, and every problem (needs --config)
  help                       this text

options:
  --driver PATH              driver module (default: ../plex_plugin/libplex_driver.so beside host_stub)
  --config FILE              instance configuration (JSON; see plugin_api/schemas.md)
  --json                     print the driver's JSON document unchanged
  --verbose                  also show the driver's info/debug log lines
sync options:
  --kind added|updated|removed   what happened to the paths (default: updated)
  --no-wait                  queue the scans (debounced) and return at once
  --follow                   with --no-wait: print the queued result, then stay and print each
                             change's outcome as it comes (its sync.change event; --json: the
                             event documents, one a line). Ends once every queued change has its
                             outcome (exit 0 when all completed, else 10-13 by the worst), at
                             Ctrl-C (exit 130) or after --timeout seconds (exit 11); without
                             --timeout after the config's debounce_seconds + queued_timeout_seconds
                             + 60 s (665 s by default). Pending changes then stay in the config's
                             state_dir journal for the next run, or are cancelled without one
  --id ID                    the change's id, echoed in the result and in its outcome event
                             (several paths: ID-1, ID-2, ...; default: the driver's, q-...)
  --dry-run                  plan and report; scan nothing
  --full                     scan whole libraries instead of folders
  --timeout SECONDS          bound for waiting (default: the driver's, 600); with --follow, for
                             following (a queued scan itself has the config's queued_timeout_seconds)
  --strategy auto|scan|refresh   updated paths: refresh known items (auto), always scan, or only refresh
  --force-refresh            item refreshes with force=1
  --skip-active never|any|section|item   hold scans back while someone watches (default: config)
  --artwork-mode auto|refresh|push   updated images: refresh the item where its agent reads
                             local artwork and upload elsewhere (auto), only refresh, or upload
  --push-artwork             the same as --artwork-mode push: upload, select and lock images
  --lock-fields              set and lock the fields of an updated NFO (--no-lock-fields: don't)
  --unlock                   unlock the NFO's fields and the artwork instead (values stay)
watch/listen options:
  --seconds N                stop after N seconds (default: until Ctrl-C)
  --count N                  stop after N events
  --port N                   listen, serve-provider: port (default 0: a free one, printed)
  --bind ADDRESS             listen, serve-provider: address (default 127.0.0.1; 0.0.0.0 for
                             a Plex Media Server on another machine)
  --path PATH                listen: the webhook path (default /api/webhooks/plex)
login/servers options:
  --server NAME              login: the server to configure (name or machine identifier;
                             default: the only one, else the first owned and online)
  --user LOGIN               login with username/password instead of a PIN (password on stdin)
  --code DIGITS              login --user: the two-factor code from the authenticator app
  --plex-tv-url URL          plex.tv's address (default: the config's, else https://plex.tv)
  --show-token               also print the tokens (they are never printed otherwise)

exit codes:
  0  ok (sync: every change completed, was queued (--follow: then completed), or was a dry run)
  1  usage error                    2  config file unreadable or not JSON
  3  driver file cannot be opened   4  not a PlayerDriver (no entry symbol / bad entry)
  5  incompatible ABI version       6  the driver refused the configuration
  7  the call failed (unreachable, unauthorized, timeout, TLS, ...)
  9  the driver does not support this call
  10 sync: deferred   11 sync: timed out (not seen to finish)   12 sync: cancelled
  13 sync: at least one change failed
  14 provider-check: problems found (an NFO refused, artwork unreadable, ...)
  15 provider-check: PATH is outside every manager root or does not exist
  130 sync --follow: Ctrl-C before every queued change had its outcome
serve-provider runs until Ctrl-C or SIGTERM and then exits 0 (a port or address it cannot
serve on is a usage error, 1).
Ctrl-C cancels a running call (a second Ctrl-C quits at once).
)";
}

namespace {

// `text` as a number of seconds above zero, or false with `*error` naming `option`.
bool PositiveSeconds(const std::string& option, const std::string& text, std::optional<double>* out,
                     std::string* error) {
  char* end = nullptr;
  const double t = std::strtod(text.c_str(), &end);
  if (text.empty() || *end != '\0' || !(t > 0)) {
    *error = option + " needs a positive number of seconds, not \"" + text + "\"";
    return false;
  }
  *out = t;
  return true;
}

}  // namespace

bool ParseCli(const std::vector<std::string>& args, CliOptions* out, std::string* error) {
  CliOptions o;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* target) {
      if (i + 1 >= args.size()) {
        *error = a + " needs a value";
        return false;
      }
      *target = args[++i];
      return true;
    };
    if (a == "--help" || a == "-h") {
      o.command = "help";
    } else if (a == "--driver") {
      if (!value(&o.driver)) return false;
    } else if (a == "--config") {
      if (!value(&o.config)) return false;
    } else if (a == "--json") {
      o.json = true;
    } else if (a == "--verbose" || a == "-v") {
      o.verbose = true;
    } else if (a == "--kind") {
      if (!value(&o.kind)) return false;
      if (o.kind != "added" && o.kind != "updated" && o.kind != "removed") {
        *error = "--kind must be added, updated or removed, not \"" + o.kind + "\"";
        return false;
      }
    } else if (a == "--no-wait") {
      o.wait = false;
    } else if (a == "--follow") {
      o.follow = true;
    } else if (a == "--id") {
      if (!value(&o.id)) return false;
      if (o.id.empty()) {
        *error = "--id needs a non-empty id";
        return false;
      }
    } else if (a == "--dry-run") {
      o.dry_run = true;
    } else if (a == "--full") {
      o.full_scan = true;
    } else if (a == "--force-refresh") {
      o.force_refresh = true;
    } else if (a == "--strategy") {
      if (!value(&o.strategy)) return false;
      if (o.strategy != "auto" && o.strategy != "scan" && o.strategy != "refresh") {
        *error = "--strategy must be auto, scan or refresh, not \"" + o.strategy + "\"";
        return false;
      }
    } else if (a == "--skip-active") {
      if (!value(&o.skip_active)) return false;
      if (o.skip_active != "never" && o.skip_active != "any" && o.skip_active != "section" && o.skip_active != "item") {
        *error = "--skip-active must be never, any, section or item, not \"" + o.skip_active + "\"";
        return false;
      }
    } else if (a == "--artwork-mode") {
      if (!value(&o.artwork_mode)) return false;
      if (o.artwork_mode != "auto" && o.artwork_mode != "refresh" && o.artwork_mode != "push") {
        *error = "--artwork-mode must be auto, refresh or push, not \"" + o.artwork_mode + "\"";
        return false;
      }
    } else if (a == "--push-artwork") {
      o.artwork_mode = "push";
    } else if (a == "--lock-fields" || a == "--no-lock-fields") {
      o.lock_fields = a == "--lock-fields";
    } else if (a == "--unlock") {
      o.unlock_fields = true;
    } else if (a == "--seconds") {
      std::string v;
      if (!value(&v) || !PositiveSeconds(a, v, &o.seconds, error)) return false;
    } else if (a == "--count" || a == "--port") {
      std::string v;
      if (!value(&v)) return false;
      char* end = nullptr;
      const long n = std::strtol(v.c_str(), &end, 10);
      const bool port = a == "--port";
      if (v.empty() || *end != '\0' || n < (port ? 0 : 1) || n > (port ? 65535 : 1000000)) {
        *error = a + (port ? " needs a port 0-65535" : " needs a positive integer") + ", not \"" + v + "\"";
        return false;
      }
      if (port) o.port = static_cast<int>(n);
      else o.count = static_cast<int>(n);
    } else if (a == "--bind") {
      if (!value(&o.bind)) return false;
    } else if (a == "--path") {
      if (!value(&o.webhook_path)) return false;
      if (o.webhook_path.empty() || o.webhook_path[0] != '/') {
        *error = "--path must start with /, not \"" + o.webhook_path + "\"";
        return false;
      }
    } else if (a == "--server") {
      if (!value(&o.server)) return false;
    } else if (a == "--plex-tv-url") {
      if (!value(&o.plex_tv_url)) return false;
    } else if (a == "--user") {
      if (!value(&o.user)) return false;
    } else if (a == "--code") {
      if (!value(&o.code)) return false;
      if (o.code.empty() || o.code.find_first_not_of("0123456789") != std::string::npos) {
        *error = "--code needs the digits from the authenticator app, not \"" + o.code + "\"";
        return false;
      }
    } else if (a == "--show-token") {
      o.show_token = true;
    } else if (a == "--timeout") {
      std::string v;
      if (!value(&v) || !PositiveSeconds(a, v, &o.timeout_seconds, error)) return false;
    } else if (a.size() > 1 && a[0] == '-' && a != "-") {
      *error = "unknown option " + a;
      return false;
    } else if (o.command.empty()) {
      o.command = a;
    } else if (o.command == "sync" ||
               ((o.command == "find" || o.command == "provider-check") && o.paths.empty())) {
      o.paths.push_back(a);
    } else {
      *error = "unexpected argument \"" + a + "\" for " + o.command;
      return false;
    }
  }
  if (o.command.empty()) {
    *error = "no command given";
    return false;
  }
  static const char* const kCommands[] = {"info", "capabilities", "test-connection", "sync", "find",
                                          "sessions", "watch", "listen", "help", "login", "servers",
                                          "serve-provider", "provider-check"};
  if (std::find(std::begin(kCommands), std::end(kCommands), o.command) == std::end(kCommands)) {
    *error = "unknown command \"" + o.command + "\"";
    return false;
  }
  const bool needs_config = o.command != "info" && o.command != "capabilities" && o.command != "help";
  if (needs_config && o.config.empty()) {
    *error = o.command + " needs --config FILE";
    return false;
  }
  if (o.command == "sync" && o.paths.empty()) {
    *error = "sync needs at least one PATH";
    return false;
  }
  if ((o.follow || !o.id.empty()) && o.command != "sync") {
    *error = std::string(o.follow ? "--follow" : "--id") + " is a sync option, not one for " + o.command;
    return false;
  }
  if (o.follow && o.wait) {
    *error = "--follow needs --no-wait: it follows queued changes (a sync that waits reports every "
             "outcome itself)";
    return false;
  }
  if (o.follow && o.dry_run) {
    *error = "--follow cannot follow a --dry-run: a dry run queues nothing";
    return false;
  }
  if ((o.command == "find" || o.command == "provider-check") && o.paths.empty()) {
    *error = o.command + " needs a PATH";
    return false;
  }
  *out = o;
  return true;
}

std::string BuildSyncRequest(const CliOptions& options) {
  Poco::JSON::Object doc(Poco::JSON_PRESERVE_KEY_ORDER);
  doc.set("schema_version", 1);
  Poco::JSON::Array::Ptr changes = new Poco::JSON::Array();
  for (const std::string& p : options.paths) {
    Poco::JSON::Object::Ptr c = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    if (!options.id.empty()) {
      c->set("id", options.paths.size() == 1 ? options.id : options.id + "-" + std::to_string(changes->size() + 1));
    }
    c->set("path", p);
    c->set("kind", options.kind);
    changes->add(c);
  }
  doc.set("changes", changes);
  Poco::JSON::Object::Ptr opts = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
  opts->set("wait", options.wait);
  if (options.timeout_seconds) opts->set("timeout_seconds", *options.timeout_seconds);
  opts->set("dry_run", options.dry_run);
  opts->set("full_scan", options.full_scan);
  opts->set("strategy", options.strategy);
  opts->set("force_refresh", options.force_refresh);
  if (!options.skip_active.empty()) opts->set("skip_active", options.skip_active);
  if (!options.artwork_mode.empty()) opts->set("artwork_mode", options.artwork_mode);
  if (options.lock_fields) opts->set("lock_fields", *options.lock_fields);
  if (options.unlock_fields) opts->set("unlock_fields", true);
  doc.set("options", opts);
  std::ostringstream out;
  doc.stringify(out);
  return out.str();
}

double DefaultFollowSeconds(const std::string& config_json) {
  double debounce = 5;
  double queued_timeout = 600;
  try {
    Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse(config_json);
    Poco::JSON::Object::Ptr config = parsed.extract<Poco::JSON::Object::Ptr>();
    auto number = [&](const char* key, double* out) {
      Poco::Dynamic::Var v = config->get(key);
      if (v.isNumeric() && v.convert<double>() >= 0) *out = v.convert<double>();
    };
    number("debounce_seconds", &debounce);
    number("queued_timeout_seconds", &queued_timeout);
  } catch (const std::exception&) {
    // not a JSON object: the driver's defaults
  }
  return debounce + queued_timeout + 60;
}

}  // namespace host_stub
