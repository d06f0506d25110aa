// pms_emulator: the PMS emulator as a standalone server for the demo and for trying a driver
// without a Plex server. Prints "listening on http://127.0.0.1:PORT" once ready; runs until
// SIGINT/SIGTERM. Script it through the /__emulator/ control API (tests/pms_emulator/README.md).
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "pms_emulator/emulator.h"

namespace {

const char kUsage[] =
    "usage: pms_emulator --library FILE [options]\n"
    "  --port N                  port to listen on (0: any free port; default 32400)\n"
    "  --library FILE            library fixture (JSON; schema in tests/pms_emulator/README.md)\n"
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
    "  --machine-identifier ID   the server's machineIdentifier (default: random)\n";

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

}  // namespace

int main(int argc, char** argv) {
  pms_emulator::EmulatorOptions options;
  options.port = 32400;
  std::string library;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "pms_emulator: " << arg << " needs a value\n" << kUsage;
        std::exit(1);
      }
      return argv[++i];
    };
    try {
      if (arg == "--help" || arg == "-h") {
        std::cout << kUsage;
        return 0;
      } else if (arg == "--port") {
        const int port = std::stoi(value());
        if (port < 0 || port > 65535) throw std::out_of_range("port");
        options.port = static_cast<uint16_t>(port);
      } else if (arg == "--library") {
        library = value();
      } else if (arg == "--token") {
        options.admin_token = value();
      } else if (arg == "--managed-token") {
        options.managed_tokens.push_back(value());
      } else if (arg == "--name") {
        options.friendly_name = value();
      } else if (arg == "--version") {
        options.version = value();
      } else if (arg == "--platform") {
        options.platform = value();
      } else if (arg == "--scan-start-delay-ms") {
        options.scan_start_delay_ms = std::stoi(value());
      } else if (arg == "--scan-ms-per-folder") {
        options.scan_ms_per_folder = std::stoi(value());
      } else if (arg == "--no-websocket") {
        options.websocket_enabled = false;
      } else if (arg == "--accept-put-refresh") {
        options.put_post_refresh_404 = false;
      } else if (arg == "--tls-cert") {
        options.tls_cert_file = value();
      } else if (arg == "--tls-key") {
        options.tls_key_file = value();
      } else if (arg == "--webhook-url") {
        options.webhook_url = value();
      } else if (arg == "--playback-report-ms") {
        options.playback_report_ms = std::stoi(value());
      } else if (arg == "--stopped-linger-ms") {
        options.stopped_session_linger_ms = std::stoi(value());
      } else if (arg == "--machine-identifier") {
        options.machine_identifier = value();
      } else {
        std::cerr << "pms_emulator: unknown option " << arg << "\n" << kUsage;
        return 1;
      }
    } catch (const std::logic_error&) {
      std::cerr << "pms_emulator: " << arg << ": not a valid number\n";
      return 1;
    }
  }
  if (library.empty()) {
    std::cerr << "pms_emulator: --library FILE is required\n" << kUsage;
    return 1;
  }
  try {
    pms_emulator::Emulator emulator(options);
    emulator.LoadLibraryFile(library);
    emulator.Start();
    std::signal(SIGINT, OnSignal);
    std::signal(SIGTERM, OnSignal);
    std::cout << "listening on " << emulator.base_url() << std::endl;
    while (!g_stop) {
      struct timespec ts{0, 50 * 1000 * 1000};
      nanosleep(&ts, nullptr);
    }
    emulator.Stop();
  } catch (const std::exception& e) {
    std::cerr << "pms_emulator: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
