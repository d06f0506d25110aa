// Webhooks: real multipart POSTs to a receiver, and the payload shape of every documented event.
#include "emulator_test_support.h"

#include <sstream>
#include <stdexcept>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

namespace pms_emulator {
namespace {

using Poco::JSON::Object;

// A webhook receiver: records each POST's multipart parts.
class WebhookSink : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  struct Part {
    std::string name, content_type, body;
  };
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(this);
  }
  std::vector<std::vector<Part>> posts() {
    std::lock_guard<std::mutex> lock(mutex);
    return posts_;
  }
  std::mutex mutex;
  std::vector<std::vector<Part>> posts_;
  std::string content_type;

 private:
  class Handler : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Handler(WebhookSink* sink) : sink_(sink) {}
    void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& resp) override {
      std::vector<Part> parts;
      try {
        Poco::Net::MultipartReader reader(req.stream());
        while (reader.hasNextPart()) {
          Poco::Net::MessageHeader header;
          reader.nextPart(header);
          Part p;
          std::string disposition;
          Poco::Net::NameValueCollection params;
          Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
          p.name = params.get("name", "");
          p.content_type = header.get("Content-Type", "");
          Poco::StreamCopier::copyToString(reader.stream(), p.body);
          parts.push_back(p);
        }
      } catch (const std::exception&) {
      }
      {
        std::lock_guard<std::mutex> lock(sink_->mutex);
        sink_->content_type = req.getContentType();
        sink_->posts_.push_back(parts);
      }
      resp.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
      resp.send();
    }

   private:
    WebhookSink* sink_;
  };
};

TEST(EmulatorWebhookTest, PostsRealMultipartWebhooks) {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  auto* sink = new WebhookSink();
  Poco::Net::HTTPServer server(sink, socket, new Poco::Net::HTTPServerParams);
  server.start();
  EmulatorOptions options;
  options.admin_token = kToken;
  options.webhook_url = "http://127.0.0.1:" + std::to_string(socket.address().port()) + "/hook";
  Emulator emu(options);
  emu.LoadLibraryFile(std::string(EMULATOR_FIXTURES) + "/demo_library.json");
  emu.Start();
  const std::string key = emu.StartPlayback("101", "alice", "TV");
  const std::string player_id = emu.Sessions().at(0).player_id;
  emu.PausePlayback(key);
  emu.ResumePlayback(key);
  emu.StopPlayback(key);
  ASSERT_TRUE(WaitFor([&] { return sink->posts().size() >= 4; }));
  const auto posts = sink->posts();
  ASSERT_GE(posts[0].size(), 2u);
  EXPECT_EQ(posts[0][0].name, "payload");
  Object::Ptr payload = ParseObject(posts[0][0].body);
  EXPECT_EQ(payload->getValue<std::string>("event"), "media.play");
  EXPECT_TRUE(payload->getObject("Metadata")->get("librarySectionID").isInteger());
  EXPECT_EQ(payload->getObject("Metadata")->getValue<std::string>("ratingKey"), "101");
  EXPECT_EQ(payload->getObject("Account")->getValue<std::string>("title"), "alice");
  EXPECT_EQ(payload->getObject("Server")->getValue<std::string>("uuid"), emu.options().machine_identifier);
  EXPECT_EQ(payload->getObject("Player")->getValue<std::string>("uuid"), player_id);
  EXPECT_EQ(posts[0][1].name, "thumb");
  EXPECT_EQ(posts[0][1].content_type, "image/jpeg");
  std::vector<std::string> events;
  for (const auto& post : posts) events.push_back(ParseObject(post.at(0).body)->getValue<std::string>("event"));
  EXPECT_EQ(events, (std::vector<std::string>{"media.play", "media.pause", "media.resume", "media.stop"}));
  EXPECT_EQ(posts[3].size(), 1u);  // media.stop carries no thumb
  EXPECT_EQ(sink->content_type.rfind("multipart/form-data; boundary=", 0), 0u);
  // Scripted through the control API as well.
  EXPECT_TRUE(emu.SendWebhookEvent("library.new", "203"));
  ASSERT_TRUE(WaitFor([&] { return sink->posts().size() >= 5; }));
  EXPECT_EQ(ParseObject(sink->posts()[4].at(0).body)->getValue<std::string>("event"), "library.new");
  EXPECT_FALSE(emu.SendWebhookEvent("media.explode", "101"));
  emu.Stop();
  server.stop();
}

