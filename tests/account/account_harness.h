// The account interface ("pd.account/1") of the real driver module, loaded as a host loads it,
// with a plex.tv emulator and PMS emulators to sign in against. Calls return the status, the
// error (message, detail) and the document written; the host callbacks are recorded so tests can
// check that no token reached a log line, a progress text or a message.
#ifndef PLEXDRIVER_TESTS_ACCOUNT_ACCOUNT_HARNESS_H_
#define PLEXDRIVER_TESTS_ACCOUNT_ACCOUNT_HARNESS_H_

#include <Poco/JSON/Object.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "driver_harness.h"
#include "player_driver/player_driver.h"
#include "plextv_emulator/emulator.h"
#include "pms_emulator/emulator.h"

namespace atest {

using itest::CallResult;

// The module's account interface (NULL-checked by the constructor's user via ok()).
class AccountInterface {
 public:
  explicit AccountInterface(const std::string& driver_path);
  ~AccountInterface();
  AccountInterface(const AccountInterface&) = delete;
  AccountInterface& operator=(const AccountInterface&) = delete;

  bool ok() const { return api_ != nullptr; }
  const pd_account& api() const { return *api_; }

 private:
  void* handle_ = nullptr;
  const pd_account* api_ = nullptr;
};

// One pd_account_client with a recording host.
class AccountClient {
 public:
  AccountClient(const AccountInterface& iface, const std::string& options_json);
  ~AccountClient();
  AccountClient(const AccountClient&) = delete;
  AccountClient& operator=(const AccountClient&) = delete;

  const CallResult& create_result() const { return create_; }
  bool ok() const { return client_ != nullptr; }

  CallResult StartPin();
  CallResult CheckPin(const std::string& pin_json);
  CallResult WaitPin(const std::string& pin_json);
  CallResult SignIn(const std::string& credentials_json);
  CallResult CheckToken(const std::string& token);
  CallResult Servers(const std::string& token);
  CallResult ChooseConnection(const std::string& request_json);

  itest::HostRecorder& recorder() { return recorder_; }
  void Destroy();

 private:
  const AccountInterface& iface_;
  itest::HostRecorder recorder_;
  pd_account_client* client_ = nullptr;
  CallResult create_;
};

Poco::JSON::Object::Ptr Parse(const std::string& json);

inline constexpr const char* kAccountToken = "atest-account-token-7c1e";
inline constexpr const char* kServerToken = "atest-server-token-92bd";
inline constexpr const char* kTwoFactorToken = "atest-2fa-token-55e0";
inline constexpr const char* kMachineId = "atest-office-machine-identifier";

// plex.tv with two accounts ("someone": kAccountToken; "careful": two-factor code 123456) and a
// PMS emulator (machine identifier kMachineId, admin token kServerToken) with a small library;
// the account interface of the real driver module.
class AccountTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Lists "Office" for "someone" with `connections` (uri left empty: http://address:port).
  void AddOffice(std::vector<plextv_emulator::Connection> connections, bool https_required = false);
  // A client on the emulator; `extra` is spliced into the options object.
  std::unique_ptr<AccountClient> NewClient(const std::string& extra = "");
  // Every log line and progress text, and the given documents, are free of `secrets`.
  void ExpectNoSecrets(AccountClient& client, const std::vector<std::string>& texts,
                       const std::vector<std::string>& secrets);

  std::unique_ptr<plextv_emulator::Emulator> plextv_;
  std::unique_ptr<pms_emulator::Emulator> pms_;
  std::unique_ptr<AccountInterface> iface_;
  std::unique_ptr<itest::LoadedDriver> driver_;
  itest::TempDir temp_;
};

std::string LibraryJson();

}  // namespace atest

#endif  // PLEXDRIVER_TESTS_ACCOUNT_ACCOUNT_HARNESS_H_
