// SPDX-License-Identifier: MIT
#include "provider_http_server.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

namespace host_stub {
namespace {

TEST(ProviderHttpServerTest, SplitTargetKeepsThePathEncodedAndDropsTheQuery) {
  RequestTarget t = SplitTarget("/movies/images/0/Heat%20(1995)%2Fposter.jpg?X-Plex-Token=abc&x=1");
  EXPECT_EQ(t.path, "/movies/images/0/Heat%20(1995)%2Fposter.jpg");
  EXPECT_EQ(t.query, "X-Plex-Token=abc&x=1");
  t = SplitTarget("/shows#frag");
  EXPECT_EQ(t.path, "/shows");
  EXPECT_EQ(t.query, "");
  EXPECT_EQ(SplitTarget("").path, "/");
  EXPECT_EQ(SplitTarget("?a=b").path, "/");
  EXPECT_EQ(SplitTarget("?a=b").query, "a=b");
}

TEST(ProviderHttpServerTest, BaseUrlFromTheHostHeaderElseTheBoundAddress) {
  EXPECT_EQ(BaseUrl("192.168.1.5:7878", "0.0.0.0", 7878), "http://192.168.1.5:7878");
  EXPECT_EQ(BaseUrl("nas.local", "127.0.0.1", 80), "http://nas.local");
  EXPECT_EQ(BaseUrl("[fe80::1]:9000", "::", 9000), "http://[fe80::1]:9000");
  EXPECT_EQ(BaseUrl("", "127.0.0.1", 4242), "http://127.0.0.1:4242");
  EXPECT_EQ(BaseUrl("", "0.0.0.0", 4242), "http://127.0.0.1:4242");
  EXPECT_EQ(BaseUrl("", "::1", 4242), "http://[::1]:4242");
  EXPECT_EQ(BaseUrl("evil.example/path", "127.0.0.1", 1), "http://127.0.0.1:1");  // not a host
  EXPECT_EQ(BaseUrl("user@evil", "127.0.0.1", 1), "http://127.0.0.1:1");
  EXPECT_EQ(BaseUrl("nas\xff\xfe:1", "127.0.0.1", 1), "http://127.0.0.1:1");  // not UTF-8: no host
  EXPECT_EQ(BaseUrl("nas\"><x", "127.0.0.1", 1), "http://127.0.0.1:1");
}

TEST(ProviderHttpServerTest, OwnedRequestPointsIntoItsOwnCopies) {
  std::vector<std::pair<std::string, std::string>> headers = {
      {"Host", "h:1"}, {"If-None-Match", "\"abc\""}, {"X-Dup", "1"}, {"X-Dup", "2"}};
  OwnedHttpRequest owned("POST", "/movies/library/metadata/matches?X-Plex-Token=t", headers,
                         R"({"title":"Heat"})", "http://h:1");
  const pd_http_request& r = owned.request();
  EXPECT_EQ(r.struct_size, sizeof(pd_http_request));
  EXPECT_STREQ(r.method, "POST");
  EXPECT_STREQ(r.path, "/movies/library/metadata/matches");
  EXPECT_STREQ(r.query, "X-Plex-Token=t");
  ASSERT_EQ(r.header_count, 4u);
  EXPECT_STREQ(r.headers[1].name, "If-None-Match");
  EXPECT_STREQ(r.headers[1].value, "\"abc\"");
  EXPECT_STREQ(r.headers[3].value, "2");
  EXPECT_EQ(std::string(r.body, r.body_size), R"({"title":"Heat"})");
  EXPECT_STREQ(r.base_url, "http://h:1");

  OwnedHttpRequest empty("GET", "/movies", {}, "", "");
  EXPECT_EQ(empty.request().headers, nullptr);
  EXPECT_EQ(empty.request().header_count, 0u);
  EXPECT_EQ(empty.request().body, nullptr);
  EXPECT_EQ(empty.request().body_size, 0u);
  EXPECT_STREQ(empty.request().query, "");
}

TEST(ProviderHttpServerTest, AccessLogLineHasNoQueryAndNoControlCharacters) {
  EXPECT_EQ(
      AccessLogLine("GET", "/movies/library/metadata/tmdb-949?X-Plex-Token=secret", 200, 1.23),
      "GET /movies/library/metadata/tmdb-949 200 1.2 ms");
  EXPECT_EQ(AccessLogLine("GET", "/a\nb\x1b", 404, 0), "GET /a?b? 404 0.0 ms");
}

TEST(ProviderHttpServerTest, CollectingResponseKeepsTheFirstStart) {
  CollectedResponse c;
  pd_http_response r = CollectingResponse(&c);
  const pd_http_header h[] = {{"Content-Type", "image/jpeg"}};
  r.start(r.ctx, 200, h, 1);
  r.write(r.ctx, "ab", 2);
  r.start(r.ctx, 500, nullptr, 0);
  r.write(r.ctx, "c", 1);
  EXPECT_EQ(c.status, 200);
  EXPECT_EQ(c.starts, 2);
  ASSERT_EQ(c.headers.size(), 1u);
  EXPECT_EQ(c.headers[0].second, "image/jpeg");
  EXPECT_EQ(c.body, "abc");
}

// A backend answering from the request: /echo -> what it saw as JSON-ish text; /stream -> a
// body with Content-Length in 3 chunks; /fail -> an error status; /silent -> PD_OK, nothing.
class FakeBackend : public ProviderBackend {
 public:
  pd_status Handle(const pd_http_request& r, const pd_http_response& out, pd_error* err) override {
    calls.fetch_add(1);
    const std::string path = r.path;
    if (path == "/fail") {
      std::snprintf(err->message, sizeof err->message, "broken on purpose");
      return PD_ERR_INTERNAL;
    }
    if (path == "/silent") return PD_OK;
    if (path == "/stream") {
      const pd_http_header h[] = {
          {"Content-Type", "image/jpeg"}, {"Content-Length", "9"}, {"ETag", "\"e1\""}};
      out.start(out.ctx, 200, h, 3);
      for (const char* part : {"abc", "def", "ghi"}) out.write(out.ctx, part, 3);
      return PD_OK;
    }
    if (path == "/notmodified") {
      const pd_http_header h[] = {{"ETag", "\"e1\""}};
      out.start(out.ctx, 304, h, 1);
      return PD_OK;
    }
    std::string text = std::string(r.method) + " " + path + " q=" + (r.query ? r.query : "") +
                       " base=" + (r.base_url ? r.base_url : "") +
                       " body=" + std::string(r.body ? r.body : "", r.body_size);
    for (size_t i = 0; i < r.header_count; ++i) {
      if (std::string(r.headers[i].name) == "X-Test")
        text += std::string(" x-test=") + r.headers[i].value;
    }
    const pd_http_header h[] = {{"Content-Type", "text/plain"}};
    out.start(out.ctx, path == "/missing" ? 404 : 200, h, 1);
    out.write(out.ctx, text.data(), text.size());
    return PD_OK;
  }
  std::atomic<int> calls{0};
};

struct Answer {
  int status = 0;
  std::string body;
  std::string content_type;
  std::string etag;
};

Answer Fetch(uint16_t port, const std::string& method, const std::string& uri,
             const std::string& body = "", const std::string& host = "",
             const std::string& x_test = "", std::streamsize declared_length = -1) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  Poco::Net::HTTPRequest request(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!host.empty()) request.setHost(host);
  if (!x_test.empty()) request.set("X-Test", x_test);
  if (!body.empty()) request.setContentLength(static_cast<std::streamsize>(body.size()));
  // A larger declared length than sent: the server answers from the header alone.
  if (declared_length >= 0) request.setContentLength(declared_length);
  Poco::Net::HTTPResponse response;
  std::ostream& out = session.sendRequest(request);
  out << body;
  out.flush();
  std::istream& in = session.receiveResponse(response);
  Answer a;
  a.status = response.getStatus();
  a.content_type = response.getContentType();
  a.etag = response.get("ETag", "");
  std::ostringstream text;
  Poco::StreamCopier::copyStream(in, text);
  a.body = text.str();
  return a;
}

int LinesStartingWith(const std::vector<std::string>& log, const std::string& prefix) {
  int n = 0;
  for (const std::string& line : log) n += line.rfind(prefix, 0) == 0 ? 1 : 0;
  return n;
}

class ProviderServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ProviderHttpServer::Options options;
    options.port = 0;
    options.access_log = [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(mutex_);
      log_.push_back(line);
    };
    server_ = std::make_unique<ProviderHttpServer>(&backend_, options);
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
    ASSERT_NE(server_->port(), 0);
  }
  std::vector<std::string> Log() {
    std::lock_guard<std::mutex> lock(mutex_);
    return log_;
  }
  FakeBackend backend_;
  std::unique_ptr<ProviderHttpServer> server_;
  std::mutex mutex_;
  std::vector<std::string> log_;
};

