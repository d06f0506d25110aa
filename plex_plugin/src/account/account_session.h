// The object behind a pd_account_client handle (the "pd.account/1" interface): sign-in with a
// PIN or a password, token checks, the account's servers, and the choice of a connection that
// yields a ready driver config. Every method writes at most one JSON document (schemas.md) and
// is safe to call from several threads at once. Tokens the session sees are added to its
// bridge's secrets, so no log line, progress text or message carries them.
#ifndef PLEXDRIVER_ACCOUNT_ACCOUNT_SESSION_H_
#define PLEXDRIVER_ACCOUNT_ACCOUNT_SESSION_H_

#include <memory>
#include <string>
#include <string_view>

#include "account/account_options.h"
#include "account/connection_chooser.h"
#include "account/pin_wait.h"
#include "account/plextv_client.h"
#include "core/status.h"
#include "host/host_bridge.h"
#include "net/http_transport.h"

namespace plexdriver {

class AccountSession {
 public:
  // Validates the options and builds the real (Poco) transports. No network I/O.
  static Result<std::unique_ptr<AccountSession>> Create(const pd_host* host,
                                                        std::string_view options_json);

  // For tests: any plex.tv transport and any way to reach server addresses.
  AccountSession(AccountOptions options, const pd_host* host,
                 std::unique_ptr<HttpTransport> plex_tv, CandidateTransportFactory probes);
  AccountSession(const AccountSession&) = delete;
  AccountSession& operator=(const AccountSession&) = delete;

  // A new PIN: the "account_pin" document (auth_url for the user to open).
  Status StartPin(void* op_ctx, std::string* out);
  // One poll: "account_pin_status" while waiting, "account_login" once approved.
  Status CheckPin(std::string_view pin_json, void* op_ctx, std::string* out);
  // Polls until approved ("account_login"), expired (PD_ERR_NOT_FOUND) or cancelled.
  Status WaitPin(std::string_view pin_json, void* op_ctx, std::string* out);
  // Username/password sign-in ("account_login"); PD_ERR_UNAUTHORIZED with detail 1029 when the
  // account needs a two-factor code. The password is not kept.
  Status SignIn(std::string_view credentials_json, void* op_ctx, std::string* out);
  // "account_token": valid with the user (PD_OK), or not valid (PD_OK, valid false).
  Status CheckToken(std::string_view token, void* op_ctx, std::string* out);
  // "account_servers": every server of the account and its connections (no token).
  Status Servers(std::string_view token, void* op_ctx, std::string* out);
  // "account_connection": proves the server's addresses and returns a ready config for the best
  // one; the document is written on failure too (what was tried), with the failure's status.
  Status ChooseConnection(std::string_view request_json, void* op_ctx, std::string* out);

  // Makes running and future waits see "cancelled" (destroy).
  void RequestShutdown() { bridge_.RequestShutdown(); }
  const HostBridge& bridge() const { return bridge_; }
  const AccountOptions& options() const { return options_; }

 private:
  // The account's servers; the token and each server's access token are secrets from then on.
  Result<std::vector<PlexResource>> ResourcesFor(const std::string& token);

  // The "account_login" document for a new token (asks plex.tv who it belongs to).
  std::string LoginFor(const std::string& token, const char* method, const PlexUser* known);

  const AccountOptions options_;
  HostBridge bridge_;
  std::unique_ptr<HttpTransport> plex_tv_transport_;
  PlexTvClient client_;
  CandidateTransportFactory probes_;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_ACCOUNT_ACCOUNT_SESSION_H_
