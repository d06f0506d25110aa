#include "net/request_deadline.h"

#include <gtest/gtest.h>

#include <thread>

namespace plexdriver {
namespace {

using Clock = std::chrono::steady_clock;

TEST(RequestDeadlineTest, ScopesNestAndTheEarliestWins) {
  EXPECT_FALSE(RequestDeadline::Current());
  const auto now = Clock::now();
  {
    RequestDeadline outer(now + std::chrono::seconds(10));
    EXPECT_EQ(*RequestDeadline::Current(), now + std::chrono::seconds(10));
    {
      RequestDeadline later(now + std::chrono::seconds(60));  // cannot extend the outer one
      EXPECT_EQ(*RequestDeadline::Current(), now + std::chrono::seconds(10));
      RequestDeadline sooner(now + std::chrono::seconds(1));
      EXPECT_EQ(*RequestDeadline::Current(), now + std::chrono::seconds(1));
    }
    EXPECT_EQ(*RequestDeadline::Current(), now + std::chrono::seconds(10));
  }
  EXPECT_FALSE(RequestDeadline::Current());
}

TEST(RequestDeadlineTest, OtherThreadsAreUnaffected) {
  RequestDeadline mine(Clock::now() + std::chrono::seconds(1));
  bool other_has_one = true;
  std::thread([&] { other_has_one = RequestDeadline::Current().has_value(); }).join();
  EXPECT_FALSE(other_has_one);
}

}  // namespace
}  // namespace plexdriver
