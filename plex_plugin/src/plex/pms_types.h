// Plain data the driver reads from a Plex Media Server. Filled by pms_parser (JSON or XML),
// consumed by the pure modules (path mapping, section resolution) and by the reports.
#ifndef PLEXDRIVER_PLEX_PMS_TYPES_H_
#define PLEXDRIVER_PLEX_PMS_TYPES_H_

#include <cstdint>
#include <string>
#include <vector>

namespace plexdriver {

// GET /identity (no token needed).
struct ServerIdentity {
  std::string machine_identifier;
  std::string version;  // e.g. "1.32.7.7621-871adbd44"
  bool claimed = false;
};

// GET / (token needed).
struct ServerInfo {
  std::string friendly_name;
  std::string machine_identifier;
  std::string version;
  std::string platform;  // "Linux", "Windows", "MacOSX", ...
  std::string platform_version;
  bool my_plex = false;
  std::string my_plex_username;
  bool my_plex_subscription = false;  // Plex Pass
};

struct SectionLocation {
  int64_t id = 0;
  std::string path;  // as the server sees it: "/data/movies" or "M:\\Media\\Movies"
};

// One entry of GET /library/sections.
struct LibrarySection {
  std::string key;   // section id; a string in /library/sections
  std::string type;  // "movie", "show", "artist", "photo"
  std::string title;
  std::string agent;
  std::string scanner;
  std::string language;
  std::string uuid;
  bool refreshing = false;
  int64_t updated_at = 0;
  int64_t scanned_at = 0;
  std::vector<SectionLocation> locations;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_PMS_TYPES_H_
