// Scripted playback (the Impl side of Emulator::StartPlayback and friends): sessions that
// report periodically, pause, resume, stop (then linger or go, and join the watch history) or
// are abandoned, with the websocket frames and webhooks each change sends.
#include <algorithm>
#include <cctype>

#include "emulator_impl.h"

namespace pms_emulator {

namespace {

// A client's machineIdentifier, stable per player title ("Living Room TV" → "living-room-tv-…"),
// as websocket reports (clientIdentifier), sessions (Player.machineIdentifier) and webhooks
// (Player.uuid) all name it.
std::string DerivePlayerId(const std::string& player) {
  std::string id;
  for (char c : player) {
    const unsigned char u = static_cast<unsigned char>(c);
    id.push_back(std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '-');
  }
  return id + "-3tsdzir85m2onc3q";
}

int64_t ElapsedMs(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(to - from).count();
}

}  // namespace

std::string Emulator::Impl::StartPlayback(const std::string& rating_key, const std::string& user,
                                          const std::string& player, const std::string& player_id) {
  SessionInfo s;
  {
    std::lock_guard<std::mutex> lock(mutex);
    s.session_key = std::to_string(next_session++);
    s.rating_key = rating_key;
    s.user = user;
    s.player = player;
    s.player_id = player_id.empty() ? DerivePlayerId(player) : player_id;
    s.state = "playing";
    s.listed_state = "playing";
    s.last_report = Clock::now();
    sessions.push_back(s);
  }
  ticker_cv.notify_all();
  NotifyPlaying(s);
  SendWebhook("media.play", rating_key, user, player, s.player_id);
  return s.session_key;
}

bool Emulator::Impl::SetPlaybackState(const std::string& session_key, const std::string& state) {
  SessionInfo s;
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = std::find_if(sessions.begin(), sessions.end(), [&](const SessionInfo& x) {
      return x.session_key == session_key && !x.abandoned && x.state != "stopped";
    });
    if (it == sessions.end() || it->state == state) return false;
    const Clock::time_point now = Clock::now();
    if (it->state == "playing") it->view_offset_ms += ElapsedMs(it->last_report, now);
    it->last_report = now;
    it->state = state;
    if (state == "stopped") {
      // PMS may keep listing a stopped session for a while, with the state it last had.
      if (options.stopped_session_linger_ms > 0) {
        it->gone_at = now + std::chrono::milliseconds(options.stopped_session_linger_ms);
      } else {
        it->gone_at = now;
      }
    } else {
      it->listed_state = state;
    }
    s = *it;
    if (state == "stopped") history.push_back({s.rating_key, s.user, UnixNow()});
    if (state == "stopped" && options.stopped_session_linger_ms <= 0) sessions.erase(it);
  }
  ticker_cv.notify_all();
  NotifyPlaying(s);
  const char* event = state == "paused" ? "media.pause" : state == "playing" ? "media.resume" : "media.stop";
  SendWebhook(event, s.rating_key, s.user, s.player, s.player_id);
  return true;
}

bool Emulator::Impl::AbandonPlayback(const std::string& session_key) {
  {
    std::lock_guard<std::mutex> lock(mutex);
    auto it = std::find_if(sessions.begin(), sessions.end(), [&](const SessionInfo& x) {
      return x.session_key == session_key && !x.abandoned && x.state != "stopped";
    });
    if (it == sessions.end()) return false;
    const Clock::time_point now = Clock::now();
    // No report, no webhook: the client is simply gone, and the server keeps the position it
    // last reported.
    it->abandoned = true;
    it->gone_at = now + std::chrono::milliseconds(options.abandoned_session_linger_ms);
  }
  ticker_cv.notify_all();
  return true;
}

std::vector<SessionInfo> Emulator::Impl::ListedSessions() const {
  const Clock::time_point now = Clock::now();
  std::vector<SessionInfo> out;
  for (const SessionInfo& s : sessions) {
    if (!s.gone_at || *s.gone_at > now) out.push_back(s);
  }
  return out;
}

void Emulator::Impl::PlaybackLoop() {
  std::unique_lock<std::mutex> lock(mutex);
  while (!stopping) {
    const Clock::time_point now = Clock::now();
    const auto period = std::chrono::milliseconds(std::max(10, options.playback_report_ms));
    Clock::time_point next = now + std::chrono::seconds(1);
    std::vector<SessionInfo> reports;
    for (auto it = sessions.begin(); it != sessions.end();) {
      if (it->gone_at && *it->gone_at <= now) {
        it = sessions.erase(it);
        continue;
      }
      if (it->gone_at) next = std::min(next, *it->gone_at);
      if (!it->abandoned && it->state != "stopped") {
        // A live client reports its timeline periodically, paused or not; PMS relays each.
        if (now - it->last_report >= period) {
          if (it->state == "playing") it->view_offset_ms += ElapsedMs(it->last_report, now);
          it->last_report = now;
          reports.push_back(*it);
        }
        next = std::min(next, it->last_report + period);
      }
      ++it;
    }
    if (!reports.empty()) {
      lock.unlock();
      for (const SessionInfo& s : reports) NotifyPlaying(s);
      lock.lock();
      continue;
    }
    ticker_cv.wait_until(lock, next);
  }
}

}  // namespace pms_emulator
