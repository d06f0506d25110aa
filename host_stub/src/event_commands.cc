#include "event_commands.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <string>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <fmt/format.h>

#include "command_support.h"
#include "report_printer.h"

namespace host_stub {
namespace {

using Clock = std::chrono::steady_clock;

// Both commands need the ABI 1.2 table up to its last member (handle_webhook).
constexpr size_t kEventTableEnd = offsetof(pd_driver, handle_webhook) + sizeof(void*);

// Prints events as they come and tells the main thread when to stop.
class EventPrinter {
 public:
  EventPrinter(const CliOptions& o) : json_(o.json), count_(o.count) {
    if (o.seconds) deadline_ = Clock::now() + std::chrono::milliseconds(static_cast<int64_t>(*o.seconds * 1000));
  }

  void Print(const std::string& event_json) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (done_) return;
      std::cout << (json_ ? event_json + "\n" : RenderEvent(event_json)) << std::flush;
      ++seen_;
      if (count_ && seen_ >= *count_) done_ = true;
    }
    wake_.notify_all();
  }

  // Blocks until --count events, --seconds, or Ctrl-C.
  void WaitUntilDone() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (!done_ && !HostCallbacks::interrupted()) {
      const auto step = Clock::now() + std::chrono::milliseconds(100);
      wake_.wait_until(lock, deadline_ ? std::min(*deadline_, step) : step);
      if (deadline_ && Clock::now() >= *deadline_) break;
    }
    done_ = true;  // nothing printed from here on
  }

 private:
  const bool json_;
  const std::optional<int> count_;
  std::optional<Clock::time_point> deadline_;
  std::mutex mutex_;
  std::condition_variable wake_;
  int seen_ = 0;
  bool done_ = false;
};

constexpr std::streamsize kMaxWebhookBody = 100 << 20;  // the most a driver config may allow

class WebhookHandler : public Poco::Net::HTTPRequestHandler {
 public:
  WebhookHandler(const pd_driver& api, pd_instance* instance, const std::string& path, EventPrinter* printer)
      : api_(api), instance_(instance), path_(path), printer_(printer) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    const std::string target = request.getURI().substr(0, request.getURI().find('?'));
    if (target != path_) {
      return Reply(response, Poco::Net::HTTPResponse::HTTP_NOT_FOUND,
                   fmt::format("no webhook receiver here; Plex should post to {}", path_));
    }
    if (request.getMethod() != Poco::Net::HTTPRequest::HTTP_POST) {
      response.set("Allow", "POST");
      return Reply(response, Poco::Net::HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "webhooks are POSTed");
    }
    if (request.hasContentLength() && request.getContentLength64() > kMaxWebhookBody) {
      return Reply(response, Poco::Net::HTTPResponse::HTTP_REQUESTENTITYTOOLARGE, "body too large");
    }
    std::string body;
    char chunk[65536];
    std::istream& in = request.stream();
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
      body.append(chunk, static_cast<size_t>(in.gcount()));
      if (static_cast<std::streamsize>(body.size()) > kMaxWebhookBody) {
        return Reply(response, Poco::Net::HTTPResponse::HTTP_REQUESTENTITYTOOLARGE, "body too large");
      }
    }
    std::string event;
    pd_sink sink{sizeof(pd_sink), &event, &AppendToString};
    pd_error err = NewError();
    const pd_status st = api_.handle_webhook(instance_, request.getContentType().c_str(), body.data(),
                                             body.size(), &sink, &err);
    if (st != PD_OK) {
      PrintFailure("webhook", st, err);
      return Reply(response, Poco::Net::HTTPResponse::HTTP_BAD_REQUEST, err.message);
    }
    printer_->Print(event);
    response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    response.setContentType("application/json");
    response.send() << event;
  }

 private:
  static void Reply(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
                    const std::string& message) {
    response.setStatus(status);
    response.setContentType("text/plain; charset=utf-8");
    response.send() << message << "\n";
  }

  const pd_driver& api_;
  pd_instance* instance_;
  const std::string path_;
  EventPrinter* printer_;
};

class WebhookHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  WebhookHandlerFactory(const pd_driver& api, pd_instance* instance, std::string path, EventPrinter* printer)
      : api_(api), instance_(instance), path_(std::move(path)), printer_(printer) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new WebhookHandler(api_, instance_, path_, printer_);
  }

 private:
  const pd_driver& api_;
  pd_instance* instance_;
  const std::string path_;
  EventPrinter* printer_;
};

}  // namespace

int RunWatch(const DriverLibrary& lib, pd_instance* instance, HostCallbacks& host, const CliOptions& o) {
  if (!Implements(lib, 2, kEventTableEnd)) return ReportNeedsAbi(lib, "watch", 2);
  const pd_driver& api = lib.api();
  EventPrinter printer(o);
  host.SetEventHandler([&](const std::string& e) { printer.Print(e); });
  pd_error err = NewError();
  const pd_status st = api.connect(instance, nullptr, &err);
  if (st != PD_OK) {
    host.SetEventHandler(nullptr);
    PrintFailure("watch", st, err);
    return CallExitCode(st);
  }
  std::fprintf(stderr, "watching; Ctrl-C stops\n");
  printer.WaitUntilDone();
  host.SetEventHandler(nullptr);  // the instance (and its thread) is destroyed by the caller
  return kExitOk;
}

int RunListen(const DriverLibrary& lib, pd_instance* instance, HostCallbacks&, const CliOptions& o) {
  if (!Implements(lib, 2, kEventTableEnd)) return ReportNeedsAbi(lib, "listen", 2);
  const pd_driver& api = lib.api();
  EventPrinter printer(o);  // webhook events only: `watch` shows the websocket's
  try {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(o.bind, static_cast<Poco::UInt16>(o.port)));
    auto* params = new Poco::Net::HTTPServerParams();
    params->setMaxThreads(4);
    params->setKeepAlive(false);
    Poco::Net::HTTPServer server(new WebhookHandlerFactory(api, instance, o.webhook_path, &printer), socket, params);
    server.start();
    std::fprintf(stderr, "listening on http://%s:%u%s ; Ctrl-C stops\n", o.bind.c_str(),
                 static_cast<unsigned>(socket.address().port()), o.webhook_path.c_str());
    std::fflush(stderr);
    printer.WaitUntilDone();
    server.stopAll(true);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "listen failed: cannot serve on %s:%d: %s\n", o.bind.c_str(), o.port, e.what());
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace host_stub
