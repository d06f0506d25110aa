// Faults through the real driver module against the emulator, one table row per fault. Whatever
// the server does, every sync must
//   - end within its timeout (plus a little slack for a loaded machine),
//   - report a true status: "completed" only for a scan the emulator recorded as finished before
//     the driver returned,
//   - retry only what is safe (counted on the emulator's request log: 5xx and resets are retried,
//     401/404 never),
//   - leave the instance working: the next sync on the same instance completes.
#include <chrono>
#include <functional>
#include <iostream>
#include <set>
#include <thread>

#include "emulator_fixture.h"

namespace itest {
namespace {

using pms_emulator::EmulatorOptions;
using pms_emulator::FaultKind;
using pms_emulator::FaultRule;
using Clock = std::chrono::steady_clock;

constexpr const char* kRefresh = "/library/sections/1/refresh";
constexpr const char* kFolder = "/data/movies/Arrival (2016)";

// What happens on the server while the sync runs.
enum class During {
  kNothing,
  kRestartMidScan,                // the server restarts while the scan runs: the scan is lost
  kDropWebsocketBeforeStart,      // the websocket drops after the request, before the scan starts
  kStallPollsAfterTheScanRequest  // /activities stops answering once the scan was requested
};

struct FaultCase {
  std::string name;
  std::vector<FaultRule> faults;
  bool websocket = true;
  During during = During::kNothing;
  int scan_start_delay_ms = 100;
  int scan_ms_per_folder = 300;
  double sync_timeout = 8;
  std::string config_extra;       // extra config members ("timeout_seconds": ...)
  std::set<std::string> allowed;  // the change statuses a truthful driver may report
  int min_scan_requests = 1;      // GETs of kRefresh the emulator recorded
  int max_scan_requests = 1;
  std::string message_has;  // for a change that did not complete
};

FaultRule Rule(FaultKind kind, const std::string& path_prefix, int times, int http_status = 503) {
  FaultRule r;
  r.kind = kind;
  r.method = "GET";
  r.path_prefix = path_prefix;
  r.times = times;
  r.http_status = http_status;
  return r;
}

FaultRule Latency(int ms) {
  FaultRule r = Rule(FaultKind::kLatency, "", -1);
  r.latency_ms = ms;
  return r;
}

// A row of the table: the defaults of FaultCase, then only what the row changes.
struct Row {
  FaultCase c;
  explicit Row(std::string name) { c.name = std::move(name); }
  Row& Faults(std::vector<FaultRule> f) {
    c.faults = std::move(f);
    return *this;
  }
  Row& Polling() {
    c.websocket = false;
    return *this;
  }
  Row& While(During d) {
    c.during = d;
    return *this;
  }
  Row& ScanStartsAfterMs(int ms) {
    c.scan_start_delay_ms = ms;
    return *this;
  }
  Row& ScanTakesMs(int ms) {
    c.scan_ms_per_folder = ms;
    return *this;
  }
  Row& SyncTimeout(double s) {
    c.sync_timeout = s;
    return *this;
  }
  // The sync's own timeout is shorter than the driver's request timeout.
  Row& LongRequestTimeout() {
    c.config_extra = "\"timeout_seconds\": 20";
    return *this;
  }
  Row& Expect(std::set<std::string> statuses, std::string message_has = "") {
    c.allowed = std::move(statuses);
    c.message_has = std::move(message_has);
    return *this;
  }
  Row& ScanRequests(int min, int max) {
    c.min_scan_requests = min;
    c.max_scan_requests = max;
    return *this;
  }
};

std::vector<FaultCase> Cases() {
  const std::set<std::string> completed{"completed"};
  const std::set<std::string> failed{"failed"};
  const std::set<std::string> timed_out{"timed_out"};
  const char* listing = "/library/sections/1/all";
  std::vector<Row> rows;
  rows.push_back(Row("Burst503OnScanIsRetried")
                     .Faults({Rule(FaultKind::kHttpStatus, kRefresh, 2)})
                     .Expect(completed)
                     .ScanRequests(3, 3));
  rows.push_back(Row("Persistent503OnScanFails")
                     .Faults({Rule(FaultKind::kHttpStatus, kRefresh, -1)})
                     .Expect(failed, "503")
                     .ScanRequests(3, 3));
  rows.push_back(Row("UnauthorizedScanIsNotRetried")
                     .Faults({Rule(FaultKind::kHttpStatus, kRefresh, -1, 401)})
                     .Expect(failed, "401"));
  rows.push_back(Row("NotFoundScanIsNotRetried")
                     .Faults({Rule(FaultKind::kHttpStatus, kRefresh, -1, 404)})
                     .Expect(failed, "404"));
  rows.push_back(Row("ResetOnceIsRetried")
                     .Faults({Rule(FaultKind::kConnectionReset, kRefresh, 1)})
                     .Expect(completed)
                     .ScanRequests(2, 2));
  rows.push_back(Row("ResetAlwaysFailsBounded")
                     .Faults({Rule(FaultKind::kConnectionReset, kRefresh, -1)})
                     .Expect(failed, "reset")
                     .ScanRequests(3, 6));
  // The listing that confirms the new item arrives cut off once: asked for again.
  rows.push_back(Row("TruncatedListingIsRetried")
                     .Faults({Rule(FaultKind::kTruncatedBody, listing, 1)})
                     .Expect(completed));
  rows.push_back(Row("ListingFailsWith503Once")
                     .Faults({Rule(FaultKind::kHttpStatus, listing, 1)})
                     .Expect(completed));
  rows.push_back(Row("XmlInsteadOfJsonEverywhere")
                     .Faults({Rule(FaultKind::kXmlForJson, "", -1)})
                     .Expect(completed));
  rows.push_back(
      Row("LatencyBelowTheTimeout").Faults({Latency(400)}).SyncTimeout(15).Expect(completed));
  rows.push_back(Row("ActivitiesFailWhilePolling")
                     .Faults({Rule(FaultKind::kHttpStatus, "/activities", 3)})
                     .Polling()
                     .Expect(completed));
  rows.push_back(Row("ActivitiesTruncatedWhilePolling")
                     .Faults({Rule(FaultKind::kTruncatedBody, "/activities", 2)})
                     .Polling()
                     .Expect(completed));
  rows.push_back(Row("ActivitiesInXmlWhilePolling")
                     .Faults({Rule(FaultKind::kXmlForJson, "/activities", -1)})
                     .Polling()
                     .Expect(completed));
  // A stalled server must not hold a sync past its own timeout (the request timeout is longer).
  // (A stalled request is recorded only once released, after the sync: counted 0 or 1.)
  rows.push_back(Row("StalledScanRequestEndsWithTheSync")
                     .Faults({Rule(FaultKind::kStall, kRefresh, -1)})
                     .SyncTimeout(2)
                     .LongRequestTimeout()
                     .Expect(timed_out, "time ran out")
                     .ScanRequests(0, 1));
  rows.push_back(Row("StalledServerEndsWithTheSync")
                     .Faults({Rule(FaultKind::kStall, "", -1)})
                     .SyncTimeout(2)
                     .LongRequestTimeout()
                     .Expect(timed_out, "time ran out")
                     .ScanRequests(0, 1));
  rows.push_back(Row("PollStallsMidWaitEndsWithTheSync")
                     .Polling()
                     .While(During::kStallPollsAfterTheScanRequest)
                     .ScanTakesMs(3000)
                     .SyncTimeout(3)
                     .LongRequestTimeout()
                     .Expect(timed_out, "within 3 s"));
  // A scan lost in a restart is not a finished scan: it is requested again once the server is
  // back, and "completed" only when that one finishes.
  rows.push_back(Row("RestartMidScanWithWebsocket")
                     .While(During::kRestartMidScan)
                     .ScanTakesMs(1500)
                     .SyncTimeout(12)
                     .Expect(completed)
                     .ScanRequests(2, 2));
  rows.push_back(Row("RestartMidScanWhilePolling")
                     .Polling()
                     .While(During::kRestartMidScan)
                     .ScanTakesMs(1500)
                     .SyncTimeout(12)
                     .Expect(completed)
                     .ScanRequests(2, 2));
  rows.push_back(Row("WebsocketDropsBeforeTheScanStarts")
                     .While(During::kDropWebsocketBeforeStart)
                     .ScanStartsAfterMs(1500)
                     .SyncTimeout(10)
                     .Expect(completed)
                     .ScanRequests(1, 2));
  std::vector<FaultCase> cases;
  for (Row& r : rows) cases.push_back(std::move(r.c));
  return cases;
}

void PrintTo(const FaultCase& c, std::ostream* os) { *os << c.name; }

class FaultTest : public EmulatorTest, public ::testing::WithParamInterface<FaultCase> {
 protected:
  // The emulator's record of a scan of `path` that finished (not cancelled) by `by`.
  bool EmulatorFinishedScan(const std::string& path, Clock::time_point by) const {
    for (const auto& s : emulator_->Scans()) {
      if (s.path == path && s.ended && *s.ended <= by && !s.cancelled) return true;
    }
    return false;
  }

