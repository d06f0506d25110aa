// The helpers of emulator_test_support.h.
#include "emulator_test_support.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

namespace pms_emulator {

using Poco::JSON::Object;

namespace {

Response Exchange(const Emulator& emu, const std::string& method, const std::string& target, bool json,
                  const char* token, const std::map<std::string, std::string>& headers, const std::string* body) {
  Response r;
  try {
    Poco::Net::HTTPClientSession session("127.0.0.1", emu.port());
    session.setTimeout(Poco::Timespan(5, 0));
    Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    if (token) request.set("X-Plex-Token", token);
    if (json) request.set("Accept", "application/json");
    for (const auto& [k, v] : headers) request.set(k, v);
    if (body) {
      request.setContentLength(static_cast<std::streamsize>(body->size()));
      session.sendRequest(request) << *body;
    } else {
      session.sendRequest(request);
    }
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Poco::StreamCopier::copyToString(in, r.body);
    r.status = response.getStatus();
    r.content_type = response.getContentType();
    for (const auto& [k, v] : response) r.headers[k] = v;
  } catch (const std::exception& e) {
    r.error = e.what();
  }
  return r;
}

}  // namespace

Response Call(const Emulator& emu, const std::string& method, const std::string& target,
              bool json, const char* token, std::map<std::string, std::string> headers) {
  return Exchange(emu, method, target, json, token, headers, nullptr);
}

Response Send(const Emulator& emu, const std::string& method, const std::string& target,
              const std::string& body, const std::string& content_type, bool json) {
  return Exchange(emu, method, target, json, kToken, {{"Content-Type", content_type}}, &body);
}

std::string Encoded(const std::string& text) {
  std::string out;
  Poco::URI::encode(text, ":/?#[]@!$&'()*+,;=", out);
  return out;
}

std::string FakeJpeg(const std::string& text) { return std::string("\xFF\xD8\xFF\xE0", 4) + text + "\xFF\xD9"; }
std::string FakePng(const std::string& text) { return std::string("\x89PNG\r\n\x1a\n", 8) + text; }

Response EditItems(const Emulator& emu, const std::string& section, const std::string& type,
                   const std::string& id, const std::string& query) {
  return Call(emu, "PUT", "/library/sections/" + section + "/all?type=" + type + "&id=" + id + "&" + query);
}

bool RefreshItem(const Emulator& emu, const std::string& key) {
  return Call(emu, "PUT", "/library/metadata/" + key + "/refresh").status == 200 &&
         emu.WaitForIdle(std::chrono::seconds(5));
}

Object::Ptr ParseObject(const std::string& body) {
  return Poco::JSON::Parser().parse(body).extract<Object::Ptr>();
}

Object::Ptr Container(const Response& r) {
  EXPECT_EQ(r.content_type.find("application/json"), 0u) << r.content_type;
  return ParseObject(r.body)->getObject("MediaContainer");
}

void EmulatorTest::Start(EmulatorOptions options, const std::string& fixture) {
  options.admin_token = kToken;
  options.managed_tokens = {"managed-token"};
  emu_ = std::make_unique<Emulator>(options);
  emu_->LoadLibraryFile(std::string(EMULATOR_FIXTURES) + "/" + fixture);
  emu_->Start();
}

void EmulatorTest::SetUp() {
  EmulatorOptions o;
  o.scan_start_delay_ms = 60;
  o.scan_ms_per_folder = 20;
  Start(o);
}

FrameCollector::FrameCollector(const Emulator& emu, const std::string& target, bool header_token) {
  session_ = std::make_unique<Poco::Net::HTTPClientSession>("127.0.0.1", emu.port());
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET, target, Poco::Net::HTTPMessage::HTTP_1_1);
  if (header_token) request.set("X-Plex-Token", kToken);
  Poco::Net::HTTPResponse response;
  ws_ = std::make_unique<Poco::Net::WebSocket>(*session_, request, response);
  ws_->setReceiveTimeout(Poco::Timespan(0, 50000));
  thread_ = std::thread([this] {
    char buf[65536];
    while (!stop_) {
      try {
        int flags = 0;
        const int n = ws_->receiveFrame(buf, sizeof buf, flags);
        if (n <= 0) break;
        std::lock_guard<std::mutex> lock(mutex_);
        frames_.emplace_back(buf, static_cast<size_t>(n));
      } catch (const Poco::TimeoutException&) {
      } catch (const std::exception&) {
        break;
      }
    }
  });
}

FrameCollector::~FrameCollector() {
  stop_ = true;
  thread_.join();
}

std::vector<std::string> FrameCollector::frames() {
  std::lock_guard<std::mutex> lock(mutex_);
  return frames_;
}

bool FrameCollector::Saw(const std::string& needle) {
  for (const std::string& f : frames()) {
    if (f.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace pms_emulator
