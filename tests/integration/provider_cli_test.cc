// SPDX-License-Identifier: MIT
// host_stub's metadata provider commands with the real Plex driver, as a user runs them:
// `serve-provider` in a child process answering Plex's provider requests from a temporary
// manager folder (NFO, poster), its access log, its stop on SIGINT/SIGTERM; `provider-check`
// with its readable report and exit codes. Skipped while the driver offers no "pd.provider/1".
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <dlfcn.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "driver_harness.h"
#include "player_driver/player_driver.h"

namespace itest {
namespace {

using Poco::JSON::Object;

// Whether the module at `path` answers get_interface("pd.provider/1").
bool OffersProvider(const std::string& path) {
  void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) return false;
  bool offers = false;
  if (auto entry_fn = reinterpret_cast<pd_entry_fn>(dlsym(handle, PD_ENTRY_SYMBOL))) {
    const pd_entry* entry = entry_fn();
    offers =
        entry && entry->get_interface && entry->get_interface(PD_PROVIDER_INTERFACE_ID) != nullptr;
  }
  dlclose(handle);
  return offers;
}

Object::Ptr Json(const std::string& text) {
  try {
    return Poco::JSON::Parser().parse(text).extract<Object::Ptr>();
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not a JSON object (" << e.what() << "): " << text;
    return new Object();
  }
}

struct Reply {
  int status = 0;
  std::string body;
  std::string content_type;
  std::string etag;
};

Reply Http(uint16_t port, const std::string& method, const std::string& uri,
           const std::string& body = "", const std::string& if_none_match = "") {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest request(method, uri, Poco::Net::HTTPMessage::HTTP_1_1);
  request.set("Accept", "application/json");
  if (!if_none_match.empty()) request.set("If-None-Match", if_none_match);
  if (!body.empty()) {
    request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  std::ostream& out = session.sendRequest(request);
  out << body;
  out.flush();
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  Reply r;
  r.status = response.getStatus();
  r.content_type = response.getContentType();
  r.etag = response.get("ETag", "");
  std::ostringstream text;
  Poco::StreamCopier::copyStream(in, text);
  r.body = text.str();
  return r;
}

// `host_stub serve-provider ...` in a child process, stdout and stderr into one pipe read by a
// thread (so the child never blocks on it). Ready once it printed its URL.
class ServeProvider {
 public:
  explicit ServeProvider(const std::vector<std::string>& args) {
    int fds[2];
    if (pipe(fds) != 0) return;
    std::vector<std::string> argv_text{HostStubPath(), "--driver", DriverPath()};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      dup2(fds[1], STDERR_FILENO);
      close(fds[0]);
      close(fds[1]);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(fds[1]);
    reader_ = std::thread([this, fd = fds[0]] {
      char buffer[4096];
      ssize_t n;
      while ((n = read(fd, buffer, sizeof buffer)) > 0) {
        std::lock_guard<std::mutex> lock(mutex_);
        output_.append(buffer, static_cast<size_t>(n));
      }
      close(fd);
    });
  }

  ~ServeProvider() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
    if (reader_.joinable()) reader_.join();
  }

  // Waits for "serving the metadata provider on http://ADDR:PORT"; false when the child exited
  // or did not print it within 10 s.
  bool WaitUntilServing() {
    for (int i = 0; i < 500; ++i) {
      const std::string out = output();
      const std::string marker = "serving the metadata provider on http://";
      const size_t at = out.find(marker);
      if (at != std::string::npos && out.find('\n', at) != std::string::npos) {
        url_ = out.substr(at + marker.size() - 7,
                          out.find(' ', at + marker.size()) - at - marker.size() + 7);
        port_ = Poco::URI(url_).getPort();
        return port_ != 0;
      }
      if (waitpid(pid_, &status_, WNOHANG) == pid_) {
        exited_ = true;
        return false;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  // Sends `signal` and waits up to 10 s; the exit code, or -1 when it did not exit by itself.
  int Stop(int signal) {
    if (pid_ <= 0) return -1;
    if (!exited_) kill(pid_, signal);
    for (int i = 0; i < 500 && !exited_; ++i) {
      if (waitpid(pid_, &status_, WNOHANG) == pid_)
        exited_ = true;
      else
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (!exited_) return -1;
    if (reader_.joinable()) reader_.join();  // EOF: the child and everything it started are gone
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
  }

  std::string output() {
    std::lock_guard<std::mutex> lock(mutex_);
    return output_;
  }
  const std::string& url() const { return url_; }
  uint16_t port() const { return port_; }

 private:
  pid_t pid_ = -1;
  bool exited_ = false;
  int status_ = 0;
  std::thread reader_;
  std::mutex mutex_;
  std::string output_;
  std::string url_;
  uint16_t port_ = 0;
};

const char kJpeg[] = "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01poster-bytes\xFF\xD9";

class ProviderCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (HostStubPath().empty()) GTEST_SKIP() << "host_stub is not built";
    if (!OffersProvider(DriverPath())) {
      GTEST_SKIP() << "the driver " << DriverPath()
                   << " does not offer the metadata provider interface " << PD_PROVIDER_INTERFACE_ID
                   << " yet";
    }
    movie_ = temp_.MakeDir("movies/Heat (1995)");
    temp_.WriteFile("movies/Heat (1995)/Heat (1995).mkv", "not really a movie");
    temp_.WriteFile(
        "movies/Heat (1995)/movie.nfo",
        "<movie><title>Heat</title><year>1995</year><plot>A thief and the detective who hunts "
        "him.</plot><genre>Crime</genre><uniqueid type=\"tmdb\" default=\"true\">949</uniqueid>"
        "</movie>");
    poster_ = std::string(kJpeg, sizeof kJpeg - 1);
    temp_.WriteFile("movies/Heat (1995)/poster.jpg", poster_);
    config_ = temp_.path() + "/plex.json";
    std::ofstream(config_) << fmt::format(
        R"({{"host":"127.0.0.1","port":1,"plex_token":"{}","path_mappings":[{{"metarr_path":"{}","player_path":"/data/movies"}}]}})",
        kToken, temp_.path() + "/movies");
    // The same, linking images at the request's Host (a LAN one: only "always" does that).
    linking_config_ = temp_.path() + "/plex-links.json";
    std::ofstream(linking_config_) << fmt::format(
        R"({{"host":"127.0.0.1","port":1,"plex_token":"{}","path_mappings":[{{"metarr_path":"{}","player_path":"/data/movies"}}],)"
        R"("provider":{{"image_links":"always"}}}})",
        kToken, temp_.path() + "/movies");
  }

  int Run(const std::string& args, std::string* out) {
    const int code = RunCommand(HostStubPath() + " --driver " + DriverPath() + " " + args, out);
    EXPECT_EQ(out->find(kToken), std::string::npos) << "the token was printed:\n" << *out;
    return code;
  }

  static constexpr const char* kToken = "provider-secret-token";
  TempDir temp_;
  std::string movie_;
  std::string poster_;
  std::string config_;
  std::string linking_config_;
};

TEST_F(ProviderCliTest, ServeProviderAnswersPlexAndStopsOnCtrlC) {
  ServeProvider server({"serve-provider", "--config", linking_config_, "--port", "0"});
  ASSERT_TRUE(server.WaitUntilServing()) << server.output();
  const uint16_t port = server.port();
  EXPECT_NE(server.output().find(fmt::format(
                "(Plex: add {0}/movies and {0}/shows as metadata providers)", server.url())),
            std::string::npos)
      << server.output();

  Reply root = Http(port, "GET", "/movies");
  ASSERT_EQ(root.status, 200) << root.body;
  Object::Ptr provider = Json(root.body)->getObject("MediaProvider");
  ASSERT_TRUE(provider) << root.body;
  EXPECT_NE(provider->getValue<std::string>("identifier").find("movies"), std::string::npos)
      << root.body;
  EXPECT_EQ(Http(port, "GET", "/shows").status, 200);

  Reply match = Http(
      port, "POST", "/movies/library/metadata/matches?X-Plex-Token=query-secret",
      R"({"type":1,"title":"Heat","year":1995,"filename":"/data/movies/Heat (1995)/Heat (1995).mkv"})");
  ASSERT_EQ(match.status, 200) << match.body;
  Poco::JSON::Array::Ptr found =
      Json(match.body)->getObject("MediaContainer")->getArray("Metadata");
  ASSERT_TRUE(found && found->size() == 1) << match.body;
  const std::string key = found->getObject(0)->getValue<std::string>("ratingKey");
  EXPECT_EQ(found->getObject(0)->getValue<std::string>("title"), "Heat");

  Reply meta = Http(port, "GET", "/movies/library/metadata/" + key);
  ASSERT_EQ(meta.status, 200) << meta.body;
  Object::Ptr item =
      Json(meta.body)->getObject("MediaContainer")->getArray("Metadata")->getObject(0);
  EXPECT_EQ(item->getValue<std::string>("title"), "Heat");
  EXPECT_EQ(item->getValue<int>("year"), 1995);
  EXPECT_NE(item->getValue<std::string>("summary").find("A thief"), std::string::npos);
  // The image link is built from the Host header the client sent: this server's address.
  const std::string thumb = item->getValue<std::string>("thumb");
  ASSERT_EQ(thumb.rfind(server.url() + "/movies/images/", 0), 0u) << thumb;

  const std::string image_path = thumb.substr(server.url().size());
  Reply image = Http(port, "GET", image_path);
  EXPECT_EQ(image.status, 200);
  EXPECT_EQ(image.content_type, "image/jpeg");
  EXPECT_EQ(image.body, poster_);
  ASSERT_FALSE(image.etag.empty());
  Reply again = Http(port, "GET", image_path, "", image.etag);
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");

  EXPECT_EQ(Http(port, "GET", "/movies/images/0/..%2F..%2Fetc%2Fpasswd").status, 404);
  EXPECT_EQ(Http(port, "GET", "/nothing/here").status, 404);

  // Many clients at once (Plex matches a library in parallel).
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&] {
      for (int i = 0; i < 10; ++i) {
        try {
          if (Http(port, "GET", "/movies/library/metadata/" + key).status == 200) ok++;
        } catch (const std::exception&) {
        }
      }
    });
  }
  for (std::thread& t : clients) t.join();
  EXPECT_EQ(ok.load(), 80);

