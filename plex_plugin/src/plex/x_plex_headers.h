// The headers every request to Plex (a server or plex.tv) carries: JSON asked for, and who is
// asking. plex.tv ties PINs and tokens to the client identifier; a server lists the device.
#ifndef PLEXDRIVER_PLEX_X_PLEX_HEADERS_H_
#define PLEXDRIVER_PLEX_X_PLEX_HEADERS_H_

#include <string>

#include "net/http_transport.h"

namespace plexdriver {

inline HttpHeaders XPlexHeaders(const std::string& product, const std::string& version,
                                const std::string& client_identifier, const std::string& device_name,
                                const std::string& platform = "Linux") {
  return {{"Accept", "application/json"},
          {"X-Plex-Product", product},
          {"X-Plex-Version", version},
          {"X-Plex-Client-Identifier", client_identifier},
          {"X-Plex-Device-Name", device_name},
          {"X-Plex-Platform", platform}};
}

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_X_PLEX_HEADERS_H_
