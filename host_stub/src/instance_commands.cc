#include "instance_commands.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "command_support.h"
#include "json_document.h"
#include "report_printer.h"

namespace host_stub {

int RunInfo(const DriverLibrary& lib, const CliOptions& o) {
  const DriverInfo& i = lib.info();
  const bool account = lib.Interface(PD_ACCOUNT_INTERFACE_ID) != nullptr;
  if (o.json) {
    std::cout << fmt::format(
        R"({{"path":"{}","driver_id":"{}","driver_name":"{}","driver_version":"{}","abi":{{"major":{},"minor":{}}},)"
        R"("host_abi":{{"major":{},"minor":{}}},"negotiated_minor":{},"interfaces":["{}"{}]}})",
        i.path, i.id, i.name, i.version, i.abi_major, i.abi_minor, PD_ABI_MAJOR, PD_ABI_MINOR,
        i.negotiated_minor, PD_DRIVER_INTERFACE_ID,
        account ? std::string(",\"") + PD_ACCOUNT_INTERFACE_ID + "\"" : "")
              << "\n";
    return kExitOk;
  }
  std::cout << fmt::format(
      "loaded     {}\n"
      "driver     {} ({}) version {}\n"
      "abi        driver {}.{}, host {}.{}, negotiated {}.{}\n"
      "interface  {} ({} bytes, host knows {})\n",
      i.path, i.name, i.id, i.version, i.abi_major, i.abi_minor, PD_ABI_MAJOR, PD_ABI_MINOR,
      PD_ABI_MAJOR, i.negotiated_minor, PD_DRIVER_INTERFACE_ID, i.interface_size, sizeof(pd_driver));
  if (account) std::cout << fmt::format("account    {} (login, servers)\n", PD_ACCOUNT_INTERFACE_ID);
  return kExitOk;
}

int RunCapabilities(const DriverLibrary& lib, pd_instance* instance, const CliOptions& o) {
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  pd_error err = NewError();
  const pd_status st = lib.api().capabilities(instance, &sink, &err);
  if (st != PD_OK) {
    PrintFailure("capabilities", st, err);
    return CallExitCode(st);
  }
  std::cout << (o.json ? doc + "\n" : RenderCapabilities(doc));
  return kExitOk;
}

int RunTestConnection(const DriverLibrary& lib, pd_instance* instance, HostCallbacks& host,
                      const CliOptions& o) {
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  pd_error err = NewError();
  const pd_status st = lib.api().test_connection(instance, nullptr, &sink, &err);
  host.FinishProgress();
  if (!doc.empty()) std::cout << (o.json ? doc + "\n" : RenderTestConnection(doc));
  if (st != PD_OK) PrintFailure("test-connection", st, err);
  return CallExitCode(st);
}

int RunFind(const DriverLibrary& lib, pd_instance* instance, const CliOptions& o) {
  // Members after sync exist only in drivers of ABI 1.1 and later.
  if (lib.info().interface_size < offsetof(pd_driver, find) + sizeof(void*) || !lib.api().find) {
    return ReportNeedsAbi(lib, "find", 1);
  }
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  pd_error err = NewError();
  const pd_status st = lib.api().find(instance, o.paths.front().c_str(), nullptr, &sink, &err);
  if (!doc.empty()) std::cout << (o.json ? doc + "\n" : RenderFindResult(doc));
  if (st != PD_OK) PrintFailure("find", st, err);
  return CallExitCode(st);
}

int RunSessions(const DriverLibrary& lib, pd_instance* instance, const CliOptions& o) {
  if (!Implements(lib, 2, offsetof(pd_driver, sessions) + sizeof(void*))) {
    return ReportNeedsAbi(lib, "sessions", 2);
  }
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  pd_error err = NewError();
  const pd_status st = lib.api().sessions(instance, nullptr, &sink, &err);
  if (st != PD_OK) {
    PrintFailure("sessions", st, err);
    return CallExitCode(st);
  }
  std::cout << (o.json ? doc + "\n" : RenderSessions(doc));
  return kExitOk;
}

namespace {

using Clock = std::chrono::steady_clock;

// sync --follow: takes the queue's events from the driver's thread, keeps those that come before
// the sync_result is printed, then prints each as it comes and counts down the ids this sync
// queued. Other events (the websocket's) are not printed.
class OutcomeFollower {
 public:
  enum class End { kAllCame, kInterrupted, kDeadline };