  EXPECT_EQ(server.Stop(SIGINT), 0) << server.output();
  const std::string log = server.output();
  for (const std::string& line : {std::string("GET /movies 200 "), std::string("GET /shows 200 "),
                                  std::string("POST /movies/library/metadata/matches 200 "),
                                  "GET /movies/library/metadata/" + key + " 200 ",
                                  "GET " + image_path.substr(0, image_path.find('?')) + " 200 ",
                                  "GET " + image_path.substr(0, image_path.find('?')) + " 304 ",
                                  std::string("GET /movies/images/0/..%2F..%2Fetc%2Fpasswd 404 "),
                                  std::string("GET /nothing/here 404 ")}) {
    EXPECT_NE(log.find(line), std::string::npos) << line << "\n" << log;
  }
  EXPECT_NE(log.find(" ms\n"), std::string::npos) << log;
  EXPECT_EQ(log.find("query-secret"), std::string::npos) << log;
  EXPECT_EQ(log.find(kToken), std::string::npos) << log;
  // Nothing listens there any more.
  EXPECT_THROW(Http(port, "GET", "/movies"), std::exception);
}

TEST_F(ProviderCliTest, ServeProviderStopsOnSigtermAndRefusesBadOptions) {
  {
    ServeProvider server(
        {"serve-provider", "--config", config_, "--port", "0", "--bind", "127.0.0.1"});
    ASSERT_TRUE(server.WaitUntilServing()) << server.output();
    EXPECT_EQ(Http(server.port(), "GET", "/movies").status, 200);
    EXPECT_EQ(server.Stop(SIGTERM), 0) << server.output();
  }
  std::string out;
  EXPECT_EQ(Run("serve-provider --config " + config_ + " --port http", &out), 1) << out;
  EXPECT_NE(out.find("--port needs a port 0-65535"), std::string::npos) << out;
  EXPECT_EQ(Run("serve-provider --port 0", &out), 1) << out;
  EXPECT_NE(out.find("serve-provider needs --config FILE"), std::string::npos) << out;
  EXPECT_EQ(Run("serve-provider --config " + config_ + " --bind 203.0.113.7 --port 0", &out), 1)
      << out;
  EXPECT_NE(out.find("--bind 203.0.113.7"), std::string::npos) << out;
  EXPECT_NE(out.find("cannot serve on"), std::string::npos) << out;
  // A port in use is refused the same way.
  ServeProvider first({"serve-provider", "--config", config_, "--port", "0"});
  ASSERT_TRUE(first.WaitUntilServing()) << first.output();
  EXPECT_EQ(Run(fmt::format("serve-provider --config {} --port {}", config_, first.port()), &out),
            1)
      << out;
  EXPECT_NE(out.find("cannot serve on"), std::string::npos) << out;
  EXPECT_EQ(first.Stop(SIGINT), 0);
  // A configuration the provider refuses: 6, naming the key.
  const std::string bad =
      temp_.WriteFile("bad.json", R"({"path_mappings":[{"player_path":"/data"}]})");
  EXPECT_EQ(Run("serve-provider --config " + bad + " --port 0", &out), 6) << out;
  EXPECT_NE(out.find("path_mappings[0]"), std::string::npos) << out;
}