TEST_F(ProviderServerTest, TranslatesRequestsAndAnswers) {
  const uint16_t port = server_->port();
  EXPECT_EQ(server_->url(), "http://127.0.0.1:" + std::to_string(port));
  Answer a = Fetch(port, "POST", "/movies/library/metadata/matches?X-Plex-Token=secret",
                   R"({"t":1})", "192.168.1.5:7878", "yes");
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.content_type, "text/plain");
  EXPECT_EQ(
      a.body,
      "POST /movies/library/metadata/matches q=X-Plex-Token=secret base=http://192.168.1.5:7878 "
      "body={\"t\":1} x-test=yes");
  a = Fetch(port, "GET", "/missing");
  EXPECT_EQ(a.status, 404);
  EXPECT_NE(a.body.find("base=http://127.0.0.1:" + std::to_string(port)), std::string::npos)
      << a.body;

  a = Fetch(port, "GET", "/stream");
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.body, "abcdefghi");
  EXPECT_EQ(a.content_type, "image/jpeg");
  EXPECT_EQ(a.etag, "\"e1\"");
  a = Fetch(port, "HEAD", "/stream");
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(a.body, "");
  a = Fetch(port, "GET", "/notmodified");
  EXPECT_EQ(a.status, 304);
  EXPECT_EQ(a.body, "");

  a = Fetch(port, "GET", "/fail");
  EXPECT_EQ(a.status, 500);
  EXPECT_NE(a.body.find("broken on purpose"), std::string::npos) << a.body;
  a = Fetch(port, "GET", "/silent");
  EXPECT_EQ(a.status, 500);
  EXPECT_NE(a.body.find("wrote no answer"), std::string::npos) << a.body;

  const int before = backend_.calls.load();
  a = Fetch(port, "POST", "/movies/library/metadata/matches", "{}", "", "",
            static_cast<std::streamsize>(kMaxProviderRequestBody) + 1);
  EXPECT_EQ(a.status, 413);
  EXPECT_EQ(backend_.calls.load(), before);  // never reached the provider

  server_->Stop();
  // Each connection's line is written after its answer went out, on the server's worker thread,
  // so lines of consecutive requests may land in either order: find them, do not index them.
  const std::vector<std::string> log = Log();
  ASSERT_EQ(log.size(), 8u);
  EXPECT_EQ(LinesStartingWith(log, "POST /movies/library/metadata/matches 200 "), 1);
  EXPECT_EQ(LinesStartingWith(log, "GET /missing 404 "), 1);
  EXPECT_EQ(LinesStartingWith(log, "GET /stream 200 "), 1);
  EXPECT_EQ(LinesStartingWith(log, "HEAD /stream 200 "), 1);
  EXPECT_EQ(LinesStartingWith(log, "GET /notmodified 304 "), 1);
  EXPECT_EQ(LinesStartingWith(log, "GET /fail 500 "), 1);
  EXPECT_EQ(LinesStartingWith(log, "GET /silent 500 "), 1);
  EXPECT_EQ(LinesStartingWith(log, "POST /movies/library/metadata/matches 413 "), 1);
  for (const std::string& line : log) {
    EXPECT_EQ(line.find("secret"), std::string::npos) << line;
    EXPECT_NE(line.find(" ms"), std::string::npos) << line;
  }
}

