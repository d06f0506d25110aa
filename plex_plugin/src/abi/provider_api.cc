// SPDX-License-Identifier: MIT
#include "abi/provider_api.h"

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "abi/call_counter.h"
#include "abi/error_report.h"
#include "abi/exception_barrier.h"
#include "host/host_bridge.h"
#include "provider/provider_service.h"

// The handle the host holds. Counts calls in flight so destroy() can wait for them.
struct pd_provider_server {
  std::unique_ptr<plexdriver::HostBridge> bridge;
  std::unique_ptr<plexdriver::ProviderService> service;
  plexdriver::CallCounter calls;
};

namespace plexdriver {
namespace {

std::string Text(const char* s) { return s ? std::string(s) : std::string(); }

pd_status Create(const pd_host* host, const char* config_json, pd_provider_server** out, pd_error* err) {
  if (out) *out = nullptr;
  const Status status = RunGuarded("provider create", [&]() -> Status {
    if (!out) return Status(PD_ERR_INVALID_ARGUMENT, "provider create: `out` is NULL");
    if (!config_json) return Status(PD_ERR_INVALID_CONFIG, "config: NULL; pass the driver's configuration document");
    Result<ProviderConfig> config = ParseProviderConfig(config_json);
    if (!config.ok()) return config.status();
    auto handle = std::make_unique<pd_provider_server>();
    handle->bridge = std::make_unique<HostBridge>(host, "");
    HostBridge* bridge = handle->bridge.get();
    Result<std::unique_ptr<ProviderService>> service = ProviderService::Create(
        std::move(config).value(), [bridge](pd_log_level level, const std::string& line) { bridge->Log(level, line); });
    if (!service.ok()) return service.status();
    handle->service = std::move(service).value();
    *out = handle.release();
    return Status::Ok();
  });
  FillError(err, status);
  return status.code();
}

void Destroy(pd_provider_server* provider) {
  if (!provider) return;
  try {
    provider->calls.WaitIdle();
    delete provider;
  } catch (...) {
    // Nothing can be reported from destroy; the provider leaks rather than crash the host.
  }
}

bool ResponseUsable(const pd_http_response* out) {
  return out && out->struct_size >= sizeof(pd_http_response) && out->start && out->write;
}

pd_status Handle(pd_provider_server* provider, const pd_http_request* request, const pd_http_response* out,
                 pd_error* err) {
  std::optional<CallCounter::Scope> scope;
  const Status status = RunGuarded("provider handle", [&]() -> Status {
    if (!provider || !provider->service) return Status(PD_ERR_INVALID_ARGUMENT, "provider handle: provider is NULL");
    scope.emplace(&provider->calls);
    if (!request) return Status(PD_ERR_INVALID_ARGUMENT, "provider handle: request is NULL");
    if (!ResponseUsable(out)) {
      return Status(PD_ERR_INVALID_ARGUMENT, "provider handle: response is NULL, too small or lacks start/write");
    }
    pd_http_request r{};
    std::memcpy(&r, request, std::min<size_t>(request->struct_size, sizeof(r)));
    if (!r.method || !r.path) return Status(PD_ERR_INVALID_ARGUMENT, "provider handle: request method or path is NULL");
    if (r.header_count > 0 && !r.headers) {
      return Status(PD_ERR_INVALID_ARGUMENT, "provider handle: header_count > 0 but headers is NULL");
    }
    if (r.body_size > 0 && !r.body) return Status(PD_ERR_INVALID_ARGUMENT, "provider handle: body_size > 0 but body is NULL");
    ProviderRequest req;
    req.method = r.method;
    req.path = r.path;
    req.query = Text(r.query);
    for (size_t i = 0; i < r.header_count; ++i) {
      if (r.headers[i].name && r.headers[i].value) req.headers.emplace_back(r.headers[i].name, r.headers[i].value);
    }
    if (r.body_size > 0) req.body.assign(r.body, r.body_size);
    if (request->struct_size >= offsetof(pd_http_request, base_url) + sizeof(r.base_url)) req.base_url = Text(r.base_url);
    const ProviderResponse response = provider->service->Handle(req);
    std::vector<pd_http_header> headers;
    std::string length = std::to_string(response.body.size());
    for (const auto& [name, value] : response.headers) headers.push_back({name.c_str(), value.c_str()});
    if (response.status != 304) headers.push_back({"Content-Length", length.c_str()});
    out->start(out->ctx, response.status, headers.data(), headers.size());
    if (!response.body.empty()) out->write(out->ctx, response.body.data(), response.body.size());
    return Status::Ok();
  });
  FillError(err, status);
  return status.code();
}

pd_status Check(pd_provider_server* provider, const char* path, const pd_sink* out, pd_error* err) {
  std::optional<CallCounter::Scope> scope;
  const Status status = RunGuarded("provider check", [&]() -> Status {
    if (!provider || !provider->service) return Status(PD_ERR_INVALID_ARGUMENT, "provider check: provider is NULL");
    scope.emplace(&provider->calls);
    if (Status s = RequireSink(out, "provider check"); !s.ok()) return s;
    if (!path || !*path) return Status(PD_ERR_INVALID_ARGUMENT, "provider check: path is NULL or empty");
    Result<std::string> document = provider->service->Check(path);
    if (!document.ok()) return document.status();
    WriteToSink(out, *document);
    return Status::Ok();
  });
  FillError(err, status);
  return status.code();
}

constexpr pd_provider kProvider = {sizeof(pd_provider), Create, Destroy, Handle, Check};

}  // namespace

const pd_provider* ProviderInterface() { return &kProvider; }

}  // namespace plexdriver
