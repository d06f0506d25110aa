#include "driver_harness.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace itest {
namespace {

void AppendToString(void* ctx, const char* data, size_t size) {
  static_cast<std::string*>(ctx)->append(data, size);
}

}  // namespace

HostRecorder::HostRecorder(size_t host_size) {
  host_.struct_size = static_cast<uint32_t>(host_size);
  host_.ctx = this;
  host_.log = &HostRecorder::Log;
  host_.progress = &HostRecorder::OnProgress;
  host_.is_cancelled = &HostRecorder::IsCancelled;
  // A host that predates 1.2 has no event member; the field stays set here to prove the driver
  // reads only what struct_size covers.
  host_.event = &HostRecorder::OnEvent;
}

void HostRecorder::OnEvent(void* ctx, const char* event_json) {
  auto* self = static_cast<HostRecorder*>(ctx);
  {
    std::lock_guard<std::mutex> lock(self->mutex_);
    self->events_.push_back(event_json);
  }
  self->event_arrived_.notify_all();
}

std::vector<std::string> HostRecorder::Events() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return events_;
}

std::string HostRecorder::WaitForEvent(const std::function<bool(const std::string&)>& match,
                                       std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mutex_);
  std::string found;
  event_arrived_.wait_for(lock, timeout, [&] {
    for (const std::string& e : events_) {
      if (match(e)) {
        found = e;
        return true;
      }
    }
    return false;
  });
  return found;
}

void HostRecorder::Log(void* ctx, pd_log_level level, const char* message) {
  auto* self = static_cast<HostRecorder*>(ctx);
  std::lock_guard<std::mutex> lock(self->mutex_);
  self->logs_.push_back(std::to_string(level) + " " + message);
}

void HostRecorder::OnProgress(void* ctx, void*, double fraction, const char* message) {
  auto* self = static_cast<HostRecorder*>(ctx);
  std::lock_guard<std::mutex> lock(self->mutex_);
  self->progress_.push_back(fraction);
  self->logs_.push_back(std::string("progress ") + message);
}

int HostRecorder::IsCancelled(void* ctx, void*) {
  auto* self = static_cast<HostRecorder*>(ctx);
  int left = self->cancel_after_.load();
  if (left < 0) return 0;
  if (left == 0) return 1;
  self->cancel_after_.compare_exchange_strong(left, left - 1);
  return 0;
}

std::vector<std::string> HostRecorder::Logs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return logs_;
}

std::vector<double> HostRecorder::Progress() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return progress_;
}

LoadedDriver::LoadedDriver(const std::string& path) {
  handle_ = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) {
    load_error_ = std::string("dlopen failed: ") + dlerror();
    return;
  }
  auto entry_fn = reinterpret_cast<pd_entry_fn>(dlsym(handle_, PD_ENTRY_SYMBOL));
  if (!entry_fn) {
    load_error_ = "no entry symbol";
    return;
  }
  const pd_entry* entry = entry_fn();
  uint32_t minor = 0;
  if (!entry || entry->negotiate(PD_ABI_MAJOR, PD_ABI_MINOR, &minor) != PD_OK) {
    load_error_ = "negotiation failed";
    return;
  }
  driver_ = static_cast<const pd_driver*>(entry->get_interface(PD_DRIVER_INTERFACE_ID));
  if (!driver_) load_error_ = "no pd.driver/1 interface";
}

LoadedDriver::~LoadedDriver() {
  if (handle_) dlclose(handle_);
}

DriverInstance::DriverInstance(const LoadedDriver& driver, const std::string& config_json,
                               size_t host_size)
    : driver_(driver), recorder_(host_size) {
  pd_error err{};
  err.struct_size = sizeof(err);
  create_.status = driver_.api().create(recorder_.host(), config_json.c_str(), &instance_, &err);
  create_.detail = err.detail;
  create_.message = err.message;
}

DriverInstance::~DriverInstance() { Destroy(); }

void DriverInstance::Destroy() {
  if (instance_) driver_.api().destroy(instance_);
  instance_ = nullptr;
}