TEST_F(ProviderServerTest, ServesConcurrentRequestsAndStopsCleanly) {
  const uint16_t port = server_->port();
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < 10; ++i) {
        const Answer a = Fetch(port, "GET", "/echo/" + std::to_string(c) + "/" + std::to_string(i));
        if (a.status == 200 && a.body.find("/echo/" + std::to_string(c) + "/" +
                                           std::to_string(i)) != std::string::npos)
          ok++;
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(ok.load(), 80);
  server_->Stop();
  server_->Stop();  // idempotent
  EXPECT_EQ(Log().size(), 80u);
}

TEST(ProviderHttpServerBindTest, AnAddressThatCannotBeBoundIsAnError) {
  FakeBackend backend;
  ProviderHttpServer::Options options;
  options.bind = "203.0.113.7";  // TEST-NET-3: not an address of this machine
  ProviderHttpServer server(&backend, options);
  std::string error;
  EXPECT_FALSE(server.Start(&error));
  EXPECT_NE(error.find("cannot serve on 203.0.113.7:0"), std::string::npos) << error;
}

}  // namespace
}  // namespace host_stub

namespace host_stub {
namespace {

TEST(ProviderHttpServerBindTest, APortInUseIsRefusedNotShared) {
  FakeBackend backend;
  ProviderHttpServer first(&backend, {});
  std::string error;
  ASSERT_TRUE(first.Start(&error)) << error;
  ProviderHttpServer::Options options;
  options.port = first.port();
  ProviderHttpServer second(&backend, options);
  EXPECT_FALSE(second.Start(&error));
  EXPECT_NE(error.find("cannot serve on 127.0.0.1:" + std::to_string(first.port())),
            std::string::npos)
      << error;
}

}  // namespace
}  // namespace host_stub
