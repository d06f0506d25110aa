#include "plex/server_clock.h"

#include <chrono>

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeParser.h>
#include <Poco/Exception.h>

namespace plexdriver {

int64_t ServerTimeOf(const HttpResponse& response) {
  try {
    int tzd = 0;
    return Poco::DateTimeParser::parse(Poco::DateTimeFormat::HTTP_FORMAT, response.Header("Date"), tzd)
        .timestamp()
        .epochTime();
  } catch (const Poco::Exception&) {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
}

}  // namespace plexdriver
