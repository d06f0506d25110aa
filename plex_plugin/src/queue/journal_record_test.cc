#include "queue/journal_record.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

JournalRecord Accepted(const std::string& id, const std::string& path) {
  JournalRecord r;
  r.op = JournalRecord::Op::kAccepted;
  r.id = id;
  r.change.id = id;
  r.change.path = path;
  r.change.kind = ChangeKind::kAdded;
  r.change.title = "Dune";
  r.change.year = 2021;
  r.queued_at = 1700000000;
  return r;
}

JournalRecord Of(JournalRecord::Op op, const std::string& id) {
  JournalRecord r;
  r.op = op;
  r.id = id;
  if (op == JournalRecord::Op::kDone) r.status = "completed";
  return r;
}

TEST(JournalRecordTest, RoundTripsEveryField) {
  const std::string bytes = EncodeJournalRecord(Accepted("job-1", "/media/Movies/Dune (2021)/Dune.mkv")) +
                            EncodeJournalRecord(Of(JournalRecord::Op::kStarted, "job-1")) +
                            EncodeJournalRecord(Of(JournalRecord::Op::kDone, "job-1"));
  JournalScan scan = ScanJournal(bytes);
  ASSERT_TRUE(scan.damage.empty());
  ASSERT_EQ(scan.records.size(), 3u);
  const JournalRecord& a = scan.records[0];
  EXPECT_EQ(a.op, JournalRecord::Op::kAccepted);
  EXPECT_EQ(a.id, "job-1");
  EXPECT_EQ(a.change.id, "job-1");
  EXPECT_EQ(a.change.path, "/media/Movies/Dune (2021)/Dune.mkv");
  EXPECT_EQ(a.change.kind, ChangeKind::kAdded);
  EXPECT_EQ(a.change.title, "Dune");
  EXPECT_EQ(a.change.year, 2021);
  EXPECT_EQ(a.queued_at, 1700000000);
  EXPECT_EQ(scan.records[1].op, JournalRecord::Op::kStarted);
  EXPECT_EQ(scan.records[2].op, JournalRecord::Op::kDone);
  EXPECT_EQ(scan.records[2].status, "completed");
}

TEST(JournalRecordTest, OneLinePerRecordEvenWithNewlinesInValues) {
  JournalRecord r = Accepted("a\nb", "/m/x\ny.mkv");
  const std::string line = EncodeJournalRecord(r);
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  JournalScan scan = ScanJournal(line);
  ASSERT_EQ(scan.records.size(), 1u);
  EXPECT_EQ(scan.records[0].change.path, "/m/x\ny.mkv");
}

TEST(JournalRecordTest, TornTailIsReportedAndEarlierRecordsKept) {
  const std::string good = EncodeJournalRecord(Accepted("1", "/m/a.mkv"));
  const std::string next = EncodeJournalRecord(Accepted("2", "/m/b.mkv"));
  for (size_t cut = 1; cut < next.size(); ++cut) {  // every point a write could stop at
    JournalScan scan = ScanJournal(good + next.substr(0, cut));
    ASSERT_EQ(scan.records.size(), 1u) << cut;
    ASSERT_EQ(scan.damage.size(), 1u) << cut;
    EXPECT_EQ(scan.damage[0].offset, good.size());
    EXPECT_EQ(scan.damage[0].length, cut);
    EXPECT_NE(scan.damage[0].reason.find("torn"), std::string::npos);
  }
}

TEST(JournalRecordTest, FlippedByteIsAChecksumMismatchAndLaterRecordsSurvive) {
  const std::string a = EncodeJournalRecord(Accepted("1", "/m/a.mkv"));
  std::string b = EncodeJournalRecord(Accepted("2", "/m/b.mkv"));
  const std::string c = EncodeJournalRecord(Accepted("3", "/m/c.mkv"));
  b[20] ^= 0x01;
  JournalScan scan = ScanJournal(a + b + c);
  ASSERT_EQ(scan.records.size(), 2u);
  EXPECT_EQ(scan.records[0].id, "1");
  EXPECT_EQ(scan.records[1].id, "3");
  ASSERT_EQ(scan.damage.size(), 1u);
  EXPECT_EQ(scan.damage[0].offset, a.size());
  EXPECT_EQ(scan.damage[0].reason, "checksum mismatch");
}

TEST(JournalRecordTest, GarbageLinesAreDamageNotRecords) {
  JournalScan scan = ScanJournal("hello\n\n00000000 {}\n");
  EXPECT_TRUE(scan.records.empty());
  EXPECT_EQ(scan.damage.size(), 3u);
}

TEST(JournalRecordTest, UnfinishedIsAcceptedMinusDoneWithAttemptsCounted) {
  std::vector<JournalRecord> records = {Accepted("1", "/m/a.mkv"), Accepted("2", "/m/b.mkv"),
                                        Of(JournalRecord::Op::kStarted, "1"), Of(JournalRecord::Op::kStarted, "2"),
                                        Of(JournalRecord::Op::kDone, "1"), Of(JournalRecord::Op::kStarted, "2"),
                                        Accepted("3", "/m/c.mkv")};
  std::vector<UnfinishedChange> left = UnfinishedChanges(records);
  ASSERT_EQ(left.size(), 2u);
  EXPECT_EQ(left[0].change.id, "2");
  EXPECT_EQ(left[0].attempts, 2);
  EXPECT_EQ(left[1].change.id, "3");
  EXPECT_EQ(left[1].attempts, 0);
}

TEST(JournalRecordTest, AnIdReusedAfterItsOutcomeIsANewChange) {
  std::vector<JournalRecord> records = {Accepted("1", "/m/a.mkv"), Of(JournalRecord::Op::kDone, "1"),
                                        Accepted("1", "/m/b.mkv")};
  std::vector<UnfinishedChange> left = UnfinishedChanges(records);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].change.path, "/m/b.mkv");
}

}  // namespace
}  // namespace plexdriver
