// test-connection through the real driver module against the emulator: one test per outcome
// the README promises a distinct, actionable status for.

#include <chrono>
#include <cstdlib>

#include "emulator_fixture.h"

namespace itest {
namespace {

using pms_emulator::EmulatorOptions;
using pms_emulator::FaultKind;
using pms_emulator::FaultRule;

class ConnectionTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorOptions options;
    options.admin_token = kToken;
    options.friendly_name = "Integration Plex";
    StartEmulator(options, LinuxLibraryJson());
  }
};

TEST_F(ConnectionTest, HealthyServerReportsEverything) {
  auto instance = NewInstance({{temp_.path() + "/movies", "/data/movies"}});
  ASSERT_TRUE(instance->ok()) << instance->create_result().message;
  const CallResult r = instance->TestConnection();
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr report = ParseJson(r.json);
  EXPECT_TRUE(report->getValue<bool>("ok"));
  Poco::JSON::Object::Ptr server = report->getObject("server");
  EXPECT_EQ(server->getValue<std::string>("name"), "Integration Plex");
  EXPECT_TRUE(server->getValue<bool>("partial_scan_supported"));
  EXPECT_EQ(report->getArray("sections")->size(), 2u);
  // The TV location is reached by no mapping: the report says so.
  EXPECT_EQ(report->getArray("unmapped_locations")->getElement<std::string>(0), "/data/tv");

  // What the server saw: /identity without a token, then / and /library/sections with it.
  const auto requests = emulator_->Requests();
  ASSERT_GE(requests.size(), 3u);
  EXPECT_EQ(requests[0].path, "/identity");
  EXPECT_EQ(requests[0].headers.count("x-plex-token"), 0u);
  EXPECT_EQ(requests[1].path, "/");
  EXPECT_EQ(requests[1].headers.at("x-plex-token"), kToken);
  EXPECT_EQ(requests[2].path, "/library/sections");
  EXPECT_EQ(requests[2].headers.at("accept").find("application/json"), 0u);
  ExpectNoToken(*instance, {r.json, r.message});
}

TEST_F(ConnectionTest, WrongTokenIsUnauthorized) {
  auto instance = NewInstance({}, "\"plex_token\": \"wrong-token-7c1e\"");
  const CallResult r = instance->TestConnection();
  EXPECT_EQ(r.status, PD_ERR_UNAUTHORIZED) << r.message;
  EXPECT_EQ(r.detail, 401);
  EXPECT_NE(r.message.find("token"), std::string::npos) << r.message;
  EXPECT_EQ(r.message.find("wrong-token-7c1e"), std::string::npos) << r.message;
  EXPECT_EQ(r.json.find("wrong-token-7c1e"), std::string::npos);
  // The 401 came from the server (Plex's HTML body), not from a guess.
  EXPECT_EQ(emulator_->CountRequests("GET", "/identity"), 1u);
  bool saw_401 = false;
  for (const auto& req : emulator_->Requests()) saw_401 |= req.status == 401;
  EXPECT_TRUE(saw_401);
}

TEST_F(ConnectionTest, RefusedPortIsUnreachable) {
  const uint16_t port = FreeLoopbackPort();
  ASSERT_NE(port, 0);
  DriverInstance instance(*driver_, MakeConfig(port, kToken, {}));
  ASSERT_TRUE(instance.ok());
  const CallResult r = instance.TestConnection();
  EXPECT_EQ(r.status, PD_ERR_UNREACHABLE) << r.message;
  EXPECT_NE(r.message.find(std::to_string(port)), std::string::npos) << r.message;
}

TEST_F(ConnectionTest, OtherWebServerIsNotPlex) {
  FaultRule rule;
  rule.kind = FaultKind::kNotPlex;
  emulator_->AddFault(rule);
  auto instance = NewInstance({});
  const CallResult r = instance->TestConnection();
  EXPECT_EQ(r.status, PD_ERR_PROTOCOL) << r.message;
  EXPECT_NE(r.message.find("not a Plex Media Server"), std::string::npos) << r.message;
  // It stopped at /identity: the token was never sent to a server that is not Plex.
  for (const auto& req : emulator_->Requests()) EXPECT_EQ(req.headers.count("x-plex-token"), 0u);
}

TEST_F(ConnectionTest, StalledServerTimesOut) {
  FaultRule rule;
  rule.kind = FaultKind::kStall;
  emulator_->AddFault(rule);
  auto instance = NewInstance({}, "\"timeout_seconds\": 1");
  const auto start = std::chrono::steady_clock::now();
  const CallResult r = instance->TestConnection();
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.status, PD_ERR_TIMEOUT) << r.message;
  EXPECT_NE(r.message.find("timeout_seconds"), std::string::npos) << r.message;
  EXPECT_LT(took, std::chrono::seconds(10));  // bounded by the timeout, not hung
  emulator_->ClearFaults();
}

