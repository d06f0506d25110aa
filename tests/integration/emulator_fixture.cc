#include "emulator_fixture.h"

#include <sstream>

#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <fmt/format.h>

#include <thread>

namespace itest {
namespace {

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string MakeConfig(uint16_t port, const std::string& token, const std::vector<Mapping>& mappings,
                       const std::string& extra) {
  std::string m;
  for (size_t i = 0; i < mappings.size(); ++i) {
    m += fmt::format(R"({}{{"metarr_path":"{}","player_path":"{}"}})", i ? "," : "",
                     Escape(mappings[i].metarr_path), Escape(mappings[i].player_path));
  }
  // Members given in `extra` come last, so they override the defaults (the parser keeps the last).
  return fmt::format(
      R"({{"name":"Integration","host":"127.0.0.1","port":{},"use_https":false,"plex_token":"{}",)"
      R"("timeout_seconds":10,"path_mappings":[{}]{}{}}})",
      port, token, m, extra.empty() ? "" : ",", extra);
}

Poco::JSON::Object::Ptr ParseJson(const std::string& json) {
  try {
    Poco::JSON::Object::Ptr o = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    if (o) return o;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not JSON (" << e.what() << "): " << json;
  }
  ADD_FAILURE() << "not a JSON object: " << json;
  return new Poco::JSON::Object();
}

Poco::JSON::Object::Ptr Change(const Poco::JSON::Object::Ptr& result, size_t i) {
  return result->getArray("changes")->getObject(static_cast<unsigned>(i));
}

std::string StatusOf(const Poco::JSON::Object::Ptr& result, size_t i) {
  return Change(result, i)->getValue<std::string>("status");
}

std::string StatusOf(const CallResult& call) {
  if (call.json.empty()) return "(no result: " + call.message + ")";
  return StatusOf(ParseJson(call.json));
}

std::string MessageOf(const Poco::JSON::Object::Ptr& result, size_t i) {
  return Change(result, i)->getValue<std::string>("message");
}

std::string JsonText(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::stringify(value, out);
  return out.str();
}

std::string SyncRequest(const std::vector<std::pair<std::string, std::string>>& changes,
                        double timeout_seconds, bool wait, bool dry_run,
                        const std::string& extra_options) {
  std::string c;
  for (size_t i = 0; i < changes.size(); ++i) {
    c += fmt::format(R"({}{{"path":"{}","kind":"{}"}})", i ? "," : "", Escape(changes[i].first),
                     changes[i].second);
  }
  return fmt::format(
      R"({{"schema_version":1,"changes":[{}],"options":{{"wait":{},"timeout_seconds":{},"dry_run":{}{}}}}})",
      c, wait ? "true" : "false", timeout_seconds, dry_run ? "true" : "false",
      extra_options.empty() ? "" : "," + extra_options);
}

void EmulatorTest::StartEmulator(pms_emulator::EmulatorOptions options,
                                 const std::string& library_json) {
  emulator_ = std::make_unique<pms_emulator::Emulator>(options);
  emulator_->LoadLibraryJson(library_json);
  emulator_->Start();
  driver_ = std::make_unique<LoadedDriver>(DriverPath());
  ASSERT_TRUE(driver_->ok()) << driver_->load_error();
}

void EmulatorTest::TearDown() {
  if (emulator_) emulator_->Stop();
}

std::unique_ptr<DriverInstance> EmulatorTest::NewInstance(const std::vector<Mapping>& mappings,
                                                          const std::string& extra) {
  auto instance = std::make_unique<DriverInstance>(
      *driver_, MakeConfig(emulator_->port(), kToken, mappings, extra));
  EXPECT_TRUE(instance->ok()) << instance->create_result().message;
  return instance;
}

std::string EmulatorTest::PublishMovie(const std::string& folder, const std::string& file) {
  temp_.WriteFile("movies/" + folder + "/" + file);
  emulator_->AddFile("/data/movies/" + folder + "/" + file);
  return temp_.path() + "/movies/" + folder;
}

void EmulatorTest::ExpectNoToken(const DriverInstance& instance,
                                 const std::vector<std::string>& documents) {
  for (const std::string& line : const_cast<DriverInstance&>(instance).recorder().Logs()) {
    EXPECT_EQ(line.find(kToken), std::string::npos) << "token in a log line: " << line;
  }
  for (const std::string& d : documents) {
    EXPECT_EQ(d.find(kToken), std::string::npos) << "token in a document: " << d;
  }
}

bool WaitUntil(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return done();
}

int LogLinesWith(DriverInstance& instance, const std::string& needle) {
  int n = 0;
  for (const std::string& line : instance.recorder().Logs()) n += line.find(needle) != std::string::npos;
  return n;
}

std::string LinuxLibraryJson() {
  return R"({"server":{"platform":"Linux"},"sections":[
    {"key":"1","type":"movie","title":"Movies","locations":["/data/movies"],
     "items":[{"rating_key":"101","title":"Existing","year":2000,
               "files":["/data/movies/Existing (2000)/Existing (2000).mkv"]}]},
    {"key":"2","type":"show","title":"TV Shows","locations":["/data/tv"]}]})";
}

}  // namespace itest
