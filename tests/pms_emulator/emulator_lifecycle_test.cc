// The server's lifecycle: a restart keeps the port and drops websocket clients; HTTPS with a
// test certificate.
#include "emulator_test_support.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>

namespace pms_emulator {
namespace {

using Poco::JSON::Object;

TEST_F(EmulatorTest, RestartKeepsThePortAndDropsWebsockets) {
  const uint16_t port = emu_->port();
  {
    FrameCollector ws(*emu_, "/:/websockets/notifications");
    ASSERT_TRUE(WaitFor([&] { return emu_->WebsocketClients() == 1; }));
    emu_->Restart();
    EXPECT_EQ(emu_->WebsocketClients(), 0u);
  }
  EXPECT_EQ(emu_->port(), port);
  EXPECT_EQ(Call(*emu_, "GET", "/identity").status, 200);
}

TEST(EmulatorTlsTest, ServesHttpsWithATestCertificate) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("pms-emu-tls-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string cert = (dir / "cert.pem").string();
  const std::string key = (dir / "key.pem").string();
  const std::string cmd = "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 -keyout " + key +
                          " -out " + cert + " >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0) GTEST_SKIP() << "openssl is not installed";
  EmulatorOptions options;
  options.admin_token = kToken;
  options.tls_cert_file = cert;
  options.tls_key_file = key;
  Emulator emu(options);
  emu.LoadLibraryFile(std::string(EMULATOR_FIXTURES) + "/demo_library.json");
  emu.Start();
  EXPECT_EQ(emu.base_url().rfind("https://", 0), 0u);
  Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", cert,
                                                           Poco::Net::Context::VERIFY_RELAXED);
  Poco::Net::HTTPSClientSession session("localhost", emu.port(), context);
  Poco::Net::HTTPRequest request("GET", "/identity", Poco::Net::HTTPMessage::HTTP_1_1);
  session.sendRequest(request);
  Poco::Net::HTTPResponse response;
  session.receiveResponse(response).ignore(1 << 20);
  EXPECT_EQ(response.getStatus(), 200);
  emu.Stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace pms_emulator
