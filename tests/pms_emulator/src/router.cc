// The router's core, what every request goes through before and after its route: parsing,
// authentication (admin, managed and revoked tokens), fault injection, request recording,
// dispatch to the routes_*.cc files, and writing the reply (including the oversized-body fault).
#include "router.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <set>
#include <stdexcept>
#include <thread>

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include "emulator_support/text.h"
#include "server_paths.h"

namespace pms_emulator {
namespace {

constexpr const char* kNginxBody =
    "<!DOCTYPE html>\n<html>\n<head><title>Welcome to nginx!</title></head>\n<body>\n"
    "<h1>Welcome to nginx!</h1>\n</body>\n</html>\n";

using emulator_support::Lower;

// URL path segments ("/library/sections/1" → library, sections, 1).
std::vector<std::string> Split(const std::string& path) { return ServerPaths(false).Components(path); }

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Emulator::Impl* impl) : impl_(impl) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Router(impl_);
  }

 private:
  Emulator::Impl* impl_;
};

}  // namespace

Reply BadRequest(const std::string& why) {
  return Html(400, "<html><head><title>Bad Request</title></head><body><h1>400 Bad Request</h1><p>" +
                       XmlEscape(why) + "</p></body></html>");
}

bool IsNumber(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

Reply Router::Container(const Call& call, const Element& mc) const {
  Reply r;
  if (call.json) {
    r.content_type = "application/json";
    r.body = mc.ToJson();
  } else {
    r.body = mc.ToXml();
  }
  return r;
}

Reply Router::Route(const Call& call) {
  const auto& p = call.parts;
  if (call.path == "/identity") return Identity(call);
  if (call.path == "/") return Root(call);
  if (p.size() == 2 && p[0] == "library" && p[1] == "sections" && call.method == "GET") return Sections(call);
  if (p.size() >= 3 && p[0] == "library" && p[1] == "sections") {
    // library, sections, {id}, [action]
    if (call.part(3) == "refresh") return SectionRefresh(call);
    if (call.part(3) == "emptyTrash") return EmptyTrash(call);
    if (call.part(3) == "folder") return SectionFolder(call);
    if (call.part(3) == "all" && call.method == "PUT" && p.size() == 4) return EditItems(call);
    return SectionContents(call);
  }
  if (p.size() >= 3 && p[0] == "library" && p[1] == "metadata") {
    // library, metadata, {key}, [children|allLeaves|refresh|match|…|posters|poster|thumb|…]
    static const std::set<std::string> kWork = {"refresh", "match", "unmatch", "analyze"};
    static const std::set<std::string> kImages = {"posters", "arts", "banners", "poster", "art",
                                                  "banner",  "thumb", "file"};
    if (kWork.count(call.part(3))) return ItemRefresh(call);
    if (kImages.count(call.part(3))) return ItemImages(call);
    return Metadata(call);
  }
  if (p.size() >= 3 && p[0] == "media" && p[1] == "providers" && p[2] == "metadata") return MetadataProviders(call);
  if (!p.empty() && p[0] == "activities") return Activities(call);
  if (p.size() == 2 && p[0] == "status" && p[1] == "sessions") return SessionsList(call);
  if (call.path == "/status/sessions/history/all") return SessionHistory(call);
  if (call.path == "/hubs/search") return HubSearch(call);
  if (call.path == "/:/prefs") return ServerPrefs(call);
  return Html(404, kNotFoundBody);
}

Router::Access Router::Authenticate(const std::string& token) const {
  bool revoked = false;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    const std::vector<std::string>& r = impl_->revoked_tokens;
    revoked = std::find(r.begin(), r.end(), token) != r.end();
  }
  Access access;
  access.admin = !revoked && !token.empty() && token == impl_->options.admin_token;
  access.managed = !revoked && !access.admin && !token.empty() &&
                   std::find(impl_->options.managed_tokens.begin(), impl_->options.managed_tokens.end(),
                             token) != impl_->options.managed_tokens.end();
  return access;
}

std::optional<FaultRule> Router::TakeFault(const Call& call) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  for (auto it = impl_->faults.begin(); it != impl_->faults.end(); ++it) {
    if (!it->method.empty() && it->method != call.method) continue;
    if (!it->path_prefix.empty() && call.path.rfind(it->path_prefix, 0) != 0) continue;
    const FaultRule fault = *it;
    if (it->times > 0 && --it->times == 0) impl_->faults.erase(it);
    return fault;
  }
  return std::nullopt;
}

