// Who is watching what on one server, merged from three sources that each see part of it:
// the /status/sessions list (authoritative but polled), the websocket's "playing" notifications
// (live, but only keys and state) and webhooks (live, Plex Pass, keyed by player). Pure state:
// no I/O; the caller passes the time. [thread-safe]: the event thread and syncs share one.
#ifndef PLEXDRIVER_PLAYBACK_PLAYBACK_TRACKER_H_
#define PLEXDRIVER_PLAYBACK_PLAYBACK_TRACKER_H_

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "plex/notifications.h"
#include "plex/sessions.h"

namespace plexdriver {

enum class PlaybackChange { kStarted, kPaused, kResumed, kStopped };
const char* PlaybackChangeName(PlaybackChange change);  // "playback.started", ...

struct PlaybackTransition {
  PlaybackChange change;
  PlaybackSession session;  // as known after the change
  std::string source;       // "websocket", "webhook", "poll"
};

struct ActivityRules {
  bool paused_is_active = true;  // a paused session still blocks scans
  // A session with no sign of life (report, state or position change) for this long is treated
  // as gone: clients that vanish leave sessions listed for ~30 minutes.
  std::chrono::seconds stale_after{600};
};

class PlaybackTracker {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  // A websocket PlaySessionStateNotification. "stopped" ends the session for good: a later
  // sessions list that still shows it (clients linger) does not bring it back.
  std::vector<PlaybackTransition> OnPlaying(const PlayingEvent& event, TimePoint now);
  // A webhook's playback view (session_key empty, player_id = Player.uuid, state from the event).
  std::vector<PlaybackTransition> OnWebhook(const PlaybackSession& session, TimePoint now);
  // A fresh /status/sessions list: it replaces what the list showed before; sessions missing
  // from it have stopped.
  std::vector<PlaybackTransition> OnSessionList(const std::vector<PlaybackSession>& list, TimePoint now);

  // Sessions that count as watching at `now` under `rules`.
  std::vector<PlaybackSession> Active(TimePoint now, const ActivityRules& rules) const;
  // Every session known, whatever its state or age.
  std::vector<PlaybackSession> All() const;
  // The session with this key, if known.
  std::optional<PlaybackSession> Find(const std::string& session_key) const;
  // True when a session is known only by keys (a websocket report): a sessions list would
  // tell who and what.
  bool NeedsDetails() const;

 private:
  struct Entry {
    PlaybackSession session;
    TimePoint last_seen;
    bool detailed = false;  // seen in a sessions list or a webhook
  };
  // Key of the entry for a player playing `rating_key` ("" when none).
  std::string KeyOfPlayer(const std::string& player_id) const;
  void Forget(const std::string& key, TimePoint now);
  void PruneEnded(TimePoint now);

  mutable std::mutex mutex_;
  std::map<std::string, Entry> entries_;    // by session key, or "player:<id>" from webhooks
  std::map<std::string, TimePoint> ended_;  // session keys seen stopping, and when
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLAYBACK_PLAYBACK_TRACKER_H_
