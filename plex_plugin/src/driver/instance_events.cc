#include "driver/instance_events.h"

#include <algorithm>

#include <fmt/format.h>

#include "account/plextv_client.h"
#include "core/driver_info.h"
#include "net/poco_http_transport.h"
#include "plex/sessions.h"

namespace plexdriver {
namespace {

// A keep-alive ping never holds destroy() up for long.
constexpr double kKeepAliveTimeoutSeconds = 10;

}  // namespace

InstanceEvents::InstanceEvents(const DriverConfig* config, const HostBridge* bridge, PmsClient* client,
                               const ServerFacts* facts, ItemCatalog* catalog,
                               std::optional<NotificationSocketOptions> notifications)
    : config_(config), bridge_(bridge), client_(client), facts_(facts) {
  if (notifications) {
    hub_ = std::make_unique<NotificationHub>(std::move(*notifications), bridge_);
    EventPumpHooks hooks;
    hooks.emit = [this](const HostEvent& e) { Emit(e); };
    hooks.refresh_sessions = [this] {
      std::vector<PlaybackTransition> changes;
      if (Result<std::vector<PlaybackSession>> r = ReadSessions(&changes); !r.ok()) {
        bridge_->Log(PD_LOG_DEBUG, "could not read /status/sessions for a playback event: " + r.status().message());
      }
      return changes;
    };
    hooks.section_title = [this](const std::string& id) {
      if (std::optional<ServerSnapshot> snap = facts_->Snapshot()) {
        for (const LibrarySection& s : snap->sections) {
          if (s.key == id) return s.title;
        }
      }
      return std::string();
    };
    // A deleted item (state 9) leaves no trace in "updated since" listings: forget it now.
    hooks.timeline = [catalog](const TimelineEntry& t) {
      if (t.state == 9 && !t.section_id.empty()) catalog->Forget(t.section_id, t.item_id);
    };
    pump_ = std::make_unique<EventPump>(hub_.get(), &tracker_, std::move(hooks));
  }
  if (config_->account.token_keepalive) StartKeepAlive();
}

InstanceEvents::~InstanceEvents() { Stop(); }

void InstanceEvents::StartKeepAlive() {
  const PlexTvUrl& url = config_->account.plex_tv_url;
  TransportOptions t;
  t.host = url.host;
  t.port = url.port;
  t.use_https = url.https;
  t.timeout_seconds = std::min(config_->timeout_seconds, kKeepAliveTimeoutSeconds);
  plex_tv_transport_ = std::make_unique<PocoHttpTransport>(std::move(t));
  PlexTvIdentity identity;
  identity.client_identifier = config_->client_identifier;
  identity.version = kDriverVersion;
  identity.device_name = config_->name;
  auto ping = [transport = plex_tv_transport_.get(), base = url.base_path, identity](const std::string& token) {
    return PlexTvClient(transport, base, identity).Ping(token);
  };
  const std::string& token =
      config_->account.plex_account_token.empty() ? config_->plex_token : config_->account.plex_account_token;
  keepalive_ = std::make_unique<TokenKeepAlive>(token, std::move(ping), [] { return std::chrono::system_clock::now(); },
                                                &KeepAliveLedger::Global(), bridge_);
}

void InstanceEvents::Start() {
  if (!hub_ || bridge_->shutting_down()) return;
  hub_->EnsureStarted();
  pump_->Start();
}

void InstanceEvents::Stop() {
  if (pump_) pump_->Stop();
  if (hub_) hub_->Stop();
  keepalive_.reset();  // waits for a ping in flight (bounded by its short timeout)
}

EventServer InstanceEvents::Server() const {
  EventServer server;
  server.name = config_->name;
  if (std::optional<ServerSnapshot> snap = facts_->Snapshot()) server.machine_identifier = snap->identity.machine_identifier;
  return server;
}

void InstanceEvents::Emit(const HostEvent& event) const {
  if (!bridge_->wants_events()) return;
  bridge_->Event(HostEventToJson(event, Server()));
}

void InstanceEvents::OnTokenAnswer(bool rejected, const std::string& request) {
  const int64_t now =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  std::optional<TokenState> changed = token_health_.Record(rejected, request, now);
  if (!changed) return;
  HostEvent e;
  e.source = "http";
  e.time = now;
  if (*changed == TokenState::kRejected) {
    e.type = "token.rejected";
    e.reason = fmt::format("the server answered {} with HTTP 401: the token is no longer accepted (revoked, "
                           "expired, or the account lost access); sign in again", request);
    bridge_->Log(PD_LOG_ERROR, e.reason);
  } else {
    e.type = "token.accepted";
    e.reason = fmt::format("the server accepts the token again ({})", request);
    bridge_->Log(PD_LOG_INFO, e.reason);
  }
  Emit(e);
}

void InstanceEvents::TouchKeepAlive() {
  if (keepalive_ && !bridge_->shutting_down()) keepalive_->Touch();
}

ActivityRules InstanceEvents::Rules() const {
  ActivityRules rules;
  rules.paused_is_active = config_->paused_is_active;
  rules.stale_after = std::chrono::seconds(static_cast<int64_t>(config_->stale_session_seconds));
  return rules;
}

Result<std::vector<PlaybackSession>> InstanceEvents::ReadSessions(std::vector<PlaybackTransition>* changes) {
  Result<HttpResponse> response = client_->Get("/status/sessions");
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

Result<std::vector<PlaybackSession>> InstanceEvents::RefreshSessions() {
  std::vector<PlaybackTransition> changes;
  Result<std::vector<PlaybackSession>> list = ReadSessions(&changes);
  for (const PlaybackTransition& t : changes) Emit(EventOfPlayback(t));
  return list;
}

Result<std::vector<PlaybackSession>> InstanceEvents::ActivePlayback() {
  Result<std::vector<PlaybackSession>> list = RefreshSessions();
  if (!list.ok() && !(hub_ && hub_->connected())) return list.status();
  // With the list merged (or, failing it, what the websocket reported), apply the rules.
  return Active();
}

std::vector<PlaybackSession> InstanceEvents::Active() const {
  return tracker_.Active(std::chrono::steady_clock::now(), Rules());
}

void InstanceEvents::OnWebhook(const PlaybackSession& session) {
  tracker_.OnWebhook(session, std::chrono::steady_clock::now());
}

}  // namespace plexdriver
