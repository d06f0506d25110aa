// The server's idea of "now", in the whole seconds Plex uses for scannedAt/updatedAt: from a
// response's Date header, or the local clock when the header is missing or malformed.
#ifndef PLEXDRIVER_PLEX_SERVER_CLOCK_H_
#define PLEXDRIVER_PLEX_SERVER_CLOCK_H_

#include <cstdint>

#include "net/http_transport.h"

namespace plexdriver {

int64_t ServerTimeOf(const HttpResponse& response);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_SERVER_CLOCK_H_
