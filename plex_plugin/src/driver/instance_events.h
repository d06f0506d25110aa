// The instance's live side: the notification websocket and the thread that turns what it tells
// into host events (EventPump), who is watching (the PlaybackTracker, merged from
// /status/sessions, the websocket and webhooks; the syncs' PlaybackSource), and the token's
// health (a 401 from the server → token.rejected, the next accepted request → token.accepted;
// the plex.tv keep-alive ping). Owns the websocket, pump and keep-alive threads: Stop() joins
// them. [thread-safe]
#ifndef PLEXDRIVER_DRIVER_INSTANCE_EVENTS_H_
#define PLEXDRIVER_DRIVER_INSTANCE_EVENTS_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "account/token_keepalive.h"
#include "core/config.h"
#include "driver/event_pump.h"
#include "driver/server_facts.h"
#include "driver/token_health.h"
#include "events/host_event.h"
#include "events/notification_hub.h"
#include "net/http_transport.h"
#include "playback/playback_tracker.h"
#include "plex/pms_client.h"
#include "sync/item_catalog.h"
#include "sync/sync_ports.h"

namespace plexdriver {

class InstanceEvents final : public PlaybackSource {
 public:
  // Everything passed must outlive this object. `notifications`: the websocket to open once
  // started; nullopt = none (no live events; syncs poll). Starts no thread yet.
  InstanceEvents(const DriverConfig* config, const HostBridge* bridge, PmsClient* client, const ServerFacts* facts,
                 ItemCatalog* catalog, std::optional<NotificationSocketOptions> notifications);
  ~InstanceEvents();  // Stop()
  InstanceEvents(const InstanceEvents&) = delete;
  InstanceEvents& operator=(const InstanceEvents&) = delete;

  // Starts the websocket and the event pump (once; not while shutting down).
  void Start();
  // Joins the pump, the websocket and a keep-alive ping in flight. No event after it returns.
  void Stop();

  // The websocket the syncs follow scans on; null without one.
  NotificationHub* hub() const { return hub_.get(); }
  // Hands an event to the host (when it takes events), naming this server.
  void Emit(const HostEvent& event) const;
  // The server events name: the instance's name and the machine identifier once known.
  EventServer Server() const;

  // A request made with the token was answered: 401 (rejected) or accepted; emits the change.
  void OnTokenAnswer(bool rejected, const std::string& request);
  TokenHealthSnapshot token_health() const { return token_health_.Snapshot(); }
  // config token_keepalive: pings plex.tv when due, in the background; call on every use.
  void TouchKeepAlive();

  // PlaybackSource: a fresh sessions list (its transitions emitted), or what the websocket told
  // when the list cannot be read; filtered by the config's activity rules.
  Result<std::vector<PlaybackSession>> ActivePlayback() override;
  // Reads /status/sessions into the tracker and emits the transitions it caused.
  Result<std::vector<PlaybackSession>> RefreshSessions();
  // Who counts as watching now, and every session the tracker knows (the "sessions" document).
  std::vector<PlaybackSession> Active() const;
  std::vector<PlaybackSession> All() const { return tracker_.All(); }
  // A webhook's playback view.
  void OnWebhook(const PlaybackSession& session);

 private:
  // Reads /status/sessions into the tracker; *changes receives the transitions (not emitted).
  Result<std::vector<PlaybackSession>> ReadSessions(std::vector<PlaybackTransition>* changes);
  ActivityRules Rules() const;
  void StartKeepAlive();

  const DriverConfig* config_;
  const HostBridge* bridge_;
  PmsClient* client_;
  const ServerFacts* facts_;
  PlaybackTracker tracker_;
  TokenHealth token_health_;
  std::unique_ptr<NotificationHub> hub_;  // null: no websocket
  std::unique_ptr<EventPump> pump_;       // null without the websocket
  std::unique_ptr<HttpTransport> plex_tv_transport_;  // set with token_keepalive
  std::unique_ptr<TokenKeepAlive> keepalive_;         // null without token_keepalive
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_DRIVER_INSTANCE_EVENTS_H_
