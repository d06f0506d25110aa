// What both emulators keep of the requests they answer, so tests can assert on what the server
// saw rather than on what the driver says it did. Header-only; the request type is the
// emulator's own (each records different details), with at least `method` and `path`.
// Thread-safety: every method may be called from any thread; the log's mutex is a leaf (nothing
// else is locked while it is held), so it can be used under an emulator's own locks.
#ifndef EMULATOR_SUPPORT_REQUEST_LOG_H_
#define EMULATOR_SUPPORT_REQUEST_LOG_H_

#include <cstddef>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace emulator_support {

template <typename Request>
class RequestLog {
 public:
  void Add(Request request) {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(std::move(request));
  }

  // A copy of every request so far, oldest first.
  std::vector<Request> All() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

  void Clear() {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.clear();
  }

  // Requests whose method is `method` ("" for any) and whose path starts with `path_prefix`.
  size_t Count(const std::string& method, const std::string& path_prefix) const {
    std::lock_guard<std::mutex> lock(mutex_);
    size_t n = 0;
    for (const Request& r : requests_) {
      if ((method.empty() || r.method == method) && r.path.rfind(path_prefix, 0) == 0) ++n;
    }
    return n;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Request> requests_;
};

}  // namespace emulator_support

#endif  // EMULATOR_SUPPORT_REQUEST_LOG_H_
