// Loads the real Plex driver module the way a host does (dlopen + the one entry symbol +
// negotiation) and wraps its C calls for tests: each call returns the status, the error
// message and the JSON document it wrote, and every host callback is recorded so tests can
// check what the driver told the host (and that the token never appears in any of it).
#ifndef PLEXDRIVER_TESTS_INTEGRATION_DRIVER_HARNESS_H_
#define PLEXDRIVER_TESTS_INTEGRATION_DRIVER_HARNESS_H_

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "player_driver/player_driver.h"

namespace itest {

struct CallResult {
  pd_status status = PD_ERR_INTERNAL;
  int32_t detail = 0;
  std::string message;
  std::string json;  // what the driver wrote to the sink
};

// Everything the driver sent to the host callbacks.
class HostRecorder {
 public:
  // host_size: how much of pd_host this "host" knows (sizeof = ABI 1.2 with the event
  // callback; offsetof(pd_host, event) = a 1.1 host without it).
  explicit HostRecorder(size_t host_size = sizeof(pd_host));
  const pd_host* host() const { return &host_; }

  std::vector<std::string> Logs() const;
  // Every "event" document the driver sent, in order.
  std::vector<std::string> Events() const;
  // Waits until an event whose JSON satisfies `match` arrived (checking those already there);
  // returns it, or "" on timeout.
  std::string WaitForEvent(const std::function<bool(const std::string&)>& match,
                           std::chrono::milliseconds timeout = std::chrono::seconds(10)) const;
  std::vector<double> Progress() const;
  // Cancels the calls made with any op_ctx once `checks` more is_cancelled polls happened.
  void CancelAfter(int checks) { cancel_after_ = checks; }

 private:
  static void Log(void* ctx, pd_log_level level, const char* message);
  static void OnProgress(void* ctx, void* op_ctx, double fraction, const char* message);
  static int IsCancelled(void* ctx, void* op_ctx);
  static void OnEvent(void* ctx, const char* event_json);

  pd_host host_{};
  mutable std::mutex mutex_;
  mutable std::condition_variable event_arrived_;
  std::vector<std::string> events_;
  std::vector<std::string> logs_;
  std::vector<double> progress_;
  std::atomic<int> cancel_after_{-1};
};

// The loaded module. Aborts the test (via gtest assertion in the constructor's caller) when it
// cannot be loaded.
class LoadedDriver {
 public:
  explicit LoadedDriver(const std::string& path);
  ~LoadedDriver();
  LoadedDriver(const LoadedDriver&) = delete;
  LoadedDriver& operator=(const LoadedDriver&) = delete;

  bool ok() const { return driver_ != nullptr; }
  const std::string& load_error() const { return load_error_; }
  const pd_driver& api() const { return *driver_; }

 private:
  void* handle_ = nullptr;
  const pd_driver* driver_ = nullptr;
  std::string load_error_;
};

// One instance of the driver, destroyed with the object.
class DriverInstance {
 public:
  DriverInstance(const LoadedDriver& driver, const std::string& config_json,
                 size_t host_size = sizeof(pd_host));
  ~DriverInstance();
  DriverInstance(const DriverInstance&) = delete;
  DriverInstance& operator=(const DriverInstance&) = delete;

  const CallResult& create_result() const { return create_; }
  bool ok() const { return instance_ != nullptr; }

  CallResult Connect();
  CallResult Capabilities();
  CallResult TestConnection();
  CallResult Sync(const std::string& request_json);
  CallResult Find(const std::string& path);
  CallResult Sessions();
  CallResult HandleWebhook(const std::string& content_type, const std::string& body);

  HostRecorder& recorder() { return recorder_; }
  void Destroy();

 private:
  template <typename Fn>
  CallResult Invoke(Fn&& call);

  const LoadedDriver& driver_;
  HostRecorder recorder_;
  pd_instance* instance_ = nullptr;
  CallResult create_;
};

// The path of the driver module under test (set by CMake).
std::string DriverPath();
// The host_stub executable (set by CMake), or "" when not built.
std::string HostStubPath();

// Runs a command line, capturing stdout (and stderr too unless !with_stderr, then it goes to
// /dev/null); returns the exit code.
int RunCommand(const std::string& command, std::string* output, bool with_stderr = true);

// A loopback port that was free a moment ago (bound to port 0, read back, released): for a
// server a test starts there, or for an address where nothing listens.
uint16_t FreeLoopbackPort();

// A server executable (the standalone emulators) in a child process of its own, so its threads
// and memory are not counted as the test's: started with `args`, ready once it printed
// "listening on http://HOST:PORT", stopped with SIGTERM (and waited for) when destroyed.
class ChildServer {
 public:
  ChildServer(const std::string& executable, const std::vector<std::string>& args);
  ~ChildServer();
  ChildServer(const ChildServer&) = delete;
  ChildServer& operator=(const ChildServer&) = delete;

  uint16_t port() const { return port_; }  // 0 when it did not start

 private:
  pid_t pid_ = -1;
  uint16_t port_ = 0;
};

// A fresh temporary directory, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::string& path() const { return path_; }
  // Creates a file (and its folders) below the directory; returns its absolute path.
  std::string WriteFile(const std::string& relative, const std::string& content = "x");
  std::string MakeDir(const std::string& relative);

 private:
  std::string path_;
};

}  // namespace itest

#endif  // PLEXDRIVER_TESTS_INTEGRATION_DRIVER_HARNESS_H_
