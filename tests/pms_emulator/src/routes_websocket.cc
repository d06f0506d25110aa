// The notification websocket, /:/websockets/notifications (and Plex's older singular
// /:/websocket/notifications): refused when switched off or without a token, else upgraded and
// handed to the hub (notification_hub.cc) for as long as the client stays.
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/WebSocket.h>

#include "router.h"

namespace pms_emulator {

bool Router::IsWebsocketPath(const std::string& path) {
  return path == "/:/websockets/notifications" || path == "/:/websocket/notifications";
}

void Router::ServeWebsocket(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                            bool authorized) {
  bool enabled;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    enabled = impl_->websocket_enabled;
  }
  if (!enabled) {
    Record(404);
    Write(response, Html(404, ""), false, request);
    return;
  }
  if (!authorized) {
    Record(401);
    Write(response, Html(401, kUnauthorizedBody), false, request);
    return;
  }
  try {
    Poco::Net::WebSocket ws(request, response);
    Record(101);
    impl_->hub.Serve(ws);
  } catch (const std::exception&) {
    Record(400);
    if (!response.sent()) Write(response, Html(400, ""), false, request);
  }
}

}  // namespace pms_emulator
