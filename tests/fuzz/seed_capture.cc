// Writes the PMS emulator's answers as fuzz seeds: every endpoint the driver reads, as JSON and
// as XML, while a scan runs and someone watches; the websocket frames of a scan and of playback;
// a webhook for every event Plex documents. Run by hand after the emulator learns new shapes:
//   build/tests/fuzz/fuzz_seed_capture tests/fuzz/corpus
// (the seeds are committed; the hand-written ones from shared/reference/plex-api.md sit beside
// them with names starting "ref-").
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/StreamCopier.h>
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "pms_emulator/emulator.h"

namespace {

namespace fs = std::filesystem;

const char kToken[] = "seed-capture-token";

void WriteSeed(const fs::path& dir, const std::string& name, const std::string& data) {
  fs::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << data;
}

std::string Get(uint16_t port, const std::string& target, bool json) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, target,
                                 Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("X-Plex-Token", kToken);
  if (json) request.set("Accept", "application/json");
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  std::string body;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
  return body;
}

// Collects websocket frames on a thread of its own until Stop().
class FrameRecorder {
 public:
  explicit FrameRecorder(uint16_t port) : session_("127.0.0.1", port) {
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, "/:/websockets/notifications",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("X-Plex-Token", kToken);
    Poco::Net::HTTPResponse response;
    ws_ = std::make_unique<Poco::Net::WebSocket>(session_, request, response);
    ws_->setReceiveTimeout(Poco::Timespan(0, 100000));
    thread_ = std::thread([this] { Run(); });
  }
  std::vector<std::string> Stop() {
    stop_ = true;
    thread_.join();
    std::lock_guard<std::mutex> lock(mutex_);
    return frames_;
  }

 private:
  void Run() {
    std::vector<char> buffer(1 << 20);
    while (!stop_) {
      int flags = 0;
      try {
        const int n = ws_->receiveFrame(buffer.data(), static_cast<int>(buffer.size()), flags);
        if (n <= 0) return;
        std::lock_guard<std::mutex> lock(mutex_);
        frames_.emplace_back(buffer.data(), static_cast<size_t>(n));
      } catch (const Poco::TimeoutException&) {
      }
    }
  }
  Poco::Net::HTTPClientSession session_;
  std::unique_ptr<Poco::Net::WebSocket> ws_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::vector<std::string> frames_;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: fuzz_seed_capture CORPUS_DIR (tests/fuzz/corpus)\n";
    return 1;
  }
  const fs::path out(argv[1]);
  pms_emulator::EmulatorOptions options;
  options.admin_token = kToken;
  options.scan_start_delay_ms = 20;
  options.scan_ms_per_folder = 300;
  options.playback_report_ms = 200;
  pms_emulator::Emulator emulator(options);
  emulator.LoadLibraryFile(std::string(EMULATOR_FIXTURES) + "/demo_library.json");
  emulator.Start();
  const uint16_t port = emulator.port();

  FrameRecorder frames(port);
  emulator.AddFile("/data/movies/Arrival (2016)/Arrival (2016).mkv");
  emulator.RemoveFile("/data/movies/Heat (1995)/Heat (1995).mkv");
  Get(port, "/library/sections/1/refresh", false);  // a whole-section scan, long enough to watch
  const std::string session = emulator.StartPlayback("203", "alice", "Living Room TV");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  const std::vector<std::pair<std::string, std::string>> responses = {
      {"identity", "/identity"},         {"root", "/"},
      {"sections", "/library/sections"}, {"activities", "/activities"},
      {"sessions", "/status/sessions"},  {"unauthorized", "/library/sections?X-Plex-Token=x"},
      {"not-found", "/no/such/endpoint"}, {"prefs", "/library/sections/1/prefs"}};
  for (const auto& [name, target] : responses) {
    for (bool json : {true, false}) {
      WriteSeed(out / "pms_response", fmt::format("emu-{}.{}", name, json ? "json" : "xml"),
                Get(port, target, json));
    }
  }
  const std::vector<std::pair<std::string, std::string>> listings = {
      {"movies", "/library/sections/1/all?type=1"},
      {"movies-page",
       "/library/sections/1/all?type=1&X-Plex-Container-Start=1&X-Plex-Container-Size=1"},
      {"shows", "/library/sections/2/all?type=2"},
      {"episodes", "/library/sections/2/all?type=4"},
      {"movie-item", "/library/metadata/102"},
      {"episode-item", "/library/metadata/203"}};
  for (const auto& [name, target] : listings) {
    for (bool json : {true, false}) {
      WriteSeed(out / "item_listing", fmt::format("emu-{}.{}", name, json ? "json" : "xml"),
                Get(port, target, json));
    }
  }
  emulator.PausePlayback(session);
  emulator.StopPlayback(session);
  emulator.WaitForIdle(std::chrono::seconds(20));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const std::vector<std::string> captured = frames.Stop();
  for (size_t i = 0; i < captured.size(); ++i) {
    WriteSeed(out / "notification", fmt::format("emu-frame-{:03}.json", i), captured[i]);
  }

  for (const char* event :
       {"media.play", "media.pause", "media.resume", "media.stop", "media.scrobble", "media.rate",
        "library.new", "library.on.deck", "admin.database.backup", "admin.database.corrupted",
        "device.new", "playback.started"}) {
    const pms_emulator::WebhookBody hook =
        emulator.BuildWebhook(event, "203", "alice", "Living Room TV");
    WriteSeed(out / "webhook", fmt::format("emu-{}.txt", event),
              hook.content_type + "\n" + hook.body);
  }
  emulator.Stop();
  std::cout << "wrote " << captured.size() << " frames and the endpoint answers under " << out
            << "\n";
  return 0;
}