// Runs one driver call with a fresh pd_error and a sink collecting its document.
template <typename Fn>
CallResult DriverInstance::Invoke(Fn&& call) {
  CallResult r;
  pd_error err{};
  err.struct_size = sizeof(err);
  pd_sink sink{sizeof(pd_sink), &r.json, &AppendToString};
  r.status = call(driver_.api(), &sink, &err);
  r.detail = err.detail;
  r.message = err.message;
  return r;
}

CallResult DriverInstance::Connect() {
  return Invoke([&](const pd_driver& api, const pd_sink*, pd_error* err) {
    return api.connect(instance_, nullptr, err);
  });
}

CallResult DriverInstance::Capabilities() {
  return Invoke([&](const pd_driver& api, const pd_sink* sink, pd_error* err) {
    return api.capabilities(instance_, sink, err);
  });
}

CallResult DriverInstance::TestConnection() {
  return Invoke([&](const pd_driver& api, const pd_sink* sink, pd_error* err) {
    return api.test_connection(instance_, nullptr, sink, err);
  });
}

CallResult DriverInstance::Find(const std::string& path) {
  return Invoke([&](const pd_driver& api, const pd_sink* sink, pd_error* err) {
    return api.find(instance_, path.c_str(), nullptr, sink, err);
  });
}

CallResult DriverInstance::Sessions() {
  return Invoke([&](const pd_driver& api, const pd_sink* sink, pd_error* err) {
    return api.sessions(instance_, nullptr, sink, err);
  });
}

CallResult DriverInstance::HandleWebhook(const std::string& content_type, const std::string& body) {
  return Invoke([&](const pd_driver& api, const pd_sink* sink, pd_error* err) {
    return api.handle_webhook(instance_, content_type.c_str(), body.data(), body.size(), sink, err);
  });
}

CallResult DriverInstance::Sync(const std::string& request_json) {
  return Invoke([&](const pd_driver& api, const pd_sink* sink, pd_error* err) {
    return api.sync(instance_, request_json.c_str(), nullptr, sink, err);
  });
}

std::string DriverPath() { return PLEX_DRIVER_PATH; }

std::string HostStubPath() {
#ifdef HOST_STUB_PATH
  return HOST_STUB_PATH;
#else
  return "";
#endif
}

int RunCommand(const std::string& command, std::string* output, bool with_stderr) {
  output->clear();
  FILE* pipe = popen((command + (with_stderr ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
  if (!pipe) return -1;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) output->append(buffer, n);
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TempDir::TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "plexdriver-itest-XXXXXX").string();
  if (mkdtemp(tmpl.data())) path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

std::string TempDir::WriteFile(const std::string& relative, const std::string& content) {
  const std::filesystem::path p = std::filesystem::u8path(path_) / std::filesystem::u8path(relative);
  std::filesystem::create_directories(p.parent_path());
  std::ofstream(p) << content;
  return p.u8string();
}

std::string TempDir::MakeDir(const std::string& relative) {
  const std::filesystem::path p = std::filesystem::u8path(path_) / std::filesystem::u8path(relative);
  std::filesystem::create_directories(p);
  return p.u8string();
}

uint16_t FreeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  uint16_t port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) {
    port = ntohs(addr.sin_port);
  }
  close(fd);
  return port;
}

ChildServer::ChildServer(const std::string& executable, const std::vector<std::string>& args) {
  int out[2];
  if (pipe(out) != 0) return;
  std::vector<char*> argv{const_cast<char*>(executable.c_str())};
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    execv(executable.c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c;
  while (pid_ > 0 && read(out[0], &c, 1) == 1 && c != '\n') line.push_back(c);
  close(out[0]);
  const size_t colon = line.rfind(':');
  if (line.rfind("listening on", 0) == 0 && colon != std::string::npos) {
    port_ = static_cast<uint16_t>(std::atoi(line.c_str() + colon + 1));
  }
}

ChildServer::~ChildServer() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

}  // namespace itest
