// SPDX-License-Identifier: MIT
// What the plex.tv emulator's suites use to talk to it: one HTTP exchange on loopback and its
// answer, with the body parsed on demand.
#ifndef PLEXTV_EMULATOR_TEST_CLIENT_H_
#define PLEXTV_EMULATOR_TEST_CLIENT_H_

#include <string>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPRequest.h>

namespace plextv_emulator {

struct Answer {
  int status = 0;
  std::string content_type;
  std::string body;
  // The body as JSON; throws Poco::Exception when it is not (a test failure, with the reason).
  Poco::JSON::Object::Ptr Object() const;
  Poco::JSON::Array::Ptr Array() const;
};

// Sends `request` (headers already set; its content length is set here) with `body` to
// 127.0.0.1:`port` and reads the whole answer.
Answer Exchange(int port, Poco::Net::HTTPRequest& request, const std::string& body);

}  // namespace plextv_emulator

#endif  // PLEXTV_EMULATOR_TEST_CLIENT_H_
