#include "account/account_session.h"

#include <fmt/format.h>

#include <chrono>

#include "account/account_documents.h"
#include "account/account_requests.h"
#include "account/auth_url.h"
#include "account/connection_order.h"
#include "core/driver_info.h"
#include "net/poco_http_transport.h"

namespace plexdriver {
namespace {

constexpr std::chrono::minutes kPinWaitWithoutExpiry(30);

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

PlexTvIdentity IdentityOf(const AccountOptions& o) {
  PlexTvIdentity id;
  id.client_identifier = o.client_identifier;
  id.product = o.product;
  id.version = kDriverVersion;
  id.device_name = o.device_name;
  return id;
}

// A connection to host:port with the account options' TLS settings.
TransportOptions TransportTo(const std::string& host, int port, bool https, double timeout_seconds,
                             const AccountOptions& o) {
  TransportOptions t;
  t.host = host;
  t.port = port;
  t.use_https = https;
  t.timeout_seconds = timeout_seconds;
  t.verify_tls = o.verify_tls;
  t.ca_file = o.ca_file;
  return t;
}

CandidateTransportFactory RealProbes(const AccountOptions& o) {
  return [o](const ConnectionCandidate& c) -> std::unique_ptr<HttpTransport> {
    TransportOptions t = TransportTo(c.host, c.port, c.https, o.probe_timeout_seconds, o);
    t.max_body_bytes = 1 << 20;  // /identity is tiny
    return std::make_unique<PocoHttpTransport>(std::move(t));
  };
}

// Zeroes a secret before its memory is released.
void Wipe(std::string* secret) {
  std::fill(secret->begin(), secret->end(), '\0');
  secret->clear();
}

}  // namespace

Result<std::unique_ptr<AccountSession>> AccountSession::Create(const pd_host* host,
                                                               std::string_view options_json) {
  Result<AccountOptions> options = ParseAccountOptions(options_json);
  if (!options.ok()) return options.status();
  auto transport = std::make_unique<PocoHttpTransport>(
      TransportTo(options->plex_tv_url.host, options->plex_tv_url.port, options->plex_tv_url.https,
                  options->timeout_seconds, *options));
  CandidateTransportFactory probes = RealProbes(*options);
  return std::make_unique<AccountSession>(std::move(options).value(), host, std::move(transport),
                                          std::move(probes));
}

AccountSession::AccountSession(AccountOptions options, const pd_host* host,
                               std::unique_ptr<HttpTransport> plex_tv,
                               CandidateTransportFactory probes)
    : options_(std::move(options)),
      bridge_(host, ""),
      plex_tv_transport_(std::move(plex_tv)),
      client_(plex_tv_transport_.get(), options_.plex_tv_url.base_path, IdentityOf(options_)),
      probes_(std::move(probes)) {}

std::string AccountSession::LoginFor(const std::string& token, const char* method,
                                     const PlexUser* known) {
  bridge_.AddSecret(token);
  PlexUser user;
  if (known) {
    user = *known;
  } else if (Result<PlexUser> u = client_.User(token); u.ok()) {
    user = *u;
  } else {
    // The token is granted either way; losing it over a failed look-up would be worse.
    bridge_.Log(PD_LOG_WARN,
                "signed in, but plex.tv did not say which account: " + u.status().message());
  }
  bridge_.Log(PD_LOG_INFO, fmt::format("signed in to plex.tv as \"{}\"", user.username));
  return LoginDocument(token, user, options_.client_identifier, method);
}

Status AccountSession::StartPin(void* op_ctx, std::string* out) {
  (void)op_ctx;
  Result<PlexPin> pin = client_.CreatePin();
  if (!pin.ok()) return pin.status();
  const int64_t expires_in = pin->expires_in > 0 ? pin->expires_in : 0;
  const std::string url =
      BuildAuthUrl(options_.auth_app_url, options_.client_identifier, pin->code, options_.product);
  *out = PinDocument(*pin, url, expires_in > 0 ? UnixNow() + expires_in : 0,
                     options_.client_identifier);
  bridge_.Log(PD_LOG_DEBUG,
              fmt::format("sign-in PIN {} created; it expires in {} s", pin->id, expires_in));
  return Status::Ok();
}

Status AccountSession::CheckPin(std::string_view pin_json, void* op_ctx, std::string* out) {
  (void)op_ctx;
  Result<PinRef> ref = ParsePinRef(pin_json);
  if (!ref.ok()) return ref.status();
  Result<PlexPin> pin = client_.GetPin(ref->id);
  if (!pin.ok()) return pin.status();
  if (pin->auth_token.empty()) {
    *out = PinWaitingDocument(ref->id, pin->expires_in);
    return Status::Ok();
  }
  *out = LoginFor(pin->auth_token, "pin", nullptr);
  return Status::Ok();
}

Status AccountSession::WaitPin(std::string_view pin_json, void* op_ctx, std::string* out) {
  Result<PinRef> ref = ParsePinRef(pin_json);
  if (!ref.ok()) return ref.status();
  const Operation op{&bridge_, op_ctx};
  PinWaitOptions wait;
  wait.pin_id = ref->id;
  wait.poll_interval = options_.pin_poll_interval;
  const auto now = std::chrono::steady_clock::now();
  if (ref->expires_at) {
    wait.deadline = now + std::chrono::seconds(std::max<int64_t>(0, *ref->expires_at - UnixNow()));
  } else if (ref->expires_in) {
    wait.deadline = now + std::chrono::seconds(std::max<int64_t>(0, *ref->expires_in));
  } else {
    wait.deadline = now + kPinWaitWithoutExpiry;  // plex.tv's 404 ends it sooner
  }
  Result<PlexPin> pin = WaitForPin(client_, wait, op, PinWaitClock::Real(op));
  if (!pin.ok()) return pin.status();
  *out = LoginFor(pin->auth_token, "pin", nullptr);
  return Status::Ok();
}

Status AccountSession::SignIn(std::string_view credentials_json, void* op_ctx, std::string* out) {
  (void)op_ctx;
  Result<Credentials> parsed = ParseCredentials(credentials_json);
  if (!parsed.ok()) return parsed.status();
  Credentials c = std::move(parsed).value();
  bridge_.AddSecret(c.password);
  Result<PlexUser> user = c.legacy ? client_.SignInLegacy(c.login, c.password, c.code)
                                   : client_.SignIn(c.login, c.password, c.code);
  Wipe(&c.password);
  if (!user.ok()) return user.status();
  *out = LoginFor(user->auth_token, c.legacy ? "password_legacy" : "password", &*user);
  return Status::Ok();
}

Status AccountSession::CheckToken(std::string_view token, void* op_ctx, std::string* out) {
  (void)op_ctx;
  if (token.empty()) return Status(PD_ERR_INVALID_ARGUMENT, "check_token: token is empty");
  bridge_.AddSecret(std::string(token));
  Result<PlexUser> user = client_.User(std::string(token));
  if (!user.ok()) {
    if (user.status().code() != PD_ERR_UNAUTHORIZED) return user.status();
    *out = TokenDocument(false, nullptr, user.status().message());
    return Status::Ok();
  }
  *out = TokenDocument(true, &*user, "");
  return Status::Ok();
}

Result<std::vector<PlexResource>> AccountSession::ResourcesFor(const std::string& token) {
  bridge_.AddSecret(token);
  Result<std::vector<PlexResource>> resources = client_.Resources(token);
  if (resources.ok()) {
    for (const PlexResource& r : *resources) bridge_.AddSecret(r.access_token);
  }
  return resources;
}

Status AccountSession::Servers(std::string_view token, void* op_ctx, std::string* out) {
  (void)op_ctx;
  if (token.empty()) return Status(PD_ERR_INVALID_ARGUMENT, "servers: token is empty");
  Result<std::vector<PlexResource>> resources = ResourcesFor(std::string(token));
  if (!resources.ok()) return resources.status();
  *out = ServersDocument(*resources);
  return Status::Ok();
}

Status AccountSession::ChooseConnection(std::string_view request_json, void* op_ctx,
                                        std::string* out) {
  Result<ConnectionRequest> request = ParseConnectionRequest(request_json);
  if (!request.ok()) return request.status();
  const Operation op{&bridge_, op_ctx};
  op.Progress(0.0, "asking plex.tv for the account's servers");
  Result<std::vector<PlexResource>> resources = ResourcesFor(request->token);
  if (!resources.ok()) return resources.status();
  Result<size_t> index = SelectServer(*resources, request->server);
  if (!index.ok()) return index.status();
  const PlexResource& server = (*resources)[*index];

  ConnectionOrderOptions order;
  order.allow_relay = request->allow_relay;
  ClientIdentity identity;
  identity.client_identifier = options_.client_identifier;
  identity.device_name = options_.device_name;
  identity.product = options_.product;
  identity.version = kDriverVersion;
  const ConnectionChoice choice =
      plexdriver::ChooseConnection(OrderConnections(server, order), server.client_identifier,
                                   server.name, probes_, identity, op);
  if (choice.error.code() == PD_ERR_CANCELLED) return choice.error;

  Poco::JSON::Object::Ptr config;
  if (choice.chosen) {
    ReadyConfigInputs inputs;
    inputs.name = request->config_name;
    inputs.client_identifier = options_.client_identifier;
    inputs.account_token = request->token;
    inputs.plex_tv_url = options_.plex_tv_url;
    inputs.verify_tls = options_.verify_tls;
    inputs.ca_file = options_.ca_file;
    config = ReadyConfig(server, choice.outcomes[*choice.chosen].candidate, inputs);
    bridge_.Log(PD_LOG_INFO,
                fmt::format("\"{}\" answers at {} ({})", server.name,
                            choice.outcomes[*choice.chosen].candidate.uri,
                            ConnectionKindName(choice.outcomes[*choice.chosen].candidate.kind)));
  }
  std::vector<std::string> others;
  for (size_t i = 0; i < resources->size(); ++i) {
    if (i != *index && (*resources)[i].IsServer()) others.push_back((*resources)[i].name);
  }
  *out = ConnectionDocument(server, choice, config, others);
  return choice.chosen ? Status::Ok() : choice.error;
}

}  // namespace plexdriver
