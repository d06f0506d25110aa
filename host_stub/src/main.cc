// host_stub: a command-line PlayerDriver host (see `host_stub --help`).
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include "cli_options.h"
#include "dispatch.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  host_stub::CliOptions options;
  std::string error;
  if (!host_stub::ParseCli(args, &options, &error)) {
    std::fprintf(stderr, "host_stub: %s\n\n%s", error.c_str(), host_stub::UsageText());
    return host_stub::kExitUsage;
  }
  try {
    return host_stub::RunCommand(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "host_stub: unexpected error: %s\n", e.what());
    return host_stub::kExitFailed;
  }
}
