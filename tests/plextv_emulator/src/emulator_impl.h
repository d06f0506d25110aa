// The plex.tv emulator's state and its HTTP routes. One mutex guards everything; no I/O happens
// while it is held.
#ifndef PLEXTV_EMULATOR_SRC_EMULATOR_IMPL_H_
#define PLEXTV_EMULATOR_SRC_EMULATOR_IMPL_H_

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "emulator_support/request_log.h"
#include "plextv_emulator/emulator.h"

namespace plextv_emulator {

struct Pin {
  int64_t id = 0;
  std::string code;
  std::string client_identifier;
  std::string product;
  bool strong = false;
  Clock::time_point expires;
  int64_t created_unix = 0;
  int lifetime_seconds = 0;
  std::string approved_by;  // username; "" while waiting
  bool forced_expired = false;
  int polls = 0;
};

// What a route answers.
struct Reply {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

struct Emulator::Impl {
  Impl(Emulator* self, EmulatorOptions o) : owner(self), options(std::move(o)) {}

  // Answers one request (routes.cc). Takes `mutex` itself.
  Reply Handle(RecordedRequest& request, bool json);

  // Helpers for routes; need `mutex`.
  const Account* AccountByToken(const std::string& token) const;
  bool PinExpired(const Pin& pin, Clock::time_point now) const;

  Emulator* owner;  // the control API drives the emulator through its public API
  EmulatorOptions options;
  mutable std::mutex mutex;
  mutable std::condition_variable pin_created;
  std::vector<Account> accounts;
  std::vector<Resource> resources;
  std::vector<Pin> pins;
  std::set<std::string> revoked;
  emulator_support::RequestLog<RecordedRequest> requests;
  int64_t next_pin_id = 111222333;
  int64_t next_account_id = 1000001;

  std::unique_ptr<Poco::ThreadPool> pool;
  std::unique_ptr<Poco::Net::HTTPServer> server;
  uint16_t bound_port = 0;
};

// The HTTP server's handler factory over `impl` (routes.cc).
Poco::Net::HTTPRequestHandlerFactory::Ptr NewHandlerFactory(Emulator::Impl* impl);

}  // namespace plextv_emulator

#endif  // PLEXTV_EMULATOR_SRC_EMULATOR_IMPL_H_
