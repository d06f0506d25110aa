// What the sync stages may ask of the world besides the Plex client: the server's libraries (a
// cache the driver keeps), who is watching, how a library treats local artwork, and the media
// manager's own files. The driver implements them with its components (driver/server_facts.h,
// driver/instance_events.h, sync/manager_files.h); tests with small fakes. A stage asks a port; a
// port never calls back into a stage, so data flows one way.
#ifndef PLEXDRIVER_SYNC_SYNC_PORTS_H_
#define PLEXDRIVER_SYNC_SYNC_PORTS_H_

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "planning/local_artwork.h"
#include "plex/pms_types.h"
#include "plex/sessions.h"

namespace plexdriver {

class SectionSource {
 public:
  virtual ~SectionSource() = default;
  // The server's sections: a cached copy unless `force` (then re-read from the server, and the
  // cache with it). [thread-safe]
  virtual Result<std::vector<LibrarySection>> Sections(bool force) = 0;
};

class PlaybackSource {
 public:
  virtual ~PlaybackSource() = default;
  // Who is watching now, already filtered by the activity rules (paused, stale). Asked only when
  // the sync's skip_active is not "never". [thread-safe]
  virtual Result<std::vector<PlaybackSession>> ActivePlayback() = 0;
};

class LocalArtworkSource {
 public:
  virtual ~LocalArtworkSource() = default;
  // Whether Plex reads local artwork in `section` (its agent and settings); nullopt when it
  // cannot be told. May do I/O; implementations cache. [thread-safe]
  virtual std::optional<LocalArtworkAssessment> LocalArtwork(const LibrarySection& section) = 0;
};

class ManagerFiles {
 public:
  virtual ~ManagerFiles() = default;
  // True when the manager-side path (file or folder) exists: the storage safety gate.
  virtual bool Exists(const std::string& manager_path) const = 0;
  // True for a folder, false for anything else; nullopt when this source cannot tell (the
  // planner then judges by the name).
  virtual std::optional<bool> IsDirectory(const std::string& manager_path) const = 0;
  // The whole file, when it is at most `max_bytes` long. PD_ERR_INVALID_ARGUMENT naming the
  // file when it is larger; PD_ERR_NOT_FOUND when it cannot be opened or read (saying why).
  virtual Result<std::string> Read(const std::string& manager_path, size_t max_bytes) const = 0;
  // The names of the files (not folders) directly in `folder`, sorted; empty when unreadable.
  virtual std::vector<std::string> List(const std::string& folder) const = 0;
  // The names of the folders directly in `folder` (not links to them), sorted; empty when
  // unreadable.
  virtual std::vector<std::string> ListFolders(const std::string& folder) const = 0;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SYNC_PORTS_H_
