// Reading plex.tv's answers (JSON, as the client asks for it with Accept: application/json).
// Lenient where plex.tv is inconsistent (ids as numbers or strings, booleans as true/1/"1"),
// strict where a missing field would make the result useless (a PIN without id, a user without
// id). Errors are PD_ERR_PROTOCOL and describe what arrived, never a token. Pure.
#ifndef PLEXDRIVER_ACCOUNT_PLEXTV_PARSER_H_
#define PLEXDRIVER_ACCOUNT_PLEXTV_PARSER_H_

#include <string_view>
#include <vector>

#include "account/plextv_types.h"
#include "core/status.h"

namespace plexdriver {

// POST /api/v2/pins and GET /api/v2/pins/{id}: {"id":…,"code":…,"expiresIn":…,"authToken":null|…}.
Result<PlexPin> ParsePin(std::string_view body);

// GET /api/v2/user and POST /api/v2/users/signin: the account object.
Result<PlexUser> ParseUser(std::string_view body);

// POST /users/sign_in.json (legacy): {"user":{…,"authToken"|"authentication_token":…}}.
Result<PlexUser> ParseLegacySignIn(std::string_view body);

// GET /api/v2/resources: an array of devices with their connections (every device, not only
// servers; see PlexResource::IsServer).
Result<std::vector<PlexResource>> ParseResources(std::string_view body);

// The errors of a failed answer, in whichever form plex.tv used: JSON {"errors":[{"code",
// "message"}]}, XML <errors><error code="…" message="…"/></errors>, or the legacy {"error":"…"}
// (code 0). Empty when the body carries none.
std::vector<PlexTvError> ParsePlexTvErrors(std::string_view body);

}  // namespace plexdriver

#endif  // PLEXDRIVER_ACCOUNT_PLEXTV_PARSER_H_
