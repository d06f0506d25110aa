#include "driver/plex_instance.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <Poco/Exception.h>
#include <fmt/format.h>

#include "core/driver_info.h"
#include "core/json_util.h"
#include "core/utf8.h"
#include "driver/capabilities.h"
#include "net/poco_http_transport.h"
#include "net/request_deadline.h"
#include "planning/section_resolver.h"
#include "plex/server_version.h"
#include "plex/sessions.h"
#include "plex/webhook.h"
#include "sync/item_requests.h"
#include "sync/sync_request.h"
#include "sync/sync_result.h"

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

std::optional<NotificationSocketOptions> WebsocketOptions(const DriverConfig& config) {
  if (!config.use_websocket) return std::nullopt;
  NotificationSocketOptions ws;
  ws.host = config.host;
  ws.port = config.port;
  ws.use_https = config.use_https;
  ws.verify_tls = config.verify_tls;
  ws.ca_file = config.ca_file;
  ws.token = config.plex_token;
  ws.client_identifier = config.client_identifier;
  ws.connect_timeout_seconds = config.timeout_seconds;
  return ws;
}

void LogChanges(const HostBridge& bridge, const SyncResult& result) {
  for (const ChangeResult& c : result.changes) {
    bridge.Log(c.status == ChangeStatus::kCompleted ? PD_LOG_INFO : PD_LOG_WARN,
               fmt::format("sync {} {}: {}{}{}", ChangeKindName(c.kind), c.path, ChangeStatusName(c.status),
                           c.message.empty() ? "" : ": ", c.message));
  }
}

}  // namespace

Result<std::unique_ptr<PlexInstance>> PlexInstance::Create(const pd_host* host, std::string_view config_json) {
  Result<DriverConfig> config = ParseDriverConfig(config_json);
  if (!config.ok()) return config.status();
  if (!config->ca_file.empty()) {
    // Read now, so a wrong path is a configuration error naming the key, not a TLS failure later.
    std::ifstream probe(std::filesystem::u8path(config->ca_file));
    if (!probe) {
      return InvalidConfigField("ca_file", fmt::format("cannot read \"{}\"; give the path of a PEM file holding "
                                                       "the CA certificate(s) to trust", config->ca_file));
    }
  }
  TransportOptions options;
  options.host = config->host;
  options.port = config->port;
  options.use_https = config->use_https;
  options.timeout_seconds = config->timeout_seconds;
  options.verify_tls = config->verify_tls;
  options.ca_file = config->ca_file;
  std::unique_ptr<PocoHttpTransport> transport;
  try {
    transport = std::make_unique<PocoHttpTransport>(std::move(options));
  } catch (const Poco::Exception& e) {  // only the TLS context can fail here: the CA file
    return InvalidConfigField("ca_file", fmt::format("\"{}\" cannot be used as trusted certificates ({}); give a "
                                                     "readable PEM file with the CA that issued the server's "
                                                     "certificate", config->ca_file, e.displayText()));
  }
  std::optional<NotificationSocketOptions> notifications = WebsocketOptions(*config);
  std::unique_ptr<QueueJournal> journal;
  QueueJournal::Recovered recovered;
  if (!config->state_dir.empty()) {
    Result<std::unique_ptr<QueueJournal>> opened = QueueJournal::Open(config->state_dir, &recovered);
    if (!opened.ok()) return opened.status();
    journal = std::move(opened).value();
  }
  return std::make_unique<PlexInstance>(std::move(config).value(), host, std::move(transport),
                                        std::move(notifications), std::move(journal), std::move(recovered));
}

PlexInstance::PlexInstance(DriverConfig config, const pd_host* host, std::unique_ptr<HttpTransport> transport,
                           std::optional<NotificationSocketOptions> notifications,
                           std::unique_ptr<QueueJournal> journal, QueueJournal::Recovered recovered)
    : config_(std::move(config)),
      bridge_(host, config_.plex_token),
      transport_(std::move(transport)),
      client_(transport_.get(), MakeClientIdentity(config_)),
      facts_(&client_, &config_, &bridge_),
      events_(&config_, &bridge_, &client_, &facts_, &catalog_, std::move(notifications)),
      runner_(&config_, &bridge_, &client_, &facts_, &catalog_, &events_),
      queue_(&config_, &bridge_, &runner_, &events_,
             [this] {
               Result<ServerSnapshot> snap = EnsureConnected(nullptr);
               if (snap.ok()) events_.Start();
               return snap.ok() ? Status::Ok() : snap.status();
             },
             std::move(journal), std::move(recovered)) {
  bridge_.AddSecret(config_.account.plex_account_token);
  client_.set_auth_observer([this](bool rejected, const std::string& request) {
    events_.OnTokenAnswer(rejected, request);
  });
  bridge_.Log(PD_LOG_DEBUG, fmt::format("instance \"{}\" created for {}", config_.name, transport_->BaseUrl()));
  queue_.Start();  // resumes what the state_dir journal held (the instance is complete now)
}

