// The header's lifetime rule for handles (pd_instance, pd_account_client): destroy() returns only
// after every call in flight on the handle has returned. Each handle holds a CallCounter; every
// call holds a CallCounter::Scope while it uses the handle, and destroy() waits for none.
#ifndef PLEXDRIVER_ABI_CALL_COUNTER_H_
#define PLEXDRIVER_ABI_CALL_COUNTER_H_

#include <condition_variable>
#include <mutex>

namespace plexdriver {

class CallCounter {
 public:
  // Counts one call for as long as it lives.
  class Scope {
   public:
    explicit Scope(CallCounter* counter) : counter_(counter) {
      std::lock_guard<std::mutex> lock(counter_->mutex_);
      ++counter_->in_flight_;
    }
    ~Scope() {
      std::lock_guard<std::mutex> lock(counter_->mutex_);
      if (--counter_->in_flight_ == 0) counter_->idle_.notify_all();
    }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    CallCounter* counter_;
  };

  // Blocks until no call is in flight.
  void WaitIdle() {
    std::unique_lock<std::mutex> lock(mutex_);
    idle_.wait(lock, [&] { return in_flight_ == 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable idle_;
  int in_flight_ = 0;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_ABI_CALL_COUNTER_H_
