#include "commands.h"

#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "account_commands.h"
#include "driver_loader.h"
#include "event_commands.h"
#include "host_callbacks.h"
#include "report_printer.h"

namespace host_stub {
namespace {


int LoadExitCode(LoadErrorKind kind) {
  switch (kind) {
    case LoadErrorKind::kOpenFailed: return kExitLoadOpen;
    case LoadErrorKind::kIncompatible: return kExitIncompatible;
    default: return kExitLoadEntry;
  }
}


// Reads the configuration file; the driver validates its content.
bool ReadConfig(const std::string& path, std::string* text, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = fmt::format("cannot read config file \"{}\": {}", path, std::strerror(errno));
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  *text = ss.str();
  try {
    Poco::JSON::Parser().parse(*text);
  } catch (const std::exception& e) {
    *error = fmt::format("config file \"{}\" is not valid JSON: {}", path, e.what());
    return false;
  }
  return true;
}

// An instance for the duration of a command; destroyed before the library is released.
class Instance {
 public:
  Instance(std::shared_ptr<DriverLibrary> lib, const HostCallbacks& host) : lib_(std::move(lib)), host_(host) {}
  ~Instance() {
    if (instance_) lib_->api().destroy(instance_);
  }
  pd_status Create(const std::string& config, pd_error* err) {
    return lib_->api().create(host_.host(), config.c_str(), &instance_, err);
  }
  pd_instance* get() const { return instance_; }

 private:
  std::shared_ptr<DriverLibrary> lib_;
  const HostCallbacks& host_;
  pd_instance* instance_ = nullptr;
};


int Info(const DriverLibrary& lib, const CliOptions& o) {
  const DriverInfo& i = lib.info();
  const bool account = lib.Interface(PD_ACCOUNT_INTERFACE_ID) != nullptr;
  if (o.json) {
    std::cout << fmt::format(
        R"({{"path":"{}","driver_id":"{}","driver_name":"{}","driver_version":"{}","abi":{{"major":{},"minor":{}}},)"
        R"("host_abi":{{"major":{},"minor":{}}},"negotiated_minor":{},"interfaces":["{}"{}]}})",
        i.path, i.id, i.name, i.version, i.abi_major, i.abi_minor, PD_ABI_MAJOR, PD_ABI_MINOR,
        i.negotiated_minor, PD_DRIVER_INTERFACE_ID,
        account ? std::string(",\"") + PD_ACCOUNT_INTERFACE_ID + "\"" : "")
              << "\n";
    return kExitOk;
  }
  std::cout << fmt::format(
      "loaded     {}\n"
      "driver     {} ({}) version {}\n"
      "abi        driver {}.{}, host {}.{}, negotiated {}.{}\n"
      "interface  {} ({} bytes, host knows {})\n",
      i.path, i.name, i.id, i.version, i.abi_major, i.abi_minor, PD_ABI_MAJOR, PD_ABI_MINOR,
      PD_ABI_MAJOR, i.negotiated_minor, PD_DRIVER_INTERFACE_ID, i.interface_size, sizeof(pd_driver));
  if (account) std::cout << fmt::format("account    {} (login, servers)\n", PD_ACCOUNT_INTERFACE_ID);
  return kExitOk;
}

}  // namespace

void AppendToString(void* ctx, const char* data, size_t size) {
  static_cast<std::string*>(ctx)->append(data, size);
}

pd_error NewError() {
  pd_error e{};
  e.struct_size = sizeof e;
  return e;
}

int CallExitCode(pd_status status) {
  if (status == PD_OK) return kExitOk;
  if (status == PD_ERR_UNSUPPORTED) return kExitUnsupported;
  return kExitFailed;
}

void PrintFailure(const char* what, pd_status status, const pd_error& err) {
  std::fprintf(stderr, "%s failed: %s%s%s\n", what, StatusName(status).c_str(),
               err.message[0] ? ": " : "", err.message);
}

std::string StatusName(pd_status status) {
  static const char* const kNames[] = {
      "ok", "invalid_argument", "invalid_config", "unauthorized", "forbidden", "unreachable",
      "dns", "timeout", "tls", "not_found", "protocol", "cancelled", "unsupported",
      "incompatible", "busy", "server_error", "buffer", "internal"};
  if (status >= 0 && status < static_cast<pd_status>(sizeof kNames / sizeof kNames[0])) return kNames[status];
  return fmt::format("status {}", status);
}

std::string DefaultDriverPath() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "libplex_driver.so";
  return (exe.parent_path().parent_path() / "plex_plugin" / "libplex_driver.so").string();
}

