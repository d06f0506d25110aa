#include "plex/pms_client.h"

#include <optional>
#include <random>
#include <thread>

#include <fmt/format.h>

#include "net/request_deadline.h"
#include "plex/pms_parser.h"
#include "plex/x_plex_headers.h"

namespace plexdriver {
namespace {

std::string PathOnly(const std::string& target) { return target.substr(0, target.find('?')); }

}  // namespace

PmsClient::PmsClient(HttpTransport* transport, ClientIdentity identity)
    : transport_(transport), identity_(std::move(identity)) {}

HttpRequest PmsClient::MakeRequest(const std::string& method, const std::string& target,
                                   bool with_token) const {
  HttpRequest req;
  req.method = method;
  req.target = target;
  req.headers = XPlexHeaders(identity_.product, identity_.version, identity_.client_identifier,
                             identity_.device_name);
  if (with_token) req.headers.emplace_back("X-Plex-Token", identity_.token);
  return req;
}

Status PmsClient::CheckStatus(const HttpRequest& request, const HttpResponse& response) const {
  const int code = response.status;
  if (code >= 200 && code < 300) return Status::Ok();
  const std::string where = fmt::format("{} {}", request.method, PathOnly(request.target));
  const std::string server = transport_->BaseUrl();
  if (code == 401) {
    return Status(PD_ERR_UNAUTHORIZED,
                  fmt::format("{} rejected the token (HTTP 401 on {}): check plex_token. It must "
                              "be the X-Plex-Token of an account that can reach this server (in "
                              "Plex Web: an item's '...' > Get Info > View XML shows it in the URL)",
                              server, where), code);
  }
  if (code == 403) {
    return Status(PD_ERR_FORBIDDEN,
                  fmt::format("{} accepted the token but refused {} (HTTP 403): use the token of "
                              "the server's owner (admin); managed and shared users cannot scan",
                              server, where), code);
  }
  if (code == 404) {
    return Status(PD_ERR_NOT_FOUND, fmt::format("{} has no {} (HTTP 404)", server, where), code);
  }
  if (code >= 500) {
    return Status(PD_ERR_SERVER, fmt::format("{} failed on {} (HTTP {}): the server reported an "
                                             "internal error; try again, check the Plex logs if "
                                             "it persists", server, where, code), code);
  }
  return Status(PD_ERR_PROTOCOL, fmt::format("{} answered {} with unexpected HTTP {}", server,
                                             where, code), code);
}

Result<HttpResponse> PmsClient::Call(const std::string& method, const std::string& target) {
  return Send(MakeRequest(method, target, /*with_token=*/true));
}

Result<HttpResponse> PmsClient::Post(const std::string& target, std::string body, const std::string& content_type) {
  HttpRequest req = MakeRequest("POST", target, /*with_token=*/true);
  req.headers.emplace_back("Content-Type", content_type);
  req.body = std::move(body);
  return Send(req);
}

Result<HttpResponse> PmsClient::Send(const HttpRequest& req) {
  const std::string& method = req.method;
  const std::string& target = req.target;
  Result<HttpResponse> res = transport_->Send(req);
  if (!res.ok()) return res.status();
  if (auth_observer_ && (res->status == 401 || res->status == 403 ||
                         (res->status >= 200 && res->status < 300))) {
    auth_observer_(res->status == 401, method + " " + PathOnly(target));
  }
  Status s = CheckStatus(req, *res);
  if (!s.ok()) return s;
  return res;
}

Result<HttpResponse> PmsClient::Get(const std::string& target) { return Call("GET", target); }

bool PmsClient::IsTransient(const Status& failure) {
  // A transport error has no HTTP status (detail 0): the answer was lost or mangled on the way.
  return failure.code() == PD_ERR_SERVER || failure.code() == PD_ERR_UNREACHABLE ||
         (failure.code() == PD_ERR_PROTOCOL && failure.detail() == 0);
}

Result<HttpResponse> PmsClient::GetRetrying(const std::string& target, const RetryPolicy& policy) {
  static thread_local std::mt19937 rng(std::random_device{}());
  auto delay = policy.backoff;
  for (int attempt = 1;; ++attempt) {
    Result<HttpResponse> res = Get(target);
    if (res.ok() || !IsTransient(res.status()) || attempt >= policy.attempts) return res;
    if (policy.stop && policy.stop()) return res;
    // Jitter, so the drivers of many hosts do not come back to a recovering server in step.
    std::uniform_int_distribution<long> jitter(0, delay.count() / 2);
    const auto wake = std::chrono::steady_clock::now() + delay + std::chrono::milliseconds(jitter(rng));
    if (std::optional<RequestDeadline::TimePoint> deadline = RequestDeadline::Current(); deadline && wake >= *deadline) {
      return res;  // no time for another attempt
    }
    std::this_thread::sleep_until(wake);
    delay *= 2;
  }
}

Result<ServerIdentity> PmsClient::Identity() {
  HttpRequest req = MakeRequest("GET", "/identity", /*with_token=*/false);
  Result<HttpResponse> res = transport_->Send(req);
  if (!res.ok()) return res.status();
  const std::string server = transport_->BaseUrl();
  if (res->status != 200) {
    return Status(PD_ERR_PROTOCOL,
                  fmt::format("{} is not a Plex Media Server: it answered HTTP {} to GET /identity "
                              "(check host and port; Plex listens on 32400 by default)",
                              server, res->status), res->status);
  }
  Result<ServerIdentity> id = ParseIdentity(res->body);
  if (!id.ok()) {
    return Status(PD_ERR_PROTOCOL,
                  fmt::format("{} is not a Plex Media Server: {} (check host and port)", server,
                              id.status().message()), res->status);
  }
  return id;
}

Result<ServerInfo> PmsClient::Root() {
  Result<HttpResponse> res = Get("/");
  if (!res.ok()) return res.status();
  return ParseServerInfo(res->body);
}

Result<std::vector<LibrarySection>> PmsClient::Sections() {
  Result<HttpResponse> res = Get("/library/sections");
  if (!res.ok()) return res.status();
  return ParseSections(res->body);
}

Result<std::vector<SectionSetting>> PmsClient::SectionSettings(const std::string& section_key) {
  Result<HttpResponse> res = Get("/library/sections/" + section_key + "/prefs");
  if (!res.ok()) return res.status();
  return ParseSectionSettings(res->body);
}

}  // namespace plexdriver
