#include "instance_commands.h"

#include <cstddef>
#include <cstdio>
#include <iostream>
#include <string>

#include <fmt/format.h>

#include "command_support.h"
#include "report_printer.h"

namespace host_stub {

int RunInfo(const DriverLibrary& lib, const CliOptions& o) {
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

int RunCapabilities(const DriverLibrary& lib, pd_instance* instance, const CliOptions& o) {
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  pd_error err = NewError();
  const pd_status st = lib.api().capabilities(instance, &sink, &err);
  if (st != PD_OK) {
    PrintFailure("capabilities", st, err);
    return CallExitCode(st);
  }
  std::cout << (o.json ? doc + "\n" : RenderCapabilities(doc));
  return kExitOk;
}

int RunTestConnection(const DriverLibrary& lib, pd_instance* instance, HostCallbacks& host,
                      const CliOptions& o) {
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  pd_error err = NewError();
  const pd_status st = lib.api().test_connection(instance, nullptr, &sink, &err);
  host.FinishProgress();
  if (!doc.empty()) std::cout << (o.json ? doc + "\n" : RenderTestConnection(doc));
  if (st != PD_OK) PrintFailure("test-connection", st, err);
  return CallExitCode(st);
}

int RunFind(const DriverLibrary& lib, pd_instance* instance, const CliOptions& o) {
  // Members after sync exist only in drivers of ABI 1.1 and later.
  if (lib.info().interface_size < offsetof(pd_driver, find) + sizeof(void*) || !lib.api().find) {
    return ReportNeedsAbi(lib, "find", 1);
  }
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  pd_error err = NewError();
  const pd_status st = lib.api().find(instance, o.paths.front().c_str(), nullptr, &sink, &err);
  if (!doc.empty()) std::cout << (o.json ? doc + "\n" : RenderFindResult(doc));
  if (st != PD_OK) PrintFailure("find", st, err);
  return CallExitCode(st);
}

int RunSessions(const DriverLibrary& lib, pd_instance* instance, const CliOptions& o) {
  if (!Implements(lib, 2, offsetof(pd_driver, sessions) + sizeof(void*))) {
    return ReportNeedsAbi(lib, "sessions", 2);
  }
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  pd_error err = NewError();
  const pd_status st = lib.api().sessions(instance, nullptr, &sink, &err);
  if (st != PD_OK) {
    PrintFailure("sessions", st, err);
    return CallExitCode(st);
  }
  std::cout << (o.json ? doc + "\n" : RenderSessions(doc));
  return kExitOk;
}

int RunSync(const DriverLibrary& lib, pd_instance* instance, HostCallbacks& host, const CliOptions& o) {
  const std::string request = BuildSyncRequest(o);
  if (!lib.api().sync) {
    std::fprintf(stderr, "sync failed: unsupported: the driver has no sync entry\n");
    return kExitUnsupported;
  }
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  pd_error err = NewError();
  const pd_status st = lib.api().sync(instance, request.c_str(), nullptr, &sink, &err);
  host.FinishProgress();
  if (!doc.empty()) std::cout << (o.json ? doc + "\n" : RenderSyncResult(doc));
  if (st != PD_OK) PrintFailure("sync", st, err);
  if (doc.empty()) return CallExitCode(st);
  return SyncExitCode(doc);
}

}  // namespace host_stub
