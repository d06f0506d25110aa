// plextv_emulator: the plex.tv emulator as a standalone server, for hosts in other languages
// (the Node.js adapter's tests) and for trying `host_stub login --plex-tv-url` without plex.tv.
// Prints "listening on http://127.0.0.1:PORT" once ready; runs until SIGINT/SIGTERM. Accounts
// and servers come from --fixture and the control API under /__emulator/ (README).
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>

#include "plextv_emulator/emulator.h"

namespace {

const char kUsage[] =
    "usage: plextv_emulator [options]\n"
    "  --port N                   port to listen on (0: any free port; default 0)\n"
    "  --bind ADDR                address to listen on (default 127.0.0.1)\n"
    "  --fixture FILE             accounts and servers (JSON; tests/plextv_emulator/README.md)\n"
    "  --pin-lifetime-seconds N   expiresIn of new PINs (default 900, as plex.tv)\n"
    "Control API (not recorded): GET /__emulator/pins, POST /__emulator/pins/approve\n"
    "{\"username\"}, POST /__emulator/pins/expire, POST /__emulator/accounts, POST\n"
    "/__emulator/resources, POST /__emulator/tokens {\"token\",\"revoked\"}, POST\n"
    "/__emulator/settings, GET|DELETE /__emulator/requests (secrets redacted).\n";

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

}  // namespace

int main(int argc, char** argv) {
  plextv_emulator::EmulatorOptions options;
  std::string fixture;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "plextv_emulator: " << arg << " needs a value\n" << kUsage;
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
      } else if (arg == "--bind") {
        options.bind_host = value();
      } else if (arg == "--fixture") {
        fixture = value();
      } else if (arg == "--pin-lifetime-seconds") {
        options.pin_lifetime_seconds = std::stoi(value());
        if (options.pin_lifetime_seconds < 0) throw std::out_of_range("lifetime");
      } else {
        std::cerr << "plextv_emulator: unknown option " << arg << "\n" << kUsage;
        return 1;
      }
    } catch (const std::logic_error&) {
      std::cerr << "plextv_emulator: " << arg << ": not a valid number\n";
      return 1;
    }
  }
  try {
    plextv_emulator::Emulator emulator(options);
    if (!fixture.empty()) emulator.LoadFixtureFile(fixture);
    emulator.Start();
    std::signal(SIGINT, OnSignal);
    std::signal(SIGTERM, OnSignal);
    std::cout << "listening on " << emulator.base_url() << std::endl;
    while (!g_stop) {
      struct timespec ts {
        0, 50 * 1000 * 1000
      };
      nanosleep(&ts, nullptr);
    }
    emulator.Stop();
  } catch (const std::exception& e) {
    std::cerr << "plextv_emulator: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
