// The host the crash test kills (queue_crash_test.cc): loads the driver as a host does, creates
// one instance from the config file given, and reads sync requests from stdin, one JSON per line.
// It tells the test what it was told, one line each, written with write(2) the moment it knows:
//   QUEUED <id>                 sync answered "queued" for the change (the host has accepted it)
//   EVENT <id> <status> <resumed 0|1>   a sync.change event arrived (written before the host
//                               "processes" it for a moment, so a kill can land mid-event)
//   RECOVERED <resumed> <damaged 0|1>   the queue.recovered event
//   LOG <message>               the driver's warnings and errors
//   READY / EXIT                created / destroyed cleanly (stdin closed)
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <thread>

#include <Poco/JSON/Parser.h>

#include "driver_harness.h"

namespace {

void Emit(const std::string& line) {
  const std::string text = line + "\n";
  // One write per line (below PIPE_BUF): lines never interleave, and nothing waits in a buffer
  // when the kill comes.
  ssize_t ignored = ::write(STDOUT_FILENO, text.data(), text.size());
  (void)ignored;
}

std::string Get(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  return o && o->has(key) ? o->get(key).convert<std::string>() : std::string();
}

void OnLog(void*, pd_log_level level, const char* message) {
  if (level >= PD_LOG_WARN) Emit(std::string("LOG ") + message);
}

void OnEvent(void*, const char* json) {
  try {
    Poco::JSON::Parser parser;
    auto event = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    const std::string type = Get(event, "type");
    if (type == "sync.change") {
      auto change = event->getObject("change");
      Emit("EVENT " + Get(change, "id") + " " + Get(change, "status") + " " +
           (event->getValue<bool>("resumed") ? "1" : "0"));
      // The host "records the outcome in its database": a kill now means the driver has
      // delivered the event but not yet journaled its delivery (the repeat case).
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    } else if (type == "queue.recovered") {
      auto queue = event->getObject("queue");
      Emit("RECOVERED " + Get(queue, "resumed") + " " + (queue->getValue<bool>("damaged") ? "1" : "0"));
    }
  } catch (const std::exception& e) {
    Emit(std::string("LOG crash_host: event not understood: ") + e.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: crash_host DRIVER CONFIG_FILE\n");
    return 2;
  }
  itest::LoadedDriver driver(argv[1]);
  if (!driver.ok()) {
    Emit("LOG load: " + driver.load_error());
    return 1;
  }
  std::ifstream in(argv[2]);
  const std::string config((std::istreambuf_iterator<char>(in)), {});
  pd_host host{};
  host.struct_size = sizeof host;
  host.log = OnLog;
  host.event = OnEvent;
  pd_instance* instance = nullptr;
  pd_error err{};
  err.struct_size = sizeof err;
  if (driver.api().create(&host, config.c_str(), &instance, &err) != PD_OK) {
    Emit(std::string("LOG create: ") + err.message);
    return 1;
  }
  Emit("READY");
  std::string request;
  while (std::getline(std::cin, request)) {
    std::string result;
    pd_sink sink{sizeof(pd_sink), &result, [](void* ctx, const char* data, size_t size) {
                   static_cast<std::string*>(ctx)->append(data, size);
                 }};
    if (driver.api().sync(instance, request.c_str(), nullptr, &sink, &err) != PD_OK) {
      Emit(std::string("LOG sync: ") + err.message);
      continue;
    }
    Poco::JSON::Parser parser;
    auto doc = parser.parse(result).extract<Poco::JSON::Object::Ptr>();
    auto changes = doc->getArray("changes");
    for (size_t i = 0; i < changes->size(); ++i) {
      auto c = changes->getObject(static_cast<unsigned>(i));
      if (Get(c, "status") == "queued") {
        Emit("QUEUED " + Get(c, "id"));
      } else {
        Emit("LOG not queued: " + Get(c, "id") + " " + Get(c, "status") + ": " + Get(c, "message"));
      }
    }
  }
  driver.api().destroy(instance);
  Emit("EXIT");
  return 0;
}
