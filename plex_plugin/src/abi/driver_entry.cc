// The ABI shim: the one exported symbol, the pd_driver table, and the barrier that turns every
// exception into a status + message. All behaviour lives in PlexInstance; this file only
// translates between C and C++ and enforces the header's lifetime rules.
#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "abi/account_api.h"
#include "abi/provider_api.h"
#include "abi/call_counter.h"
#include "abi/error_report.h"
#include "abi/exception_barrier.h"
#include "core/json_util.h"
#include "driver/capabilities.h"
#include "core/driver_info.h"
#include "driver/plex_instance.h"
#include "player_driver/player_driver.h"

// The handle the host holds. Counts calls in flight so destroy() can wait for them.
struct pd_instance {
  std::unique_ptr<plexdriver::PlexInstance> impl;
  plexdriver::CallCounter calls;
  std::mutex sync_mutex;
  bool sync_running = false;  // guarded by sync_mutex
};

namespace plexdriver {
namespace {

// Runs `body` (returning Status), fills `err`, and converts any exception to PD_ERR_INTERNAL.
// With an instance, the call is counted (CallScope) until its message is redacted: destroy()
// may free the instance the moment the count drops, so nothing may touch it afterwards.
template <typename Body>
pd_status Guarded(const char* function, pd_instance* instance, pd_error* err, Body&& body) {
  const Status status = RunGuarded(function, [&]() -> Status {
    std::optional<CallCounter::Scope> scope;
    if (instance && instance->impl) scope.emplace(&instance->calls);
    Status s = body();
    if (scope && !s.ok()) s = Status(s.code(), instance->impl->bridge().Redact(s.message()), s.detail());
    return s;
  });
  FillError(err, status);
  return status.code();
}

Status RequireInstance(pd_instance* instance, const char* function) {
  if (!instance || !instance->impl) {
    return Status(PD_ERR_INVALID_ARGUMENT, fmt::format("{}: instance is NULL", function));
  }
  return Status::Ok();
}

pd_status Create(const pd_host* host, const char* config_json, pd_instance** out, pd_error* err) {
  if (out) *out = nullptr;
  return Guarded("create", nullptr, err, [&]() -> Status {
    if (!out) return Status(PD_ERR_INVALID_ARGUMENT, "create: `out` is NULL");
    if (!config_json) return Status(PD_ERR_INVALID_CONFIG, "config: NULL; pass a JSON object");
    Result<std::unique_ptr<PlexInstance>> impl = PlexInstance::Create(host, config_json);
    if (!impl.ok()) return impl.status();
    auto handle = std::make_unique<pd_instance>();
    handle->impl = std::move(impl).value();
    *out = handle.release();
    return Status::Ok();
  });
}

void Destroy(pd_instance* instance) {
  if (!instance) return;
  try {
    if (instance->impl) instance->impl->RequestShutdown();
    instance->calls.WaitIdle();
    delete instance;
  } catch (...) {
    // Nothing can be reported from destroy; the instance leaks rather than crash the host.
  }
}

pd_status Connect(pd_instance* instance, void* op_ctx, pd_error* err) {
  return Guarded("connect", instance, err, [&]() -> Status {
    if (Status s = RequireInstance(instance, "connect"); !s.ok()) return s;
    return instance->impl->Connect(op_ctx);
  });
}

pd_status Capabilities(pd_instance* instance, const pd_sink* out, pd_error* err) {
  return Guarded("capabilities", instance, err, [&]() -> Status {
    if (Status s = RequireSink(out, "capabilities"); !s.ok()) return s;
    if (!instance) {
      WriteToSink(out, ToJson(DriverCapabilities()));
      return Status::Ok();
    }
    if (!instance->impl) return RequireInstance(nullptr, "capabilities");
    WriteToSink(out, instance->impl->Capabilities());
    return Status::Ok();
  });
}

pd_status TestConnection(pd_instance* instance, void* op_ctx, const pd_sink* out, pd_error* err) {
  return Guarded("test_connection", instance, err, [&]() -> Status {
    if (Status s = RequireInstance(instance, "test_connection"); !s.ok()) return s;
    if (Status s = RequireSink(out, "test_connection"); !s.ok()) return s;
    std::string report;
    Status status = instance->impl->TestConnection(op_ctx, &report);
    if (!report.empty()) WriteToSink(out, report);
    return status;
  });
}

pd_status Sync(pd_instance* instance, const char* request_json, void* op_ctx, const pd_sink* out,
               pd_error* err) {
  return Guarded("sync", instance, err, [&]() -> Status {
    if (Status s = RequireInstance(instance, "sync"); !s.ok()) return s;
    if (Status s = RequireSink(out, "sync"); !s.ok()) return s;
    if (!request_json) return Status(PD_ERR_INVALID_ARGUMENT, "sync: request_json is NULL");
    {
      std::lock_guard<std::mutex> lock(instance->sync_mutex);
      if (instance->sync_running) {
        return Status(PD_ERR_BUSY, "sync: another sync is running on this instance; wait for it "
                                   "or use a second instance");
      }
      instance->sync_running = true;
    }
    struct Release {
      pd_instance* i;
      ~Release() {
        std::lock_guard<std::mutex> lock(i->sync_mutex);
        i->sync_running = false;
      }
    } release{instance};
    std::string result;
    Status status = instance->impl->Sync(request_json, op_ctx, &result);
    if (!result.empty()) WriteToSink(out, result);
    return status;
  });
}

pd_status Find(pd_instance* instance, const char* path, void* op_ctx, const pd_sink* out,
               pd_error* err) {
  return Guarded("find", instance, err, [&]() -> Status {
    if (Status s = RequireInstance(instance, "find"); !s.ok()) return s;
    if (Status s = RequireSink(out, "find"); !s.ok()) return s;
    if (!path) return Status(PD_ERR_INVALID_ARGUMENT, "find: path is NULL");
    std::string result;
    Status status = instance->impl->Find(path, op_ctx, &result);
    if (!result.empty()) WriteToSink(out, result);
    return status;
  });
}

pd_status Sessions(pd_instance* instance, void* op_ctx, const pd_sink* out, pd_error* err) {
  return Guarded("sessions", instance, err, [&]() -> Status {
    if (Status s = RequireInstance(instance, "sessions"); !s.ok()) return s;
    if (Status s = RequireSink(out, "sessions"); !s.ok()) return s;
    std::string result;
    Status status = instance->impl->Sessions(op_ctx, &result);
    if (!result.empty()) WriteToSink(out, result);
    return status;
  });
}

pd_status HandleWebhook(pd_instance* instance, const char* content_type, const char* body,
                        size_t body_size, const pd_sink* out, pd_error* err) {
  return Guarded("handle_webhook", instance, err, [&]() -> Status {
    if (Status s = RequireInstance(instance, "handle_webhook"); !s.ok()) return s;
    if (Status s = RequireSink(out, "handle_webhook"); !s.ok()) return s;
    if (!content_type) return Status(PD_ERR_INVALID_ARGUMENT, "handle_webhook: content_type is NULL; pass the request's Content-Type header");
    if (!body && body_size > 0) return Status(PD_ERR_INVALID_ARGUMENT, "handle_webhook: body is NULL but body_size is not 0");
    std::string event;
    Status status = instance->impl->HandleWebhook(content_type, std::string_view(body ? body : "", body_size), &event);
    if (!event.empty()) WriteToSink(out, event);
    return status;
  });
}

pd_status Negotiate(uint32_t host_major, uint32_t host_minor, uint32_t* out_minor) {
  if (!out_minor) return PD_ERR_INVALID_ARGUMENT;
  if (host_major != PD_ABI_MAJOR) {
    *out_minor = 0;
    return PD_ERR_INCOMPATIBLE;
  }
  *out_minor = std::min<uint32_t>(host_minor, PD_ABI_MINOR);
  return PD_OK;
}

const pd_driver kDriverTable = {
    sizeof(pd_driver), Create,  Destroy, Connect, Capabilities, TestConnection, Sync, Find,
    Sessions,          HandleWebhook,
};

const void* GetInterface(const char* interface_id) {
  if (interface_id && std::strcmp(interface_id, PD_DRIVER_INTERFACE_ID) == 0) return &kDriverTable;
  if (interface_id && std::strcmp(interface_id, PD_ACCOUNT_INTERFACE_ID) == 0) return AccountInterface();
  if (interface_id && std::strcmp(interface_id, PD_PROVIDER_INTERFACE_ID) == 0) return ProviderInterface();
  return nullptr;
}

const pd_entry kEntry = {
    sizeof(pd_entry), PD_ABI_MAJOR, PD_ABI_MINOR, kDriverId, kDriverName, kDriverVersion,
    Negotiate,        GetInterface,
};

}  // namespace
}  // namespace plexdriver

extern "C" PD_EXPORT const pd_entry* player_driver_entry(void) { return &plexdriver::kEntry; }
