#include "net/notification_socket.h"

#include <memory>
#include <random>
#include <vector>

#include <Poco/Buffer.h>
#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/WebSocket.h>
#include <fmt/format.h>

#include "net/plex_direct.h"
#include "net/tls_context.h"

namespace plexdriver {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(100);  // how often Stop() is noticed

// A session over a socket this file connected (and, for https, handshook) itself, so Stop() could
// abort both. Poco's own constructors for that case set the port afterwards, which throws for an
// https socket that is already connected.
template <typename Session>
class AttachedSession : public Session {
 public:
  template <typename... Args>
  AttachedSession(const Poco::Net::StreamSocket& connected, Args&&... args)
      : Session(std::forward<Args>(args)...) {
    this->attachSocket(connected);
  }
};

}  // namespace

NotificationSocket::NotificationSocket(NotificationSocketOptions options, FrameHandler on_frame,
                                       StateHandler on_state)
    : options_(std::move(options)), on_frame_(std::move(on_frame)), on_state_(std::move(on_state)) {}

NotificationSocket::~NotificationSocket() { Stop(); }

void NotificationSocket::Start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable() || stop_) return;
  thread_ = std::thread([this] { Run(); });
}

void NotificationSocket::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
    stopping_.store(true);
  }
  aborter_.Abort();  // a connect or handshake in progress ends now
  wake_.notify_all();
  if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

bool NotificationSocket::WaitConnected(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  wake_.wait_for(lock, timeout, [&] { return stop_ || connected_.load() || down_; });
  return connected_.load();
}

bool NotificationSocket::SleepUnlessStopped(std::chrono::milliseconds delay) {
  std::unique_lock<std::mutex> lock(mutex_);
  return !wake_.wait_for(lock, delay, [&] { return stop_; });
}

void NotificationSocket::SetConnected(bool connected, const Status& why) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    connected_.store(connected);
    down_ = !connected;
  }
  wake_.notify_all();
  if (on_state_) on_state_(connected, why);
}

void NotificationSocket::Run() {
  std::mt19937 rng(std::random_device{}());
  auto backoff = options_.reconnect_min;
  while (!stopping_.load()) {
    const int before = connections_.load();
    Status why = ConnectAndRead();
    if (stopping_.load()) break;
    if (connected_.load()) {
      SetConnected(false, why);
    } else {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        down_ = true;
      }
      wake_.notify_all();
      if (on_state_) on_state_(false, why);
    }
    // A connection that worked resets the backoff; repeated failures double it, with jitter
    // so many drivers reconnecting to one restarted server do not arrive in lockstep.
    if (connections_.load() > before) backoff = options_.reconnect_min;
    std::uniform_int_distribution<long> jitter(0, backoff.count() / 2);
    if (!SleepUnlessStopped(backoff + std::chrono::milliseconds(jitter(rng)))) break;
    backoff = std::min(backoff * 2, options_.reconnect_max);
  }
  if (connected_.load()) SetConnected(false, Status(PD_ERR_CANCELLED, "stopped"));
}

