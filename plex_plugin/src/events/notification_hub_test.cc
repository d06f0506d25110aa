#include "events/notification_hub.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

using Clock = std::chrono::steady_clock;

Notification Activity(const std::string& uuid) {
  Notification n;
  n.type = "activity";
  ActivityEvent e;
  e.event = "started";
  e.activity.uuid = uuid;
  n.activities.push_back(e);
  return n;
}

TEST(NotificationQueueTest, DeliversWhatArrivedInOrder) {
  NotificationQueue queue;
  queue.Push(Activity("a"));
  queue.Push(Activity("b"));
  std::vector<Notification> out;
  EXPECT_TRUE(queue.WaitUntil(Clock::now() + std::chrono::seconds(1), &out));
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].activities[0].activity.uuid, "a");
  EXPECT_EQ(out[1].activities[0].activity.uuid, "b");
}

// A subscriber that stops draining must not grow memory without bound; once notifications were
// lost, the queue no longer claims to be a complete picture (the sync falls back to polling).
TEST(NotificationQueueTest, IsBoundedAndSaysWhenItDroppedSome) {
  NotificationQueue queue;
  for (size_t i = 0; i < NotificationQueue::kMaxPending + 25; ++i)
    queue.Push(Activity(std::to_string(i)));
  EXPECT_EQ(queue.dropped(), 25u);
  EXPECT_FALSE(queue.connected());
  std::vector<Notification> out;
  EXPECT_FALSE(queue.WaitUntil(Clock::now() + std::chrono::seconds(1), &out));
  EXPECT_EQ(out.size(), NotificationQueue::kMaxPending);  // the oldest are kept, in order
  EXPECT_EQ(out.front().activities[0].activity.uuid, "0");
}

}  // namespace
}  // namespace plexdriver
