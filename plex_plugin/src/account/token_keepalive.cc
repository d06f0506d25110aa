#include "account/token_keepalive.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <fmt/format.h>

namespace plexdriver {
namespace {

std::string Digest(const std::string& token) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(token);
  return Poco::DigestEngine::digestToHex(sha.digest());
}

}  // namespace

bool KeepAliveLedger::Claim(const std::string& token, TimePoint now) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, inserted] = entries_.try_emplace(Digest(token));
  Entry& e = it->second;
  if (!inserted) {
    if (e.succeeded && now - e.last_success < policy_.interval) return false;
    if (now - e.last_attempt < policy_.retry_after) return false;
  }
  e.last_attempt = now;
  return true;
}

void KeepAliveLedger::Succeeded(const std::string& token, TimePoint now) {
  std::lock_guard<std::mutex> lock(mutex_);
  Entry& e = entries_[Digest(token)];
  e.succeeded = true;
  e.last_success = now;
}

KeepAliveLedger& KeepAliveLedger::Global() {
  // Lives until the library is unloaded, after every instance (hosts destroy them first).
  static KeepAliveLedger ledger;
  return ledger;
}

TokenKeepAlive::TokenKeepAlive(std::string token, Ping ping, Clock clock, KeepAliveLedger* ledger,
                               const HostBridge* bridge)
    : token_(std::move(token)),
      ping_(std::move(ping)),
      clock_(std::move(clock)),
      ledger_(ledger),
      bridge_(bridge) {}

TokenKeepAlive::~TokenKeepAlive() {
  WaitIdle();
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable()) thread_.join();
}

void TokenKeepAlive::Touch() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (running_) return;
  const KeepAliveLedger::TimePoint now = clock_();
  if (!ledger_->Claim(token_, now)) return;
  if (thread_.joinable()) thread_.join();  // the previous ping has finished (running_ is false)
  running_ = true;
  thread_ = std::thread([this, now] { Run(now); });
}

void TokenKeepAlive::Run(KeepAliveLedger::TimePoint claimed_at) {
  const Status s = ping_(token_);
  if (s.ok()) {
    ledger_->Succeeded(token_, claimed_at);
    if (bridge_) bridge_->Log(PD_LOG_DEBUG, "plex.tv token keep-alive: ping accepted");
  } else if (bridge_) {
    bridge_->Log(PD_LOG_WARN, fmt::format("plex.tv token keep-alive failed (retried on a later "
                                          "use, within the hour at the earliest): {}",
                                          s.message()));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  ++attempts_;
  running_ = false;
  idle_.notify_all();
}

void TokenKeepAlive::WaitIdle() {
  std::unique_lock<std::mutex> lock(mutex_);
  idle_.wait(lock, [&] { return !running_; });
}

int TokenKeepAlive::attempts() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return attempts_;
}

}  // namespace plexdriver