  explicit OutcomeFollower(bool json) : json_(json) {}

  // The driver's thread (HostCallbacks holds its event lock meanwhile).
  void OnEvent(const std::string& event_json) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (started_) HandleLocked(event_json);
      else early_.push_back(event_json);
    }
    wake_.notify_all();
  }

  // Follows `ids` (the sync_result's queued changes): prints what came already.
  void Start(const std::set<std::string>& ids) {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ = ids;
    started_ = true;
    if (!json_) std::cout << "outcomes\n";
    for (const std::string& e : early_) HandleLocked(e);
    early_.clear();
    std::cout << std::flush;
  }

  End Wait(Clock::time_point deadline) {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!pending_.empty()) {
      if (HostCallbacks::interrupted()) return End::kInterrupted;  // a signal cannot notify: poll
      const auto now = Clock::now();
      if (now >= deadline) return End::kDeadline;
      wake_.wait_until(lock, std::min(deadline, now + std::chrono::milliseconds(100)));
    }
    return End::kAllCame;
  }

  size_t pending() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return pending_.size();
  }
  int worst() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return worst_;
  }
  // "1 completed, 2 failed" for the followed changes that have their outcome.
  std::string Counts() const {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string text;
    for (const auto& [status, n] : counts_) text += fmt::format("{}{} {}", text.empty() ? "" : ", ", n, status);
    return text.empty() ? "none" : text;
  }

 private:
  void HandleLocked(const std::string& event_json) {
    Poco::JSON::Object::Ptr doc = ParseObject(event_json);
    const std::string type = Str(doc, "type", "");
    if (type != "sync.change" && type != "queue.recovered") return;
    std::cout << (json_ ? event_json + "\n" : RenderQueueEvent(event_json)) << std::flush;
    if (type != "sync.change") return;
    Poco::JSON::Object::Ptr change = doc->getObject("change");
    if (pending_.erase(Str(change, "id", "")) == 0) return;  // an earlier run's change (resumed)
    const std::string status = Str(change, "status");
    ++counts_[status];
    worst_ = std::max(worst_, ChangeStatusExitCode(status));
  }

  const bool json_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool started_ = false;
  std::vector<std::string> early_;
  std::set<std::string> pending_;
  std::map<std::string, int> counts_;
  int worst_ = kExitOk;
};

// Clears the event handler on every way out, before the follower it calls is gone.
class EventHandlerScope {
 public:
  EventHandlerScope(HostCallbacks& host, OutcomeFollower* follower) : host_(host) {
    if (follower) host_.SetEventHandler([follower](const std::string& e) { follower->OnEvent(e); });
  }
  ~EventHandlerScope() { host_.SetEventHandler(nullptr); }
  EventHandlerScope(const EventHandlerScope&) = delete;
  EventHandlerScope& operator=(const EventHandlerScope&) = delete;

 private:
  HostCallbacks& host_;
};

// The ids of the changes the sync_result says were queued; false when one has none (a driver
// older than outcome events: it sends no sync.change).
bool QueuedIds(const std::string& result_json, std::set<std::string>* ids) {
  Poco::JSON::Object::Ptr doc = ParseObject(result_json);
  Poco::JSON::Array::Ptr changes = doc ? doc->getArray("changes") : nullptr;
  for (size_t i = 0; changes && i < changes->size(); ++i) {
    Poco::JSON::Object::Ptr c = changes->getObject(static_cast<unsigned>(i));
    if (Str(c, "status") != "queued") continue;
    const std::string id = Str(c, "id", "");
    if (id.empty()) return false;
    ids->insert(id);
  }
  return true;
}

