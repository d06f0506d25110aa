// What the emulator's test files share: an HTTP call with the admin token, JSON parsing, a poll
// with a deadline, the EmulatorTest fixture (demo library, short scan timings) and a websocket
// frame collector.
#ifndef PMS_EMULATOR_EMULATOR_TEST_SUPPORT_H_
#define PMS_EMULATOR_EMULATOR_TEST_SUPPORT_H_

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/WebSocket.h>

#include "pms_emulator/emulator.h"

namespace pms_emulator {

inline constexpr const char* kToken = "emu-test-token";

struct Response {
  int status = 0;
  std::string content_type;
  std::string body;
  std::map<std::string, std::string> headers;
  std::string error;  // transport failure
};

// One request to `emu` (with `token` as X-Plex-Token unless null; JSON asked for when `json`).
Response Call(const Emulator& emu, const std::string& method, const std::string& target,
              bool json = false, const char* token = kToken,
              std::map<std::string, std::string> headers = {});

// The same with `body` as the raw request body (an artwork upload).
Response Send(const Emulator& emu, const std::string& method, const std::string& target,
              const std::string& body, const std::string& content_type = "image/jpeg", bool json = false);

// `text` percent-encoded as a query value (reserved characters too).
std::string Encoded(const std::string& text);
// Bytes an image check takes for a JPEG (FF D8 FF E0 … FF D9) or a PNG (its signature, then text).
std::string FakeJpeg(const std::string& text);
std::string FakePng(const std::string& text);

// PUT /library/sections/{section}/all?type=&id=&<query>: a field edit or lock.
Response EditItems(const Emulator& emu, const std::string& section, const std::string& type,
                   const std::string& id, const std::string& query);
// PUT /library/metadata/{key}/refresh, then waits for the server to be idle; false when the
// request was refused or the server stayed busy.
bool RefreshItem(const Emulator& emu, const std::string& key);

Poco::JSON::Object::Ptr ParseObject(const std::string& body);
// The MediaContainer of a JSON reply (and expects the reply to be JSON).
Poco::JSON::Object::Ptr Container(const Response& r);

// Polls `pred` until it holds or `ms` pass; the last answer.
template <typename Pred>
bool WaitFor(Pred pred, int ms = 5000) {
  const auto deadline = Clock::now() + std::chrono::milliseconds(ms);
  while (Clock::now() < deadline) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return pred();
}

class EmulatorTest : public ::testing::Test {
 protected:
  void Start(EmulatorOptions options = {}, const std::string& fixture = "demo_library.json");
  void SetUp() override;
  std::unique_ptr<Emulator> emu_;
};

// Collects websocket frames on a background thread.
class FrameCollector {
 public:
  FrameCollector(const Emulator& emu, const std::string& target, bool header_token = true);
  ~FrameCollector();
  std::vector<std::string> frames();
  bool Saw(const std::string& needle);

 private:
  std::unique_ptr<Poco::Net::HTTPClientSession> session_;
  std::unique_ptr<Poco::Net::WebSocket> ws_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<std::string> frames_;
};

}  // namespace pms_emulator

#endif  // PMS_EMULATOR_EMULATOR_TEST_SUPPORT_H_