TEST_F(ConnectionTest, UnknownHostIsDns) {
  // A name that can never resolve (RFC 6761 reserves .invalid).
  DriverInstance dns(*driver_, R"({"host":"plex.does-not-exist.invalid","port":32400,"plex_token":")" +
                                   std::string(kToken) + R"(","timeout_seconds":5})");
  ASSERT_TRUE(dns.ok()) << dns.create_result().message;
  const CallResult r = dns.TestConnection();
  EXPECT_EQ(r.status, PD_ERR_DNS) << r.message;
  EXPECT_NE(r.message.find("plex.does-not-exist.invalid"), std::string::npos) << r.message;
}

TEST_F(ConnectionTest, CapabilitiesWithAndWithoutServer) {
  auto instance = NewInstance({});
  const CallResult r = instance->Capabilities();
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr caps = ParseJson(r.json);
  EXPECT_TRUE(caps->getObject("operations")->getValue<bool>("sync"));
  EXPECT_TRUE(caps->getObject("operations")->getValue<bool>("sessions"));
  EXPECT_TRUE(caps->getObject("operations")->getValue<bool>("handle_webhook"));
  EXPECT_TRUE(caps->getObject("sync")->getValue<bool>("playback_aware"));
  EXPECT_EQ(caps->getObject("sync")->getArray("skip_active")->size(), 4u);
  EXPECT_TRUE(caps->getObject("events")->getValue<bool>("host_callback"));
  EXPECT_EQ(caps->getObject("server")->getValue<std::string>("name"), "Integration Plex");

  std::string json;
  pd_sink sink{sizeof(pd_sink), &json, [](void* ctx, const char* d, size_t n) {
                 static_cast<std::string*>(ctx)->append(d, n);
               }};
  pd_error err{};
  err.struct_size = sizeof err;
  ASSERT_EQ(driver_->api().capabilities(nullptr, &sink, &err), PD_OK) << err.message;
  EXPECT_TRUE(ParseJson(json)->isNull("server"));
}

TEST_F(ConnectionTest, ManyInstancesSideBySide) {
  std::vector<std::unique_ptr<DriverInstance>> instances;
  for (int i = 0; i < 4; ++i) instances.push_back(NewInstance({}));
  for (auto& instance : instances) EXPECT_EQ(instance->TestConnection().status, PD_OK);
  // A broken instance next to healthy ones does not disturb them.
  auto broken = NewInstance({}, "\"plex_token\": \"nope\"");
  EXPECT_EQ(broken->TestConnection().status, PD_ERR_UNAUTHORIZED);
  EXPECT_EQ(instances[0]->TestConnection().status, PD_OK);
}

// HTTPS with a test certificate made for this run (CN=localhost, SAN IP:127.0.0.1).
class TlsTest : public EmulatorTest {
 protected:
  // The certificate's names; WrongHostnameTlsTest issues it for another server.
  virtual std::string SubjectAltName() const { return "DNS:localhost,IP:127.0.0.1"; }
  void SetUp() override {
    cert_ = temp_.path() + "/cert.pem";
    key_ = temp_.path() + "/key.pem";
    const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=server "
                            "-addext subjectAltName=" + SubjectAltName() + " -keyout " + key_ +
                            " -out " + cert_ + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "openssl is not installed";
    EmulatorOptions options;
    options.admin_token = kToken;
    options.tls_cert_file = cert_;
    options.tls_key_file = key_;
    StartEmulator(options, LinuxLibraryJson());
  }
  std::string cert_, key_;
};

TEST_F(TlsTest, TrustedCertificateConnects) {
  auto instance = NewInstance({}, "\"use_https\": true, \"ca_file\": \"" + cert_ + "\"");
  const CallResult r = instance->TestConnection();
  EXPECT_EQ(r.status, PD_OK) << r.message;
  EXPECT_NE(r.json.find("https://127.0.0.1:"), std::string::npos);
}

TEST_F(TlsTest, UntrustedCertificateIsTls) {
  auto instance = NewInstance({}, "\"use_https\": true");
  const CallResult r = instance->TestConnection();
  EXPECT_EQ(r.status, PD_ERR_TLS) << r.message;
  EXPECT_NE(r.message.find("plex.direct"), std::string::npos) << "message: " << r.message;
  // The token never went over a connection whose certificate was refused.
  EXPECT_EQ(emulator_->CountRequests("", "/"), 0u);
}

