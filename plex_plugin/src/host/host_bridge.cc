#include "host/host_bridge.h"

#include <algorithm>
#include <cstring>

#include "core/redact.h"

namespace plexdriver {

HostBridge::HostBridge(const pd_host* host, std::string secret) {
  AddSecret(std::move(secret));
  if (host) {
    const size_t n = std::min<size_t>(host->struct_size, sizeof(pd_host));
    std::memcpy(&host_, host, n);
    host_.struct_size = static_cast<uint32_t>(n);
  }
}

std::string HostBridge::Redact(std::string_view text) const {
  std::lock_guard<std::mutex> lock(secrets_mutex_);
  // Redact() also hides X-Plex-Token values, so text passes through it even without secrets.
  return plexdriver::Redact(text, secrets_);
}

void HostBridge::AddSecret(std::string secret) {
  if (secret.empty()) return;
  std::lock_guard<std::mutex> lock(secrets_mutex_);
  if (std::find(secrets_.begin(), secrets_.end(), secret) == secrets_.end()) {
    secrets_.push_back(std::move(secret));
  }
}

void HostBridge::Log(pd_log_level level, std::string_view message) const {
  if (!host_.log) return;
  const std::string text = Redact(message);
  host_.log(host_.ctx, level, text.c_str());
}

void HostBridge::Progress(void* op_ctx, double fraction, std::string_view message) const {
  if (!host_.progress || shutdown_.load()) return;
  const std::string text = Redact(message);
  host_.progress(host_.ctx, op_ctx, fraction, text.c_str());
}

void HostBridge::Event(std::string_view event_json) const {
  if (!host_.event || events_closed_.load()) return;
  const std::string text = Redact(event_json);
  host_.event(host_.ctx, text.c_str());
}

bool HostBridge::IsCancelled(void* op_ctx) const {
  if (shutdown_.load()) return true;
  return host_.is_cancelled && host_.is_cancelled(host_.ctx, op_ctx) != 0;
}

}  // namespace plexdriver
