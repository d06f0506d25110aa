#include "sync/debounce_queue.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

using std::chrono::milliseconds;
using TimePoint = DebounceQueue::TimePoint;

SyncChange Change(const std::string& path, ChangeKind kind = ChangeKind::kAdded) {
  SyncChange c;
  c.path = path;
  c.kind = kind;
  return c;
}

TEST(DebounceQueueTest, BurstForOneFolderGivesOneScanAfterQuiet) {
  DebounceQueue q(milliseconds(500), 10);
  const TimePoint t0{};
  ASSERT_TRUE(q.Add("1", "/data/movies/A", Change("/m/A"), t0).ok());
  ASSERT_TRUE(q.Add("1", "/data/movies/A", Change("/m/A"), t0 + milliseconds(300)).ok());
  ASSERT_TRUE(q.Add("1", "/data/movies/A", Change("/m/A"), t0 + milliseconds(600)).ok());
  EXPECT_TRUE(q.TakeDue(t0 + milliseconds(1000)).empty());  // re-armed at 600 → due 1100
  EXPECT_EQ(*q.NextDue(), t0 + milliseconds(1100));
  auto due = q.TakeDue(t0 + milliseconds(1100));
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].changes, 3);
  ASSERT_EQ(due[0].pending.size(), 1u);  // one distinct path
  EXPECT_EQ(due[0].pending[0].path, "/m/A");
  EXPECT_EQ(due[0].folder, "/data/movies/A");
  EXPECT_EQ(q.size(), 0u);
  EXPECT_FALSE(q.NextDue());
}

TEST(DebounceQueueTest, FoldersAndSectionsAreIndependent) {
  DebounceQueue q(milliseconds(100), 10);
  const TimePoint t0{};
  ASSERT_TRUE(q.Add("1", "/a", Change("/a"), t0).ok());
  ASSERT_TRUE(q.Add("1", "/b", Change("/b"), t0 + milliseconds(50)).ok());
  ASSERT_TRUE(q.Add("2", "/a", Change("/a"), t0 + milliseconds(60)).ok());
  auto first = q.TakeDue(t0 + milliseconds(100));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].folder, "/a");
  EXPECT_EQ(first[0].section_key, "1");
  auto rest = q.TakeDue(t0 + milliseconds(200));
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].folder, "/b");  // oldest first
}

TEST(DebounceQueueTest, LatestKindPerPathWins) {
  DebounceQueue q(milliseconds(10), 10);
  const TimePoint t0{};
  ASSERT_TRUE(q.Add("1", "/a", Change("/m/a/x.mkv", ChangeKind::kAdded), t0).ok());
  ASSERT_TRUE(q.Add("1", "/a", Change("/m/a/x.mkv", ChangeKind::kRemoved), t0).ok());
  ASSERT_TRUE(q.Add("1", "/a", Change("/m/a/poster.jpg", ChangeKind::kUpdated), t0).ok());
  auto due = q.TakeAll();
  ASSERT_EQ(due.size(), 1u);
  ASSERT_EQ(due[0].pending.size(), 2u);
  EXPECT_EQ(due[0].pending[0].kind, ChangeKind::kRemoved);
}

TEST(DebounceQueueTest, FullQueueRefusesNewFoldersButReArmsKnownOnes) {
  DebounceQueue q(milliseconds(100), 2);
  const TimePoint t0{};
  ASSERT_TRUE(q.Add("1", "/a", Change("/a"), t0).ok());
  ASSERT_TRUE(q.Add("1", "/b", Change("/b"), t0).ok());
  Status full = q.Add("1", "/c", Change("/c"), t0);
  EXPECT_EQ(full.code(), PD_ERR_BUSY);
  EXPECT_TRUE(q.Add("1", "/a", Change("/a"), t0).ok());
  EXPECT_EQ(q.TakeAll().size(), 2u);
}

TEST(DebounceQueueTest, DistinctPathsAreBoundedToo) {
  DebounceQueue q(milliseconds(100), 10, /*max_changes=*/3);
  const TimePoint t0{};
  for (const char* p : {"/m/A/1", "/m/A/2", "/m/A/3"}) ASSERT_TRUE(q.Add("1", "/A", Change(p), t0).ok());
  EXPECT_TRUE(q.Add("1", "/A", Change("/m/A/2", ChangeKind::kRemoved), t0).ok());  // known path
  Status full = q.Add("1", "/A", Change("/m/A/4"), t0);
  EXPECT_EQ(full.code(), PD_ERR_BUSY);
  EXPECT_NE(full.message().find("3 changed paths"), std::string::npos) << full.message();
  EXPECT_EQ(q.changes(), 3u);
  auto due = q.TakeDue(t0 + milliseconds(100));
  ASSERT_EQ(due.size(), 1u);
  ASSERT_EQ(due[0].pending.size(), 3u);
  EXPECT_EQ(due[0].pending[1].kind, ChangeKind::kRemoved);
  EXPECT_EQ(q.changes(), 0u);
  EXPECT_TRUE(q.Add("1", "/A", Change("/m/A/4"), t0).ok());  // room again once drained
}

// Many distinct files of one folder (a big show re-published): each kept once (looked up by
// path, not by a scan of the folder's list, so a burst stays linear).
TEST(DebounceQueueTest, ManyPathsInOneFolder) {
  DebounceQueue q(milliseconds(100), 10);
  const TimePoint t0{};
  for (int i = 0; i < 50000; ++i) ASSERT_TRUE(q.Add("1", "/A", Change("/m/A/" + std::to_string(i)), t0).ok());
  EXPECT_EQ(q.changes(), 50000u);
  EXPECT_EQ(q.TakeAll()[0].pending.size(), 50000u);
}

TEST(DebounceQueueTest, APathQueuedTwiceKeepsBothIdsAndTheLatestKind) {
  DebounceQueue q(std::chrono::milliseconds(100), 10);
  const auto t0 = std::chrono::steady_clock::now();
  SyncChange first{"/m/a.mkv", ChangeKind::kAdded, "", "", {}, "job-1"};
  SyncChange second{"/m/a.mkv", ChangeKind::kUpdated, "", "", {}, "job-2"};
  SyncChange other{"/m/b.mkv", ChangeKind::kAdded, "", "", {}, "job-3"};
  ASSERT_TRUE(q.Add("1", "/srv/m", first, t0).ok());
  ASSERT_TRUE(q.Add("1", "/srv/m", second, t0).ok());
  ASSERT_TRUE(q.Add("1", "/srv/m", second, t0).ok());  // the same id again is kept once
  ASSERT_TRUE(q.Add("1", "/srv/m", other, t0).ok());
  std::vector<QueuedScan> due = q.TakeAll();
  ASSERT_EQ(due.size(), 1u);
  ASSERT_EQ(due[0].pending.size(), 2u);
  EXPECT_EQ(due[0].pending[0].kind, ChangeKind::kUpdated);
  EXPECT_EQ(due[0].ids[0], (std::vector<std::string>{"job-1", "job-2"}));
  EXPECT_EQ(due[0].ids[1], (std::vector<std::string>{"job-3"}));
}

}  // namespace
}  // namespace plexdriver