// Over https the websocket is verified like every request (wss with the same CA file): scans
// are followed on it.
TEST_F(TlsTest, TrustedCertificateSyncsWithTheWebsocket) {
  auto instance = NewInstance({{temp_.path() + "/movies", "/data/movies"}},
                              "\"use_https\": true, \"ca_file\": \"" + cert_ + "\"");
  temp_.WriteFile("movies/Heat (1995)/Heat.mkv");
  emulator_->AddFile("/data/movies/Heat (1995)/Heat.mkv");
  const CallResult r = instance->Sync(SyncRequest({{temp_.path() + "/movies/Heat (1995)", "added"}}));
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr result = ParseJson(r.json);
  EXPECT_EQ(StatusOf(result), "completed");
  EXPECT_EQ(result->getArray("scans")->getObject(0)->getValue<std::string>("observed_via"), "websocket");
  EXPECT_EQ(emulator_->WebsocketClients(), 1u);
  if (HasFailure()) for (const std::string& l : instance->recorder().Logs()) ADD_FAILURE() << l;
}

// A CA file that cannot be read or is not PEM is a configuration error naming the key, at
// create() (it used to surface as an internal error).
TEST_F(TlsTest, UnreadableCaFileIsAConfigError) {
  const std::string not_pem = temp_.WriteFile("not-a-cert.pem", "hello");
  for (const std::string& ca : {temp_.path() + "/missing.pem", not_pem}) {
    DriverInstance instance(*driver_, MakeConfig(emulator_->port(), kToken, {},
                                                 "\"use_https\": true, \"ca_file\": \"" + ca + "\""));
    EXPECT_FALSE(instance.ok()) << ca;
    EXPECT_EQ(instance.create_result().status, PD_ERR_INVALID_CONFIG) << instance.create_result().message;
    EXPECT_NE(instance.create_result().message.find("config.ca_file"), std::string::npos)
        << instance.create_result().message;
    EXPECT_NE(instance.create_result().message.find(ca), std::string::npos) << instance.create_result().message;
  }
}

TEST_F(TlsTest, VerificationCanBeTurnedOff) {
  auto instance = NewInstance({}, "\"use_https\": true, \"verify_tls\": false");
  EXPECT_EQ(instance->TestConnection().status, PD_OK);
}

// A trusted certificate issued for another name (the plex.direct situation).
class WrongHostnameTlsTest : public TlsTest {
 protected:
  std::string SubjectAltName() const override { return "DNS:abc123.plex.direct"; }
};

TEST_F(WrongHostnameTlsTest, HostnameMismatchIsTls) {
  auto instance = NewInstance({}, "\"use_https\": true, \"ca_file\": \"" + cert_ + "\"");
  const CallResult r = instance->TestConnection();
  EXPECT_EQ(r.status, PD_ERR_TLS) << r.message;
  EXPECT_NE(r.message.find("plex.direct"), std::string::npos) << r.message;
  EXPECT_EQ(emulator_->CountRequests("", "/"), 0u);
}

class OldServerTest : public EmulatorTest {};

TEST_F(OldServerTest, VersionBeforePartialScansIsAWarning) {
  EmulatorOptions options;
  options.admin_token = kToken;
  options.version = "1.19.5.3112-b23ab3896";
  StartEmulator(options, LinuxLibraryJson());
  auto instance = NewInstance({});
  const CallResult r = instance->TestConnection();
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr report = ParseJson(r.json);
  EXPECT_FALSE(report->getObject("server")->getValue<bool>("partial_scan_supported"));
  bool warned = false;
  Poco::JSON::Array::Ptr warnings = report->getArray("warnings");
  for (size_t i = 0; i < warnings->size(); ++i) {
    warned |= warnings->getElement<std::string>(i).find("1.20.0.3125") != std::string::npos;
  }
  EXPECT_TRUE(warned) << r.json;
}

// Before 1.43.0 there are no custom metadata providers: every library says so (with what to do
// instead) and the driver does not ask the server about providers.
TEST_F(OldServerTest, ServerBeforeMetadataProvidersSaysSoPerLibrary) {
  EmulatorOptions options;
  options.admin_token = kToken;
  options.version = "1.42.2.10156-f737b826c";
  StartEmulator(options, LinuxLibraryJson());
  auto instance = NewInstance({});
  const CallResult r = instance->TestConnection();
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr report = ParseJson(r.json);
  Poco::JSON::Array::Ptr sections = report->getArray("sections");
  ASSERT_EQ(sections->size(), 2u);
  for (size_t i = 0; i < sections->size(); ++i) {
    Poco::JSON::Object::Ptr use = sections->getObject(static_cast<unsigned>(i))->getObject("metadata_provider");
    ASSERT_TRUE(use) << r.json;
    EXPECT_EQ(use->getValue<std::string>("state"), "server_too_old");
    EXPECT_NE(use->getValue<std::string>("advice").find("older than 1.43.0"), std::string::npos);
  }
  EXPECT_FALSE(report->getObject("metadata_provider")->getValue<bool>("supported"));
  EXPECT_EQ(emulator_->CountRequests("GET", "/media/providers"), 0u);
}

}  // namespace
}  // namespace itest
