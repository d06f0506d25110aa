// pms_emulator: the PMS emulator as a standalone server for the demo and for trying a driver
// without a Plex server. Prints "listening on http://127.0.0.1:PORT" once ready; runs until
// SIGINT/SIGTERM. Script it through the /__emulator/ control API (tests/pms_emulator/README.md).
// Without --library it serves the demo's library (embedded), so `pms_emulator` alone is enough.
#include <iostream>
#include <string>

#include "default_library.h"
#include "emulator_support/standalone.h"
#include "pms_emulator/emulator.h"

namespace {

const char kUsage[] =
    "usage: pms_emulator [--library FILE] [options]\n"
    "  --port N                  port to listen on (0: any free port; default 32400)\n"
    "  --library FILE            library fixture (JSON; schema in tests/pms_emulator/README.md;\n"
    "                            default: the demo's, fixtures/demo_library.json, built in)\n"
    "  --token T                 the admin X-Plex-Token (default emulator-admin-token)\n"
    "  --managed-token T         a managed user's token (403 on admin-only endpoints); repeatable\n"
    "  --name NAME               friendlyName\n"
    "  --version V               server version (e.g. 1.19.0.0 to see the partial-scan warning)\n"
    "  --platform Linux|Windows  path style (a fixture's server.platform wins)\n"
    "  --scan-start-delay-ms N   how late a requested scan becomes visible (default 150)\n"
    "  --scan-ms-per-folder N    simulated scan work per folder (default 30)\n"
    "  --no-websocket            refuse the notification websocket\n"
    "  --accept-put-refresh      answer PUT/POST .../refresh (PMS 1.32.7 answered 404)\n"
    "  --tls-cert F --tls-key F  serve HTTPS with this PEM certificate and key\n"
    "  --webhook-url URL         POST multipart webhooks there\n"
    "  --playback-report-ms N    how often a playing client reports (default 1000; Plex ~10000)\n"
    "  --stopped-linger-ms N     keep stopped sessions listed this long (default 0)\n"
    "  --machine-identifier ID   the server's machineIdentifier (default: random)\n"
    "  --provider-filename absolute|relative\n"
    "                            a metadata provider's match gets the server path, or the path\n"
    "                            relative to the library folder (default absolute)\n";

}  // namespace

int main(int argc, char** argv) {
  pms_emulator::EmulatorOptions options;
  options.port = 32400;
  std::string library;
  emulator_support::ArgReader args(argc, argv);
  try {
    for (std::string arg; args.Next(&arg);) {
      if (arg == "--help" || arg == "-h") {
        std::cout << kUsage;
        return 0;
      } else if (arg == "--port") {
        options.port = args.Port();
      } else if (arg == "--library") {
        library = args.Value();
      } else if (arg == "--token") {
        options.admin_token = args.Value();
      } else if (arg == "--managed-token") {
        options.managed_tokens.push_back(args.Value());
      } else if (arg == "--name") {
        options.friendly_name = args.Value();
      } else if (arg == "--version") {
        options.version = args.Value();
      } else if (arg == "--platform") {
        options.platform = args.Value();
      } else if (arg == "--scan-start-delay-ms") {
        options.scan_start_delay_ms = args.Int();
      } else if (arg == "--scan-ms-per-folder") {
        options.scan_ms_per_folder = args.Int();
      } else if (arg == "--no-websocket") {
        options.websocket_enabled = false;
      } else if (arg == "--accept-put-refresh") {
        options.put_post_refresh_404 = false;
      } else if (arg == "--tls-cert") {
        options.tls_cert_file = args.Value();
      } else if (arg == "--tls-key") {
        options.tls_key_file = args.Value();
      } else if (arg == "--webhook-url") {
        options.webhook_url = args.Value();
      } else if (arg == "--playback-report-ms") {
        options.playback_report_ms = args.Int();
      } else if (arg == "--stopped-linger-ms") {
        options.stopped_session_linger_ms = args.Int();
      } else if (arg == "--machine-identifier") {
        options.machine_identifier = args.Value();
      } else if (arg == "--provider-filename") {
        const std::string form = args.Value();
        if (form != "absolute" && form != "relative") {
          throw emulator_support::UsageError("--provider-filename: expected absolute or relative, not \"" + form + "\"");
        }
        options.provider_filename_relative = form == "relative";
      } else {
        throw emulator_support::UsageError("unknown option " + arg);
      }
    }
  } catch (const emulator_support::UsageError& e) {
    std::cerr << "pms_emulator: " << e.what() << "\n" << kUsage;
    return 1;
  }
  try {
    pms_emulator::Emulator emulator(options);
    if (library.empty()) {
      emulator.LoadLibraryJson(pms_emulator::kDefaultLibraryJson);
      std::cerr << "pms_emulator: serving the built-in demo library (fixtures/demo_library.json); "
                   "--library FILE serves another\n";
    } else {
      emulator.LoadLibraryFile(library);
    }
    emulator_support::ServeUntilSignalled(emulator);
  } catch (const std::exception& e) {
    std::cerr << "pms_emulator: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
