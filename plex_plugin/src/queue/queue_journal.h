// The durable queue's file (config state_dir): <state_dir>/queue.journal, append-only lines
// (journal_record.h), each batch of records written by one write() and made durable with
// fdatasync() before Append returns; and <state_dir>/lock, held with flock() for the journal's
// lifetime so two instances (in one process or two) never share a state_dir. The lock dies with
// the process, so a killed host leaves nothing to clean up.
//
// Why a journal and not SQLite: the queue needs only "append, then forget when done", which an
// append-only file does in one write and one fdatasync per batch, with no new dependency; and the
// torn or corrupted tail a crash can leave is ours to detect, report and keep (a copy of the
// damaged file is saved beside it), which SQLite would hide.
//
// [thread-safe]
#ifndef PLEXDRIVER_QUEUE_QUEUE_JOURNAL_H_
#define PLEXDRIVER_QUEUE_QUEUE_JOURNAL_H_

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "queue/journal_record.h"

namespace plexdriver {

class QueueJournal {
 public:
  // What Open found in the journal.
  struct Recovered {
    std::vector<UnfinishedChange> unfinished;  // to resume, in order of acceptance
    std::vector<JournalDamage> damage;         // lines that could not be read (empty: none)
    std::string damaged_copy;  // where the damaged journal's bytes were saved ("" when none)
  };

  // Creates `dir` if missing, takes its lock, reads the journal and rewrites it with only the
  // unfinished changes (a damaged journal is first copied aside). PD_ERR_INVALID_CONFIG naming
  // config.state_dir when the directory cannot be used, or when another instance holds it
  // (naming that process).
  static Result<std::unique_ptr<QueueJournal>> Open(const std::string& dir, Recovered* recovered);
  ~QueueJournal();  // closes the files; releases the lock
  QueueJournal(const QueueJournal&) = delete;
  QueueJournal& operator=(const QueueJournal&) = delete;

  // Appends `records` (one write, one fdatasync). When no change is left unfinished afterwards
  // the file is emptied; when it grew past a limit it is rewritten with the unfinished ones.
  // An error names the file and the system's reason; nothing was recorded then (or, for a
  // short write, a torn line the next Open reports).
  Status Append(const std::vector<JournalRecord>& records);

  // Changes accepted and not done.
  size_t unfinished() const;
  const std::string& path() const { return path_; }

 private:
  QueueJournal(std::string dir, int lock_fd);
  // Writes the unfinished changes to a new file and renames it over the journal. mutex_ held.
  Status Rewrite();
  void Track(const JournalRecord& record);  // mutex_ held

  const std::string dir_;
  const std::string path_;
  int lock_fd_ = -1;
  mutable std::mutex mutex_;  // guards fd_, live_, order_, bytes_
  int fd_ = -1;
  std::unordered_map<std::string, JournalRecord> live_;  // id -> its accepted record (attempts kept)
  std::vector<std::string> order_;  // ids in order of acceptance (may hold finished ones)
  size_t bytes_ = 0;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_QUEUE_QUEUE_JOURNAL_H_
