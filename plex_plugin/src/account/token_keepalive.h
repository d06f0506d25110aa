// Keeping a plex.tv token alive while the driver is in use: GET /api/v2/ping at most once a
// day per token (Plex lets unused tokens from a PIN sign-in expire). The ledger is process-wide,
// so several instances with one token ping once, and remembers tokens only as SHA-256 digests.
// A failed ping is retried on a later use, at most once an hour. Pings run on a thread of the
// keep-alive object, never on the caller's, so an offline plex.tv never slows a sync.
#ifndef PLEXDRIVER_ACCOUNT_TOKEN_KEEPALIVE_H_
#define PLEXDRIVER_ACCOUNT_TOKEN_KEEPALIVE_H_

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "core/status.h"
#include "host/host_bridge.h"

namespace plexdriver {

// When each token was last pinged. [thread-safe]
class KeepAliveLedger {
 public:
  using TimePoint = std::chrono::system_clock::time_point;
  struct Policy {
    std::chrono::seconds interval = std::chrono::hours(24);    // between successful pings
    std::chrono::seconds retry_after = std::chrono::hours(1);  // after a failed attempt
  };

  KeepAliveLedger() = default;
  explicit KeepAliveLedger(Policy policy) : policy_(policy) {}

  // True when `token` is due at `now` (never pinged, or the last success is `interval` old, and
  // no attempt in the last `retry_after`); the attempt is recorded, so a second caller gets false.
  bool Claim(const std::string& token, TimePoint now);
  // Records a successful ping made at `now`.
  void Succeeded(const std::string& token, TimePoint now);

  // The ledger the driver's instances share.
  static KeepAliveLedger& Global();

 private:
  struct Entry {
    TimePoint last_success{};
    TimePoint last_attempt{};
    bool succeeded = false;
  };
  Policy policy_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;  // by token digest
};

// One instance's keep-alive. Touch() on every use; the ping happens in the background.
class TokenKeepAlive {
 public:
  using Clock = std::function<KeepAliveLedger::TimePoint()>;
  using Ping = std::function<Status(const std::string& token)>;

  // `ledger` and `bridge` must outlive this object; `ping` is called on the keep-alive's thread.
  TokenKeepAlive(std::string token, Ping ping, Clock clock, KeepAliveLedger* ledger,
                 const HostBridge* bridge);
  ~TokenKeepAlive();  // waits for a ping in flight
  TokenKeepAlive(const TokenKeepAlive&) = delete;
  TokenKeepAlive& operator=(const TokenKeepAlive&) = delete;

  // [thread-safe] Starts a ping when the token is due and none is running. Never blocks on I/O.
  void Touch();
  // [thread-safe] Blocks until no ping is running (tests; destroy).
  void WaitIdle();
  // Completed ping attempts (successful or not).
  int attempts() const;

 private:
  void Run(KeepAliveLedger::TimePoint claimed_at);

  const std::string token_;
  const Ping ping_;
  const Clock clock_;
  KeepAliveLedger* const ledger_;
  const HostBridge* const bridge_;
  mutable std::mutex mutex_;
  std::condition_variable idle_;
  bool running_ = false;
  int attempts_ = 0;
  std::thread thread_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_ACCOUNT_TOKEN_KEEPALIVE_H_
