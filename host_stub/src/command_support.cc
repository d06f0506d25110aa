#include "command_support.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <utility>

#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

namespace host_stub {
namespace {

int LoadExitCode(LoadErrorKind kind) {
  switch (kind) {
    case LoadErrorKind::kOpenFailed: return kExitLoadOpen;
    case LoadErrorKind::kIncompatible: return kExitIncompatible;
    default: return kExitLoadEntry;
  }
}

}  // namespace

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

bool ReadConfigFile(const std::string& path, std::string* text, std::string* error, bool* missing) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int open_errno = errno;  // before anything else can change it
    if (missing) *missing = open_errno == ENOENT;
    *error = fmt::format("cannot read config file \"{}\": {}", path, std::strerror(open_errno));
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  *text = ss.str();
  return true;
}

bool ReadJsonConfig(const std::string& path, std::string* text, std::string* error) {
  if (!ReadConfigFile(path, text, error)) return false;
  try {
    Poco::JSON::Parser().parse(*text);
  } catch (const std::exception& e) {
    *error = fmt::format("config file \"{}\" is not valid JSON: {}", path, e.what());
    return false;
  }
  return true;
}

std::shared_ptr<DriverLibrary> LoadDriver(const CliOptions& o, int* exit_code) {
  LoadError load_error;
  const std::string path = o.driver.empty() ? DefaultDriverPath() : o.driver;
  std::shared_ptr<DriverLibrary> lib = DriverLibrary::Load(path, &load_error);
  if (!lib) {
    std::fprintf(stderr, "host_stub: %s: %s\n", LoadErrorKindName(load_error.kind), load_error.message.c_str());
    *exit_code = LoadExitCode(load_error.kind);
  }
  return lib;
}

DriverInstance::DriverInstance(std::shared_ptr<DriverLibrary> lib, const HostCallbacks& host)
    : lib_(std::move(lib)), host_(host) {}

DriverInstance::~DriverInstance() { Destroy(); }

void DriverInstance::Destroy() {
  if (instance_) lib_->api().destroy(instance_);
  instance_ = nullptr;
}

int DriverInstance::Create(const std::string& config, const std::string& config_path) {
  config_ = config;
  pd_error err = NewError();
  const pd_status st = lib_->api().create(host_.host(), config.c_str(), &instance_, &err);
  if (st == PD_OK) return kExitOk;
  std::fprintf(stderr, "host_stub: the driver refused %s: %s: %s\n", config_path.c_str(),
               StatusName(st).c_str(), err.message);
  return st == PD_ERR_INVALID_CONFIG ? kExitCreate : CallExitCode(st);
}

bool Implements(const DriverLibrary& lib, uint32_t minor, size_t table_end) {
  return lib.info().negotiated_minor >= minor && lib.info().interface_size >= table_end;
}

int ReportNeedsAbi(const DriverLibrary& lib, const char* command, uint32_t minor) {
  std::fprintf(stderr, "%s failed: unsupported: %s implements ABI %u.%u; %s needs ABI 1.%u\n", command,
               lib.info().id.c_str(), lib.info().abi_major, lib.info().abi_minor, command, minor);
  return kExitUnsupported;
}

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

}  // namespace host_stub
