#include "host_callbacks.h"

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace host_stub {
namespace {

std::atomic<int> g_interrupts{0};

void OnInterrupt(int) {
  if (g_interrupts.fetch_add(1) >= 1) std::_Exit(130);  // second Ctrl-C: leave now
}

const char* LevelName(pd_log_level level) {
  switch (level) {
    case PD_LOG_DEBUG: return "debug";
    case PD_LOG_INFO: return "info";
    case PD_LOG_WARN: return "warn";
    default: return "error";
  }
}

}  // namespace

HostCallbacks::HostCallbacks(bool verbose) : verbose_(verbose), tty_(isatty(STDERR_FILENO) != 0) {
  host_.struct_size = sizeof(pd_host);
  host_.ctx = this;
  host_.log = &HostCallbacks::Log;
  host_.progress = &HostCallbacks::Progress;
  host_.is_cancelled = &HostCallbacks::IsCancelled;
  host_.event = &HostCallbacks::Event;
}

void HostCallbacks::SetEventHandler(std::function<void(const std::string&)> handler) {
  std::lock_guard<std::mutex> lock(event_mutex_);
  on_event_ = std::move(handler);
  if (!on_event_) return;
  for (const std::string& e : held_events_) on_event_(e);
  held_events_.clear();
}

void HostCallbacks::HoldEvents() {
  std::lock_guard<std::mutex> lock(event_mutex_);
  hold_events_ = true;
}

void HostCallbacks::Event(void* ctx, const char* event_json) {
  auto* self = static_cast<HostCallbacks*>(ctx);
  if (!event_json) return;
  std::lock_guard<std::mutex> lock(self->event_mutex_);
  if (self->on_event_) self->on_event_(event_json);
  else if (self->hold_events_) self->held_events_.emplace_back(event_json);
}

void HostCallbacks::InstallInterruptHandler() { std::signal(SIGINT, OnInterrupt); }
bool HostCallbacks::interrupted() { return g_interrupts.load() > 0; }

void HostCallbacks::Log(void* ctx, pd_log_level level, const char* message) {
  auto* self = static_cast<HostCallbacks*>(ctx);
  if (!self->verbose_ && level < PD_LOG_WARN) return;
  std::lock_guard<std::mutex> lock(self->mutex_);
  if (self->progress_on_screen_) std::fputc('\n', stderr);
  self->progress_on_screen_ = false;
  std::fprintf(stderr, "[%s] %s\n", LevelName(level), message ? message : "");
}

void HostCallbacks::Progress(void* ctx, void*, double fraction, const char* message) {
  auto* self = static_cast<HostCallbacks*>(ctx);
  std::lock_guard<std::mutex> lock(self->mutex_);
  const int percent = fraction < 0 ? -1 : static_cast<int>(fraction * 100 + 0.5);
  if (self->tty_) {
    // One line, rewritten in place.
    if (percent >= 0) std::fprintf(stderr, "\r\033[K  %3d%%  %s", percent, message ? message : "");
    else std::fprintf(stderr, "\r\033[K  ...   %s", message ? message : "");
    self->progress_on_screen_ = true;
  } else if (percent / 10 != self->last_decile_) {
    // Logs and pipes: one line per 10 %.
    self->last_decile_ = percent / 10;
    std::fprintf(stderr, "  progress %d%%: %s\n", percent, message ? message : "");
  }
  std::fflush(stderr);
}

int HostCallbacks::IsCancelled(void*, void*) { return interrupted() ? 1 : 0; }

void HostCallbacks::FinishProgress() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (progress_on_screen_) std::fputs("\r\033[K", stderr);
  progress_on_screen_ = false;
}

}  // namespace host_stub
