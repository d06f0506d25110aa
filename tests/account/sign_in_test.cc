// Signing in through the real driver module's account interface against the plex.tv emulator:
// the PIN flow end to end (the approval happens in the emulator, as the user would do it in the
// browser), an expired PIN, a cancelled wait, password sign-in with a two-factor code, token
// checks and the server list. Assertions are on what the emulator recorded as well as on the
// documents.
#include <thread>

#include "account_harness.h"

namespace atest {
namespace {

using std::chrono::milliseconds;

class SignInTest : public AccountTest {};

TEST_F(SignInTest, PinLoginEndToEnd) {
  auto client = NewClient();
  const CallResult pin = client->StartPin();
  ASSERT_EQ(pin.status, PD_OK) << pin.message;
  Poco::JSON::Object::Ptr doc = Parse(pin.json);
  const int64_t id = doc->getValue<int64_t>("id");
  const std::string code = doc->getValue<std::string>("code");
  EXPECT_EQ(doc->getValue<std::string>("client_identifier"), "atest-client");
  EXPECT_EQ(doc->getValue<std::string>("auth_url"),
            "https://app.plex.tv/auth#?clientID=atest-client&code=" + code +
                "&context%5Bdevice%5D%5Bproduct%5D=atest");
  EXPECT_GT(doc->getValue<int64_t>("expires_at"), 1700000000);

  // What plex.tv saw: a strong PIN for this client and product.
  const std::vector<plextv_emulator::RecordedRequest> created = plextv_->Requests();
  ASSERT_EQ(created.size(), 1u);
  EXPECT_EQ(created[0].method, "POST");
  EXPECT_EQ(created[0].path, "/api/v2/pins");
  EXPECT_EQ(created[0].params.at("strong"), "true");
  EXPECT_EQ(created[0].headers.at("x-plex-client-identifier"), "atest-client");
  EXPECT_EQ(created[0].headers.at("x-plex-product"), "atest");
  EXPECT_EQ(plextv_->Pins().at(0).code, code);

  // The user approves after the driver has polled a few times.
  std::thread user([&] {
    for (int i = 0; i < 3000 && plextv_->Pins().at(0).polls < 3; ++i) {
      std::this_thread::sleep_for(milliseconds(10));
    }
    plextv_->ApprovePin(id, "someone");
  });
  const CallResult login = client->WaitPin(pin.json);
  user.join();
  ASSERT_EQ(login.status, PD_OK) << login.message;
  Poco::JSON::Object::Ptr l = Parse(login.json);
  EXPECT_TRUE(l->getValue<bool>("approved"));
  EXPECT_EQ(l->getValue<std::string>("method"), "pin");
  EXPECT_EQ(l->getValue<std::string>("token"), kAccountToken);
  EXPECT_EQ(l->getObject("user")->getValue<std::string>("username"), "someone");
  EXPECT_TRUE(l->getObject("user")->getValue<bool>("plex_pass"));
  EXPECT_GE(plextv_->Pins().at(0).polls, 4);
  // The user behind the token was asked for with the token; the polls carried none.
  EXPECT_EQ(plextv_->CountRequests("GET", "/api/v2/user"), 1u);
  for (const auto& r : plextv_->Requests()) {
    if (r.path.rfind("/api/v2/pins", 0) == 0) {
      EXPECT_EQ(r.token, "") << r.path;
    }
  }
  EXPECT_FALSE(client->recorder().Progress().empty());
  ExpectNoSecrets(*client, {pin.json, pin.message, login.message}, {kAccountToken});
}

TEST_F(SignInTest, CheckPinReportsWaitingThenTheLogin) {
  auto client = NewClient();
  const CallResult pin = client->StartPin();
  ASSERT_EQ(pin.status, PD_OK) << pin.message;
  const CallResult waiting = client->CheckPin(pin.json);
  ASSERT_EQ(waiting.status, PD_OK) << waiting.message;
  EXPECT_FALSE(Parse(waiting.json)->getValue<bool>("approved"));
  EXPECT_EQ(waiting.json.find(kAccountToken), std::string::npos);
  plextv_->ApprovePin(Parse(pin.json)->getValue<int64_t>("id"), "someone");
  const CallResult approved = client->CheckPin(
      R"({"id":)" + std::to_string(Parse(pin.json)->getValue<int64_t>("id")) + "}");
  ASSERT_EQ(approved.status, PD_OK) << approved.message;
  EXPECT_EQ(Parse(approved.json)->getValue<std::string>("token"), kAccountToken);
}

TEST_F(SignInTest, ExpiredPinEndsTheWait) {
  plextv_->SetPinLifetime(1);
  auto client = NewClient();
  const CallResult pin = client->StartPin();
  ASSERT_EQ(pin.status, PD_OK) << pin.message;
  const auto start = std::chrono::steady_clock::now();
  const CallResult login = client->WaitPin(pin.json);
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(login.status, PD_ERR_NOT_FOUND) << login.message;
  EXPECT_NE(login.message.find("expired"), std::string::npos) << login.message;
  EXPECT_TRUE(login.json.empty());
  EXPECT_LT(waited, std::chrono::seconds(30));  // honours expiresIn; never waits for ever
  const plextv_emulator::PinView seen = plextv_->Pins().at(0);
  EXPECT_TRUE(seen.expired);
  EXPECT_GE(seen.polls, 2);

  // A PIN plex.tv already forgot: 404 / 1020 at the first poll.
  plextv_->SetPinLifetime(900);
  const CallResult second = client->StartPin();
  const int64_t id = Parse(second.json)->getValue<int64_t>("id");
  plextv_->ExpirePin(id);
  const CallResult gone = client->WaitPin(second.json);
  EXPECT_EQ(gone.status, PD_ERR_NOT_FOUND);
  EXPECT_NE(gone.message.find("1020"), std::string::npos) << gone.message;
  EXPECT_EQ(plextv_->Pins().at(1).polls, 1);
  EXPECT_EQ(client->CheckPin(second.json).status, PD_ERR_NOT_FOUND);
}

TEST_F(SignInTest, WaitIsCancellable) {
  auto client = NewClient();
  const CallResult pin = client->StartPin();
  client->recorder().CancelAfter(5);
  const CallResult login = client->WaitPin(pin.json);
  EXPECT_EQ(login.status, PD_ERR_CANCELLED) << login.message;
  EXPECT_FALSE(plextv_->Pins().at(0).approved);
  EXPECT_LE(plextv_->Pins().at(0).polls, 5);
}

// destroy() while a wait is in progress: the wait returns PD_ERR_CANCELLED and the client is
// freed only once the call is done with it (before, the call still read the client after
// destroy() could free it: ThreadSanitizer reports heap-use-after-free on the old code).
TEST_F(SignInTest, DestroyEndsAWaitInProgress) {
  auto client = NewClient();
  const CallResult pin = client->StartPin();
  ASSERT_EQ(pin.status, PD_OK) << pin.message;
  CallResult login;
  std::thread waiter([&] { login = client->WaitPin(pin.json); });
  for (int i = 0; i < 3000 && plextv_->Pins().at(0).polls < 1; ++i) {
    std::this_thread::sleep_for(milliseconds(10));
  }
  client->Destroy();
  waiter.join();
  EXPECT_EQ(login.status, PD_ERR_CANCELLED) << login.message;
  EXPECT_NE(login.message.find("cancelled"), std::string::npos) << login.message;
}

TEST_F(SignInTest, PasswordSignInWithTwoFactorCode) {
  auto client = NewClient();
  const CallResult needs_code =
      client->SignIn(R"({"login":"careful","password":"battery staple"})");
  EXPECT_EQ(needs_code.status, PD_ERR_UNAUTHORIZED);
  EXPECT_EQ(needs_code.detail, 1029);
  EXPECT_NE(needs_code.message.find("two-factor"), std::string::npos) << needs_code.message;
  EXPECT_TRUE(needs_code.json.empty());

  const CallResult login =
      client->SignIn(R"({"login":"careful","password":"battery staple","code":"123456"})");
  ASSERT_EQ(login.status, PD_OK) << login.message;
  EXPECT_EQ(Parse(login.json)->getValue<std::string>("token"), kTwoFactorToken);
  EXPECT_EQ(Parse(login.json)->getValue<std::string>("method"), "password");
  const plextv_emulator::RecordedRequest sent = plextv_->Requests().back();
  EXPECT_EQ(sent.path, "/api/v2/users/signin");
  EXPECT_EQ(sent.form.at("login"), "careful");
  EXPECT_EQ(sent.form.at("verificationCode"), "123456");

  const CallResult wrong =
      client->SignIn(R"({"login":"careful","password":"nope","code":"123456"})");
  EXPECT_EQ(wrong.status, PD_ERR_UNAUTHORIZED);
  EXPECT_EQ(wrong.detail, 401);

  const CallResult legacy = client->SignIn(
      R"({"login":"careful","password":"battery staple","code":"123456","method":"legacy"})");
  ASSERT_EQ(legacy.status, PD_OK) << legacy.message;
  EXPECT_EQ(Parse(legacy.json)->getValue<std::string>("token"), kTwoFactorToken);
  EXPECT_EQ(plextv_->Requests().back().path, "/users/sign_in.json");
  ExpectNoSecrets(*client, {needs_code.message, wrong.message},
                  {"battery staple", kTwoFactorToken});
}

TEST_F(SignInTest, TokenCheckAndServerList) {
  AddOffice({{"http", "127.0.0.1", pms_->port(), "", false, false, false}});
  auto client = NewClient();
  const CallResult good = client->CheckToken(kAccountToken);
  ASSERT_EQ(good.status, PD_OK) << good.message;
  EXPECT_TRUE(Parse(good.json)->getValue<bool>("valid"));
  EXPECT_EQ(Parse(good.json)->getObject("user")->getValue<std::string>("email"),
            "someone@example.com");
  plextv_->SetTokenRevoked(kAccountToken, true);
  const CallResult bad = client->CheckToken(kAccountToken);
  ASSERT_EQ(bad.status, PD_OK) << bad.message;
  EXPECT_FALSE(Parse(bad.json)->getValue<bool>("valid"));
  EXPECT_EQ(client->Servers(kAccountToken).status, PD_ERR_UNAUTHORIZED);
  plextv_->SetTokenRevoked(kAccountToken, false);

  const CallResult servers = client->Servers(kAccountToken);
  ASSERT_EQ(servers.status, PD_OK) << servers.message;
  Poco::JSON::Array::Ptr list = Parse(servers.json)->getArray("servers");
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->getObject(0)->getValue<std::string>("machine_identifier"), kMachineId);
  EXPECT_EQ(plextv_->Requests().back().params.at("includeHttps"), "1");
  ExpectNoSecrets(*client, {good.json, bad.json, servers.json}, {kAccountToken, kServerToken});