  void RunDuring(During during) {
    const auto deadline = Clock::now() + std::chrono::seconds(15);
    if (during == During::kRestartMidScan) {
      while (Clock::now() < deadline) {
        const auto scans = emulator_->Scans();
        if (!scans.empty() && scans[0].started) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      emulator_->Restart(std::chrono::milliseconds(2500));  // down for a while, as a real restart
    } else {
      while (emulator_->CountRequests("GET", kRefresh) == 0 && Clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
      }
      if (during == During::kDropWebsocketBeforeStart) {
        emulator_->DropWebsockets();
      } else {
        emulator_->AddFault(Rule(FaultKind::kStall, "/activities", -1));
      }
    }
  }
};

TEST_P(FaultTest, SyncEndsTruthfullyInTimeAndTheInstanceRecovers) {
  const FaultCase& c = GetParam();
  EmulatorOptions options;
  options.admin_token = kToken;
  options.websocket_enabled = c.websocket;
  options.scan_start_delay_ms = c.scan_start_delay_ms;
  options.scan_ms_per_folder = c.scan_ms_per_folder;
  StartEmulator(options, LinuxLibraryJson());
  std::string extra = "\"poll_interval_ms\": 20";
  if (!c.config_extra.empty()) extra += ", " + c.config_extra;
  auto instance = NewInstance({{temp_.path() + "/movies", "/data/movies"}}, extra);
  ASSERT_EQ(instance->Connect().status, PD_OK);  // warm: the faults hit the sync itself
  const std::string folder = PublishMovie("Arrival (2016)", "Arrival (2016).mkv");
  emulator_->ClearRequests();
  for (const FaultRule& f : c.faults) emulator_->AddFault(f);

  std::thread during;
  if (c.during != During::kNothing) during = std::thread([&] { RunDuring(c.during); });
  const auto start = Clock::now();
  const CallResult r = instance->Sync(SyncRequest({{folder, "added"}}, c.sync_timeout));
  const auto returned = Clock::now();
  if (during.joinable()) during.join();
  emulator_->ClearFaults();  // also releases stalled requests

  // Within its timeout (the slack covers a loaded machine and sanitizer builds).
  EXPECT_LT(returned - start,
            std::chrono::milliseconds(static_cast<int64_t>(c.sync_timeout * 1000) + 3000))
      << c.name;
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr change = Change(ParseJson(r.json));
  const std::string status = change->getValue<std::string>("status");
  const std::string message = change->optValue<std::string>("message", "");
  EXPECT_TRUE(c.allowed.count(status)) << c.name << ": " << status << ": " << message;
  // True: "completed" only for a scan the emulator finished before the driver returned.
  if (status == "completed") {
    EXPECT_TRUE(EmulatorFinishedScan(kFolder, returned)) << c.name
                                                         << ": completed, but the emulator "
                                                            "did not finish a scan of the folder";
  } else if (!c.message_has.empty()) {
    EXPECT_NE(message.find(c.message_has), std::string::npos) << c.name << ": " << message;
  }
  // Safe retries, counted where it matters: on the server.
  const auto scan_requests = static_cast<int>(emulator_->CountRequests("GET", kRefresh));
  EXPECT_GE(scan_requests, c.min_scan_requests) << c.name;
  EXPECT_LE(scan_requests, c.max_scan_requests) << c.name;

  // The same instance keeps working once the server behaves. Released stalled requests are
  // handled late (a stalled scan request still queues its scan): let them land first, so the next
  // sync's scan is not preceded by a stray one of the same library.
  for (size_t seen = emulator_->Requests().size(), polls = 0; polls < 25; ++polls) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const size_t now = emulator_->Requests().size();
    if (now == seen) break;
    seen = now;
  }
  ASSERT_TRUE(emulator_->WaitForIdle(std::chrono::seconds(20)));
  const std::string next = PublishMovie("Heat (1995)", "Heat (1995).mkv");
  const CallResult again = instance->Sync(SyncRequest({{next, "added"}}, 20));
  const auto again_returned = Clock::now();
  ASSERT_EQ(again.status, PD_OK) << again.message;
  Poco::JSON::Object::Ptr next_change = Change(ParseJson(again.json));
  EXPECT_EQ(next_change->getValue<std::string>("status"), "completed")
      << c.name << ": " << next_change->optValue<std::string>("message", "");
  EXPECT_TRUE(EmulatorFinishedScan("/data/movies/Heat (1995)", again_returned)) << c.name;
  ExpectNoToken(*instance, {r.json, r.message, again.json, again.message});
  if (HasFailure()) {
    for (const std::string& line : instance->recorder().Logs())
      std::cerr << "  driver log: " << line << "\n";
    std::cerr << "  first sync: " << r.json << "\n  second sync: " << again.json << "\n";
  }
}

INSTANTIATE_TEST_SUITE_P(Faults, FaultTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<FaultCase>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace itest
