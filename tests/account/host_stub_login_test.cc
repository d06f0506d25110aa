// host_stub login and servers as a user runs them: the PIN flow prints the link and waits (the
// test approves the PIN in the plex.tv emulator, as the user would in the browser), the config it
// writes is mode 0600 and works with test-connection, a second login keeps the user's settings,
// password sign-in with a two-factor code, and no token printed unless --show-token.
#include <sys/stat.h>

#include <fstream>
#include <future>
#include <thread>

#include "account_harness.h"

namespace atest {
namespace {

class HostStubLoginTest : public AccountTest {
 protected:
  void SetUp() override {
    if (itest::HostStubPath().empty()) GTEST_SKIP() << "host_stub is not built";
    AccountTest::SetUp();
    AddOffice({{"http", "127.0.0.1", itest::FreeLoopbackPort(), "", true, false, false},
               {"http", "127.0.0.1", pms_->port(), "", false, false, false}});
    config_ = temp_.path() + "/plex.json";
  }
  // `stdin_text` (a password) is piped in; without it stdin is empty.
  int Run(const std::string& args, std::string* out, const std::string& stdin_text = "") {
    const std::string input = stdin_text.empty() ? "true" : "printf '%s\\n' '" + stdin_text + "'";
    return itest::RunCommand(input + " | " + itest::HostStubPath() + " --driver " +
                                 itest::DriverPath() + " " + args + " --plex-tv-url " +
                                 plextv_->base_url(),
                             out);
  }
  // Runs `login` in the background and approves its PIN as "someone" once it polls.
  int LoginWithPin(const std::string& args, std::string* out) {
    std::future<int> code = std::async(
        std::launch::async, [&] { return Run("login --config " + config_ + " " + args, out); });
    std::optional<plextv_emulator::PinView> pin = plextv_->WaitForPin(std::chrono::seconds(30));
    EXPECT_TRUE(pin.has_value()) << "host_stub made no PIN";
    if (pin) {
      for (int i = 0; i < 3000 && plextv_->Pins().back().polls < 1; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      plextv_->ApprovePin(pin->id, "someone");
    }
    return code.get();
  }
  std::string config_;
};

TEST_F(HostStubLoginTest, PinLoginWritesAPrivateConfigThatWorks) {
  std::string out;
  ASSERT_EQ(LoginWithPin("", &out), 0) << out;
  const plextv_emulator::PinView pin = plextv_->Pins().back();
  EXPECT_NE(
      out.find("https://app.plex.tv/auth#?clientID=" + pin.client_identifier + "&code=" + pin.code),
      std::string::npos)
      << out;
  EXPECT_NE(out.find("signed in to plex.tv as \"someone\""), std::string::npos) << out;
  EXPECT_NE(out.find("reached at http://127.0.0.1:" + std::to_string(pms_->port()) + " (remote)"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("rejected"), std::string::npos)
      << out;  // the local address that did not answer
  EXPECT_EQ(out.find(kAccountToken), std::string::npos) << out;
  EXPECT_EQ(out.find(kServerToken), std::string::npos) << out;

  struct stat st {};
  ASSERT_EQ(stat(config_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(config_);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Poco::JSON::Object::Ptr config = Parse(text);
  EXPECT_EQ(config->getValue<std::string>("plex_token"), kServerToken);
  EXPECT_EQ(config->getValue<std::string>("plex_account_token"), kAccountToken);
  EXPECT_EQ(config->getValue<std::string>("client_identifier"), pin.client_identifier);
  EXPECT_TRUE(config->getValue<bool>("token_keepalive"));

  pms_->ClearRequests();
  std::string check;
  EXPECT_EQ(itest::RunCommand(itest::HostStubPath() + " --driver " + itest::DriverPath() +
                                  " test-connection --config " + config_,
                              &check),
            0)
      << check;
  EXPECT_NE(check.find("OK"), std::string::npos) << check;
  EXPECT_GE(pms_->CountRequests("GET", "/library/sections"), 1u);
  EXPECT_EQ(check.find(kServerToken), std::string::npos);
  // test-connection kept the token alive on the client identifier it was issued to.
  EXPECT_GE(plextv_->CountRequests("GET", "/api/v2/ping"), 1u);
  EXPECT_EQ(plextv_->Requests().back().headers.at("x-plex-client-identifier"),
            pin.client_identifier);

  std::string servers;
  ASSERT_EQ(Run("servers --config " + config_, &servers), 0) << servers;
  EXPECT_NE(servers.find("Office  (owned, online)"), std::string::npos) << servers;
  EXPECT_NE(servers.find(kMachineId), std::string::npos) << servers;
  EXPECT_EQ(servers.find(kAccountToken), std::string::npos) << servers;
  EXPECT_EQ(plextv_->Requests().back().token, kAccountToken);
}

TEST_F(HostStubLoginTest, SecondLoginKeepsTheUsersSettingsAndTheClientIdentifier) {
  std::ofstream(config_) << R"({"name":"Living room","client_identifier":"kept-client-id",
      "path_mappings":[{"metarr_path":"/mnt/movies","player_path":"/data/movies"}]})";
  std::string out;
  ASSERT_EQ(LoginWithPin("--show-token", &out), 0) << out;
  EXPECT_NE(out.find(std::string("account token: ") + kAccountToken), std::string::npos) << out;
  EXPECT_NE(out.find(std::string("server token: ") + kServerToken), std::string::npos) << out;
  EXPECT_EQ(plextv_->Pins().back().client_identifier, "kept-client-id");
  std::ifstream in(config_);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  Poco::JSON::Object::Ptr config = Parse(text);
  EXPECT_EQ(config->getValue<std::string>("name"), "Living room");
  EXPECT_EQ(config->getArray("path_mappings")->size(), 1u);
  EXPECT_EQ(config->getValue<int>("port"), pms_->port());
  struct stat st {};
  ASSERT_EQ(stat(config_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(HostStubLoginTest, PasswordLoginWithTwoFactorCode) {
  plextv_emulator::Resource office;
  office.owner = "careful";
  office.name = "Careful's";
  office.client_identifier = kMachineId;
  office.access_token = kServerToken;
  office.connections = {{"http", "127.0.0.1", pms_->port(), "", true, false, false}};
  plextv_->AddResource(office);
  std::string out;
  EXPECT_EQ(Run("login --config " + config_ + " --user careful", &out, "battery staple"), 7) << out;
  EXPECT_NE(out.find("--code"), std::string::npos) << out;
  EXPECT_EQ(out.find("battery staple"), std::string::npos) << out;
  EXPECT_FALSE(std::ifstream(config_).good());  // nothing written

  ASSERT_EQ(Run("login --json --config " + config_ + " --user careful --code 123456", &out,
                "battery staple"),
            0)
      << out;
  EXPECT_EQ(out.find(kTwoFactorToken), std::string::npos) << out;
  EXPECT_NE(out.find("<redacted>"), std::string::npos) << out;
  EXPECT_EQ(plextv_->Requests().back().path, "/api/v2/resources");
  struct stat st {};
  ASSERT_EQ(stat(config_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST_F(HostStubLoginTest, ExpiredPinAndBrokenConfigFail) {
  plextv_->SetPinLifetime(1);
  std::string out;
  EXPECT_EQ(Run("login --config " + config_, &out), 7) << out;
  EXPECT_NE(out.find("not_found"), std::string::npos) << out;
  EXPECT_NE(out.find("expired"), std::string::npos) << out;
  EXPECT_FALSE(std::ifstream(config_).good());

  std::ofstream(config_) << "not json";
  EXPECT_EQ(Run("login --config " + config_, &out), 2) << out;
  EXPECT_NE(out.find("not overwriting"), std::string::npos) << out;
  EXPECT_EQ(Run("servers --config " + temp_.path() + "/missing.json", &out), 2) << out;
}

}  // namespace
}  // namespace atest
