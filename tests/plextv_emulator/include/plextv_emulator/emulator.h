// The plex.tv emulator: a stand-in for Plex's account service on loopback, for tests. It answers
// what the driver's account interface uses the way plex.tv does (shared/reference/plex-api.md §9):
// PINs that are created, approved and expire (404 with error 1020), password sign-in in the v2 and
// the legacy form with two-factor codes (401 with error 1029), the account behind a token (401
// for a bad one), the account's resources with their connections, and the keep-alive ping. XML
// unless JSON is asked for. Every request is recorded; tests control the state in-process
// (approve a PIN as the user would at app.plex.tv, expire it, revoke a token), or from outside
// through the control API under /__emulator/ (src/control.h; the standalone executable,
// src/main.cc, is driven that way).
// Thread-safety: every public method may be called from any thread while the server runs.
#ifndef PLEXTV_EMULATOR_EMULATOR_H_
#define PLEXTV_EMULATOR_EMULATOR_H_

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace plextv_emulator {

using Clock = std::chrono::steady_clock;

struct EmulatorOptions {
  std::string bind_host = "127.0.0.1";
  uint16_t port = 0;               // 0: an ephemeral port, see Emulator::port()
  int pin_lifetime_seconds = 900;  // expiresIn of new PINs (plex.tv: 900 for strong PINs)
};

struct Account {
  int64_t id = 0;    // assigned when 0
  std::string uuid;  // generated when empty
  std::string username;
  std::string email;
  std::string password;         // for sign-in
  std::string token;            // the account's auth token (what sign-ins and PINs hand out)
  std::string two_factor_code;  // non-empty: sign-in needs it (error 1029 without it)
  bool plex_pass = false;
};

struct Connection {
  std::string protocol = "http";  // http | https
  std::string address;
  int port = 32400;
  std::string uri;  // "http://address:port" when empty
  bool local = false;
  bool relay = false;
  bool ipv6 = false;
};

struct Resource {
  std::string owner;  // username of the account that lists it
  std::string name;
  std::string client_identifier;  // a server's machineIdentifier
  std::string access_token;       // the token to use with it
  std::string product = "Plex Media Server";
  std::string product_version = "1.32.7.7621-871adbd44";
  std::string platform = "Linux";
  std::string provides = "server";
  std::string source_title;  // owner's name when shared
  bool owned = true;
  bool presence = true;
  bool https_required = false;
  std::vector<Connection> connections;
};

struct PinView {
  int64_t id = 0;
  std::string code;
  std::string client_identifier;
  std::string product;
  bool strong = false;
  bool approved = false;
  bool expired = false;
  int polls = 0;
};

struct RecordedRequest {
  std::string method;
  std::string path;                            // without the query
  std::string query;                           // raw
  std::map<std::string, std::string> params;   // decoded query parameters
  std::map<std::string, std::string> headers;  // names lower-cased
  std::map<std::string, std::string> form;     // decoded form fields of a POST body
  std::string token;                           // X-Plex-Token (header or query), "" when none
  std::string token_owner;                     // username of the account `token` is, else ""
  int status = 0;                              // what the emulator answered
  Clock::time_point time;
};

class Emulator {
 public:
  explicit Emulator(EmulatorOptions options = {});
  ~Emulator();  // Stop()
  Emulator(const Emulator&) = delete;
  Emulator& operator=(const Emulator&) = delete;

  void Start();  // throws std::runtime_error when the port cannot be bound
  void Stop();
  uint16_t port() const;
  std::string base_url() const;  // "http://127.0.0.1:PORT": the plex_tv_url to configure

  // --- state ---
  void AddAccount(Account account);
  void AddResource(Resource resource);
  // A revoked token is answered 401 everywhere (signed out everywhere, or expired).
  void SetTokenRevoked(const std::string& token, bool revoked);
  void SetPinLifetime(int seconds);
  // Accounts, resources and the PIN lifetime from a JSON fixture (format: the emulator's
  // README). Throws std::runtime_error naming the field; adds nothing when it throws.
  void LoadFixtureJson(const std::string& json);
  void LoadFixtureFile(const std::string& path);

  // --- PINs ---
  std::vector<PinView> Pins() const;
  // Waits until a PIN exists (the newest is returned); nullopt on timeout.
  std::optional<PinView> WaitForPin(std::chrono::milliseconds timeout) const;
  // The user `username` approved the PIN at app.plex.tv: the next poll carries their token.
  // False when there is no such PIN, it expired, or no account has that username.
  bool ApprovePin(int64_t id, const std::string& username);
  // The PIN is gone, as when its lifetime ran out: polls get 404 / 1020.
  bool ExpirePin(int64_t id);

  // --- requests ---
  std::vector<RecordedRequest> Requests() const;
  void ClearRequests();
  // Requests with this method ("" = any) whose path starts with `path_prefix`.
  size_t CountRequests(const std::string& method, const std::string& path_prefix) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace plextv_emulator

#endif  // PLEXTV_EMULATOR_EMULATOR_H_
