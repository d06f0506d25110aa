// Instance configuration JSON, as users write it. Either a config or PD_ERR_INVALID_CONFIG with
// a message that starts with the key ("config...") and never contains the token's value.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/config.h"
#include "fuzz_check.h"

namespace {

constexpr const char* kMarker = "TOKEN-MARKER-3f9c2a71";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plexdriver;
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  Result<DriverConfig> config = ParseDriverConfig(json);
  if (!config.ok()) {
    fuzz::CheckRefusal(config.status(), PD_ERR_INVALID_CONFIG);
    FUZZ_CHECK(config.status().message().rfind("config", 0) == 0, config.status().message());
    // The same document with the token's value swapped for a marker: the marker must not show
    // in the message (comparing with the token itself trips on tokens like "config").
    const std::string token = fuzz::StringMember(json, "plex_token");
    if (!token.empty() && json.find(kMarker) == std::string_view::npos &&
        fuzz::OccursOnce(json, token)) {
      std::string marked(json);
      marked.replace(marked.find(token), token.size(), kMarker);
      Result<DriverConfig> again = ParseDriverConfig(marked);
      if (!again.ok())
        FUZZ_CHECK(again.status().message().find(kMarker) == std::string::npos,
                   again.status().message());
    }
    return 0;
  }
  FUZZ_CHECK(!config->host.empty() && !config->plex_token.empty(), config->host);
  FUZZ_CHECK(config->port >= 1 && config->port <= 65535, std::to_string(config->port));
  FUZZ_CHECK(config->timeout_seconds > 0 && config->timeout_seconds <= 3600, "timeout");
  FUZZ_CHECK(!config->client_identifier.empty() && config->client_identifier.size() <= 128,
             config->client_identifier);
  // Both are sent as headers (X-Plex-Client-Identifier, X-Plex-Device-Name).
  FUZZ_CHECK(IsVisibleAscii(config->client_identifier), config->client_identifier);
  FUZZ_CHECK(!HasControlCharacter(config->name), config->name);
  return 0;
}