// Each event Plex documents, in the shape its payload has: who, which server, which player,
// which item, and a poster part for the events that carry one.
TEST(EmulatorWebhookTest, EveryDocumentedEventHasItsShape) {
  EmulatorOptions options;
  options.friendly_name = "Office";
  Emulator emu(options);
  emu.LoadLibraryFile(std::string(EMULATOR_FIXTURES) + "/demo_library.json");
  struct Expect {
    const char* event;
    bool player, metadata, thumb;
  };
  for (const Expect& e : std::vector<Expect>{{"media.play", true, true, true},
                                             {"media.pause", true, true, false},
                                             {"media.resume", true, true, false},
                                             {"media.stop", true, true, false},
                                             {"media.scrobble", true, true, false},
                                             {"media.rate", true, true, true},
                                             {"playback.started", true, true, true},
                                             {"library.new", false, true, true},
                                             {"library.on.deck", false, true, true},
                                             {"admin.database.backup", false, false, false},
                                             {"admin.database.corrupted", false, false, false},
                                             {"device.new", true, false, false}}) {
    SCOPED_TRACE(e.event);
    const WebhookBody w = emu.BuildWebhook(e.event, "203", "alice", "Living Room TV");
    ASSERT_EQ(w.content_type.rfind("multipart/form-data; boundary=", 0), 0u);
    const std::string boundary = w.content_type.substr(w.content_type.find('=') + 1);
    std::istringstream in(w.body);
    Poco::Net::MultipartReader reader(in, boundary);
    std::vector<std::pair<std::string, std::string>> parts;  // name, body
    while (reader.hasNextPart()) {
      Poco::Net::MessageHeader header;
      reader.nextPart(header);
      std::string disposition, body;
      Poco::Net::NameValueCollection params;
      Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, params);
      Poco::StreamCopier::copyToString(reader.stream(), body);
      parts.emplace_back(params.get("name", ""), body);
    }
    ASSERT_EQ(parts.size(), e.thumb ? 2u : 1u);
    ASSERT_EQ(parts[0].first, "payload");
    if (e.thumb) {
      EXPECT_EQ(parts[1].first, "thumb");
      EXPECT_EQ(parts[1].second.substr(0, 3), "\xFF\xD8\xFF");  // a JPEG
    }
    Object::Ptr p = ParseObject(parts[0].second);
    EXPECT_EQ(p->getValue<std::string>("event"), e.event);
    EXPECT_TRUE(p->get("user").isBoolean());
    EXPECT_EQ(p->getObject("Server")->getValue<std::string>("title"), "Office");
    EXPECT_EQ(p->getObject("Account")->getValue<std::string>("title"), "alice");
    EXPECT_EQ(p->has("Player"), e.player);
    EXPECT_EQ(p->has("Metadata"), e.metadata);
    if (e.metadata) {
      Object::Ptr m = p->getObject("Metadata");
      EXPECT_EQ(m->getValue<std::string>("type"), "episode");
      EXPECT_EQ(m->getValue<std::string>("librarySectionType"), "show");
      EXPECT_EQ(m->getValue<std::string>("grandparentTitle"), "Severance");
      EXPECT_EQ(m->getValue<int>("parentIndex"), 1);
      EXPECT_EQ(m->getValue<int>("index"), 1);
      EXPECT_TRUE(m->get("librarySectionID").isInteger());
    }
  }
  EXPECT_THROW(emu.BuildWebhook("media.explode", "101"), std::invalid_argument);
  EXPECT_THROW(emu.BuildWebhook("media.play", "999999"), std::invalid_argument);
}

}  // namespace
}  // namespace pms_emulator
