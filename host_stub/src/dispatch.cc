#include "dispatch.h"

#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include "account_commands.h"
#include "command_support.h"
#include "driver_loader.h"
#include "event_commands.h"
#include "host_callbacks.h"
#include "instance_commands.h"
#include "provider_commands.h"

namespace host_stub {

int RunCommand(const CliOptions& o) {
  if (o.command == "help") {
    std::cout << UsageText();
    return kExitOk;
  }
  std::string config;
  const bool account_command = o.command == "login" || o.command == "servers";  // read their own
  if (!o.config.empty() && !account_command) {
    std::string error;
    if (!ReadJsonConfig(o.config, &config, &error)) {
      std::fprintf(stderr, "host_stub: %s\n", error.c_str());
      return kExitConfig;
    }
  }
  int load_exit_code = kExitOk;
  std::shared_ptr<DriverLibrary> lib = LoadDriver(o, &load_exit_code);
  if (!lib) return load_exit_code;
  if (o.command == "info") return RunInfo(*lib, o);

  HostCallbacks host(o.verbose);
  HostCallbacks::InstallInterruptHandler();
  if (o.command == "login") return RunLogin(*lib, host, o);
  if (o.command == "servers") return RunServers(*lib, host, o);
  // The metadata provider needs no instance: it reads the config's manager roots only.
  if (o.command == "serve-provider") return RunServeProvider(*lib, host, config, o);
  if (o.command == "provider-check") return RunProviderCheck(*lib, host, config, o);
  // sync --follow: a queue.recovered event may come as soon as the instance exists.
  if (o.command == "sync" && o.follow) host.HoldEvents();
  DriverInstance instance(lib, host);
  if (!config.empty()) {
    if (const int code = instance.Create(config, o.config); code != kExitOk) return code;
  }
  if (o.command == "capabilities") return RunCapabilities(*lib, instance.get(), o);
  if (o.command == "test-connection") return RunTestConnection(*lib, instance.get(), host, o);
  if (o.command == "find") return RunFind(*lib, instance.get(), o);
  if (o.command == "sessions") return RunSessions(*lib, instance.get(), o);
  if (o.command == "watch") return RunWatch(*lib, instance.get(), host, o);
  if (o.command == "listen") return RunListen(*lib, instance.get(), host, o);
  return RunSync(*lib, instance, host, o);
}

}  // namespace host_stub
