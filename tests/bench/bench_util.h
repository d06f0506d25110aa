// Small helpers shared by the benchmarks: repeat a measurement, report median and p90, and
// compare against a target. Benchmarks print one line per metric and exit non-zero when a
// target is missed, so ctest (label "bench") checks the performance promises in the README.
#ifndef PLEXDRIVER_TESTS_BENCH_BENCH_UTIL_H_
#define PLEXDRIVER_TESTS_BENCH_BENCH_UTIL_H_

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

namespace bench {

struct Summary {
  double median = 0;
  double p90 = 0;
  double max = 0;
  size_t samples = 0;
};

// This process's resident memory (VmRSS), in MB; 0 when /proc cannot tell.
inline double ResidentMb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return 0;
}

inline Summary Summarize(std::vector<double> values) {
  Summary s;
  if (values.empty()) return s;
  std::sort(values.begin(), values.end());
  s.samples = values.size();
  s.median = values[values.size() / 2];
  s.p90 = values[std::min(values.size() - 1, values.size() * 9 / 10)];
  s.max = values.back();
  return s;
}

// Targets are enforced only in optimized builds (NDEBUG): a Debug build still prints the numbers.
#ifdef NDEBUG
inline constexpr bool kEnforceTargets = true;
#else
inline constexpr bool kEnforceTargets = false;
#endif

// Prints "name: median X unit (p90 Y, max Z, n=N) target <= T: ok|MISSED" and returns whether
// the median met the target.
inline bool Report(const std::string& name, const Summary& s, double target, const char* unit) {
  const bool ok = s.median <= target;
  std::printf("%-58s median %8.2f %s (p90 %.2f, max %.2f, n=%zu)  target <= %.1f %s: %s%s\n",
              name.c_str(), s.median, unit, s.p90, s.max, s.samples, target, unit,
              ok ? "ok" : "MISSED", kEnforceTargets ? "" : " (debug build: not enforced)");
  std::fflush(stdout);
  return ok || !kEnforceTargets;
}

// Prints "name: median X unit (p90 Y, max Z, n=N)" for a measurement without a target.
inline void Show(const std::string& name, const Summary& s, const char* unit) {
  std::printf("%-58s median %8.2f %s (p90 %.2f, max %.2f, n=%zu)\n", name.c_str(), s.median, unit, s.p90,
              s.max, s.samples);
  std::fflush(stdout);
}

inline double MillisSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

}  // namespace bench

#endif  // PLEXDRIVER_TESTS_BENCH_BENCH_UTIL_H_
