// A GoogleTest fixture with a PMS emulator on an ephemeral loopback port and the real driver
// module loaded as a host loads it. Tests assert on what the emulator recorded (requests,
// scans, items), not only on what the driver says about itself.
#ifndef PLEXDRIVER_TESTS_INTEGRATION_EMULATOR_FIXTURE_H_
#define PLEXDRIVER_TESTS_INTEGRATION_EMULATOR_FIXTURE_H_

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <Poco/JSON/Object.h>

#include "driver_harness.h"
#include "pms_emulator/emulator.h"

namespace itest {

inline constexpr const char* kToken = "itest-secret-token-5f3a9c";

struct Mapping {
  std::string metarr_path;
  std::string player_path;
};

// Builds a driver config for the emulator; `extra` is spliced in as additional JSON members
// (e.g. "\"debounce_seconds\": 0.2").
std::string MakeConfig(uint16_t port, const std::string& token, const std::vector<Mapping>& mappings,
                       const std::string& extra = "");

// Parses a JSON document (a sync_result, a report); fails the test when it is not JSON.
Poco::JSON::Object::Ptr ParseJson(const std::string& json);

// Change `i` of a sync_result document, its status and its message.
Poco::JSON::Object::Ptr Change(const Poco::JSON::Object::Ptr& result, size_t i = 0);
std::string StatusOf(const Poco::JSON::Object::Ptr& result, size_t i = 0);
std::string MessageOf(const Poco::JSON::Object::Ptr& result, size_t i = 0);
// The first change's status of a sync call, or "(no result: <the call's error>)".
std::string StatusOf(const CallResult& call);

// A JSON value (object, array) as text, for substring assertions.
std::string JsonText(const Poco::Dynamic::Var& value);

// Builds a sync request for the given (path, kind) changes; `extra_options` is spliced into its
// options as additional JSON members (e.g. "\"skip_active\":\"item\"").
std::string SyncRequest(const std::vector<std::pair<std::string, std::string>>& changes,
                        double timeout_seconds = 20, bool wait = true, bool dry_run = false,
                        const std::string& extra_options = "");

class EmulatorTest : public ::testing::Test {
 protected:
  // Starts an emulator with `options` and the library `fixture_json`, and loads the driver.
  void StartEmulator(pms_emulator::EmulatorOptions options, const std::string& library_json);
  void TearDown() override;

  // A driver instance on the running emulator, with the manager-side root `temp_` mapped to
  // `player_root` (when given) and `extra` config members.
  std::unique_ptr<DriverInstance> NewInstance(const std::vector<Mapping>& mappings,
                                              const std::string& extra = "");

  // Publishes a movie file on both sides: temp_/movies/<folder>/<file> for the manager and
  // /data/movies/<folder>/<file> in the server's tree. Returns the manager-side folder.
  std::string PublishMovie(const std::string& folder, const std::string& file);

  // Every line the driver logged and every document it produced must be free of the token.
  void ExpectNoToken(const DriverInstance& instance, const std::vector<std::string>& documents);

  std::unique_ptr<pms_emulator::Emulator> emulator_;
  std::unique_ptr<LoadedDriver> driver_;
  TempDir temp_;
};

// Waits until `done` holds (checked every few ms) or `limit` passes; returns done().
bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds limit = std::chrono::seconds(20));

// How many of the driver's log lines so far contain `needle`.
int LogLinesWith(DriverInstance& instance, const std::string& needle);

// A two-section Linux library: "Movies" (key 1) at /data/movies, "TV Shows" (key 2) at /data/tv.
std::string LinuxLibraryJson();

}  // namespace itest

#endif  // PLEXDRIVER_TESTS_INTEGRATION_EMULATOR_FIXTURE_H_
