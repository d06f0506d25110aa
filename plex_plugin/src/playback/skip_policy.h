// Whether a scan or refresh must wait because someone is watching (config and request option
// "skip_active"). Pure: decides from the active sessions the caller gathered.
#ifndef PLEXDRIVER_PLAYBACK_SKIP_POLICY_H_
#define PLEXDRIVER_PLAYBACK_SKIP_POLICY_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/skip_active.h"
#include "core/status.h"
#include "planning/path_style.h"
#include "plex/sessions.h"

namespace plexdriver {

// What one change (or one planned scan) would touch on the server.
struct PlaybackTarget {
  std::vector<std::string> section_ids;  // sections it scans or refreshes in
  std::string server_folder;             // folder a scan walks ("" = whole section / none)
  bool whole_section = false;            // the scan covers the whole section
  std::vector<std::string> rating_keys;  // items it refreshes or concerns (may be empty)
};

// The first session in `active` that blocks `target` under `policy`, or nullopt.
std::optional<PlaybackSession> FindBlockingSession(SkipActive policy, const PlaybackTarget& target,
                                                   const std::vector<PlaybackSession>& active,
                                                   PathStyle style);

// "alice is playing \"Heat\" on Living Room TV (paused)": names who and what, for messages.
std::string DescribeSession(const PlaybackSession& session);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLAYBACK_SKIP_POLICY_H_
