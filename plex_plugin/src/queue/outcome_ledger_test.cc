#include "queue/outcome_ledger.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

SyncChange Change(const std::string& id, const std::string& path) {
  SyncChange c;
  c.id = id;
  c.path = path;
  return c;
}

TEST(OutcomeLedgerTest, EachIdEndsExactlyOnce) {
  OutcomeLedger ledger;
  const auto now = std::chrono::steady_clock::now();
  EXPECT_EQ(ledger.Accept(Change("a", "/m/x"), 100, 0, false, now), OutcomeLedger::Accepted::kNew);
  ledger.Started("a");
  ChangeResult r;
  r.path = "/m/x";
  r.status = ChangeStatus::kCompleted;
  r.scanned = {{"1", "/srv/x"}};
  std::vector<ScanResult> scans(2);
  scans[0].section_key = "1";
  scans[0].path = "/srv/x";
  scans[1].section_key = "2";
  scans[1].path = "/srv/y";
  std::optional<QueuedOutcome> o = ledger.Finish("a", r, scans);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->change.id, "a");
  EXPECT_EQ(o->attempts, 1);
  EXPECT_EQ(o->queued_at, 100);
  ASSERT_EQ(o->scans.size(), 1u);  // only the scan that covered it
  EXPECT_EQ(o->scans[0].path, "/srv/x");
  EXPECT_FALSE(ledger.Finish("a", r, scans));
  EXPECT_EQ(ledger.size(), 0u);
}

TEST(OutcomeLedgerTest, SameIdSamePathJoinsOtherPathConflicts) {
  OutcomeLedger ledger;
  const auto now = std::chrono::steady_clock::now();
  ledger.Accept(Change("a", "/m/x"), 1, 0, false, now);
  EXPECT_EQ(ledger.Accept(Change("a", "/m/x"), 2, 0, false, now), OutcomeLedger::Accepted::kJoined);
  EXPECT_EQ(ledger.Accept(Change("a", "/m/y"), 2, 0, false, now), OutcomeLedger::Accepted::kConflict);
  EXPECT_EQ(ledger.size(), 1u);
  EXPECT_EQ(ledger.Change("a")->path, "/m/x");
}

TEST(OutcomeLedgerTest, OwedOldestFirstAndOverdueAfterTheLimit) {
  OutcomeLedger ledger;
  const auto t0 = std::chrono::steady_clock::now();
  ledger.Accept(Change("late", "/m/2"), 1, 0, false, t0 + std::chrono::seconds(5));
  ledger.Accept(Change("early", "/m/1"), 1, 3, true, t0);
  // Acceptance order, not time, orders Owed (resumed changes keep the journal's order).
  EXPECT_EQ(ledger.Owed(), (std::vector<std::string>{"late", "early"}));
  EXPECT_FALSE(ledger.Overdue("early", t0 + std::chrono::seconds(9), std::chrono::seconds(10)));
  EXPECT_TRUE(ledger.Overdue("early", t0 + std::chrono::seconds(10), std::chrono::seconds(10)));
  std::optional<QueuedOutcome> o = ledger.Finish("early", ChangeResult{}, {});
  ASSERT_TRUE(o);
  EXPECT_TRUE(o->resumed);
  EXPECT_EQ(o->attempts, 3);
}

}  // namespace
}  // namespace plexdriver
