#include "account_harness.h"

#include <Poco/JSON/Parser.h>
#include <dlfcn.h>
#include <fmt/format.h>

namespace atest {
namespace {

void Append(void* ctx, const char* data, size_t size) {
  static_cast<std::string*>(ctx)->append(data, size);
}

template <typename Fn>
CallResult Run(Fn&& fn) {
  CallResult r;
  pd_error err{};
  err.struct_size = sizeof err;
  pd_sink sink{sizeof(pd_sink), &r.json, &Append};
  r.status = fn(&sink, &err);
  r.detail = err.detail;
  r.message = err.message;
  return r;
}

}  // namespace

AccountInterface::AccountInterface(const std::string& driver_path) {
  handle_ = dlopen(driver_path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle_) return;
  auto entry_fn = reinterpret_cast<pd_entry_fn>(dlsym(handle_, PD_ENTRY_SYMBOL));
  const pd_entry* entry = entry_fn ? entry_fn() : nullptr;
  uint32_t minor = 0;
  if (!entry || entry->negotiate(PD_ABI_MAJOR, PD_ABI_MINOR, &minor) != PD_OK) return;
  api_ = static_cast<const pd_account*>(entry->get_interface(PD_ACCOUNT_INTERFACE_ID));
}

AccountInterface::~AccountInterface() {
  if (handle_) dlclose(handle_);
}

AccountClient::AccountClient(const AccountInterface& iface, const std::string& options_json)
    : iface_(iface) {
  create_ = Run([&](pd_sink*, pd_error* err) {
    return iface_.api().create(recorder_.host(), options_json.c_str(), &client_, err);
  });
}

AccountClient::~AccountClient() { Destroy(); }

void AccountClient::Destroy() {
  if (client_) iface_.api().destroy(client_);
  client_ = nullptr;
}

CallResult AccountClient::StartPin() {
  return Run(
      [&](pd_sink* s, pd_error* e) { return iface_.api().start_pin(client_, nullptr, s, e); });
}
CallResult AccountClient::CheckPin(const std::string& pin_json) {
  return Run([&](pd_sink* s, pd_error* e) {
    return iface_.api().check_pin(client_, pin_json.c_str(), nullptr, s, e);
  });
}
CallResult AccountClient::WaitPin(const std::string& pin_json) {
  return Run([&](pd_sink* s, pd_error* e) {
    return iface_.api().wait_pin(client_, pin_json.c_str(), nullptr, s, e);
  });
}
CallResult AccountClient::SignIn(const std::string& credentials_json) {
  return Run([&](pd_sink* s, pd_error* e) {
    return iface_.api().sign_in(client_, credentials_json.c_str(), nullptr, s, e);
  });
}
CallResult AccountClient::CheckToken(const std::string& token) {
  return Run([&](pd_sink* s, pd_error* e) {
    return iface_.api().check_token(client_, token.c_str(), nullptr, s, e);
  });
}
CallResult AccountClient::Servers(const std::string& token) {
  return Run([&](pd_sink* s, pd_error* e) {
    return iface_.api().servers(client_, token.c_str(), nullptr, s, e);
  });
}
CallResult AccountClient::ChooseConnection(const std::string& request_json) {
  return Run([&](pd_sink* s, pd_error* e) {
    return iface_.api().choose_connection(client_, request_json.c_str(), nullptr, s, e);
  });
}

Poco::JSON::Object::Ptr Parse(const std::string& json) {
  try {
    Poco::JSON::Object::Ptr o = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    if (o) return o;
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not JSON (" << e.what() << "): " << json;
  }
  return new Poco::JSON::Object();
}

std::string LibraryJson() {
  return R"({"server":{"platform":"Linux"},"sections":[
    {"key":"1","type":"movie","title":"Movies","locations":["/data/movies"],
     "items":[{"rating_key":"101","title":"Existing","year":2000,
               "files":["/data/movies/Existing (2000)/Existing (2000).mkv"]}]}]})";
}

void AccountTest::SetUp() {
  plextv_ = std::make_unique<plextv_emulator::Emulator>();
  plextv_emulator::Account someone;
  someone.username = "someone";
  someone.email = "someone@example.com";
  someone.password = "correct horse";
  someone.token = kAccountToken;
  someone.plex_pass = true;
  plextv_->AddAccount(someone);
  plextv_emulator::Account careful;
  careful.username = "careful";
  careful.password = "battery staple";
  careful.token = kTwoFactorToken;
  careful.two_factor_code = "123456";
  plextv_->AddAccount(careful);
  plextv_->Start();

  pms_emulator::EmulatorOptions options;
  options.admin_token = kServerToken;
  options.machine_identifier = kMachineId;
  options.friendly_name = "Office";
  options.scan_start_delay_ms = 30;
  pms_ = std::make_unique<pms_emulator::Emulator>(options);
  pms_->LoadLibraryJson(LibraryJson());
  pms_->Start();

  iface_ = std::make_unique<AccountInterface>(itest::DriverPath());
  ASSERT_TRUE(iface_->ok()) << "the driver has no " << PD_ACCOUNT_INTERFACE_ID << " interface";
  driver_ = std::make_unique<itest::LoadedDriver>(itest::DriverPath());
  ASSERT_TRUE(driver_->ok()) << driver_->load_error();
}

void AccountTest::TearDown() {
  if (pms_) pms_->Stop();
  if (plextv_) plextv_->Stop();
}

void AccountTest::AddOffice(std::vector<plextv_emulator::Connection> connections,
                            bool https_required) {
  plextv_emulator::Resource office;
  office.owner = "someone";
  office.name = "Office";
  office.client_identifier = kMachineId;
  office.access_token = kServerToken;
  office.https_required = https_required;
  office.connections = std::move(connections);
  plextv_->AddResource(office);
}

std::unique_ptr<AccountClient> AccountTest::NewClient(const std::string& extra) {
  const std::string options = fmt::format(
      R"({{"schema_version":1,"plex_tv_url":"{}","client_identifier":"atest-client","product":"atest",)"
      R"("pin_poll_ms":50,"probe_timeout_seconds":10,"timeout_seconds":10{}{}}})",
      plextv_->base_url(), extra.empty() ? "" : ",", extra);
  auto client = std::make_unique<AccountClient>(*iface_, options);
  EXPECT_TRUE(client->ok()) << client->create_result().message;
  return client;
}

void AccountTest::ExpectNoSecrets(AccountClient& client, const std::vector<std::string>& texts,
                                  const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    for (const std::string& line : client.recorder().Logs()) {
      EXPECT_EQ(line.find(secret), std::string::npos) << "a secret in a log line: " << line;
    }
    for (const std::string& t : texts) {
      EXPECT_EQ(t.find(secret), std::string::npos) << "a secret in: " << t;
    }
  }
}

}  // namespace atest