int RunCommand(const CliOptions& o) {
  if (o.command == "help") {
    std::cout << UsageText();
    return kExitOk;
  }
  std::string config;
  const bool account_command = o.command == "login" || o.command == "servers";  // read their own
  if (!o.config.empty() && !account_command) {
    std::string error;
    if (!ReadConfig(o.config, &config, &error)) {
      std::fprintf(stderr, "host_stub: %s\n", error.c_str());
      return kExitConfig;
    }
  }
  LoadError load_error;
  const std::string path = o.driver.empty() ? DefaultDriverPath() : o.driver;
  std::shared_ptr<DriverLibrary> lib = DriverLibrary::Load(path, &load_error);
  if (!lib) {
    std::fprintf(stderr, "host_stub: %s: %s\n", LoadErrorKindName(load_error.kind), load_error.message.c_str());
    return LoadExitCode(load_error.kind);
  }
  if (o.command == "info") return Info(*lib, o);

  HostCallbacks host(o.verbose);
  HostCallbacks::InstallInterruptHandler();
  if (o.command == "login") return RunLogin(*lib, host, o);
  if (o.command == "servers") return RunServers(*lib, host, o);
  Instance instance(lib, host);
  if (!config.empty()) {
    pd_error err = NewError();
    const pd_status st = instance.Create(config, &err);
    if (st != PD_OK) {
      std::fprintf(stderr, "host_stub: the driver refused %s: %s: %s\n", o.config.c_str(),
                   StatusName(st).c_str(), err.message);
      return st == PD_ERR_INVALID_CONFIG ? kExitCreate : CallExitCode(st);
    }
  }
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  pd_error err = NewError();

  if (o.command == "capabilities") {
    const pd_status st = lib->api().capabilities(instance.get(), &sink, &err);
    if (st != PD_OK) {
      PrintFailure("capabilities", st, err);
      return CallExitCode(st);
    }
    std::cout << (o.json ? doc + "\n" : RenderCapabilities(doc));
    return kExitOk;
  }
  if (o.command == "test-connection") {
    const pd_status st = lib->api().test_connection(instance.get(), nullptr, &sink, &err);
    host.FinishProgress();
    if (!doc.empty()) std::cout << (o.json ? doc + "\n" : RenderTestConnection(doc));
    if (st != PD_OK) PrintFailure("test-connection", st, err);
    return CallExitCode(st);
  }
  if (o.command == "find") {
    // Members after sync exist only in drivers of ABI 1.1 and later.
    if (lib->info().interface_size < offsetof(pd_driver, find) + sizeof(void*) || !lib->api().find) {
      std::fprintf(stderr, "find failed: unsupported: %s implements ABI %u.%u; find needs ABI 1.1\n",
                   lib->info().id.c_str(), lib->info().abi_major, lib->info().abi_minor);
      return kExitUnsupported;
    }
    const pd_status st = lib->api().find(instance.get(), o.paths.front().c_str(), nullptr, &sink, &err);
    if (!doc.empty()) std::cout << (o.json ? doc + "\n" : RenderFindResult(doc));
    if (st != PD_OK) PrintFailure("find", st, err);
    return CallExitCode(st);
  }
  if (o.command == "sessions" || o.command == "watch" || o.command == "listen") {
    // Members and callbacks of ABI 1.2.
    const size_t needed = o.command == "sessions" ? offsetof(pd_driver, sessions) + sizeof(void*)
                                                  : offsetof(pd_driver, handle_webhook) + sizeof(void*);
    if (lib->info().negotiated_minor < 2 || lib->info().interface_size < needed) {
      std::fprintf(stderr, "%s failed: unsupported: %s implements ABI %u.%u; %s needs ABI 1.2\n",
                   o.command.c_str(), lib->info().id.c_str(), lib->info().abi_major,
                   lib->info().abi_minor, o.command.c_str());
      return kExitUnsupported;
    }
    if (o.command == "sessions") return RunSessions(lib->api(), instance.get(), o);
    if (o.command == "watch") return RunWatch(lib->api(), instance.get(), host, o);
    return RunListen(lib->api(), instance.get(), host, o);
  }
  // sync
  const std::string request = BuildSyncRequest(o);
  if (!lib->api().sync) {
    std::fprintf(stderr, "sync failed: unsupported: the driver has no sync entry\n");
    return kExitUnsupported;
  }
  const pd_status st = lib->api().sync(instance.get(), request.c_str(), nullptr, &sink, &err);
  host.FinishProgress();
  if (!doc.empty()) std::cout << (o.json ? doc + "\n" : RenderSyncResult(doc));
  if (st != PD_OK) PrintFailure("sync", st, err);
  if (doc.empty()) return CallExitCode(st);
  return SyncExitCode(doc);
}

}  // namespace host_stub
