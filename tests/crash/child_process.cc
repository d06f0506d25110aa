#include "child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

namespace crashtest {

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
  int in[2];
  int out[2];
  if (::pipe2(in, O_CLOEXEC) != 0) return;
  if (::pipe2(out, O_CLOEXEC) != 0) {
    ::close(in[0]);
    ::close(in[1]);
    return;
  }
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const long max_fd = ::sysconf(_SC_OPEN_MAX);
  pid_ = ::fork();
  if (pid_ == 0) {
    // Only async-signal-safe calls until exec (the parent has threads).
    ::dup2(in[0], STDIN_FILENO);
    ::dup2(out[1], STDOUT_FILENO);
    for (long fd = 3; fd < (max_fd > 0 && max_fd < 65536 ? max_fd : 4096); ++fd) ::close(static_cast<int>(fd));
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(in[0]);
  ::close(out[1]);
  in_fd_ = in[1];
  out_fd_ = out[0];
  if (pid_ < 0) {
    ::close(in_fd_);
    ::close(out_fd_);
    in_fd_ = out_fd_ = -1;
    return;
  }
  reader_ = std::thread([this] { Read(); });
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0) Kill();
  CloseInput();
  if (reader_.joinable()) reader_.join();
  if (out_fd_ >= 0) ::close(out_fd_);
}

void ChildProcess::Send(const std::string& line) {
  const std::string text = line + "\n";
  size_t done = 0;
  while (in_fd_ >= 0 && done < text.size()) {
    const ssize_t n = ::write(in_fd_, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the child is gone
    done += static_cast<size_t>(n);
  }
}

void ChildProcess::CloseInput() {
  if (in_fd_ >= 0) ::close(in_fd_);
  in_fd_ = -1;
}

void ChildProcess::Reap(int* status) {
  while (::waitpid(pid_, status, 0) < 0 && errno == EINTR) {
  }
  pid_ = -1;
  if (reader_.joinable()) reader_.join();  // the pipe ends with the child
}

void ChildProcess::Kill() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  Reap(&status);
}

int ChildProcess::Wait(std::chrono::milliseconds limit) {
  if (pid_ <= 0) return -1;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    const pid_t r = ::waitpid(pid_, &status, WNOHANG);
    if (r == pid_) {
      pid_ = -1;
      if (reader_.joinable()) reader_.join();
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  Kill();
  return -1;
}

bool ChildProcess::WaitForLine(const std::function<bool(const std::string&)>& match,
                               std::chrono::milliseconds limit) {
  std::unique_lock<std::mutex> lock(mutex_);
  size_t seen = 0;
  const auto deadline = std::chrono::steady_clock::now() + limit;
  for (;;) {
    for (; seen < lines_.size(); ++seen) {
      if (match(lines_[seen])) return true;
    }
    if (eof_) return false;
    if (changed_.wait_until(lock, deadline) == std::cv_status::timeout && seen == lines_.size()) return false;
  }
}

std::vector<std::string> ChildProcess::Lines() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return lines_;
}

void ChildProcess::Read() {
  std::string pending;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(out_fd_, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    pending.append(buf, static_cast<size_t>(n));
    size_t newline;
    std::lock_guard<std::mutex> lock(mutex_);
    while ((newline = pending.find('\n')) != std::string::npos) {
      lines_.push_back(pending.substr(0, newline));
      pending.erase(0, newline + 1);
    }
    changed_.notify_all();
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (!pending.empty()) lines_.push_back(pending);  // a line cut by the kill
  eof_ = true;
  changed_.notify_all();
}

}  // namespace crashtest
