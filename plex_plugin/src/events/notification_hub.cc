#include "events/notification_hub.h"

#include <fmt/format.h>

namespace plexdriver {

bool NotificationQueue::WaitUntil(std::chrono::steady_clock::time_point deadline,
                                  std::vector<Notification>* out) {
  std::unique_lock<std::mutex> lock(mutex_);
  ready_.wait_until(lock, deadline, [&] { return !pending_.empty() || !connected_ || dropped_ > 0; });
  while (!pending_.empty()) {
    out->push_back(std::move(pending_.front()));
    pending_.pop_front();
  }
  return connected_ && dropped_ == 0;  // with notifications lost, what this queue says is incomplete
}

uint64_t NotificationQueue::dropped() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return dropped_;
}

bool NotificationQueue::connected() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return connected_ && dropped_ == 0;
}

bool NotificationQueue::WaitForChange(std::chrono::steady_clock::time_point deadline,
                                      std::vector<Notification>* out, uint64_t* state_reports,
                                      bool* connected, std::string* why) {
  std::unique_lock<std::mutex> lock(mutex_);
  ready_.wait_until(lock, deadline,
                    [&] { return closed_ || !pending_.empty() || state_reports_ != *state_reports; });
  *state_reports = state_reports_;
  while (!pending_.empty()) {
    out->push_back(std::move(pending_.front()));
    pending_.pop_front();
  }
  *connected = connected_;
  *why = why_;
  return !closed_;
}

void NotificationQueue::InitConnected(bool connected) {
  std::lock_guard<std::mutex> lock(mutex_);
  connected_ = connected;
}

void NotificationQueue::Close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

void NotificationQueue::Push(const Notification& n) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (pending_.size() >= kMaxPending) {
      ++dropped_;
    } else {
      pending_.push_back(n);
    }
  }
  ready_.notify_all();
}

void NotificationQueue::SetConnected(bool connected, const std::string& why) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    connected_ = connected;
    ++state_reports_;
    if (!connected) why_ = why;
  }
  ready_.notify_all();
}

NotificationHub::NotificationHub(NotificationSocketOptions options, const HostBridge* bridge)
    : bridge_(bridge),
      socket_(std::move(options), [this](std::string_view f) { OnFrame(f); },
              [this](bool up, const Status& why) { OnState(up, why); }) {}

NotificationHub::~NotificationHub() { Stop(); }

void NotificationHub::EnsureStarted() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (started_) return;
  started_ = true;
  socket_.Start();
}

bool NotificationHub::WaitConnected(std::chrono::milliseconds timeout) {
  return socket_.WaitConnected(timeout);
}

bool NotificationHub::connected() const { return socket_.connected(); }

std::shared_ptr<NotificationQueue> NotificationHub::Subscribe() {
  auto queue = std::make_shared<NotificationQueue>();
  // Under the lock OnState takes: a state change either precedes the read or reaches the queue.
  std::lock_guard<std::mutex> lock(mutex_);
  queue->InitConnected(socket_.connected());
  subscribers_.push_back(queue);
  return queue;
}

void NotificationHub::Stop() { socket_.Stop(); }

void NotificationHub::OnFrame(std::string_view frame) {
  Result<Notification> n = ParseNotification(frame);
  if (!n.ok()) {
    bridge_->Log(PD_LOG_DEBUG, fmt::format("ignored a websocket frame: {}", n.status().message()));
    return;
  }
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = subscribers_.begin(); it != subscribers_.end();) {
    if (auto queue = it->lock()) {
      queue->Push(*n);
      ++it;
    } else {
      it = subscribers_.erase(it);
    }
  }
}

void NotificationHub::OnState(bool connected, const Status& why) {
  if (connected) {
    bridge_->Log(PD_LOG_DEBUG, "websocket notifications connected");
  } else if (why.code() != PD_ERR_CANCELLED) {
    bridge_->Log(PD_LOG_INFO, fmt::format("websocket notifications unavailable ({}); scans are "
                                          "followed by polling", why.message()));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& weak : subscribers_) {
    if (auto queue = weak.lock()) queue->SetConnected(connected, why.message());
  }
}

}  // namespace plexdriver