bool Router::ApplyFault(const FaultRule& fault, Call* call, bool* truncate,
                        Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
  switch (fault.kind) {
    case FaultKind::kLatency:
      std::this_thread::sleep_for(std::chrono::milliseconds(fault.latency_ms));
      return false;
    case FaultKind::kHttpStatus:
      Record(fault.http_status);
      Write(response, Html(fault.http_status, fmt::format("<html><head><title>{0}</title></head><body><h1>{0}</h1></body></html>", fault.http_status)), false, request);
      return true;
    case FaultKind::kConnectionReset:
      Record(0);
      // Answer nothing and let Poco close the connection on its own thread (closing it here
      // races with Poco's reference to the socket); with linger 0 the close sends RST.
      static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket().setLinger(true, 0);
      response.setKeepAlive(false);
      return true;
    case FaultKind::kTruncatedBody:
      *truncate = true;
      return false;
    case FaultKind::kXmlForJson:
      call->json = false;
      return false;
    case FaultKind::kNotPlex: {
      Record(200);
      Reply r = Html(200, kNginxBody);
      r.headers.emplace_back("Server", "nginx/1.22.1");
      Write(response, r, false, request);
      return true;
    }
    case FaultKind::kOversizedBody:
      Record(200);
      WriteOversized(response, fault);
      return true;
    case FaultKind::kStall: {
      std::unique_lock<std::mutex> lock(impl_->mutex);
      const uint64_t generation = impl_->fault_generation;
      impl_->stall_cv.wait(lock, [&] { return impl_->stopping || impl_->fault_generation != generation; });
      return impl_->stopping;  // a stopping server drops the request unanswered
    }
  }
  return false;
}

void Router::Record(int status) {
  record_.status = status;
  impl_->requests.Add(record_);
}

void Router::Write(Poco::Net::HTTPServerResponse& response, const Reply& reply, bool truncate,
                   Poco::Net::HTTPServerRequest& request) {
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
  response.setContentType(reply.content_type);
  response.set("X-Plex-Protocol", "1.0");
  for (const auto& [k, v] : reply.headers) response.set(k, v);
  response.setContentLength(static_cast<std::streamsize>(reply.body.size()));
  if (!truncate) {
    response.sendBuffer(reply.body.data(), reply.body.size());
    return;
  }
  std::ostream& out = response.send();
  out.write(reply.body.data(), static_cast<std::streamsize>(reply.body.size() / 2));
  out.flush();
  auto& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket();
  socket.shutdown();  // the peer sees end of stream before Content-Length bytes
}

void Router::WriteOversized(Poco::Net::HTTPServerResponse& response, const FaultRule& fault) {
  response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentType("application/json");
  if (fault.chunked) {
    response.setChunkedTransferEncoding(true);
  } else {
    response.setContentLength64(fault.body_bytes);
  }
  const std::string filler(64 * 1024, ' ');
  try {
    std::ostream& out = response.send();
    for (int64_t left = fault.body_bytes; left > 0 && out && impl_->running.load();) {
      const auto n = static_cast<std::streamsize>(std::min<int64_t>(left, static_cast<int64_t>(filler.size())));
      out.write(filler.data(), n);
      left -= n;
      if (fault.latency_ms > 0) {
        out.flush();
        std::this_thread::sleep_for(std::chrono::milliseconds(fault.latency_ms));
      }
    }
    out.flush();
  } catch (const std::exception&) {
    // the peer stopped reading, as a client with a size limit does
  }
}

void Router::handleRequest(Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response) {
  Call call;
  call.method = request.getMethod();
  Poco::URI uri(request.getURI());
  call.path = uri.getPath();
  while (call.path.size() > 1 && call.path.back() == '/') call.path.pop_back();  // trailing slash ok
  if (call.path.empty()) call.path = "/";
  call.parts = Split(call.path);
  for (const auto& [k, v] : uri.getQueryParameters()) call.params[k] = v;
  for (const auto& [k, v] : request) call.headers[Lower(k)] = v;
  call.token = call.headers.count("x-plex-token") ? call.headers["x-plex-token"]
               : call.params.count("X-Plex-Token") ? call.params["X-Plex-Token"] : "";
  call.json = call.headers.count("accept") && call.headers["accept"].find("application/json") != std::string::npos;
  const Access access = Authenticate(call.token);

  if (call.method == "POST" || call.method == "PUT") Poco::StreamCopier::copyToString(request.stream(), call.body);
  if (!call.parts.empty() && call.parts[0] == "__emulator") {
    const Reply reply = access.admin ? Control(call) : Html(401, kUnauthorizedBody);
    Write(response, reply, false, request);
    return;
  }

  record_.method = call.method;
  record_.path = call.path;
  record_.query = uri.getRawQuery();
  record_.params = call.params;
  record_.headers = call.headers;
  record_.time = Clock::now();

  bool truncate = false;
  if (const std::optional<FaultRule> fault = TakeFault(call)) {
    if (ApplyFault(*fault, &call, &truncate, request, response)) return;
  }

  if (IsWebsocketPath(call.path)) {
    ServeWebsocket(request, response, access.admin || access.managed);
    return;
  }

  Reply reply;
  if (call.path != "/identity" && !access.admin && !access.managed) {
    reply = Html(401, kUnauthorizedBody);  // HTML even when JSON was asked for
  } else if (access.managed && (call.path.rfind("/library", 0) == 0 || call.path.rfind("/status", 0) == 0 ||
                                call.path.rfind("/activities", 0) == 0 || call.path == "/:/prefs")) {
    reply = Html(403, "<html><head><title>Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>");
  } else {
    try {
      reply = Route(call);
    } catch (const std::logic_error& e) {  // std::stoll & co. on an id too long to be one
      reply = BadRequest(std::string("a value is out of range or not a number (") + e.what() + ")");
    }
  }
  Record(reply.status);
  Write(response, reply, truncate, request);
}

Poco::Net::HTTPRequestHandlerFactory* NewRouterFactory(Emulator::Impl* impl) { return new Factory(impl); }

}  // namespace pms_emulator
