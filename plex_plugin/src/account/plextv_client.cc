#include "account/plextv_client.h"

#include <fmt/format.h>

#include "account/plextv_parser.h"
#include "planning/url_encoding.h"
#include "plex/x_plex_headers.h"

namespace plexdriver {
namespace {

std::string FormField(const std::string& name, const std::string& value) {
  return PercentEncode(name) + "=" + PercentEncode(value);
}

// plex.tv's own words, when it gave any: " (plex.tv error 1020: Code not found or expired)".
std::string Explain(const std::vector<PlexTvError>& errors) {
  if (errors.empty()) return "";
  const PlexTvError& e = errors.front();
  if (e.code == 0) return fmt::format(" (plex.tv: {})", e.message);
  return fmt::format(" (plex.tv error {}: {})", e.code, e.message);
}

const char* NetworkAdvice(pd_status code) {
  switch (code) {
    case PD_ERR_DNS:
      return "the name does not resolve; check this machine's DNS and network";
    case PD_ERR_TIMEOUT:
      return "no answer in time; check the network, or try again";
    case PD_ERR_TLS:
      return "the TLS handshake or certificate check failed; check the system's CA certificates "
             "and clock";
    case PD_ERR_PROTOCOL:
      return "the answer was not HTTP plex.tv speaks; check plex_tv_url";
    default:
      return "connection refused or reset; check the network and plex_tv_url";
  }
}

}  // namespace

PlexTvClient::PlexTvClient(HttpTransport* transport, std::string base_path, PlexTvIdentity identity)
    : transport_(transport), base_path_(std::move(base_path)), identity_(std::move(identity)) {}

HttpRequest PlexTvClient::MakeRequest(const std::string& method, const std::string& path,
                                      const std::string& token) const {
  HttpRequest req;
  req.method = method;
  req.target = base_path_ + path;
  req.headers = XPlexHeaders(identity_.product, identity_.version, identity_.client_identifier,
                             identity_.device_name, identity_.platform);
  if (!token.empty()) req.headers.emplace_back("X-Plex-Token", token);
  return req;
}

Result<HttpResponse> PlexTvClient::Exchange(const HttpRequest& request, const std::string& what) {
  Result<HttpResponse> res = transport_->Send(request);
  if (!res.ok()) {
    // The transport's advice is about Plex Media Server; say what fits plex.tv instead.
    const pd_status net = res.status().code();
    return Status(net,
                  fmt::format("could not reach plex.tv at {} {}: {}", transport_->BaseUrl(), what,
                              NetworkAdvice(net)),
                  res.status().detail());
  }
  const int code = res->status;
  if (code >= 200 && code < 300) return res;
  const std::vector<PlexTvError> errors = ParsePlexTvErrors(res->body);
  const std::string why = Explain(errors);
  const std::string where =
      fmt::format("{} {}", request.method, request.target.substr(0, request.target.find('?')));
  const bool needs_code = !errors.empty() && errors.front().code == kPlexTvNeedsTwoFactor;
  if (code == 401 && needs_code) {
    return Status(PD_ERR_UNAUTHORIZED,
                  fmt::format("plex.tv needs the account's two-factor verification code {}{}: "
                              "sign in again with the current code from the authenticator app",
                              what, why),
                  kPlexTvNeedsTwoFactor);
  }
  if (code == 401) {
    return Status(PD_ERR_UNAUTHORIZED,
                  fmt::format("plex.tv refused {} (HTTP 401 on {}){}: the token or the "
                              "credentials are not valid (any more); sign in again",
                              what, where, why),
                  code);
  }
  if (code == 404) {
    return Status(
        PD_ERR_NOT_FOUND,
        fmt::format("plex.tv has no such thing for {} (HTTP 404 on {}){}", what, where, why), code);
  }
  if (code == 400 || code == 422) {
    return Status(
        PD_ERR_INVALID_ARGUMENT,
        fmt::format("plex.tv refused {} as malformed (HTTP {} on {}){}", what, code, where, why),
        code);
  }
  if (code == 429) {
    return Status(PD_ERR_SERVER,
                  fmt::format("plex.tv is rate limiting {} (HTTP 429){}: wait a "
                              "minute before trying again",
                              what, why),
                  code);
  }
  if (code >= 500) {
    return Status(
        PD_ERR_SERVER,
        fmt::format("plex.tv failed {} (HTTP {} on {}){}: try again later", what, code, where, why),
        code);
  }
  return Status(PD_ERR_PROTOCOL,
                fmt::format("plex.tv answered {} with unexpected HTTP {}{}", what, code, why),
                code);
}

Result<PlexPin> PlexTvClient::CreatePin() {
  Result<HttpResponse> res =
      Exchange(MakeRequest("POST", "/api/v2/pins?strong=true", ""), "for a sign-in PIN");
  if (!res.ok()) return res.status();
  return ParsePin(res->body);
}

Result<PlexPin> PlexTvClient::GetPin(int64_t id) {
  Result<HttpResponse> res =
      Exchange(MakeRequest("GET", fmt::format("/api/v2/pins/{}", id), ""), "about the sign-in PIN");
  if (!res.ok()) {
    if (res.status().code() == PD_ERR_NOT_FOUND) {
      return Status(
          PD_ERR_NOT_FOUND,
          fmt::format("the sign-in PIN {} expired before it was approved, or plex.tv does "
                      "not know it (error {}): start the sign-in again",
                      id, kPlexTvPinNotFound),
          res.status().detail());
    }
    return res.status();
  }
  return ParsePin(res->body);
}

Result<PlexUser> PlexTvClient::User(const std::string& token) {
  Result<HttpResponse> res =
      Exchange(MakeRequest("GET", "/api/v2/user", token), "about the account");
  if (!res.ok()) return res.status();
  return ParseUser(res->body);
}

Result<std::vector<PlexResource>> PlexTvClient::Resources(const std::string& token) {
  Result<HttpResponse> res =
      Exchange(MakeRequest("GET", "/api/v2/resources?includeHttps=1&includeRelay=1", token),
               "for the account's servers");
  if (!res.ok()) return res.status();
  return ParseResources(res->body);
}

Result<PlexUser> PlexTvClient::SignIn(const std::string& login, const std::string& password,
                                      const std::string& code) {
  std::string form = FormField("login", login) + "&" + FormField("password", password) + "&" +
                     FormField("rememberMe", "true");
  if (!code.empty()) form += "&" + FormField("verificationCode", code);
  return SendSignIn("/api/v2/users/signin", std::move(form), ParseUser);
}

Result<PlexUser> PlexTvClient::SignInLegacy(const std::string& login, const std::string& password,
                                            const std::string& code) {
  return SendSignIn("/users/sign_in.json",
                    FormField("user[login]", login) + "&" + FormField("user[password]", password + code),
                    ParseLegacySignIn);
}

Result<PlexUser> PlexTvClient::SendSignIn(const char* path, std::string form,
                                          Result<PlexUser> (*parse)(std::string_view body)) {
  HttpRequest req = MakeRequest("POST", path, "");
  req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  req.body = std::move(form);
  Result<HttpResponse> res = Exchange(req, "to sign in");
  if (!res.ok()) return res.status();
  Result<PlexUser> user = parse(res->body);
  if (user.ok() && user->auth_token.empty()) {
    return Status(PD_ERR_PROTOCOL, "plex.tv accepted the sign-in but sent no token");
  }
  return user;
}

Status PlexTvClient::Ping(const std::string& token) {
  Result<HttpResponse> res =
      Exchange(MakeRequest("GET", "/api/v2/ping", token), "to keep the token alive");
  return res.status();
}

}  // namespace plexdriver
