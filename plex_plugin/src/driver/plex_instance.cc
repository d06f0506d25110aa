#include "driver/plex_instance.h"

#include <fmt/format.h>

#include "core/json_util.h"
#include "driver/capabilities.h"
#include "driver/driver_info.h"
#include "net/poco_http_transport.h"

namespace plexdriver {
namespace {

ClientIdentity MakeClientIdentity(const DriverConfig& c) {
  ClientIdentity id;
  id.token = c.plex_token;
  id.client_identifier = c.client_identifier;
  id.device_name = c.name;
  id.version = kDriverVersion;
  return id;
}

}  // namespace

Result<std::unique_ptr<PlexInstance>> PlexInstance::Create(const pd_host* host,
                                                           std::string_view config_json) {
  Result<DriverConfig> config = ParseDriverConfig(config_json);
  if (!config.ok()) return config.status();
  TransportOptions options;
  options.host = config->host;
  options.port = config->port;
  options.use_https = config->use_https;
  options.timeout_seconds = config->timeout_seconds;
  options.verify_tls = config->verify_tls;
  options.ca_file = config->ca_file;
  auto transport = std::make_unique<PocoHttpTransport>(std::move(options));
  return std::make_unique<PlexInstance>(std::move(config).value(), host, std::move(transport));
}

PlexInstance::PlexInstance(DriverConfig config, const pd_host* host,
                           std::unique_ptr<HttpTransport> transport)
    : config_(std::move(config)),
      bridge_(host, config_.plex_token),
      transport_(std::move(transport)),
      client_(transport_.get(), MakeClientIdentity(config_)) {
  bridge_.Log(PD_LOG_DEBUG, fmt::format("instance \"{}\" created for {}", config_.name,
                                        transport_->BaseUrl()));
}

ConnectionReport PlexInstance::RunCheck(void* op_ctx) {
  ConnectionReport report = CheckConnection(client_, config_, Operation{&bridge_, op_ctx});
  if (report.error.ok()) {
    ServerSnapshot snap;
    snap.identity = *report.identity;
    snap.info = *report.info;
    snap.sections = *report.sections;
    snap.partial_scan_supported = report.partial_scan_supported;
    snap.fetched_at = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    snapshot_ = std::move(snap);
  }
  for (const std::string& w : report.warnings) bridge_.Log(PD_LOG_WARN, w);
  if (!report.error.ok()) bridge_.Log(PD_LOG_ERROR, report.error.message());
  return report;
}

std::optional<ServerSnapshot> PlexInstance::Snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return snapshot_;
}

Status PlexInstance::Connect(void* op_ctx) {
  ConnectionReport report = RunCheck(op_ctx);
  if (report.error.ok()) {
    bridge_.Log(PD_LOG_INFO, fmt::format("connected to \"{}\" (Plex {}, {} libraries)",
                                         report.info->friendly_name, report.identity->version,
                                         report.sections->size()));
  }
  return report.error;
}

Status PlexInstance::TestConnection(void* op_ctx, std::string* report_json) {
  ConnectionReport report = RunCheck(op_ctx);
  *report_json = ConnectionReportToJson(report);
  return report.error;
}

std::string PlexInstance::Capabilities() {
  using Poco::JSON::Object;
  Object::Ptr doc = DriverCapabilities();
  std::optional<ServerSnapshot> snap = Snapshot();
  Status error;
  if (!snap) {
    error = RunCheck(nullptr).error;
    snap = Snapshot();
  }
  Object::Ptr server = NewJsonObject();
  if (snap) {
    server->set("name", snap->info.friendly_name);
    server->set("version", snap->identity.version);
    server->set("machine_identifier", snap->identity.machine_identifier);
    server->set("partial_scan_supported", snap->partial_scan_supported);
  } else {
    Object::Ptr e = NewJsonObject();
    e->set("status", StatusName(error.code()));
    e->set("message", error.message());
    server->set("error", e);
  }
  doc->set("server", server);
  return ToJson(doc);
}

Status PlexInstance::Sync(std::string_view request_json, void* op_ctx, std::string* result_json) {
  (void)request_json;
  (void)op_ctx;
  result_json->clear();
  return Status(PD_ERR_UNSUPPORTED,
                fmt::format("sync is not available in plex driver {} yet", kDriverVersion));
}

}  // namespace plexdriver
