// What loading the driver costs a host (issue 9): dlopen + entry + negotiate + get_interface +
// create + destroy + dlclose, each step timed (median over 200 cycles; 50 with
// PD_BENCH_SHORT=1), and the memory an idle instance holds: created only, and connected (its
// websocket thread running) against the emulator. No targets in the issues: reported only.
#include <dlfcn.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "bench_util.h"
#include "driver_harness.h"
#include "player_driver/player_driver.h"

namespace {

struct Cycle {
  double open_ms = 0, negotiate_ms = 0, create_ms = 0, destroy_ms = 0, close_ms = 0;
};

bool LoadCycle(const std::string& path, const std::string& config, Cycle* c) {
  using Clock = std::chrono::steady_clock;
  auto t = Clock::now();
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) return false;
  auto entry_fn = reinterpret_cast<pd_entry_fn>(dlsym(handle, PD_ENTRY_SYMBOL));
  c->open_ms = bench::MillisSince(t);
  t = Clock::now();
  const pd_entry* entry = entry_fn();
  uint32_t minor = 0;
  if (entry->negotiate(PD_ABI_MAJOR, PD_ABI_MINOR, &minor) != PD_OK) return false;
  auto api = static_cast<const pd_driver*>(entry->get_interface(PD_DRIVER_INTERFACE_ID));
  c->negotiate_ms = bench::MillisSince(t);
  pd_host host{};
  host.struct_size = sizeof host;
  pd_error err{};
  err.struct_size = sizeof err;
  pd_instance* instance = nullptr;
  t = Clock::now();
  if (api->create(&host, config.c_str(), &instance, &err) != PD_OK) return false;
  c->create_ms = bench::MillisSince(t);
  t = Clock::now();
  api->destroy(instance);
  c->destroy_ms = bench::MillisSince(t);
  t = Clock::now();
  dlclose(handle);
  c->close_ms = bench::MillisSince(t);
  return true;
}

constexpr const char* kEmulatorToken = "bench-token-0123456789";

// A one-section library file for the emulator, removed with the object.
class LibraryFile {
 public:
  LibraryFile()
      : path_((std::filesystem::temp_directory_path() / ("pd-load-bench-" + std::to_string(getpid()) + ".json"))
                  .string()) {
    std::ofstream(path_) << R"({"sections":[{"key":"1","type":"movie","title":"Movies","locations":["/data/movies"]}]})";
  }
  ~LibraryFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

int main() {
  const bool short_mode = std::getenv("PD_BENCH_SHORT") != nullptr;
  const int cycles = short_mode ? 50 : 200;
  const std::string config = R"({"host":"127.0.0.1","port":9,"plex_token":"bench-token-0123456789"})";
  std::vector<double> open, negotiate, create, destroy, close, total;
  for (int i = 0; i < cycles; ++i) {
    Cycle c;
    if (!LoadCycle(itest::DriverPath(), config, &c)) {
      std::fprintf(stderr, "a load cycle failed: %s\n", dlerror() ? dlerror() : "create refused the config");
      return 2;
    }
    open.push_back(c.open_ms);
    negotiate.push_back(c.negotiate_ms * 1000);
    create.push_back(c.create_ms * 1000);
    destroy.push_back(c.destroy_ms * 1000);
    close.push_back(c.close_ms);
    total.push_back(c.open_ms + c.negotiate_ms + c.create_ms + c.destroy_ms + c.close_ms);
  }
  bench::Show("dlopen + dlsym", bench::Summarize(open), "ms");
  bench::Show("entry + negotiate + get_interface", bench::Summarize(negotiate), "us");
  bench::Show("create (config validated, no I/O)", bench::Summarize(create), "us");
  bench::Show("destroy (never connected)", bench::Summarize(destroy), "us");
  bench::Show("dlclose", bench::Summarize(close), "ms");
  bench::Show("load + negotiate + create + destroy + unload", bench::Summarize(total), "ms");

  // Memory per idle instance, created only and connected (websocket thread running). The
  // emulator runs in its own process so its threads do not count.
  LibraryFile library;
  itest::ChildServer emu(PMS_EMULATOR_PATH, {"--port", "0", "--token", kEmulatorToken, "--library", library.path()});
  if (emu.port() == 0) {
    std::fprintf(stderr, "cannot start %s\n", PMS_EMULATOR_PATH);
    return 2;
  }
  itest::LoadedDriver driver(itest::DriverPath());
  if (!driver.ok()) return 2;
  const std::string live =
      fmt::format(R"({{"host":"127.0.0.1","port":{},"plex_token":"{}"}})", emu.port(), kEmulatorToken);
  const int n = short_mode ? 20 : 100;
  std::vector<std::unique_ptr<itest::DriverInstance>> instances;
  const double before = bench::ResidentMb();
  for (int i = 0; i < n; ++i) instances.push_back(std::make_unique<itest::DriverInstance>(driver, live));
  const double created = bench::ResidentMb();
  for (auto& instance : instances) {
    if (instance->Connect().status != PD_OK) return 2;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // every websocket up
  const double connected = bench::ResidentMb();
  bench::Show(fmt::format("memory per idle instance, created ({} instances)", n),
              bench::Summarize({(created - before) * 1024 / n}), "KB");
  bench::Show(fmt::format("memory per idle instance, connected with websocket ({})", n),
              bench::Summarize({(connected - before) * 1024 / n}), "KB");
  instances.clear();
  return 0;
}
