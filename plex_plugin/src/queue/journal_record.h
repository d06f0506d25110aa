// The queue journal's records (queue_journal.h keeps them in a file): one line each,
// "<crc32 as 8 hex digits> <compact JSON>\n", the checksum taken over the JSON's bytes. A line
// is written whole by one append; a line cut short (the process or machine died mid-write) or
// whose checksum does not match is damage: ScanJournal reports it and keeps every intact line.
// Pure: bytes in, records out.
#ifndef PLEXDRIVER_QUEUE_JOURNAL_RECORD_H_
#define PLEXDRIVER_QUEUE_JOURNAL_RECORD_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sync/sync_request.h"

namespace plexdriver {

struct JournalRecord {
  // accepted: the host got "queued" for the change; started: a run of it began; done: its
  // outcome event was delivered (the change is finished).
  enum class Op { kAccepted, kStarted, kDone };
  Op op = Op::kAccepted;
  std::string id;
  SyncChange change;      // accepted (change.id == id)
  int64_t queued_at = 0;  // accepted: unix seconds
  int attempts = 0;       // accepted: runs begun before this record was written (compaction)
  std::string status;     // done: the outcome's status
};

// The line for `record`, ending in '\n'.
std::string EncodeJournalRecord(const JournalRecord& record);

struct JournalDamage {
  size_t offset = 0;  // byte offset of the damaged line in the file
  size_t length = 0;  // its bytes (to the newline, or to the end for a torn tail)
  std::string reason;  // "torn: ...", "checksum mismatch", ...
};

struct JournalScan {
  std::vector<JournalRecord> records;  // every intact line, in file order
  std::vector<JournalDamage> damage;
};

// Reads a whole journal. Never fails: what cannot be read is reported as damage.
JournalScan ScanJournal(std::string_view bytes);

// A change that was accepted and is not done, as the journal's records leave it.
struct UnfinishedChange {
  SyncChange change;
  int64_t queued_at = 0;
  int attempts = 0;  // runs begun, over every life of the journal
};

// Replays `records`: accepted minus done, in order of acceptance. A second "accepted" for a live
// id (a compaction's copy) replaces the first.
std::vector<UnfinishedChange> UnfinishedChanges(const std::vector<JournalRecord>& records);

}  // namespace plexdriver

#endif  // PLEXDRIVER_QUEUE_JOURNAL_RECORD_H_
