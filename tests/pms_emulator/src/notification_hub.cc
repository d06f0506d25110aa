#include "notification_hub.h"

#include <Poco/Net/NetException.h>
#include <Poco/Net/WebSocket.h>

namespace pms_emulator {

void NotificationHub::Broadcast(const std::string& frame) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (Client& c : clients_) c.outbox.push_back(frame);
  wake_.notify_all();
}

size_t NotificationHub::clients() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return clients_.size();
}

void NotificationHub::Shutdown() {
  std::lock_guard<std::mutex> lock(mutex_);
  shutdown_ = true;
  wake_.notify_all();
}

void NotificationHub::Reopen() {
  std::lock_guard<std::mutex> lock(mutex_);
  shutdown_ = false;
}

void NotificationHub::DropAll() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++generation_;
  wake_.notify_all();
}

void NotificationHub::Serve(Poco::Net::WebSocket& ws) {
  std::list<Client>::iterator me;
  uint64_t generation;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (shutdown_) return;
    me = clients_.emplace(clients_.end());
    generation = generation_;
  }
  char buffer[1024];
  try {
    for (;;) {
      std::deque<std::string> frames;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait_for(lock, std::chrono::milliseconds(20), [&] {
          return shutdown_ || generation != generation_ || !me->outbox.empty();
        });
        if (shutdown_) break;
        if (generation != generation_) {
          // A dropped connection: no close frame, just gone.
          lock.unlock();
          ws.close();
          lock.lock();
          clients_.erase(me);
          return;
        }
        frames.swap(me->outbox);
      }
      for (const std::string& f : frames) {
        ws.sendFrame(f.data(), static_cast<int>(f.size()), Poco::Net::WebSocket::FRAME_TEXT);
      }
      while (ws.poll(Poco::Timespan(0), Poco::Net::Socket::SELECT_READ)) {
        int flags = 0;
        const int n = ws.receiveFrame(buffer, sizeof buffer, flags);
        const int op = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
        if (n <= 0 || op == Poco::Net::WebSocket::FRAME_OP_CLOSE) throw Poco::Net::WebSocketException("closed");
        if (op == Poco::Net::WebSocket::FRAME_OP_PING) {
          ws.sendFrame(buffer, n, Poco::Net::WebSocket::FRAME_FLAG_FIN | Poco::Net::WebSocket::FRAME_OP_PONG);
        }
      }
    }
    ws.shutdown();  // a close frame: the server is going away
  } catch (const std::exception&) {
    // the peer went away
  }
  std::lock_guard<std::mutex> lock(mutex_);
  clients_.erase(me);
}

}  // namespace pms_emulator