// After the sync_result of a --no-wait sync was printed: prints the outcomes until every queued
// change has one, Ctrl-C or the bound, then destroys the instance (printing what that still
// delivers) and returns the exit code.
int FollowQueuedChanges(const std::string& result, DriverInstance& instance, OutcomeFollower& follower,
                        const CliOptions& o) {
  std::set<std::string> ids;
  if (!QueuedIds(result, &ids)) {
    std::fprintf(stderr, "sync --follow: unsupported: the driver gives queued changes no id, so it sends no "
                         "outcome events to follow\n");
    return kExitUnsupported;
  }
  if (ids.empty()) {
    std::fprintf(stderr, "sync --follow: nothing was queued, nothing to follow\n");
    return SyncExitCode(result);
  }
  const double bound = o.timeout_seconds ? *o.timeout_seconds : DefaultFollowSeconds(instance.config());
  const auto start = Clock::now();
  std::fprintf(stderr, "following %zu queued change(s) until each has its outcome (at most %.0f s); Ctrl-C stops\n",
               ids.size(), bound);
  std::fflush(stderr);
  follower.Start(ids);
  const OutcomeFollower::End end =
      follower.Wait(start + std::chrono::milliseconds(static_cast<int64_t>(bound * 1000)));
  const size_t pending = follower.pending();
  if (end != OutcomeFollower::End::kAllCame) {
    const std::string why =
        end == OutcomeFollower::End::kInterrupted ? "interrupted" : fmt::format("stopped after {} s", bound);
    std::fprintf(stderr, "sync --follow: %s with %zu of %zu queued change(s) without an outcome; destroying the "
                         "instance\n", why.c_str(), pending, ids.size());
    std::fflush(stderr);
  }
  instance.Destroy();  // without state_dir the changes that never ran end "cancelled" now (printed)
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!o.json) std::cout << fmt::format("followed {} queued change(s) for {:.1f} s: {}\n", ids.size(), seconds,
                                        follower.Counts()) << std::flush;
  if (end == OutcomeFollower::End::kAllCame) return std::max(SyncExitCode(result), follower.worst());
  const size_t kept = follower.pending();
  if (pending > kept) {
    std::fprintf(stderr, "sync --follow: %zu cancelled by destroying the instance (config state_dir keeps queued "
                         "changes across runs)\n", pending - kept);
  }
  if (kept > 0) {
    std::fprintf(stderr, "sync --follow: %zu kept in the state_dir journal: they run once an instance is created "
                         "with that state_dir again, which reports their outcome\n", kept);
  }
  return end == OutcomeFollower::End::kInterrupted ? kExitInterrupted : kExitSyncTimedOut;
}

}  // namespace

int RunSync(const DriverLibrary& lib, DriverInstance& instance, HostCallbacks& host, const CliOptions& o) {
  const std::string request = BuildSyncRequest(o);
  if (!lib.api().sync) {
    std::fprintf(stderr, "sync failed: unsupported: the driver has no sync entry\n");
    return kExitUnsupported;
  }
  // Queue events come through pd_host.event, which drivers of ABI 1.2 and later call.
  if (o.follow && !Implements(lib, 2, offsetof(pd_driver, sessions) + sizeof(void*))) {
    return ReportNeedsAbi(lib, "sync --follow", 2);
  }
  std::optional<OutcomeFollower> follower;
  if (o.follow) follower.emplace(o.json);
  const EventHandlerScope events(host, follower ? &*follower : nullptr);
  std::string doc;
  pd_sink sink{sizeof(pd_sink), &doc, &AppendToString};
  pd_error err = NewError();
  const pd_status st = lib.api().sync(instance.get(), request.c_str(), nullptr, &sink, &err);
  host.FinishProgress();
  if (!doc.empty()) std::cout << (o.json ? doc + "\n" : RenderSyncResult(doc)) << std::flush;
  if (st != PD_OK) PrintFailure("sync", st, err);
  if (doc.empty()) return CallExitCode(st);
  if (follower && st == PD_OK) return FollowQueuedChanges(doc, instance, *follower, o);
  return SyncExitCode(doc);
}

}  // namespace host_stub
