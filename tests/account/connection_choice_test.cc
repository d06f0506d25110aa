// Choosing a connection through the real driver module: plex.tv (emulator) lists the server's
// addresses, the driver proves each against PMS emulators, and the ready config it returns works
// as a pd_driver configuration. Local addresses that do not answer fall back to remote; an
// address answering as another server is rejected; a server requiring TLS is reached by its
// plex.direct name (connected to the address the name encodes) with the certificate checked.
#include <cstdlib>
#include <sstream>

#include "account_harness.h"

namespace atest {
namespace {

using plextv_emulator::Connection;

std::string Request(const std::string& extra = "") {
  return std::string(R"({"schema_version":1,"token":")") + kAccountToken + "\"" +
         (extra.empty() ? "" : "," + extra) + "}";
}

Poco::JSON::Object::Ptr Candidate(const Poco::JSON::Object::Ptr& doc, const std::string& uri) {
  Poco::JSON::Array::Ptr list = doc->getArray("candidates");
  for (size_t i = 0; i < list->size(); ++i) {
    if (list->getObject(i)->getValue<std::string>("uri") == uri) return list->getObject(i);
  }
  ADD_FAILURE() << "no candidate " << uri;
  return new Poco::JSON::Object();
}

class ConnectionChoiceTest : public AccountTest {};

TEST_F(ConnectionChoiceTest, UnreachableLocalAddressFallsBackToRemoteAndTheConfigWorks) {
  const uint16_t closed = itest::FreeLoopbackPort();
  const std::string local = "http://127.0.0.1:" + std::to_string(closed);
  const std::string remote = "http://127.0.0.1:" + std::to_string(pms_->port());
  AddOffice({{"http", "127.0.0.2", closed, "", false, true, false},  // a relay: tried last
             {"http", "127.0.0.1", pms_->port(), "", false, false, false},
             {"http", "127.0.0.1", closed, "", true, false, false}});
  auto client = NewClient();
  const CallResult r = client->ChooseConnection(Request(R"("name":"Living room")"));
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr doc = Parse(r.json);
  EXPECT_EQ(doc->getObject("chosen")->getValue<std::string>("uri"), remote);
  EXPECT_EQ(doc->getObject("chosen")->getValue<std::string>("kind"), "remote");
  Poco::JSON::Object::Ptr tried_local = Candidate(doc, local);
  EXPECT_EQ(tried_local->getValue<std::string>("kind"), "local");
  EXPECT_EQ(tried_local->getValue<std::string>("result"), "rejected");
  EXPECT_EQ(tried_local->getValue<std::string>("status"), "unreachable");
  EXPECT_FALSE(tried_local->getValue<std::string>("reason").empty());
  // Local is listed first: the order tried was local, remote, relay.
  EXPECT_EQ(doc->getArray("candidates")->getObject(0)->getValue<std::string>("uri"), local);

  Poco::JSON::Object::Ptr config = doc->getObject("config");
  EXPECT_EQ(config->getValue<std::string>("name"), "Living room");
  EXPECT_EQ(config->getValue<std::string>("host"), "127.0.0.1");
  EXPECT_EQ(config->getValue<int>("port"), pms_->port());
  EXPECT_FALSE(config->getValue<bool>("use_https"));
  EXPECT_EQ(config->getValue<std::string>("plex_token"), kServerToken);
  EXPECT_EQ(config->getValue<std::string>("plex_account_token"), kAccountToken);
  EXPECT_EQ(config->getValue<std::string>("client_identifier"), "atest-client");
  EXPECT_EQ(config->getValue<std::string>("plex_tv_url"), plextv_->base_url());
  // The probe asked the server who it is, without a token.
  const std::vector<pms_emulator::RecordedRequest> seen = pms_->Requests();
  ASSERT_FALSE(seen.empty());
  EXPECT_EQ(seen[0].path, "/identity");
  EXPECT_EQ(seen[0].headers.count("x-plex-token"), 0u);
  ExpectNoSecrets(*client, {r.message}, {kAccountToken, kServerToken});

  // The ready config works as is.
  std::ostringstream text;
  config->stringify(text);
  itest::DriverInstance instance(*driver_, text.str());
  ASSERT_TRUE(instance.ok()) << instance.create_result().message;
  const CallResult check = instance.TestConnection();
  EXPECT_EQ(check.status, PD_OK) << check.message;
  EXPECT_EQ(pms_->Requests().back().headers.at("x-plex-token"), kServerToken);
}

TEST_F(ConnectionChoiceTest, AnAddressAnsweringAsAnotherServerIsRejected) {
  pms_emulator::EmulatorOptions other;
  other.admin_token = "impostor-token";
  other.machine_identifier = "impostor-machine-identifier";
  pms_emulator::Emulator impostor(other);
  impostor.LoadLibraryJson(LibraryJson());
  impostor.Start();
  const std::string wrong = "http://127.0.0.1:" + std::to_string(impostor.port());
  AddOffice({{"http", "127.0.0.1", impostor.port(), "", true, false, false},
             {"http", "127.0.0.1", pms_->port(), "", false, false, false}});
  auto client = NewClient();
  const CallResult r = client->ChooseConnection(Request());
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr doc = Parse(r.json);
  Poco::JSON::Object::Ptr rejected = Candidate(doc, wrong);
  EXPECT_EQ(rejected->getValue<std::string>("result"), "rejected");
  EXPECT_EQ(rejected->getValue<std::string>("status"), "protocol");
  EXPECT_NE(rejected->getValue<std::string>("reason").find("impostor-machine-identifier"),
            std::string::npos);
  EXPECT_EQ(doc->getObject("chosen")->getValue<std::string>("kind"), "remote");
  // The other server was asked who it is, and never given a token.
  ASSERT_EQ(impostor.Requests().size(), 1u);
  EXPECT_EQ(impostor.Requests()[0].path, "/identity");
  EXPECT_EQ(impostor.Requests()[0].headers.count("x-plex-token"), 0u);
  impostor.Stop();
}

TEST_F(ConnectionChoiceTest, NothingAnswersIsAFailureWithTheDocument) {
  AddOffice({{"http", "127.0.0.1", itest::FreeLoopbackPort(), "", true, false, false}});
  auto client = NewClient();
  const CallResult r = client->ChooseConnection(Request());
  EXPECT_EQ(r.status, PD_ERR_UNREACHABLE) << r.message;
  Poco::JSON::Object::Ptr doc = Parse(r.json);
  EXPECT_TRUE(doc->get("config").isEmpty());
  EXPECT_TRUE(doc->get("chosen").isEmpty());
  EXPECT_EQ(doc->getObject("error")->getValue<std::string>("status"), "unreachable");
  EXPECT_EQ(r.json.find(kServerToken), std::string::npos);

  EXPECT_EQ(client->ChooseConnection(Request(R"("server":"Basement")")).status, PD_ERR_NOT_FOUND);
}

// The server requires secure connections and has a certificate for its plex.direct name only.
class PlexDirectTest : public AccountTest {
 protected:
  void SetUp() override {
    const std::string dir = temp_.path();
    cert_ = dir + "/cert.pem";
    const std::string key = dir + "/key.pem";
    const std::string cmd =
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=plex "
        "-addext subjectAltName=DNS:*.0a1b2c3d4e.plex.direct -keyout " +
        key + " -out " + cert_ + " >/dev/null 2>&1";
    if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "openssl is not installed";
    AccountTest::SetUp();
    pms_->Stop();
    pms_emulator::EmulatorOptions options;
    options.admin_token = kServerToken;
    options.machine_identifier = kMachineId;
    options.tls_cert_file = cert_;
    options.tls_key_file = key;
    pms_ = std::make_unique<pms_emulator::Emulator>(options);
    pms_->LoadLibraryJson(LibraryJson());
    pms_->Start();
  }
  std::string cert_;
};

TEST_F(PlexDirectTest, HttpsRequiredUsesThePlexDirectNameWithoutDns) {
  const std::string name = "127-0-0-1.0a1b2c3d4e.plex.direct";
  const std::string uri = "https://" + name + ":" + std::to_string(pms_->port());
  AddOffice({{"https", "127.0.0.1", pms_->port(), uri, true, false, false}},
            /*https_required=*/true);
  auto client = NewClient("\"ca_file\":\"" + cert_ + "\"");
  const CallResult r = client->ChooseConnection(Request());
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr doc = Parse(r.json);
  EXPECT_EQ(doc->getObject("chosen")->getValue<std::string>("uri"), uri);
  Poco::JSON::Object::Ptr plain =
      Candidate(doc, "http://127.0.0.1:" + std::to_string(pms_->port()));
  EXPECT_EQ(plain->getValue<std::string>("result"), "skipped");
  EXPECT_NE(plain->getValue<std::string>("reason").find("requires secure connections"),
            std::string::npos);
  Poco::JSON::Object::Ptr config = doc->getObject("config");
  EXPECT_EQ(config->getValue<std::string>("host"), name);
  EXPECT_TRUE(config->getValue<bool>("use_https"));
  EXPECT_EQ(config->getValue<std::string>("ca_file"), cert_);

  std::ostringstream text;
  config->stringify(text);
  itest::DriverInstance instance(*driver_, text.str());
  ASSERT_TRUE(instance.ok()) << instance.create_result().message;
  const CallResult check = instance.TestConnection();
  EXPECT_EQ(check.status, PD_OK) << check.message;
  // The server saw its own name (no plain-http request ever reached it).
  for (const pms_emulator::RecordedRequest& seen : pms_->Requests()) {
    EXPECT_EQ(seen.headers.at("host"), name + ":" + std::to_string(pms_->port()));
  }
}

TEST_F(PlexDirectTest, ACertificateForAnotherNameIsRefused) {
  const std::string uri =
      "https://127-0-0-1.ffffffffff.plex.direct:" + std::to_string(pms_->port());
  AddOffice({{"https", "127.0.0.1", pms_->port(), uri, true, false, false}},
            /*https_required=*/true);
  auto client = NewClient("\"ca_file\":\"" + cert_ + "\"");
  const CallResult r = client->ChooseConnection(Request());
  EXPECT_EQ(r.status, PD_ERR_TLS) << r.message;
  EXPECT_EQ(Candidate(Parse(r.json), uri)->getValue<std::string>("status"), "tls");
  EXPECT_TRUE(pms_->Requests().empty());
}

}  // namespace
}  // namespace atest
