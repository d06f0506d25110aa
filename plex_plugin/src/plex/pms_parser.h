// Readers of PMS documents into plain types. Pure: input is a response body (JSON or XML).
#ifndef PLEXDRIVER_PLEX_PMS_PARSER_H_
#define PLEXDRIVER_PLEX_PMS_PARSER_H_

#include <string_view>
#include <vector>

#include "core/status.h"
#include "plex/pms_types.h"

namespace plexdriver {

// GET /identity. PD_ERR_PROTOCOL when the body is not a Plex identity (no machineIdentifier):
// the usual sign that host/port point at another web server.
Result<ServerIdentity> ParseIdentity(std::string_view body);

// GET /.
Result<ServerInfo> ParseServerInfo(std::string_view body);

// GET /library/sections.
Result<std::vector<LibrarySection>> ParseSections(std::string_view body);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_PMS_PARSER_H_
