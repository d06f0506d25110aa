#include "net/socket_aborter.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>

namespace plexdriver {
namespace {

class SocketPair {
 public:
  SocketPair() { EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds_), 0); }
  ~SocketPair() {
    ::close(fds_[0]);
    ::close(fds_[1]);
  }
  int mine() const { return fds_[0]; }

 private:
  int fds_[2] = {-1, -1};
};

TEST(SocketAborterTest, AbortEndsABlockedReadAtOnce) {
  SocketPair pair;
  SocketAborter aborter;
  SocketAborter::Registration registration(&aborter, pair.mine());
  ASSERT_FALSE(registration.refused());
  // Nothing ever arrives on this socket: only the abort can end the read.
  auto read = std::async(std::launch::async, [&] {
    char c;
    return ::recv(pair.mine(), &c, 1, 0);
  });
  EXPECT_EQ(read.wait_for(std::chrono::milliseconds(100)), std::future_status::timeout);
  aborter.Abort();
  ASSERT_EQ(read.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(read.get(), 0);  // end of stream
  EXPECT_TRUE(aborter.aborted());
}

TEST(SocketAborterTest, RegistrationsAfterAbortAreRefused) {
  SocketPair pair;
  SocketAborter aborter;
  aborter.Abort();
  SocketAborter::Registration late(&aborter, pair.mine());
  EXPECT_TRUE(late.refused());
}

TEST(SocketAborterTest, AReleasedRegistrationLeavesTheSocketAlone) {
  SocketPair pair;
  SocketAborter aborter;
  { SocketAborter::Registration done(&aborter, pair.mine()); }
  aborter.Abort();
  // Still open both ways: the abort only touched registered sockets.
  char c = 'x';
  EXPECT_EQ(::send(pair.mine(), &c, 1, MSG_NOSIGNAL), 1);
}

}  // namespace
}  // namespace plexdriver
