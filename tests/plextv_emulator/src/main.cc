// plextv_emulator: the plex.tv emulator as a standalone server, for hosts in other languages
// (the Node.js adapter's tests) and for trying `host_stub login --plex-tv-url` without plex.tv.
// Prints "listening on http://127.0.0.1:PORT" once ready; runs until SIGINT/SIGTERM. Accounts
// and servers come from --fixture and the control API under /__emulator/ (README).
#include <iostream>
#include <string>

#include "emulator_support/standalone.h"
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

}  // namespace

int main(int argc, char** argv) {
  plextv_emulator::EmulatorOptions options;
  std::string fixture;
  emulator_support::ArgReader args(argc, argv);
  try {
    for (std::string arg; args.Next(&arg);) {
      if (arg == "--help" || arg == "-h") {
        std::cout << kUsage;
        return 0;
      } else if (arg == "--port") {
        options.port = args.Port();
      } else if (arg == "--bind") {
        options.bind_host = args.Value();
      } else if (arg == "--fixture") {
        fixture = args.Value();
      } else if (arg == "--pin-lifetime-seconds") {
        options.pin_lifetime_seconds = args.Int(0, 86400);
      } else {
        throw emulator_support::UsageError("unknown option " + arg);
      }
    }
  } catch (const emulator_support::UsageError& e) {
    std::cerr << "plextv_emulator: " << e.what() << "\n" << kUsage;
    return 1;
  }
  try {
    plextv_emulator::Emulator emulator(options);
    if (!fixture.empty()) emulator.LoadFixtureFile(fixture);
    emulator_support::ServeUntilSignalled(emulator);
  } catch (const std::exception& e) {
    std::cerr << "plextv_emulator: " << e.what() << "\n";
    return 2;
  }
  return 0;
}