  // Plex's own service is unreachable: a network status, not "invalid token".
  AccountClient offline(
      *iface_, R"({"plex_tv_url":"http://127.0.0.1:)" + std::to_string(itest::FreeLoopbackPort()) + R"("})");
  const CallResult down = offline.CheckToken(kAccountToken);
  EXPECT_EQ(down.status, PD_ERR_UNREACHABLE) << down.message;
  EXPECT_NE(down.message.find("plex.tv"), std::string::npos);
}

TEST_F(SignInTest, BadInputNamesTheField) {
  AccountClient bad(*iface_, R"({"plex_tv_url":"plex.tv"})");
  EXPECT_EQ(bad.create_result().status, PD_ERR_INVALID_ARGUMENT);
  EXPECT_NE(bad.create_result().message.find("options.plex_tv_url"), std::string::npos);
  auto client = NewClient();
  EXPECT_EQ(client->WaitPin("{}").status, PD_ERR_INVALID_ARGUMENT);
  EXPECT_NE(client->WaitPin("{}").message.find("pin.id"), std::string::npos);
  EXPECT_NE(client->SignIn(R"({"login":"x"})").message.find("credentials.password"),
            std::string::npos);
  EXPECT_NE(client->ChooseConnection("{}").message.find("request.token"), std::string::npos);
  EXPECT_EQ(plextv_->Requests().size(), 0u);  // nothing was sent for bad input
  pd_error err{};
  err.struct_size = sizeof err;
  EXPECT_EQ(iface_->api().start_pin(nullptr, nullptr, nullptr, &err), PD_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(iface_->api().check_token(nullptr, "x", nullptr, nullptr, nullptr),
            PD_ERR_INVALID_ARGUMENT);
  iface_->api().destroy(nullptr);
}

}  // namespace
}  // namespace atest
