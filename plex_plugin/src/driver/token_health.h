// Whether the server still accepts the instance's token, from the answers it gives: a 401 to any
// request made with the token marks it rejected (the instance keeps running: /identity and
// capabilities need no token, and the next accepted request marks it good again); 2xx marks it
// accepted. The transitions are what the host hears about (events "token.rejected" and
// "token.accepted"); test-connection reports the state. Pure; [thread-safe].
#ifndef PLEXDRIVER_DRIVER_TOKEN_HEALTH_H_
#define PLEXDRIVER_DRIVER_TOKEN_HEALTH_H_

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>

namespace plexdriver {

enum class TokenState { kUnknown, kAccepted, kRejected };
const char* TokenStateName(TokenState state);  // "unknown", "accepted", "rejected"

struct TokenHealthSnapshot {
  TokenState state = TokenState::kUnknown;
  std::string rejected_request;  // "GET /library/sections" (the first 401 of this rejection)
  int64_t rejected_at = 0;       // unix seconds
  int64_t accepted_at = 0;       // unix seconds of the last accepted request
};

class TokenHealth {
 public:
  // Records the answer to a request made with the token; returns the new state when it changed
  // between accepted/unknown and rejected (not for unknown → accepted).
  std::optional<TokenState> Record(bool rejected, const std::string& request, int64_t now_unix);
  TokenHealthSnapshot Snapshot() const;

 private:
  mutable std::mutex mutex_;
  TokenHealthSnapshot state_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_DRIVER_TOKEN_HEALTH_H_
