// SPDX-License-Identifier: MIT
#include "test_client.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

namespace plextv_emulator {

Poco::JSON::Object::Ptr Answer::Object() const {
  return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Array::Ptr Answer::Array() const {
  return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Array::Ptr>();
}

Answer Exchange(int port, Poco::Net::HTTPRequest& request, const std::string& body) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Answer a;
  a.status = response.getStatus();
  a.content_type = response.getContentType();
  Poco::StreamCopier::copyToString(in, a.body);
  return a;
}

}  // namespace plextv_emulator
