// Lets another thread end blocking socket calls at once, so destroy() is not held by a server
// that stopped answering. A thread registers the socket it is about to block on; Abort() shuts
// every registered socket down (the blocked call returns with an error) and refuses later
// registrations. [thread-safe]
//
// A registration keeps its own dup() of the descriptor: Abort() never touches a descriptor
// number that the socket's owner has closed and the system may have handed out again, and
// shutdown() of the duplicate ends the connection the original uses.
#ifndef PLEXDRIVER_NET_SOCKET_ABORTER_H_
#define PLEXDRIVER_NET_SOCKET_ABORTER_H_

#include <mutex>
#include <set>

namespace plexdriver {

class SocketAborter {
 public:
  // Keeps `fd` abortable for its lifetime (a negative fd, or a failed dup, is not registered).
  // refused() is true when Abort() came first: the caller should not start the blocking call.
  class Registration {
   public:
    Registration(SocketAborter* aborter, int fd);
    ~Registration();
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;
    bool refused() const { return refused_; }

   private:
    SocketAborter* aborter_;
    int dup_ = -1;
    bool refused_ = false;
  };

  SocketAborter() = default;
  SocketAborter(const SocketAborter&) = delete;
  SocketAborter& operator=(const SocketAborter&) = delete;

  // Shuts down every registered socket and refuses new registrations. Idempotent.
  void Abort();
  bool aborted() const;

 private:
  mutable std::mutex mutex_;
  bool aborted_ = false;
  std::set<int> fds_;  // the registrations' duplicates
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_NET_SOCKET_ABORTER_H_
