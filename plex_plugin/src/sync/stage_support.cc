#include "sync/stage_support.h"

#include <algorithm>
#include <thread>

namespace plexdriver {

int64_t MillisBetween(std::chrono::steady_clock::time_point a, std::chrono::steady_clock::time_point b) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
}

std::string ManagerParent(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && (p.back() == '/' || p.back() == '\\')) p.pop_back();
  const size_t cut = p.find_last_of("/\\");
  if (cut == std::string::npos) return p;
  if (cut == 0) return p.substr(0, 1);
  return p.substr(0, cut);
}

std::string ManagerFileName(const std::string& path) {
  const size_t cut = path.find_last_of("/\\");
  return cut == std::string::npos ? path : path.substr(cut + 1);
}

std::string InFolder(const std::string& folder, const std::string& name) {
  const char sep = folder.find('\\') != std::string::npos && folder.find('/') == std::string::npos ? '\\' : '/';
  return folder.back() == sep ? folder + name : folder + sep + name;
}

ChangeStatus StatusOfFailedCheck(const Status& s) {
  return s.code() == PD_ERR_TIMEOUT ? ChangeStatus::kTimedOut : ChangeStatus::kFailed;
}

bool SleepUntil(const Operation& op, std::chrono::steady_clock::time_point wake) {
  using Clock = std::chrono::steady_clock;
  for (;;) {
    if (op.Cancelled()) return false;
    const Clock::time_point now = Clock::now();
    if (now >= wake) return true;
    std::this_thread::sleep_for(std::min<Clock::duration>(std::chrono::milliseconds(10), wake - now));
  }
}

}  // namespace plexdriver