TEST_F(ProviderCliTest, ProviderCheckReportsTheItemAndItsProblems) {
  std::string out;
  EXPECT_EQ(Run("provider-check --config " + config_ + " '" + movie_ + "'", &out), 0) << out;
  for (const char* needle :
       {"kind            movie", "title           Heat (1995)", "movie.nfo: read",
        "genres          Crime", "poster", "image/jpeg", "images          not linked", "problems        none"}) {
    EXPECT_NE(out.find(needle), std::string::npos) << needle << "\n" << out;
  }
  // As Plex sees it (the path_mappings' server side) it is the same item.
  EXPECT_EQ(Run("provider-check --json --config " + config_ +
                    " '/data/movies/Heat (1995)/Heat (1995).mkv'",
                &out),
            0)
      << out;
  Object::Ptr doc = Json(out.substr(out.find('{')));
  EXPECT_EQ(doc->getValue<std::string>("kind"), "movie");
  EXPECT_EQ(doc->getObject("metadata")->getValue<std::string>("title"), "Heat");
  EXPECT_EQ(doc->getArray("problems")->size(), 0u);
  EXPECT_FALSE(doc->getValue<bool>("image_links"));  // the default on a LAN
  EXPECT_FALSE(doc->getObject("metadata")->has("thumb"));

  temp_.WriteFile("movies/Broken (2001)/Broken (2001).mkv");
  temp_.WriteFile("movies/Broken (2001)/movie.nfo", "<movie><title>Broken</title><year>2001");
  EXPECT_EQ(
      Run("provider-check --config " + config_ + " '" + temp_.path() + "/movies/Broken (2001)'",
          &out),
      14)
      << out;
  EXPECT_NE(out.find("refused"), std::string::npos) << out;
  EXPECT_NE(out.find("problems        1"), std::string::npos) << out;

  EXPECT_EQ(Run("provider-check --config " + config_ + " /etc", &out), 15) << out;
  EXPECT_NE(out.find("not_found"), std::string::npos) << out;
}

#ifdef MINIMAL_DRIVER_PATH
// A driver without the interface: a clear refusal and exit 9 (needs no provider in the Plex
// driver, so it runs before the driver side exists too).
TEST(ProviderCliWithoutProvider, ADriverWithoutTheInterfaceIsRefused) {
  if (HostStubPath().empty()) GTEST_SKIP() << "host_stub is not built";
  TempDir temp;
  const std::string config = temp.WriteFile("c.json", R"({"path_mappings":[]})");
  for (const std::string command : {"serve-provider --port 0", "provider-check /x"}) {
    std::string out;
    EXPECT_EQ(RunCommand(HostStubPath() + " --driver " + MINIMAL_DRIVER_PATH + " " + command +
                             " --config " + config,
                         &out),
              9)
        << out;
    EXPECT_NE(out.find("this driver offers no metadata provider (pd.provider/1)"),
              std::string::npos)
        << out;
  }
}
#endif

}  // namespace
}  // namespace itest
