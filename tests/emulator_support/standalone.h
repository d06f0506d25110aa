// What the emulators' standalone executables share: reading options from the command line with
// errors that name the option, and serving until SIGINT or SIGTERM. Header-only.
#ifndef EMULATOR_SUPPORT_STANDALONE_H_
#define EMULATOR_SUPPORT_STANDALONE_H_

#include <csignal>
#include <cstdint>
#include <ctime>
#include <iostream>
#include <stdexcept>
#include <string>

namespace emulator_support {

// A bad command line: the message names the option and says what is wrong.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The arguments of main() one by one.
class ArgReader {
 public:
  ArgReader(int argc, char** argv) : argc_(argc), argv_(argv) {}

  // The next option, or false when there is none left.
  bool Next(std::string* option) {
    if (++i_ >= argc_) return false;
    *option = option_ = argv_[i_];
    return true;
  }

  // The value that follows the current option.
  std::string Value() {
    if (i_ + 1 >= argc_) throw UsageError(option_ + " needs a value");
    return argv_[++i_];
  }

  // The value as a whole number in [min, max].
  int Int(int min = 0, int max = 1 << 30) {
    const std::string text = Value();
    size_t used = 0;
    int n = 0;
    try {
      n = std::stoi(text, &used);
    } catch (const std::logic_error&) {
      used = 0;
    }
    if (used == 0 || used != text.size() || n < min || n > max) {
      throw UsageError(option_ + ": \"" + text + "\" is not a whole number from " +
                       std::to_string(min) + " to " + std::to_string(max));
    }
    return n;
  }

  uint16_t Port() { return static_cast<uint16_t>(Int(0, 65535)); }

 private:
  int argc_;
  char** argv_;
  int i_ = 0;
  std::string option_;
};

namespace detail {
inline volatile std::sig_atomic_t g_stop = 0;
inline void OnSignal(int) { g_stop = 1; }
}  // namespace detail

// Starts `server`, prints "listening on <base url>" (scripts wait for that line), serves until
// SIGINT or SIGTERM, then stops it.
template <typename Server>
void ServeUntilSignalled(Server& server) {
  server.Start();
  std::signal(SIGINT, detail::OnSignal);
  std::signal(SIGTERM, detail::OnSignal);
  std::cout << "listening on " << server.base_url() << std::endl;
  while (!detail::g_stop) {
    struct timespec pause {
      0, 50 * 1000 * 1000
    };
    nanosleep(&pause, nullptr);
  }
  server.Stop();
}

}  // namespace emulator_support

#endif  // EMULATOR_SUPPORT_STANDALONE_H_
