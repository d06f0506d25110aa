// The clients of /:/websockets/notifications. Frames are queued per client and written by the
// thread serving that client, so a slow client never blocks the library or other clients.
#ifndef PMS_EMULATOR_SRC_NOTIFICATION_HUB_H_
#define PMS_EMULATOR_SRC_NOTIFICATION_HUB_H_

#include <condition_variable>
#include <deque>
#include <list>
#include <mutex>
#include <string>

namespace Poco::Net {
class WebSocket;
}

namespace pms_emulator {

class NotificationHub {
 public:
  // Queues a text frame for every connected client.
  void Broadcast(const std::string& frame);
  // Serves one upgraded connection until the peer closes it or Shutdown() (blocking; runs on
  // the HTTP handler thread of that connection). Answers pings.
  void Serve(Poco::Net::WebSocket& ws);
  // Ends every Serve loop (their sockets are closed) and refuses new ones until Reopen().
  void Shutdown();
  void Reopen();
  // Closes every current connection (as a network drop would); new ones are accepted.
  void DropAll();
  size_t clients() const;

 private:
  struct Client {
    std::deque<std::string> outbox;
  };
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::list<Client> clients_;
  bool shutdown_ = false;
  uint64_t generation_ = 0;  // DropAll() ends the loops of older generations
};

}  // namespace pms_emulator

#endif  // PMS_EMULATOR_SRC_NOTIFICATION_HUB_H_
