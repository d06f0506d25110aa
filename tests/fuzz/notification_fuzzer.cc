// Websocket notification frames ({"NotificationContainer": ...}) and the host events the driver
// makes of them. A frame is read or refused with PD_ERR_PROTOCOL; every event document built
// from a UTF-8 frame is UTF-8 JSON.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "events/host_event.h"
#include "fuzz_check.h"
#include "plex/notifications.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plexdriver;
  const std::string_view frame(reinterpret_cast<const char*>(data), size);
  Result<Notification> n = ParseNotification(frame);
  if (!n.ok()) {
    fuzz::CheckRefusal(n.status(), PD_ERR_PROTOCOL);
    return 0;
  }
  const bool utf8 = fuzz::IsUtf8(frame);
  const EventServer server{"Fuzz", "0123456789abcdef"};
  for (const ActivityEvent& a : n->activities) {
    if (auto e = EventOfActivity(a)) fuzz::CheckJsonDocument(HostEventToJson(*e, server), utf8);
  }
  for (const TimelineEntry& t : n->timeline) {
    if (auto e = EventOfTimeline(t)) fuzz::CheckJsonDocument(HostEventToJson(*e, server), utf8);
  }
  for (const PlayingEvent& p : n->playing) {
    if (utf8)
      FUZZ_CHECK(fuzz::IsUtf8(p.session_key + p.rating_key + p.state + p.client_identifier),
                 p.state);
  }
  return 0;
}
