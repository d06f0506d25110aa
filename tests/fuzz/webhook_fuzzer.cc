// Webhook requests as a host's HTTP server receives them from the network. Input: the
// Content-Type header on the first line, the raw body after it. Either an event (and a valid
// "event" document) or PD_ERR_INVALID_ARGUMENT naming the part that is wrong.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "events/host_event.h"
#include "fuzz_check.h"
#include "plex/webhook.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plexdriver;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t eol = input.find('\n');
  const std::string_view content_type = input.substr(0, eol);
  const std::string_view body =
      eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);
  WebhookLimits limits;
  limits.max_body_bytes = 64 << 10;  // small enough that the fuzzer reaches the limit checks
  limits.max_payload_bytes = 16 << 10;
  Result<WebhookEvent> event = ParseWebhook(content_type, body, limits);
  if (!event.ok()) {
    fuzz::CheckRefusal(event.status(), PD_ERR_INVALID_ARGUMENT);
    const std::string& m = event.status().message();
    FUZZ_CHECK(
        m.rfind("content_type", 0) == 0 || m.rfind("body", 0) == 0 || m.rfind("payload", 0) == 0,
        m);
    return 0;
  }
  FUZZ_CHECK(!event->event.empty() && !event->server_uuid.empty(), event->event);
  const std::string json = HostEventToJson(EventOfWebhook(*event), EventServer{"Fuzz", "id"});
  fuzz::CheckJsonDocument(json, fuzz::IsUtf8(body));
  return 0;
}
