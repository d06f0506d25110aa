#include "driver/plex_instance.h"

#include <filesystem>
#include <fstream>

#include <Poco/Exception.h>
#include <fmt/format.h>

#include "account/plextv_client.h"
#include "core/json_util.h"
#include "core/utf8.h"
#include "driver/capabilities.h"
#include "driver/driver_info.h"
#include "net/poco_http_transport.h"
#include "net/request_deadline.h"
#include "planning/path_style.h"
#include "planning/section_resolver.h"
#include "plex/server_version.h"
#include "plex/sessions.h"
#include "plex/webhook.h"
#include "sync/sync_request.h"
#include "sync/sync_result.h"

namespace plexdriver {
namespace {

constexpr size_t kMaxQueuedFolders = 10000;
// A keep-alive ping never holds destroy() up for long.
constexpr double kKeepAliveTimeoutSeconds = 10;
constexpr auto kSectionsMaxAge = std::chrono::seconds(60);
// How soon a queued scan held back by playback is looked at again (at least).
constexpr auto kPlaybackRecheck = std::chrono::milliseconds(2000);
// How long a library's settings (local artwork) are trusted; a failed read is retried sooner.
constexpr auto kArtworkMaxAge = std::chrono::minutes(10);
constexpr auto kArtworkRetry = std::chrono::seconds(60);

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
  if (!config->ca_file.empty()) {
    // Read now, so a wrong path is a configuration error naming the key, not a TLS failure later.
    std::ifstream probe(std::filesystem::u8path(config->ca_file));
    if (!probe) {
      return Status(PD_ERR_INVALID_CONFIG,
                    fmt::format("config.ca_file: cannot read \"{}\"; give the path of a PEM file "
                                "holding the CA certificate(s) to trust", config->ca_file));
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
    return Status(PD_ERR_INVALID_CONFIG,
                  fmt::format("config.ca_file: \"{}\" cannot be used as trusted certificates ({}); "
                              "give a readable PEM file with the CA that issued the server's "
                              "certificate", config->ca_file, e.displayText()));
  }
  std::optional<NotificationSocketOptions> notifications;
  if (config->use_websocket) {
    NotificationSocketOptions ws;
    ws.host = config->host;
    ws.port = config->port;
    ws.use_https = config->use_https;
    ws.verify_tls = config->verify_tls;
    ws.ca_file = config->ca_file;
    ws.token = config->plex_token;
    ws.client_identifier = config->client_identifier;
    ws.connect_timeout_seconds = config->timeout_seconds;
    notifications = std::move(ws);
  }
  return std::make_unique<PlexInstance>(std::move(config).value(), host, std::move(transport),
                                        std::move(notifications));
}

PlexInstance::PlexInstance(DriverConfig config, const pd_host* host,
                           std::unique_ptr<HttpTransport> transport,
                           std::optional<NotificationSocketOptions> notifications)
    : config_(std::move(config)),
      bridge_(host, config_.plex_token),
      transport_(std::move(transport)),
      client_(transport_.get(), MakeClientIdentity(config_)),
      queue_(std::chrono::milliseconds(static_cast<int64_t>(config_.debounce_seconds * 1000)),
             kMaxQueuedFolders) {
  tuning_.max_folders_per_section = static_cast<size_t>(config_.max_folders_per_section);
  tuning_.poll_initial = std::chrono::milliseconds(config_.poll_interval_ms);
  tuning_.poll_max = std::max(tuning_.poll_initial, std::chrono::milliseconds(1000));
  if (notifications) {
    hub_ = std::make_unique<NotificationHub>(std::move(*notifications), &bridge_);
    EventPumpHooks hooks;
    hooks.emit = [this](const HostEvent& e) { Emit(e); };
    hooks.refresh_sessions = [this] {
      std::vector<PlaybackTransition> changes;
      if (Result<std::vector<PlaybackSession>> r = ReadSessions(&changes); !r.ok()) {
        bridge_.Log(PD_LOG_DEBUG, "could not read /status/sessions for a playback event: " + r.status().message());
      }
      return changes;
    };
    hooks.section_title = [this](const std::string& id) {
      if (std::optional<ServerSnapshot> snap = Snapshot()) {
        for (const LibrarySection& s : snap->sections) {
          if (s.key == id) return s.title;
        }
      }
      return std::string();
    };
    // A deleted item (state 9) leaves no trace in "updated since" listings: forget it now.
    hooks.timeline = [this](const TimelineEntry& t) {
      if (t.state == 9 && !t.section_id.empty()) catalog_.Forget(t.section_id, t.item_id);
    };
    pump_ = std::make_unique<EventPump>(hub_.get(), &tracker_, std::move(hooks));
  }
  bridge_.AddSecret(config_.account.plex_account_token);
  client_.set_auth_observer([this](bool rejected, const std::string& request) {
    OnTokenAnswer(rejected, request);
  });
  if (config_.account.token_keepalive) {
    const PlexTvUrl& url = config_.account.plex_tv_url;
    TransportOptions t;
    t.host = url.host;
    t.port = url.port;
    t.use_https = url.https;
    t.timeout_seconds = std::min(config_.timeout_seconds, kKeepAliveTimeoutSeconds);
    plex_tv_transport_ = std::make_unique<PocoHttpTransport>(std::move(t));
    PlexTvIdentity identity;
    identity.client_identifier = config_.client_identifier;
    identity.version = kDriverVersion;
    identity.device_name = config_.name;
    auto ping = [transport = plex_tv_transport_.get(), base = url.base_path,
                 identity](const std::string& token) {
      return PlexTvClient(transport, base, identity).Ping(token);
    };
    const std::string& token = config_.account.plex_account_token.empty()
                                   ? config_.plex_token
                                   : config_.account.plex_account_token;
    keepalive_ = std::make_unique<TokenKeepAlive>(
        token, std::move(ping), [] { return std::chrono::system_clock::now(); },
        &KeepAliveLedger::Global(), &bridge_);
  }
  bridge_.Log(PD_LOG_DEBUG, fmt::format("instance \"{}\" created for {}", config_.name,
                                        transport_->BaseUrl()));
}

void PlexInstance::OnTokenAnswer(bool rejected, const std::string& request) {
  const int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  std::optional<TokenState> changed = token_health_.Record(rejected, request, now);
  if (!changed) return;
  HostEvent e;
  e.source = "http";
  e.time = now;
  if (*changed == TokenState::kRejected) {
    e.type = "token.rejected";
    e.reason = fmt::format("the server answered {} with HTTP 401: the token is no longer accepted "
                           "(revoked, expired, or the account lost access); sign in again",
                           request);
    bridge_.Log(PD_LOG_ERROR, e.reason);
  } else {
    e.type = "token.accepted";
    e.reason = fmt::format("the server accepts the token again ({})", request);
    bridge_.Log(PD_LOG_INFO, e.reason);
  }
  Emit(e);
}

void PlexInstance::TouchKeepAlive() {
  if (keepalive_ && !bridge_.shutting_down()) keepalive_->Touch();
}

PlexInstance::~PlexInstance() {
  RequestShutdown();
  if (queue_thread_.joinable()) queue_thread_.join();
  if (pump_) pump_->Stop();
  if (hub_) hub_->Stop();
  keepalive_.reset();  // waits for a ping in flight (bounded by its short timeout)
}

void PlexInstance::StartEvents() {
  if (!hub_ || bridge_.shutting_down()) return;
  hub_->EnsureStarted();
  pump_->Start();
}

ActivityRules PlexInstance::Rules() const {
  ActivityRules rules;
  rules.paused_is_active = config_.paused_is_active;
  rules.stale_after = std::chrono::seconds(static_cast<int64_t>(config_.stale_session_seconds));
  return rules;
}

void PlexInstance::Emit(const HostEvent& event) const {
  if (!bridge_.wants_events()) return;
  EventServer server;
  server.name = config_.name;
  if (std::optional<ServerSnapshot> snap = Snapshot()) server.machine_identifier = snap->identity.machine_identifier;
  bridge_.Event(HostEventToJson(event, server));
}

Result<std::vector<PlaybackSession>> PlexInstance::ReadSessions(std::vector<PlaybackTransition>* changes) {
  Result<HttpResponse> response = client_.Get("/status/sessions");
  if (!response.ok()) {
    const Status& s = response.status();
    if (s.code() == PD_ERR_FORBIDDEN || s.code() == PD_ERR_UNAUTHORIZED) {
      return Status(s.code(), s.message() + " (/status/sessions needs the token of the server's admin account)",
                    s.detail());
    }
    return s;
  }
  Result<std::vector<PlaybackSession>> list = ParseSessions(response->body);
  if (!list.ok()) return list.status();
  *changes = tracker_.OnSessionList(*list, std::chrono::steady_clock::now());
  return list;
}

Result<std::vector<PlaybackSession>> PlexInstance::RefreshSessions() {
  std::vector<PlaybackTransition> changes;
  Result<std::vector<PlaybackSession>> list = ReadSessions(&changes);
  for (const PlaybackTransition& t : changes) Emit(EventOfPlayback(t));
  return list;
}

Result<std::vector<PlaybackSession>> PlexInstance::ActivePlayback() {
  Result<std::vector<PlaybackSession>> list = RefreshSessions();
  if (!list.ok() && !(hub_ && hub_->connected())) return list.status();
  // With the list merged (or, failing it, what the websocket reported), apply the rules.
  return tracker_.Active(std::chrono::steady_clock::now(), Rules());
}

Status PlexInstance::Sessions(void* op_ctx, std::string* result_json) {
  result_json->clear();
  if (Result<std::vector<LibrarySection>> s = Sections(false, op_ctx); !s.ok()) return s.status();
  StartEvents();
  Result<std::vector<PlaybackSession>> list = RefreshSessions();
  if (!list.ok()) return list.status();
  const auto now = std::chrono::steady_clock::now();
  const std::vector<PlaybackSession> active = tracker_.Active(now, Rules());
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  Object::Ptr doc = NewJsonObject();
  doc->set("schema_version", 1);
  Object::Ptr server = NewJsonObject();
  server->set("name", config_.name);
  server->set("machine_identifier", Snapshot()->identity.machine_identifier);
  doc->set("server", server);
  Object::Ptr rules = NewJsonObject();
  rules->set("skip_active", SkipActiveName(config_.skip_active));
  rules->set("paused_is_active", config_.paused_is_active);
  rules->set("stale_session_seconds", config_.stale_session_seconds);
  doc->set("rules", rules);
  Array::Ptr sessions = new Array();
  for (const PlaybackSession& s : tracker_.All()) {
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

Status PlexInstance::HandleWebhook(std::string_view content_type, std::string_view body,
                                   std::string* event_json) {
  event_json->clear();
  WebhookLimits limits;
  limits.max_body_bytes = static_cast<size_t>(config_.webhook_max_bytes);
  Result<WebhookEvent> webhook = ParseWebhook(content_type, body, limits);
  if (!webhook.ok()) return webhook.status();
  // Only this instance's server may change its playback state.
  std::optional<ServerSnapshot> snap = Snapshot();
  if (!snap) {
    if (Status s = Connect(nullptr); !s.ok()) {
      return Status(s.code(), "cannot check which server sent the webhook: " + s.message(), s.detail());
    }
    snap = Snapshot();
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
  if (!webhook->session.state.empty()) tracker_.OnWebhook(webhook->session, std::chrono::steady_clock::now());
  EventServer server;
  server.name = config_.name;
  server.machine_identifier = mine;
  *event_json = HostEventToJson(EventOfWebhook(*webhook), server);
  return Status::Ok();
}

void PlexInstance::RequestShutdown() {
  bridge_.RequestShutdown();
  transport_->Shutdown();  // requests waiting on a server that stopped answering end now
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    queue_stop_ = true;
  }
  queue_wake_.notify_all();
}

ConnectionReport PlexInstance::RunCheck(void* op_ctx, bool read_library_settings) {
  TouchKeepAlive();
  ConnectionReport report =
      CheckConnection(client_, config_, Operation{&bridge_, op_ctx}, read_library_settings);
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
    StartEvents();
  }
  return report.error;
}

std::optional<LocalArtworkAssessment> PlexInstance::LocalArtworkOf(const LibrarySection& section) {
  if (!LocalArtworkApplies(section)) return AssessLocalArtwork(section, nullptr);  // no request
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(artwork_mutex_);
    auto it = artwork_.find(section.key);
    if (it != artwork_.end() && now < it->second.until) return it->second.assessment;
  }
  Result<std::vector<SectionSetting>> settings = client_.SectionSettings(section.key);
  if (!settings.ok()) {
    bridge_.Log(PD_LOG_DEBUG, fmt::format("could not read the settings of library \"{}\": {}",
                                          section.title, settings.status().message()));
  }
  LocalArtworkAssessment a = AssessLocalArtwork(section, settings.ok() ? &*settings : nullptr);
  std::lock_guard<std::mutex> lock(artwork_mutex_);
  artwork_[section.key] = {a, now + (settings.ok() ? kArtworkMaxAge : kArtworkRetry)};
  return a;
}

Status PlexInstance::TestConnection(void* op_ctx, std::string* report_json) {
  ConnectionReport report = RunCheck(op_ctx, /*read_library_settings=*/true);
  report.token = token_health_.Snapshot();
  {
    std::lock_guard<std::mutex> lock(artwork_mutex_);
    for (const auto& [key, a] : report.local_artwork) {
      artwork_[key] = {a, std::chrono::steady_clock::now() + kArtworkMaxAge};
    }
  }
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

Result<std::vector<LibrarySection>> PlexInstance::Sections(bool force, void* op_ctx) {
  TouchKeepAlive();
  std::optional<ServerSnapshot> snap = Snapshot();
  if (!snap) {
    if (Status s = Connect(op_ctx); !s.ok()) return s;
    snap = Snapshot();
    return snap->sections;
  }
  if (!force && std::chrono::steady_clock::now() - snap->fetched_at < kSectionsMaxAge) {
    return snap->sections;
  }
  Result<std::vector<LibrarySection>> sections = client_.Sections();
  if (!sections.ok()) return sections.status();
  std::lock_guard<std::mutex> lock(mutex_);
  if (snapshot_) {
    snapshot_->sections = *sections;
    snapshot_->fetched_at = std::chrono::steady_clock::now();
  }
  return sections;
}

Result<PathMapper> PlexInstance::MakeMapper(const ServerSnapshot& snapshot) const {
  std::vector<std::string> locations;
  for (const LibrarySection& s : snapshot.sections) {
    for (const SectionLocation& l : s.locations) locations.push_back(l.path);
  }
  std::vector<PathMappingRule> rules;
  for (const PathMappingConfig& m : config_.path_mappings) rules.push_back({m.metarr_path, m.player_path});
  return PathMapper::Create(rules, DetectPathStyle(snapshot.info.platform, locations));
}

SyncEnvironment PlexInstance::MakeEnvironment(void* op_ctx, const PathMapper* mapper,
                                              const std::string& platform) {
  SyncEnvironment env;
  env.client = &client_;
  env.hub = hub_.get();
  env.op = Operation{&bridge_, op_ctx};
  env.mapper = mapper;
  env.sections = [this, op_ctx](bool force) { return Sections(force, op_ctx); };
  env.path_exists = [](const std::string& path) {
    std::error_code ec;
    return std::filesystem::exists(std::filesystem::u8path(path), ec);
  };
  env.is_directory = [](const std::string& path) {
    std::error_code ec;
    return std::filesystem::is_directory(std::filesystem::u8path(path), ec);
  };
  env.anchor_files = config_.anchor_files;
  env.catalog = &catalog_;
  env.server_platform = platform;
  env.active_playback = [this] { return ActivePlayback(); };
  env.skip_active = config_.skip_active;
  env.local_artwork = [this](const LibrarySection& s) { return LocalArtworkOf(s); };
  env.empty_trash = config_.empty_trash;
  env.empty_trash_max_items = config_.empty_trash_max_items;
  env.tuning = tuning_;
  return env;
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
  if (Result<std::vector<LibrarySection>> s = Sections(false, op_ctx); !s.ok()) return s.status();
  StartEvents();
  const ServerSnapshot snap = *Snapshot();
  if (!snap.partial_scan_supported) {
    bridge_.Log(PD_LOG_WARN, fmt::format("Plex {} predates partial scans ({}); folder scans may "
                                         "scan whole libraries", snap.identity.version,
                                         kPartialScanMinimumText));
  }
  if (!request->options.wait && !request->options.dry_run) {
    return Enqueue(*request, op_ctx, result_json);
  }
  Result<PathMapper> mapper = MakeMapper(snap);
  if (!mapper.ok()) return mapper.status();
  SyncEnvironment env = MakeEnvironment(op_ctx, &*mapper, snap.info.platform);
  Result<SyncResult> result = RunSync(*request, env);
  if (!result.ok()) return result.status();
  result->http_requests = transport_->RequestCount() - requests_before;
  *result_json = SyncResultToJson(*result);
  for (const ChangeResult& c : result->changes) {
    bridge_.Log(c.status == ChangeStatus::kCompleted ? PD_LOG_INFO : PD_LOG_WARN,
                fmt::format("sync {} {}: {}{}{}", ChangeKindName(c.kind), c.path,
                            ChangeStatusName(c.status), c.message.empty() ? "" : ": ", c.message));
  }
  if (result->cancelled) return Status(PD_ERR_CANCELLED, "sync cancelled by the host");
  return Status::Ok();
}

Status PlexInstance::Enqueue(const SyncRequest& request, void* op_ctx, std::string* result_json) {
  // Plan now (a dry run: map, resolve, gate, coalesce) so bad paths fail at once; scan later.
  SyncRequest plan_only = request;
  plan_only.options.dry_run = true;
  // Playback is judged when the scan is due, not now.
  plan_only.options.skip_active = SkipActive::kNever;
  Result<PathMapper> mapper = MakeMapper(*Snapshot());
  if (!mapper.ok()) return mapper.status();
  SyncEnvironment env = MakeEnvironment(op_ctx, &*mapper, Snapshot()->info.platform);
  Result<SyncResult> planned = RunSync(plan_only, env);
  if (!planned.ok()) return planned.status();
  SyncResult result = std::move(planned).value();
  result.dry_run = false;
  result.waited = false;
  result.scans.clear();
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(queue_mutex_);
    for (size_t i = 0; i < result.changes.size(); ++i) {
      ChangeResult& c = result.changes[i];
      if (c.status != ChangeStatus::kSkipped) continue;  // failed at planning: reported as is
      Status added;
      for (const ScanRef& scan : c.scanned) {
        if (!added.ok()) break;
        added = queue_.Add(scan.section_key, scan.path, request.changes[i], now);
      }
      if (!added.ok()) {
        c.status = ChangeStatus::kFailed;
        c.message = added.message();
        continue;
      }
      c.status = ChangeStatus::kQueued;
      c.message = fmt::format("queued: scanned after {} s without further changes to its folder; "
                              "the outcome is logged", config_.debounce_seconds);
    }
    if (!queue_thread_.joinable() && !queue_stop_) {
      queue_thread_ = std::thread([this] { QueueWorker(); });
    }
  }
  queue_wake_.notify_all();
  *result_json = SyncResultToJson(result);
  return Status::Ok();
}

void PlexInstance::QueueWorker() {
  std::unique_lock<std::mutex> lock(queue_mutex_);
  while (!queue_stop_) {
    std::optional<DebounceQueue::TimePoint> next = queue_.NextDue();
    if (!next) {
      queue_wake_.wait(lock);
      continue;
    }
    if (queue_wake_.wait_until(lock, *next, [&] { return queue_stop_; })) break;
    std::vector<QueuedScan> due = queue_.TakeDue(std::chrono::steady_clock::now());
    if (due.empty()) continue;
    lock.unlock();
    SyncRequest request;
    request.options.wait = true;
    request.options.timeout_seconds = config_.queued_timeout_seconds;
    std::vector<std::pair<std::string, std::string>> origin;  // (section, folder) per change
    for (QueuedScan& q : due) {
      for (SyncChange& c : q.pending) {
        request.changes.push_back(std::move(c));
        origin.emplace_back(q.section_key, q.folder);
      }
    }
    Status s;
    if (std::optional<ServerSnapshot> snap = Snapshot()) {
      Result<PathMapper> mapper = MakeMapper(*snap);
      if (mapper.ok()) {
        SyncEnvironment env = MakeEnvironment(nullptr, &*mapper, snap->info.platform);
        Result<SyncResult> result = RunSync(request, env);
        if (result.ok()) {
          // Held back by playback: back into the queue, looked at again after the debounce time.
          const bool any_deferred = std::any_of(result->changes.begin(), result->changes.end(),
                                                [](const ChangeResult& c) { return c.status == ChangeStatus::kDeferred; });
          if (any_deferred) {
            // Looked at again no sooner than kPlaybackRecheck (a zero debounce must not spin).
            const auto window = std::chrono::milliseconds(static_cast<int64_t>(config_.debounce_seconds * 1000));
            const auto extra = std::max<std::chrono::milliseconds>(std::chrono::milliseconds(0), kPlaybackRecheck - window);
            const auto when = std::chrono::steady_clock::now() + extra;
            std::lock_guard<std::mutex> relock(queue_mutex_);
            for (size_t i = 0; i < result->changes.size(); ++i) {
              if (result->changes[i].status != ChangeStatus::kDeferred) continue;
              if (Status added = queue_.Add(origin[i].first, origin[i].second, request.changes[i], when); !added.ok()) {
                bridge_.Log(PD_LOG_ERROR, "a deferred change could not be queued again: " + added.message());
              }
            }
          }
          for (const ChangeResult& c : result->changes) {
            bridge_.Log(c.status == ChangeStatus::kCompleted ? PD_LOG_INFO : PD_LOG_WARN,
                        fmt::format("queued sync {} {}: {}{}{}", ChangeKindName(c.kind), c.path,
                                    ChangeStatusName(c.status), c.message.empty() ? "" : ": ",
                                    c.message));
          }
        } else {
          s = result.status();
        }
      } else {
        s = mapper.status();
      }
    }
    if (!s.ok()) bridge_.Log(PD_LOG_ERROR, "queued sync failed: " + s.message());
    lock.lock();
  }
  const std::vector<QueuedScan> left = queue_.TakeAll();
  if (!left.empty()) {
    bridge_.Log(PD_LOG_WARN, fmt::format("{} queued folder scan(s) were not run because the "
                                         "instance was destroyed", left.size()));
  }
}

}  // namespace plexdriver

namespace plexdriver {

Status PlexInstance::Find(std::string_view path, void* op_ctx, std::string* result_json) {
  result_json->clear();
  if (path.empty()) return Status(PD_ERR_INVALID_ARGUMENT, "find: path is empty");
  if (FirstInvalidUtf8(path)) return Status(PD_ERR_INVALID_ARGUMENT, "find: path is not valid UTF-8");
  Result<std::vector<LibrarySection>> sections = Sections(false, op_ctx);
  if (!sections.ok()) return sections.status();
  const ServerSnapshot snap = *Snapshot();
  Result<PathMapper> mapper = MakeMapper(snap);
  if (!mapper.ok()) return mapper.status();
  Result<MappedPath> mapped = mapper->ToServer(path);
  if (!mapped.ok()) return mapped.status();
  std::vector<std::string> locations;
  for (const LibrarySection& s : *sections) {
    for (const SectionLocation& l : s.locations) locations.push_back(l.path);
  }
  const PathStyle style = DetectPathStyle(snap.info.platform, locations);
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
      const LibrarySection* section = nullptr;
      for (const LibrarySection& s : *sections) {
        if (s.key == m.section_key) section = &s;
      }
      if (!section) continue;
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

}  // namespace plexdriver