PlexInstance::~PlexInstance() {
  RequestShutdown();
  queue_.Stop();  // may still report what it will not run
  events_.Stop();
  bridge_.CloseEvents();
}

void PlexInstance::RequestShutdown() {
  bridge_.RequestShutdown();
  transport_->Shutdown();  // requests waiting on a server that stopped answering end now
  queue_.RequestStop();
}

ConnectionReport PlexInstance::RunCheck(void* op_ctx, bool read_library_settings) {
  events_.TouchKeepAlive();
  return facts_.Check(op_ctx, read_library_settings);
}

Result<ServerSnapshot> PlexInstance::EnsureConnected(void* op_ctx) {
  events_.TouchKeepAlive();
  if (std::optional<ServerSnapshot> snap = facts_.Snapshot()) return *snap;
  if (Status s = Connect(op_ctx); !s.ok()) return s;
  return *facts_.Snapshot();
}

Status PlexInstance::Connect(void* op_ctx) {
  ConnectionReport report = RunCheck(op_ctx);
  if (report.error.ok()) {
    bridge_.Log(PD_LOG_INFO, fmt::format("connected to \"{}\" (Plex {}, {} libraries)", report.info->friendly_name,
                                         report.identity->version, report.sections->size()));
    events_.Start();
  }
  return report.error;
}

Status PlexInstance::TestConnection(void* op_ctx, std::string* report_json) {
  ConnectionReport report = RunCheck(op_ctx, /*read_library_settings=*/true);
  report.token = events_.token_health();
  *report_json = ConnectionReportToJson(report);
  return report.error;
}

