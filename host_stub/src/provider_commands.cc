// SPDX-License-Identifier: MIT
#include "provider_commands.h"

#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>

#include "command_support.h"
#include "provider_http_server.h"
#include "provider_report.h"

namespace host_stub {
namespace {

// The provider table, zero-extended to this header's size (members a driver lacks are NULL).
struct ProviderApi {
  pd_provider table{};
  bool ok = false;
};

ProviderApi LoadProviderApi(const DriverLibrary& lib, const char* command, bool needs_check) {
  ProviderApi api;
  const auto* raw = static_cast<const pd_provider*>(lib.Interface(PD_PROVIDER_INTERFACE_ID));
  if (raw && raw->struct_size >= sizeof(uint32_t)) {
    std::memcpy(&api.table, raw, std::min<size_t>(raw->struct_size, sizeof api.table));
    api.ok = api.table.create && api.table.destroy &&
             (needs_check ? api.table.check != nullptr : api.table.handle != nullptr);
  }
  if (!api.ok) {
    std::fprintf(
        stderr, "%s failed: unsupported: this driver offers no metadata provider (%s): %s %s\n",
        command, PD_PROVIDER_INTERFACE_ID, lib.info().id.c_str(), lib.info().version.c_str());
  }
  return api;
}

// A provider for the duration of a command.
class Provider {
 public:
  explicit Provider(const pd_provider& api) : api_(api) {}
  ~Provider() {
    if (server_) api_.destroy(server_);
  }
  Provider(const Provider&) = delete;
  Provider& operator=(const Provider&) = delete;

  // 0, or prints the driver's refusal and returns 6 (invalid config) or the call's code.
  int Create(const HostCallbacks& host, const std::string& config, const CliOptions& o) {
    pd_error err = NewError();
    const pd_status st = api_.create(host.host(), config.c_str(), &server_, &err);
    if (st == PD_OK && server_) return kExitOk;
    server_ = nullptr;
    std::fprintf(stderr,
                 "host_stub: the driver refused %s as a metadata provider configuration: %s: %s\n",
                 o.config.c_str(), StatusName(st).c_str(), err.message);
    return st == PD_ERR_INVALID_CONFIG || st == PD_ERR_INVALID_ARGUMENT ? kExitCreate
                                                                        : CallExitCode(st);
  }
  pd_provider_server* get() const { return server_; }

 private:
  const pd_provider& api_;
  pd_provider_server* server_ = nullptr;
};

class DriverProviderBackend : public ProviderBackend {
 public:
  DriverProviderBackend(const pd_provider& api, pd_provider_server* server)
      : api_(api), server_(server) {}
  pd_status Handle(const pd_http_request& request, const pd_http_response& response,
                   pd_error* err) override {
    return api_.handle(server_, &request, &response, err);
  }

 private:
  const pd_provider& api_;
  pd_provider_server* server_;
};

// SIGINT and SIGTERM are blocked in the calling thread before the server starts its threads
// (which inherit the mask), so they reach the main thread's sigtimedwait and no other.
class StopSignals {
 public:
  StopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &old_);
  }
  ~StopSignals() { pthread_sigmask(SIG_SETMASK, &old_, nullptr); }
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Blocks until SIGINT or SIGTERM (or a Ctrl-C the interrupt handler saw on another thread).
  int Wait() {
    const timespec step{0, 200 * 1000 * 1000};
    while (!HostCallbacks::interrupted()) {
      const int sig = sigtimedwait(&set_, nullptr, &step);
      if (sig > 0) return sig;
    }
    return SIGINT;
  }

 private:
  sigset_t set_;
  sigset_t old_;
};

}  // namespace

int RunServeProvider(const DriverLibrary& lib, HostCallbacks& host, const std::string& config,
                     const CliOptions& o) {
  ProviderApi api = LoadProviderApi(lib, "serve-provider", false);
  if (!api.ok) return kExitUnsupported;
  StopSignals signals;  // before any thread is started
  Provider provider(api.table);
  if (const int code = provider.Create(host, config, o); code != kExitOk) return code;
  DriverProviderBackend backend(api.table, provider.get());
  ProviderHttpServer::Options options;
  options.bind = o.bind;
  options.port = static_cast<uint16_t>(o.port);
  options.threads = 8;
  options.access_log = [](const std::string& line) {
    std::fprintf(stderr, "%s\n", line.c_str());
    std::fflush(stderr);
  };
  ProviderHttpServer server(&backend, options);
  std::string error;
  if (!server.Start(&error)) {
    std::fprintf(stderr, "host_stub: --bind %s --port %d: %s\n", o.bind.c_str(), o.port,
                 error.c_str());
    return kExitUsage;
  }
  const std::string url = server.url();
  std::cout << fmt::format(
                   "serving the metadata provider on {} (Plex: add {}/movies and {}/shows as "
                   "metadata providers)\n",
                   url, url, url)
            << std::flush;
  const int sig = signals.Wait();
  std::fprintf(stderr, "%s: stopping the metadata provider\n",
               sig == SIGTERM ? "SIGTERM" : "Ctrl-C");
  server.Stop();  // every request thread joined before the provider is destroyed
  return kExitOk;
}

int RunProviderCheck(const DriverLibrary& lib, HostCallbacks& host, const std::string& config,
                     const CliOptions& o) {
  ProviderApi api = LoadProviderApi(lib, "provider-check", true);
  if (!api.ok) return kExitUnsupported;
  Provider provider(api.table);
  if (const int code = provider.Create(host, config, o); code != kExitOk) return code;
  const std::string& path = o.paths.front();
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  pd_error err = NewError();
  const pd_status st = api.table.check(provider.get(), path.c_str(), &sink, &err);
  if (st != PD_OK) {
    PrintFailure("provider-check", st, err);
    if (!doc.empty() && o.json) std::cout << doc << "\n";
    return st == PD_ERR_NOT_FOUND ? kExitNotFound : CallExitCode(st);
  }
  std::cout << (o.json ? doc + "\n" : RenderProviderCheck(doc)) << std::flush;
  return ProviderCheckExitCode(doc);
}

}  // namespace host_stub
