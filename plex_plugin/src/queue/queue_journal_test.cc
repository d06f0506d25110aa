#include "queue/queue_journal.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

namespace fs = std::filesystem;

class QueueJournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("pd_journal_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Dir() const { return dir_.string(); }
  std::string ReadJournal() const {
    std::ifstream in(dir_ / "queue.journal", std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  static JournalRecord Accepted(const std::string& id) {
    JournalRecord r;
    r.id = id;
    r.change.id = id;
    r.change.path = "/m/" + id + ".mkv";
    r.queued_at = 1;
    return r;
  }
  static JournalRecord Done(const std::string& id) {
    JournalRecord r;
    r.op = JournalRecord::Op::kDone;
    r.id = id;
    r.status = "completed";
    return r;
  }

  fs::path dir_;
};

TEST_F(QueueJournalTest, UnfinishedChangesSurviveReopening) {
  QueueJournal::Recovered rec;
  {
    auto j = QueueJournal::Open(Dir(), &rec);
    ASSERT_TRUE(j.ok()) << j.status().message();
    EXPECT_TRUE(rec.unfinished.empty());
    ASSERT_TRUE((*j)->Append({Accepted("a"), Accepted("b")}).ok());
    ASSERT_TRUE((*j)->Append({Done("a")}).ok());
    EXPECT_EQ((*j)->unfinished(), 1u);
  }
  auto j = QueueJournal::Open(Dir(), &rec);
  ASSERT_TRUE(j.ok());
  ASSERT_EQ(rec.unfinished.size(), 1u);
  EXPECT_EQ(rec.unfinished[0].change.id, "b");
  EXPECT_TRUE(rec.damage.empty());
  // Reopening compacted the file to the one unfinished change.
  EXPECT_EQ(ReadJournal(), EncodeJournalRecord(Accepted("b")));
}

TEST_F(QueueJournalTest, EmptiedWhenNothingIsLeft) {
  QueueJournal::Recovered rec;
  auto j = QueueJournal::Open(Dir(), &rec);
  ASSERT_TRUE(j.ok());
  ASSERT_TRUE((*j)->Append({Accepted("a")}).ok());
  EXPECT_FALSE(ReadJournal().empty());
  ASSERT_TRUE((*j)->Append({Done("a")}).ok());
  EXPECT_EQ(ReadJournal(), "");
}

TEST_F(QueueJournalTest, ASecondInstanceIsRefusedNamingTheHolder) {
  QueueJournal::Recovered rec;
  auto first = QueueJournal::Open(Dir(), &rec);
  ASSERT_TRUE(first.ok());
  auto second = QueueJournal::Open(Dir(), &rec);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), PD_ERR_INVALID_CONFIG);
  EXPECT_NE(second.status().message().find("config.state_dir"), std::string::npos);
  EXPECT_NE(second.status().message().find("process " + std::to_string(::getpid())), std::string::npos)
      << second.status().message();
  first->reset();  // the lock goes with the journal
  EXPECT_TRUE(QueueJournal::Open(Dir(), &rec).ok());
}

TEST_F(QueueJournalTest, TornTailIsReportedTheIntactEntriesKeptAndTheBytesSaved) {
  QueueJournal::Recovered rec;
  {
    auto j = QueueJournal::Open(Dir(), &rec);
    ASSERT_TRUE(j.ok());
    ASSERT_TRUE((*j)->Append({Accepted("a"), Accepted("b")}).ok());
  }
  const std::string intact = ReadJournal();
  const std::string torn = EncodeJournalRecord(Accepted("c")).substr(0, 17);
  {
    std::ofstream out(dir_ / "queue.journal", std::ios::binary | std::ios::app);
    out << torn;
  }
  auto j = QueueJournal::Open(Dir(), &rec);
  ASSERT_TRUE(j.ok()) << j.status().message();
  ASSERT_EQ(rec.unfinished.size(), 2u);
  ASSERT_EQ(rec.damage.size(), 1u);
  EXPECT_EQ(rec.damage[0].offset, intact.size());
  ASSERT_FALSE(rec.damaged_copy.empty());
  std::ifstream copy(rec.damaged_copy, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(copy), {}), intact + torn);
  EXPECT_EQ(ReadJournal(), intact);  // the journal itself holds only whole records again
}

TEST_F(QueueJournalTest, AStateDirThatIsAFileIsAConfigError) {
  fs::create_directories(dir_);
  std::ofstream(dir_ / "file") << "x";
  QueueJournal::Recovered rec;
  auto j = QueueJournal::Open((dir_ / "file").string(), &rec);
  ASSERT_FALSE(j.ok());
  EXPECT_EQ(j.status().code(), PD_ERR_INVALID_CONFIG);
  EXPECT_NE(j.status().message().find("config.state_dir"), std::string::npos) << j.status().message();
}

}  // namespace
}  // namespace plexdriver
