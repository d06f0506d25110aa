#include "queue/queue_journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <system_error>

#include <fmt/format.h>

namespace plexdriver {
namespace {

constexpr size_t kRewriteAbove = 4 << 20;  // bytes; a long-lived backlog is compacted past this
constexpr size_t kMaxJournalBytes = 256 << 20;  // a bigger file is not read into memory

std::string Errno() { return std::strerror(errno); }

Status StateDirError(const std::string& dir, const std::string& what) {
  return InvalidConfigField("state_dir", fmt::format("{} (\"{}\")", what, dir));
}

bool WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

bool SyncDir(const std::string& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

Result<std::string> ReadWhole(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::string();
    return InvalidConfigField("state_dir", fmt::format("cannot read {}: {}", path, Errno()));
  }
  std::string bytes;
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string why = Errno();
      ::close(fd);
      return InvalidConfigField("state_dir", fmt::format("cannot read {}: {}", path, why));
    }
    if (n == 0) break;
    bytes.append(buf, static_cast<size_t>(n));
    if (bytes.size() > kMaxJournalBytes) {
      ::close(fd);
      return InvalidConfigField("state_dir", fmt::format("{} is over {} MB, which no queue of this driver writes; "
                                                         "move it away to start with an empty queue", path,
                                                         kMaxJournalBytes >> 20));
    }
  }
  ::close(fd);
  return bytes;
}

// Takes <dir>/lock or says who holds it.
Result<int> TakeLock(const std::string& dir) {
  const std::string path = dir + "/lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return StateDirError(dir, fmt::format("cannot create the lock file: {}", Errno()));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    char holder[32] = {0};
    const ssize_t n = ::pread(fd, holder, sizeof holder - 1, 0);
    ::close(fd);
    if (err == EWOULDBLOCK) {
      std::string pid = n > 0 ? std::string(holder, static_cast<size_t>(n)) : std::string("?");
      while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
      return StateDirError(dir, fmt::format("in use by another driver instance (process {}); give each instance "
                                            "its own state_dir", pid));
    }
    return StateDirError(dir, fmt::format("cannot lock {}: {}", path, std::strerror(err)));
  }
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) < 0) {
    // The pid is only for the message above; the lock is what counts.
  }
  return fd;
}

}  // namespace

QueueJournal::QueueJournal(std::string dir, int lock_fd)
    : dir_(std::move(dir)), path_(dir_ + "/queue.journal"), lock_fd_(lock_fd) {}

QueueJournal::~QueueJournal() {
  if (fd_ >= 0) ::close(fd_);
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
}

Result<std::unique_ptr<QueueJournal>> QueueJournal::Open(const std::string& dir, Recovered* recovered) {
  *recovered = Recovered{};
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::u8path(dir), ec);
  if (ec) return StateDirError(dir, fmt::format("cannot create the directory: {}", ec.message()));
  if (!std::filesystem::is_directory(std::filesystem::u8path(dir), ec)) {
    return StateDirError(dir, "is not a directory");
  }
  Result<int> lock = TakeLock(dir);
  if (!lock.ok()) return lock.status();
  std::unique_ptr<QueueJournal> journal(new QueueJournal(dir, *lock));
  Result<std::string> bytes = ReadWhole(journal->path_);
  if (!bytes.ok()) return bytes.status();
  JournalScan scan = ScanJournal(*bytes);
  if (!scan.damage.empty()) {
    // Keep the damaged bytes: a person may want what the rewrite below leaves out.
    const std::string copy = fmt::format("{}.damaged-{}-{}", journal->path_, std::time(nullptr), ::getpid());
    const int fd = ::open(copy.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 || !WriteAll(fd, *bytes) || ::fsync(fd) != 0) {
      const std::string why = Errno();
      if (fd >= 0) ::close(fd);
      return StateDirError(dir, fmt::format("the journal is damaged and a copy could not be saved as {}: {}", copy,
                                            why));
    }
    ::close(fd);
    recovered->damaged_copy = copy;
    recovered->damage = std::move(scan.damage);
  }
  recovered->unfinished = UnfinishedChanges(scan.records);
  std::lock_guard<std::mutex> guard(journal->mutex_);
  for (const UnfinishedChange& u : recovered->unfinished) {
    JournalRecord r;
    r.op = JournalRecord::Op::kAccepted;
    r.id = u.change.id;
    r.change = u.change;
    r.queued_at = u.queued_at;
    r.attempts = u.attempts;
    journal->Track(r);
  }
  if (Status s = journal->Rewrite(); !s.ok()) return s;
  return journal;
}

void QueueJournal::Track(const JournalRecord& r) {
  switch (r.op) {
    case JournalRecord::Op::kAccepted:
      if (live_.insert_or_assign(r.id, r).second) order_.push_back(r.id);
      break;
    case JournalRecord::Op::kStarted:
      if (auto it = live_.find(r.id); it != live_.end()) ++it->second.attempts;
      break;
    case JournalRecord::Op::kDone:
      live_.erase(r.id);
      break;
  }
}

Status QueueJournal::Rewrite() {
  std::string bytes;
  std::vector<std::string> order;
  for (const std::string& id : order_) {
    auto it = live_.find(id);
    if (it == live_.end()) continue;
    bytes += EncodeJournalRecord(it->second);
    order.push_back(id);
  }
  const std::string tmp = path_ + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return StateDirError(dir_, fmt::format("cannot write {}: {}", tmp, Errno()));
  if (!WriteAll(fd, bytes) || ::fdatasync(fd) != 0) {
    const std::string why = Errno();
    ::close(fd);
    return StateDirError(dir_, fmt::format("cannot write {}: {}", tmp, why));
  }
  ::close(fd);
  if (::rename(tmp.c_str(), path_.c_str()) != 0 || !SyncDir(dir_)) {
    return StateDirError(dir_, fmt::format("cannot replace {}: {}", path_, Errno()));
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd_ < 0) return StateDirError(dir_, fmt::format("cannot open {}: {}", path_, Errno()));
  order_ = std::move(order);
  bytes_ = bytes.size();
  return Status::Ok();
}

Status QueueJournal::Append(const std::vector<JournalRecord>& records) {
  if (records.empty()) return Status::Ok();
  std::string bytes;
  for (const JournalRecord& r : records) bytes += EncodeJournalRecord(r);
  std::lock_guard<std::mutex> lock(mutex_);
  if (fd_ < 0) return Status(PD_ERR_INTERNAL, fmt::format("state_dir: {} is not open", path_));
  if (!WriteAll(fd_, bytes) || ::fdatasync(fd_) != 0) {
    return Status(PD_ERR_INTERNAL, fmt::format("state_dir: cannot write {}: {}; the change was not queued", path_,
                                               Errno()));
  }
  bytes_ += bytes.size();
  for (const JournalRecord& r : records) Track(r);
  if (live_.empty()) {
    // Nothing unfinished: an empty file says the same and stays small.
    if (::ftruncate(fd_, 0) == 0 && ::fdatasync(fd_) == 0) {
      order_.clear();
      bytes_ = 0;
    }
  } else if (bytes_ > kRewriteAbove) {
    // The records are durable already; a failed compaction leaves the longer file, still valid.
    (void)Rewrite();
  }
  return Status::Ok();
}

size_t QueueJournal::unfinished() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return live_.size();
}

}  // namespace plexdriver
