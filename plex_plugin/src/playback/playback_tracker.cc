#include "playback/playback_tracker.h"

namespace plexdriver {
namespace {

constexpr auto kRememberEnded = std::chrono::hours(2);

bool IsRunning(const std::string& state) { return state == "playing" || state == "buffering"; }

// The change between two states ("" = not known before), if it is one a user would name.
std::optional<PlaybackChange> ChangeBetween(const std::string& before, const std::string& after) {
  if (after == "stopped") return before.empty() ? std::nullopt : std::optional(PlaybackChange::kStopped);
  if (before.empty()) return PlaybackChange::kStarted;
  if (IsRunning(before) && after == "paused") return PlaybackChange::kPaused;
  if (before == "paused" && IsRunning(after)) return PlaybackChange::kResumed;
  return std::nullopt;
}

// Fills what `from` knows and `into` does not (a webhook or list knows more than a report).
void FillDetails(PlaybackSession* into, const PlaybackSession& from) {
  auto fill = [](std::string* a, const std::string& b) {
    if (!b.empty()) *a = b;
  };
  fill(&into->rating_key, from.rating_key);
  fill(&into->parent_rating_key, from.parent_rating_key);
  fill(&into->grandparent_rating_key, from.grandparent_rating_key);
  fill(&into->section_id, from.section_id);
  fill(&into->type, from.type);
  fill(&into->title, from.title);
  fill(&into->user, from.user);
  fill(&into->player, from.player);
  fill(&into->player_id, from.player_id);
  fill(&into->product, from.product);
  if (from.duration_ms) into->duration_ms = from.duration_ms;
  if (!from.files.empty()) into->files = from.files;
}

}  // namespace

const char* PlaybackChangeName(PlaybackChange change) {
  switch (change) {
    case PlaybackChange::kStarted: return "playback.started";
    case PlaybackChange::kPaused: return "playback.paused";
    case PlaybackChange::kResumed: return "playback.resumed";
    case PlaybackChange::kStopped: return "playback.stopped";
  }
  return "playback.unknown";
}

std::string PlaybackTracker::KeyOfPlayer(const std::string& player_id) const {
  if (player_id.empty()) return "";
  for (const auto& [key, entry] : entries_) {
    if (entry.session.player_id == player_id) return key;
  }
  return "";
}

void PlaybackTracker::Forget(const std::string& key, TimePoint now) {
  entries_.erase(key);
  if (key.rfind("player:", 0) != 0) ended_[key] = now;
}

void PlaybackTracker::PruneEnded(TimePoint now) {
  for (auto it = ended_.begin(); it != ended_.end();) {
    it = now - it->second > kRememberEnded ? ended_.erase(it) : std::next(it);
  }
}

std::vector<PlaybackTransition> PlaybackTracker::OnPlaying(const PlayingEvent& event, TimePoint now) {
  std::vector<PlaybackTransition> out;
  if (event.session_key.empty() || event.state.empty()) return out;
  std::lock_guard<std::mutex> lock(mutex_);
  PruneEnded(now);
  auto it = entries_.find(event.session_key);
  if (it == entries_.end()) {
    if (event.state == "stopped") {
      // Ended before we knew it (or a webhook told us first): make sure a lingering list entry
      // and a webhook entry of that player do not keep it alive.
      const std::string by_player = KeyOfPlayer(event.client_identifier);
      if (!by_player.empty()) {
        Entry e = entries_[by_player];
        e.session.state = "stopped";
        out.push_back({PlaybackChange::kStopped, e.session, "websocket"});
        entries_.erase(by_player);
      }
      ended_[event.session_key] = now;
      return out;
    }
    ended_.erase(event.session_key);
    Entry entry;
    std::string before;
    // A webhook may have announced this playback already (keyed by player until now).
    const std::string by_player = KeyOfPlayer(event.client_identifier);
    if (!by_player.empty() && by_player.rfind("player:", 0) == 0) {
      entry = entries_[by_player];
      before = entry.session.state;
      entries_.erase(by_player);
    }
    entry.session.session_key = event.session_key;
    if (!event.rating_key.empty()) entry.session.rating_key = event.rating_key;
    if (!event.client_identifier.empty()) entry.session.player_id = event.client_identifier;
    entry.session.state = event.state;
    entry.session.view_offset_ms = event.view_offset;
    entry.last_seen = now;
    if (auto change = ChangeBetween(before, event.state)) out.push_back({*change, entry.session, "websocket"});
    entries_[event.session_key] = std::move(entry);
    return out;
  }
  Entry& entry = it->second;
  const std::string before = entry.session.state;
  entry.session.state = event.state;
  entry.session.view_offset_ms = event.view_offset;
  entry.last_seen = now;  // every report is a sign of life, paused ones included
  if (auto change = ChangeBetween(before, event.state)) out.push_back({*change, entry.session, "websocket"});
  if (event.state == "stopped") Forget(event.session_key, now);
  return out;
}

std::vector<PlaybackTransition> PlaybackTracker::OnWebhook(const PlaybackSession& session, TimePoint now) {
  std::vector<PlaybackTransition> out;
  if (session.state.empty() || session.player_id.empty()) return out;
  std::lock_guard<std::mutex> lock(mutex_);
  PruneEnded(now);
  const std::string key = KeyOfPlayer(session.player_id);
  if (key.empty()) {
    if (session.state == "stopped") return out;
    Entry entry;
    entry.session = session;
    entry.detailed = true;
    entry.last_seen = now;
    out.push_back({PlaybackChange::kStarted, entry.session, "webhook"});
    entries_["player:" + session.player_id] = std::move(entry);
    return out;
  }
  Entry& entry = entries_[key];
  const std::string before = entry.session.state;
  FillDetails(&entry.session, session);
  entry.session.state = session.state;
  entry.detailed = true;
  entry.last_seen = now;
  if (auto change = ChangeBetween(before, session.state)) out.push_back({*change, entry.session, "webhook"});
  if (session.state == "stopped") Forget(key, now);
  return out;
}

std::vector<PlaybackTransition> PlaybackTracker::OnSessionList(const std::vector<PlaybackSession>& list,
                                                               TimePoint now) {
  std::vector<PlaybackTransition> out;
  std::lock_guard<std::mutex> lock(mutex_);
  PruneEnded(now);
  std::map<std::string, Entry> next;
  for (const PlaybackSession& s : list) {
    if (s.session_key.empty() || ended_.count(s.session_key)) continue;  // the websocket saw it stop
    std::string key = s.session_key;
    auto it = entries_.find(key);
    if (it == entries_.end()) {
      const std::string by_player = KeyOfPlayer(s.player_id);
      if (!by_player.empty() && by_player.rfind("player:", 0) == 0) it = entries_.find(by_player);
    }
    Entry entry;
    std::string before;
    if (it != entries_.end()) {
      entry = it->second;
      before = entry.session.state;
      const bool moved = entry.session.view_offset_ms != s.view_offset_ms || before != s.state;
      if (moved) entry.last_seen = now;  // an unmoved session is no sign of life (it may linger)
      entries_.erase(it);
    } else {
      entry.last_seen = now;
    }
    FillDetails(&entry.session, s);
    entry.session.session_key = s.session_key;
    entry.session.state = s.state.empty() ? before : s.state;
    entry.session.view_offset_ms = s.view_offset_ms;
    entry.detailed = true;
    if (auto change = ChangeBetween(before, entry.session.state)) out.push_back({*change, entry.session, "poll"});
    next[key] = std::move(entry);
  }
  // What the list no longer shows has stopped (the list is the server's own account).
  for (auto& [key, entry] : entries_) {
    entry.session.state = "stopped";
    out.push_back({PlaybackChange::kStopped, entry.session, "poll"});
    if (key.rfind("player:", 0) != 0) ended_[key] = now;
  }
  entries_ = std::move(next);
  return out;
}

std::vector<PlaybackSession> PlaybackTracker::Active(TimePoint now, const ActivityRules& rules) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<PlaybackSession> out;
  for (const auto& [key, entry] : entries_) {
    const std::string& state = entry.session.state;
    if (state == "stopped" || state.empty()) continue;
    if (state == "paused" && !rules.paused_is_active) continue;
    if (now - entry.last_seen > rules.stale_after) continue;
    out.push_back(entry.session);
  }
  return out;
}

std::vector<PlaybackSession> PlaybackTracker::All() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<PlaybackSession> out;
  for (const auto& [key, entry] : entries_) out.push_back(entry.session);
  return out;
}

std::optional<PlaybackSession> PlaybackTracker::Find(const std::string& session_key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find(session_key);
  if (it == entries_.end()) return std::nullopt;
  return it->second.session;
}

bool PlaybackTracker::NeedsDetails() const {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& [key, entry] : entries_) {
    if (!entry.detailed) return true;
  }
  return false;
}

}  // namespace plexdriver
