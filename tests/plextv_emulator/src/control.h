// The control API under /__emulator/ (a path plex.tv does not use): what a test or a person does
// to the emulator from outside the process, through the same public API in-process tests use.
// Approving a PIN stands in for the user at app.plex.tv. Control requests are not recorded.
// Recorded requests are listed with every secret redacted (tokens, passwords, codes); which
// account a token belonged to is given instead (token_owner).
#ifndef PLEXTV_EMULATOR_SRC_CONTROL_H_
#define PLEXTV_EMULATOR_SRC_CONTROL_H_

#include <string>

#include "emulator_impl.h"

namespace plextv_emulator {

// True for paths the control API owns.
bool IsControlPath(const std::string& path);

// Answers one control request (`path` starts with /__emulator/; `body` is the raw request body).
// Errors are JSON {"error": "..."} naming the field: 400 bad input, 404 no such PIN or endpoint.
Reply HandleControl(Emulator& emulator, const std::string& method, const std::string& path,
                    const std::string& body);

// One recorded request as JSON with its secrets redacted (what GET /__emulator/requests lists).
std::string RedactedRequestsJson(const std::vector<RecordedRequest>& requests);

}  // namespace plextv_emulator

#endif  // PLEXTV_EMULATOR_SRC_CONTROL_H_
