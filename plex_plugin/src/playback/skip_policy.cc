#include "playback/skip_policy.h"

#include <algorithm>

#include <fmt/format.h>

namespace plexdriver {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& value) {
  return !value.empty() && std::find(list.begin(), list.end(), value) != list.end();
}

bool SameSection(const PlaybackTarget& target, const PlaybackSession& s) {
  return Contains(target.section_ids, s.section_id);
}

bool SameItem(const PlaybackTarget& target, const PlaybackSession& s, PathStyle style) {
  for (const std::string* key : {&s.rating_key, &s.parent_rating_key, &s.grandparent_rating_key}) {
    if (Contains(target.rating_keys, *key)) return true;
  }
  // A scan walks a folder: it touches whatever plays from a file inside it.
  if (target.whole_section) return SameSection(target, s);
  if (target.server_folder.empty()) return false;
  return std::any_of(s.files.begin(), s.files.end(), [&](const std::string& file) {
    return PathIsWithin(file, target.server_folder, style);
  });
}

}  // namespace

std::optional<PlaybackSession> FindBlockingSession(SkipActive policy, const PlaybackTarget& target,
                                                   const std::vector<PlaybackSession>& active,
                                                   PathStyle style) {
  for (const PlaybackSession& s : active) {
    switch (policy) {
      case SkipActive::kNever: return std::nullopt;
      case SkipActive::kAny: return s;
      case SkipActive::kSection:
        // A session whose section is unknown (a bare websocket report) might be anywhere.
        if (s.section_id.empty() || SameSection(target, s)) return s;
        break;
      case SkipActive::kItem:
        if (SameItem(target, s, style)) return s;
        break;
    }
  }
  return std::nullopt;
}

std::string DescribeSession(const PlaybackSession& s) {
  const std::string who = s.user.empty() ? "someone" : s.user;
  const std::string what = s.title.empty() ? (s.rating_key.empty() ? "something" : "item " + s.rating_key)
                                           : "\"" + s.title + "\"";
  std::string text = fmt::format("{} is playing {}", who, what);
  if (!s.player.empty()) text += " on " + s.player;
  if (s.state == "paused") text += " (paused)";
  return text;
}

}  // namespace plexdriver
