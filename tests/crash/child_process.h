// A child process for the crash test: started with fork/exec (every inherited descriptor but
// its pipes closed), its stdin a pipe the test writes to, its stdout read line by line by a
// thread. Kill() is SIGKILL: the child gets no chance to clean up.
#ifndef PLEXDRIVER_TESTS_CRASH_CHILD_PROCESS_H_
#define PLEXDRIVER_TESTS_CRASH_CHILD_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace crashtest {

class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();  // kills it if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  bool started() const { return pid_ > 0; }
  void Send(const std::string& line);  // one line to its stdin
  void CloseInput();
  // SIGKILL, then reaps it and reads what it wrote before dying.
  void Kill();
  // Waits for it to exit by itself (up to `limit`; killed after): its exit status, -1 if killed.
  int Wait(std::chrono::milliseconds limit);
  // Waits until a line satisfying `match` arrived; false on timeout or when the child is gone.
  bool WaitForLine(const std::function<bool(const std::string&)>& match, std::chrono::milliseconds limit);
  std::vector<std::string> Lines() const;

 private:
  void Read();
  void Reap(int* status);

  pid_t pid_ = -1;
  int in_fd_ = -1;
  int out_fd_ = -1;
  std::thread reader_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> lines_;
  bool eof_ = false;
};

}  // namespace crashtest

#endif  // PLEXDRIVER_TESTS_CRASH_CHILD_PROCESS_H_
