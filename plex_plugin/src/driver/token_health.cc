#include "driver/token_health.h"

namespace plexdriver {

const char* TokenStateName(TokenState state) {
  switch (state) {
    case TokenState::kUnknown:
      return "unknown";
    case TokenState::kAccepted:
      return "accepted";
    case TokenState::kRejected:
      return "rejected";
  }
  return "unknown";
}

std::optional<TokenState> TokenHealth::Record(bool rejected, const std::string& request,
                                              int64_t now_unix) {
  std::lock_guard<std::mutex> lock(mutex_);
  const TokenState before = state_.state;
  if (rejected) {
    if (before == TokenState::kRejected) return std::nullopt;
    state_.state = TokenState::kRejected;
    state_.rejected_request = request;
    state_.rejected_at = now_unix;
    return TokenState::kRejected;
  }
  state_.accepted_at = now_unix;
  state_.state = TokenState::kAccepted;
  if (before == TokenState::kRejected) return TokenState::kAccepted;
  return std::nullopt;
}

TokenHealthSnapshot TokenHealth::Snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return state_;
}

}  // namespace plexdriver