Status NotificationSocket::ConnectAndRead() {
  const std::string where = fmt::format("{}:{}", options_.host, options_.port);
  try {
    // The socket exists before it connects, so Stop() can end a connect or a handshake that a
    // stalled server never answers (it is registered with aborter_ for that). A *.plex.direct
    // name is reached through the address it encodes; the name still goes into the Host header
    // and the certificate check.
    const Poco::Net::SocketAddress address(PlexDirectAddress(options_.host).value_or(options_.host),
                                           static_cast<Poco::UInt16>(options_.port));
    Poco::Net::StreamSocket plain(address.family());
    SocketAborter::Registration abortable(&aborter_, plain.impl()->sockfd());
    if (abortable.refused()) return Status(PD_ERR_CANCELLED, "stopped");
    const auto timeout = Poco::Timespan(
        static_cast<Poco::Timespan::TimeDiff>(options_.connect_timeout_seconds * 1e6));
    plain.connect(address, timeout);
    plain.setReceiveTimeout(timeout);
    plain.setSendTimeout(timeout);
    const auto port = static_cast<Poco::UInt16>(options_.port);
    std::unique_ptr<Poco::Net::HTTPClientSession> session;
    if (options_.use_https) {
      Poco::Net::Context::Ptr context = MakeClientTlsContext(options_.verify_tls, options_.ca_file);
      // The handshake verifies the certificate for options_.host, as the HTTP requests do.
      Poco::Net::SecureStreamSocket secure = Poco::Net::SecureStreamSocket::attach(plain, options_.host, context);
      secure.setReceiveTimeout(timeout);
      secure.setSendTimeout(timeout);
      session = std::make_unique<AttachedSession<Poco::Net::HTTPSClientSession>>(secure, options_.host, port, context);
    } else {
      session = std::make_unique<AttachedSession<Poco::Net::HTTPClientSession>>(plain, options_.host, port);
    }
    Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_GET,
                                   "/:/websockets/notifications",
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("X-Plex-Token", options_.token);
    request.set("X-Plex-Client-Identifier", options_.client_identifier);
    request.set("X-Plex-Product", "plexdriver");
    Poco::Net::HTTPResponse response;
    Poco::Net::WebSocket ws(*session, request, response);
    ws.setReceiveTimeout(Poco::Timespan(0, static_cast<long>(kPollInterval.count() * 1000)));
    connections_.fetch_add(1);
    SetConnected(true, Status::Ok());

    // Frames are read into a buffer that grows to the largest frame seen (not a megabyte per
    // connection up front); Poco refuses a frame over the limit (WS_ERR_PAYLOAD_TOO_BIG).
    ws.setMaxPayloadSize(static_cast<int>(options_.max_frame_bytes));
    Poco::Buffer<char> buffer(0);
    std::string message;  // reassembles fragmented messages
    while (!stopping_.load()) {
      int flags = 0;
      int n = 0;
      try {
        buffer.resize(0);  // receiveFrame appends
        n = ws.receiveFrame(buffer, flags);
      } catch (const Poco::TimeoutException&) {
        continue;
      }
      const int opcode = flags & Poco::Net::WebSocket::FRAME_OP_BITMASK;
      if (n == 0 && flags == 0) return Status(PD_ERR_UNREACHABLE, where + " closed the websocket");
      if (opcode == Poco::Net::WebSocket::FRAME_OP_CLOSE) {
        return Status(PD_ERR_UNREACHABLE, where + " closed the websocket");
      }
      if (opcode == Poco::Net::WebSocket::FRAME_OP_PING) {
        ws.sendFrame(buffer.begin(), n,
                     Poco::Net::WebSocket::FRAME_FLAG_FIN | Poco::Net::WebSocket::FRAME_OP_PONG);
        continue;
      }
      if (opcode == Poco::Net::WebSocket::FRAME_OP_TEXT ||
          opcode == Poco::Net::WebSocket::FRAME_OP_CONT) {
        message.append(buffer.begin(), static_cast<size_t>(n));
        if (message.size() > options_.max_frame_bytes) {
          return Status(PD_ERR_PROTOCOL, fmt::format("{} sent a websocket message over {} bytes (the "
                                                     "limit); reconnecting", where, options_.max_frame_bytes));
        }
        if (flags & Poco::Net::WebSocket::FRAME_FLAG_FIN) {
          if (on_frame_) on_frame_(message);
          message.clear();
        }
      }
    }
    return Status(PD_ERR_CANCELLED, "stopped");
  } catch (const Poco::Net::WebSocketException& e) {
    if (e.code() == Poco::Net::WebSocket::WS_ERR_PAYLOAD_TOO_BIG) {
      return Status(PD_ERR_PROTOCOL, fmt::format("{} sent a websocket message over {} bytes (the "
                                                 "limit); reconnecting", where, options_.max_frame_bytes));
    }
    if (e.code() == Poco::Net::WebSocket::WS_ERR_UNAUTHORIZED) {
      return Status(PD_ERR_UNAUTHORIZED, where + " refused the websocket (HTTP 401): check plex_token", 401);
    }
    return Status(PD_ERR_PROTOCOL, fmt::format("websocket to {} failed: {}", where, e.message()));
  } catch (const Poco::TimeoutException&) {
    return Status(PD_ERR_TIMEOUT, where + " did not answer the websocket handshake in time");
  } catch (const Poco::Net::SSLException& e) {
    return Status(PD_ERR_TLS, fmt::format("websocket TLS with {} failed: {}", where, e.message()));
  } catch (const Poco::Exception& e) {
    return Status(PD_ERR_UNREACHABLE, fmt::format("websocket to {}: {}", where, e.displayText()));
  }
}

}  // namespace plexdriver