std::string PlexInstance::Capabilities() {
  using Poco::JSON::Object;
  Object::Ptr doc = DriverCapabilities();
  std::optional<ServerSnapshot> snap = facts_.Snapshot();
  Status error;
  if (!snap) {
    error = RunCheck(nullptr).error;
    snap = facts_.Snapshot();
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
  result_json->clear();
  // Every request made by this call counts, including a first connect.
  const uint64_t requests_before = transport_->RequestCount();
  Result<SyncRequest> request = ParseSyncRequest(request_json);
  if (!request.ok()) return request.status();
  // The request's timeout bounds the whole call, connecting first included.
  RequestDeadline deadline(std::chrono::steady_clock::now() +
                           std::chrono::milliseconds(static_cast<int64_t>(request->options.timeout_seconds * 1000)));
  Result<ServerSnapshot> snap = EnsureConnected(op_ctx);
  if (!snap.ok()) return snap.status();
  events_.Start();
  if (!snap->partial_scan_supported) {
    bridge_.Log(PD_LOG_WARN, fmt::format("Plex {} predates partial scans ({}); folder scans may scan whole "
                                         "libraries", snap->identity.version, kPartialScanMinimumText));
  }
  if (!request->options.wait && !request->options.dry_run) {
    Result<SyncResult> queued = queue_.Enqueue(*request, op_ctx);
    if (!queued.ok()) return queued.status();
    *result_json = SyncResultToJson(*queued);
    return Status::Ok();
  }
  Result<SyncResult> result = runner_.Run(*request, op_ctx);
  if (!result.ok()) return result.status();
  result->http_requests = transport_->RequestCount() - requests_before;
  *result_json = SyncResultToJson(*result);
  LogChanges(bridge_, *result);
  if (result->cancelled) return Status(PD_ERR_CANCELLED, "sync cancelled by the host");
  return Status::Ok();
}

Status PlexInstance::Find(std::string_view path, void* op_ctx, std::string* result_json) {
  result_json->clear();
  if (path.empty()) return Status(PD_ERR_INVALID_ARGUMENT, "find: path is empty");
  if (FirstInvalidUtf8(path)) return Status(PD_ERR_INVALID_ARGUMENT, "find: path is not valid UTF-8");
  if (Result<ServerSnapshot> s = EnsureConnected(op_ctx); !s.ok()) return s.status();
  Result<std::vector<LibrarySection>> sections = facts_.Sections(/*force=*/false);
  if (!sections.ok()) return sections.status();
  const ServerSnapshot snap = *facts_.Snapshot();
  Result<PathMapper> mapper = facts_.Mapper(snap);
  if (!mapper.ok()) return mapper.status();
  Result<MappedPath> mapped = mapper->ToServer(path);
  if (!mapped.ok()) return mapped.status();
  const PathStyle style = DetectServerPathStyle(snap.info.platform, *sections);
  Poco::JSON::Object::Ptr doc = NewJsonObject();
  doc->set("schema_version", 1);
  doc->set("path", std::string(path));
  doc->set("server_path", mapped->server_path);
  Poco::JSON::Array::Ptr items = new Poco::JSON::Array();
  Poco::JSON::Array::Ptr libraries = new Poco::JSON::Array();
  std::string message;
  Result<std::vector<SectionMatch>> matches =
      SectionResolver(*sections, style).Resolve(mapped->server_path, std::string(path));
  if (!matches.ok()) {
    message = matches.status().message();
  } else {
    for (const SectionMatch& m : *matches) {
      Poco::JSON::Object::Ptr lib = NewJsonObject();
      lib->set("key", m.section_key);
      lib->set("title", m.section_title);
      lib->set("location", m.location_path);
      libraries->add(lib);
      auto section = std::find_if(sections->begin(), sections->end(),
                                  [&](const LibrarySection& s) { return s.key == m.section_key; });
      if (section == sections->end()) continue;
      if (Status s = catalog_.Update(client_, *section, style); !s.ok()) return s;
      std::optional<LibraryItem> item = catalog_.Find(m.section_key, mapped->server_path);
      if (!item) continue;
      Poco::JSON::Object::Ptr o = NewJsonObject();
      o->set("section", m.section_key);
      o->set("rating_key", item->rating_key);
      o->set("type", item->type);
      o->set("title", item->title);
      o->set("year", item->year);
      o->set("updated_at", item->updated_at);
      o->set("thumb", item->thumb);
      o->set("in_trash", item->deleted_at != 0);
      o->set("files", ToJsonArray(item->files));
      // Locks are not in listings: the item's own document has them.
      Result<ItemDetails> details = FetchItemDetails(client_, item->rating_key);
      if (!details.ok() && details.status().code() == PD_ERR_NOT_FOUND) continue;  // gone since it was listed
      if (!details.ok()) return details.status();
      o->set("locked_fields", ToJsonArray(std::vector<std::string>(details->locked.begin(), details->locked.end())));
      items->add(o);
    }
    if (items->size() == 0) message = "Plex has no item at this path (yet): sync it as added";
  }
  doc->set("found", items->size() > 0);
  doc->set("libraries", libraries);
  doc->set("items", items);
  doc->set("message", message);
  *result_json = ToJson(doc);
  return Status::Ok();
}

Status PlexInstance::Sessions(void* op_ctx, std::string* result_json) {
  result_json->clear();
  Result<ServerSnapshot> snap = EnsureConnected(op_ctx);
  if (!snap.ok()) return snap.status();
  if (Result<std::vector<LibrarySection>> s = facts_.Sections(/*force=*/false); !s.ok()) return s.status();
  events_.Start();
  Result<std::vector<PlaybackSession>> list = events_.RefreshSessions();
  if (!list.ok()) return list.status();
  const std::vector<PlaybackSession> active = events_.Active();
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  Object::Ptr doc = NewJsonObject();
  doc->set("schema_version", 1);
  Object::Ptr server = NewJsonObject();
  server->set("name", config_.name);
  server->set("machine_identifier", snap->identity.machine_identifier);
  doc->set("server", server);
  Object::Ptr rules = NewJsonObject();
  rules->set("skip_active", SkipActiveName(config_.skip_active));
  rules->set("paused_is_active", config_.paused_is_active);
  rules->set("stale_session_seconds", config_.stale_session_seconds);
  doc->set("rules", rules);
  Array::Ptr sessions = new Array();
  for (const PlaybackSession& s : events_.All()) {
    Object::Ptr o = SessionToJson(s);
    const bool is_active = std::any_of(active.begin(), active.end(), [&](const PlaybackSession& a) {
      return a.session_key == s.session_key && a.player_id == s.player_id;
    });
    o->set("active", is_active);
    sessions->add(o);
  }
  doc->set("sessions", sessions);
  doc->set("active_count", static_cast<uint64_t>(active.size()));
  *result_json = ToJson(doc);
  return Status::Ok();
}

Status PlexInstance::HandleWebhook(std::string_view content_type, std::string_view body, std::string* event_json) {
  event_json->clear();
  WebhookLimits limits;
  limits.max_body_bytes = static_cast<size_t>(config_.webhook_max_bytes);
  Result<WebhookEvent> webhook = ParseWebhook(content_type, body, limits);
  if (!webhook.ok()) return webhook.status();
  // Only this instance's server may change its playback state.
  std::optional<ServerSnapshot> snap = facts_.Snapshot();
  if (!snap) {
    if (Status s = Connect(nullptr); !s.ok()) {
      return Status(s.code(), "cannot check which server sent the webhook: " + s.message(), s.detail());
    }
    snap = facts_.Snapshot();
  }
  const std::string& mine = snap->identity.machine_identifier;
  if (webhook->server_uuid != mine) {
    return Status(PD_ERR_INVALID_ARGUMENT,
                  fmt::format("payload.Server.uuid: the webhook comes from server {}{}, not from "
                              "this instance's server \"{}\" ({}); nothing was changed. Give each "
                              "Plex server its own webhook URL and instance",
                              webhook->server_uuid,
                              webhook->server_title.empty() ? "" : " (\"" + webhook->server_title + "\")",
                              snap->info.friendly_name, mine));
  }
  if (!webhook->session.state.empty()) events_.OnWebhook(webhook->session);
  EventServer server;
  server.name = config_.name;
  server.machine_identifier = mine;
  *event_json = HostEventToJson(EventOfWebhook(*webhook), server);
  return Status::Ok();
}

}  // namespace plexdriver
