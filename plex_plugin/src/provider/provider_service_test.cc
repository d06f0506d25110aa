// SPDX-License-Identifier: MIT
// ProviderService against real folders in a temporary directory: what Plex would be answered.
#include "provider/provider_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include <Poco/JSON/Parser.h>

namespace plexdriver {
namespace {
namespace fs = std::filesystem;
using Poco::JSON::Object;

const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0", 4) + "poster bytes" + std::string("\xFF\xD9", 2);

void Write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

class ProviderServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = fs::temp_directory_path() / ("pd_provider_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(base_);
    movies_ = base_ / "movies";
    tv_ = base_ / "tv";
    Write(movies_ / "Heat (1995)/Heat (1995).mkv", "v");
    Write(movies_ / "Heat (1995)/movie.nfo",
          "<movie><title>Heat</title><year>1995</year><plot>A thief and a cop.</plot><genre>Crime</genre>"
          "<genre>Drama</genre><set><name>Mann</name></set><actor><name>Al Pacino</name><role>Hanna</role></actor>"
          "<uniqueid type=\"tmdb\" default=\"true\">949</uniqueid><uniqueid type=\"imdb\">tt0113277</uniqueid></movie>");
    Write(movies_ / "Heat (1995)/poster.jpg", kJpeg);
    Write(movies_ / "Heat (1995)/fanart.jpg", "not an image at all");
    Write(movies_ / "Heat (1995)/.actors/Al_Pacino.jpg", kJpeg);
    Write(movies_ / "Bare (2001)/Bare (2001).mkv", "v");
    Write(base_ / "outside/secret.jpg", kJpeg);
    fs::create_symlink(base_ / "outside/secret.jpg", movies_ / "Heat (1995)/escape.jpg");
    Write(tv_ / "Severance/tvshow.nfo", "<tvshow><title>Severance</title><uniqueid type=\"tvdb\">371980</uniqueid></tvshow>");
    Write(tv_ / "Severance/season01-poster.jpg", kJpeg);
    for (int e = 1; e <= 25; ++e) {
      const std::string name = "Severance - S01E" + std::string(e < 10 ? "0" : "") + std::to_string(e);
      Write(tv_ / "Severance/Season 01" / (name + ".mkv"), "v");
    }
    Write(tv_ / "Severance/Season 01/Severance - S01E01.nfo",
          "<episodedetails><title>Good News About Hell</title><season>1</season><episode>1</episode>"
          "<plot>Mark.</plot></episodedetails>");
    Result<ProviderConfig> config = ParseProviderConfig(
        R"({"path_mappings":[{"metarr_path":")" + movies_.string() + R"(","player_path":"/data/movies"},)" +
        R"({"metarr_path":")" + tv_.string() + R"(","player_path":"/data/tv"}],)" +
        R"("provider":{"image_links":"always"}})");  // links at the Host header (ImageLinks… tests the default)
    ASSERT_TRUE(config.ok()) << config.status().ToString();
    Result<std::unique_ptr<ProviderService>> s =
        ProviderService::Create(std::move(config).value(), [this](pd_log_level, const std::string& l) { logs_.push_back(l); });
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    service_ = std::move(s).value();
  }
  void TearDown() override { fs::remove_all(base_); }

  ProviderResponse Call(std::string method, std::string path, std::string body = "", std::string query = "") {
    ProviderRequest r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.body = std::move(body);
    r.query = std::move(query);
    r.base_url = "http://provider:1";
    return service_->Handle(r);
  }
  static Object::Ptr Json(const ProviderResponse& r) {
    return Poco::JSON::Parser().parse(r.body).extract<Object::Ptr>();
  }
  static Object::Ptr First(const ProviderResponse& r) {
    return Json(r)->getObject("MediaContainer")->getArray("Metadata")->getObject(0);
  }

  fs::path base_, movies_, tv_;
  std::vector<std::string> logs_;
  std::unique_ptr<ProviderService> service_;
};

TEST_F(ProviderServiceTest, RootsAnnounceTheProviderAndItsFeatures) {
  ProviderResponse r = Call("GET", "/movies");
  ASSERT_EQ(r.status, 200);
  Object::Ptr p = Json(r)->getObject("MediaProvider");
  EXPECT_EQ(p->getValue<std::string>("identifier"), "tv.plex.agents.custom.plexdriver.movies");
  EXPECT_EQ(p->getArray("Types")->getObject(0)->getValue<int>("type"), 1);
  EXPECT_EQ(Json(Call("GET", "/shows"))->getObject("MediaProvider")->getArray("Types")->size(), 3u);
  EXPECT_EQ(Call("GET", "/music").status, 404);
  EXPECT_EQ(Call("POST", "/movies").status, 405);
}

TEST_F(ProviderServiceTest, MatchFindsTheNfoBesideTheFileAndMetadataCarriesItsFields) {
  ProviderResponse m = Call("POST", "/movies/library/metadata/matches",
                            R"({"type":1,"title":"Heat","year":1995,"filename":"/data/movies/Heat (1995)/Heat (1995).mkv"})");
  ASSERT_EQ(m.status, 200) << m.body;
  Object::Ptr item = First(m);
  EXPECT_EQ(item->getValue<std::string>("ratingKey"), "tmdb-949");
  EXPECT_EQ(item->getValue<std::string>("guid"), "tv.plex.agents.custom.plexdriver.movies://movie/tmdb-949");
  Object::Ptr meta = First(Call("GET", "/movies/library/metadata/tmdb-949"));
  EXPECT_EQ(meta->getValue<std::string>("title"), "Heat");
  EXPECT_EQ(meta->getValue<std::string>("summary"), "A thief and a cop.");
  EXPECT_EQ(meta->getValue<int>("year"), 1995);
  EXPECT_EQ(meta->getArray("Genre")->size(), 2u);
  EXPECT_EQ(meta->getArray("Collection")->getObject(0)->getValue<std::string>("tag"), "Mann");
  EXPECT_EQ(meta->getArray("Guid")->getObject(0)->getValue<std::string>("id"), "tmdb://949");
  Object::Ptr role = meta->getArray("Role")->getObject(0);
  EXPECT_EQ(role->getValue<std::string>("role"), "Hanna");
  EXPECT_NE(role->getValue<std::string>("thumb").find("/.actors/Al_Pacino.jpg"), std::string::npos);
  const std::string thumb = meta->getValue<std::string>("thumb");
  ASSERT_EQ(thumb.rfind("http://provider:1/movies/images/0/", 0), 0u) << thumb;
  // The poster URL serves the poster's bytes, with validators Plex can revalidate with.
  const std::string path = thumb.substr(std::string("http://provider:1").size(), thumb.find('?') - 17);
  ProviderResponse image = Call("GET", path);
  ASSERT_EQ(image.status, 200) << image.body;
  EXPECT_EQ(image.body, kJpeg);
  std::string etag;
  for (const auto& [k, v] : image.headers) {
    if (k == "ETag") etag = v;
    if (k == "Content-Type") {
      EXPECT_EQ(v, "image/jpeg");
    }
  }
  ASSERT_FALSE(etag.empty());
  ProviderRequest again;
  again.path = path;
  again.headers = {{"if-none-match", etag}};
  EXPECT_EQ(service_->Handle(again).status, 304);
  // The fanart is not an image: it is not offered to Plex at all.
  EXPECT_FALSE(meta->has("art"));
}

TEST_F(ProviderServiceTest, NoNfoMeansAnEmptyMatchNeverAGuess) {
  for (const char* body : {R"({"type":1,"title":"Bare","filename":"/data/movies/Bare (2001)/Bare (2001).mkv"})",
                           R"({"type":1,"title":"Heat","year":1995})",
                           R"({"type":1,"title":"Heat","filename":"/elsewhere/Heat (1995)/Heat (1995).mkv"})",
                           R"({"type":1,"filename":"/data/movies/../movies/Heat (1995)/Heat (1995).mkv"})"}) {
    ProviderResponse m = Call("POST", "/movies/library/metadata/matches", body);
    ASSERT_EQ(m.status, 200) << body;
    EXPECT_EQ(Json(m)->getObject("MediaContainer")->getValue<int>("size"), 0) << body;
  }
  EXPECT_EQ(Call("POST", "/movies/library/metadata/matches", "{\"type\":2}").status, 400);
  EXPECT_EQ(Call("POST", "/movies/library/metadata/matches", "not json").status, 400);
}

// PMS may send the file name relative to the library's folder (with or without a leading "/"),
// and a library's folder may lie below a mapping's root: each finds the one file; a name found
// below two roots is no match.
TEST_F(ProviderServiceTest, RelativeFileNamesFindTheOneFileTheyName) {
  auto match = [&](const std::string& filename) {
    ProviderResponse m = Call("POST", "/movies/library/metadata/matches",
                              R"({"type":1,"title":"Heat","filename":")" + filename + R"("})");
    EXPECT_EQ(m.status, 200) << filename << ": " << m.body;
    Object::Ptr mc = Json(m)->getObject("MediaContainer");
    return mc->getValue<int>("size") == 0 ? std::string()
                                          : mc->getArray("Metadata")->getObject(0)->getValue<std::string>("ratingKey");
  };
  EXPECT_EQ(match("Heat (1995)/Heat (1995).mkv"), "tmdb-949");
  EXPECT_EQ(match("/Heat (1995)/Heat (1995).mkv"), "tmdb-949");
  EXPECT_EQ(match("Movies/Heat (1995)/Heat (1995).mkv"), "tmdb-949");  // a leading folder dropped
  EXPECT_EQ(match("Heat (1995)\\\\Heat (1995).mkv"), "tmdb-949");       // Windows separators

  // One mapping over a folder holding the libraries' folders (/data/media -> media/{films,tv}).
  Write(base_ / "media/films/Ronin (1998)/Ronin (1998).mkv", "v");
  Write(base_ / "media/films/Ronin (1998)/movie.nfo", "<movie><title>Ronin</title><uniqueid type=\"tmdb\">8195</uniqueid></movie>");
  Result<ProviderConfig> config = ParseProviderConfig(
      R"({"path_mappings":[{"metarr_path":")" + (base_ / "media").string() + R"(","player_path":"/data/media"},)" +
      R"({"metarr_path":")" + movies_.string() + R"(","player_path":"/data/movies"}]})");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  service_ = std::move(ProviderService::Create(std::move(config).value(), [this](pd_log_level, const std::string& l) {
                         logs_.push_back(l);
                       })).value();
  EXPECT_EQ(match("Ronin (1998)/Ronin (1998).mkv"), "tmdb-8195");  // below media/films, the library's folder
  EXPECT_EQ(match("/data/media/films/Ronin (1998)/Ronin (1998).mkv"), "tmdb-8195");

  // The same relative name below two roots: no match, and the log says why.
  Write(base_ / "media/films/Heat (1995)/Heat (1995).mkv", "v");
  Write(base_ / "media/films/Heat (1995)/movie.nfo", "<movie><title>Heat (other copy)</title></movie>");
  logs_.clear();
  EXPECT_EQ(match("Heat (1995)/Heat (1995).mkv"), "");
  EXPECT_TRUE(std::any_of(logs_.begin(), logs_.end(),
                          [](const std::string& l) { return l.find("names 2 files") != std::string::npos; }))
      << ::testing::PrintToString(logs_);
  EXPECT_EQ(match("/data/movies/Heat (1995)/Heat (1995).mkv"), "tmdb-949");  // an absolute path still decides
}

// Without a base URL from the host, image links use the Host header, but only one that is a plain
// host and port (found by the fuzzer: bytes that were not UTF-8 made the answer unparsable).
TEST_F(ProviderServiceTest, OnlyAPlainHostHeaderMakesTheImageLinks) {
  for (const auto& [host, expected] : std::vector<std::pair<std::string, std::string>>{
           {"nas.local:7878", "http://nas.local:7878/movies/images/0/"},
           {"nas\xff\xfe:1", ""},          // no usable base URL: no link at all, never a relative one
           {"nas\"><img src=x>", ""}}) {
    ProviderRequest r;
    r.method = "GET";
    r.path = "/movies/library/metadata/tmdb-949";
    r.headers = {{"Host", host}};
    ProviderResponse answer = service_->Handle(r);
    ASSERT_EQ(answer.status, 200) << answer.body;
    Object::Ptr item = First(answer);  // parses: valid JSON
    const std::string thumb = item->optValue<std::string>("thumb", "");
    if (expected.empty()) {
      EXPECT_EQ(thumb, "");
      EXPECT_FALSE(item->has("Image"));
    } else {
      EXPECT_EQ(thumb.rfind(expected, 0), 0u) << thumb;
    }
  }
}

// Plex shows a provider's images through images.plex.tv, which cannot reach a LAN address
// (docs/metadata-provider.md §4): by default (auto) the answers link images only at a public
// provider.public_url; at a LAN one, or from a request's Host, there is no thumb, art, Image
// or local actor thumb (the sync uploads the artwork instead); the fields are the same.
TEST_F(ProviderServiceTest, ImagesAreLinkedOnlyWherePlexsImageServiceReachesThem) {
  auto service = [&](const std::string& provider) {
    Result<ProviderConfig> config = ParseProviderConfig(
        R"({"path_mappings":[{"metarr_path":")" + movies_.string() + R"(","player_path":"/data/movies"}],"provider":)" +
        provider + "}");
    EXPECT_TRUE(config.ok()) << config.status().ToString();
    return std::move(ProviderService::Create(std::move(config).value(), nullptr)).value();
  };
  auto heat = [&](const ProviderService& s) {
    ProviderRequest r;
    r.method = "GET";
    r.path = "/movies/library/metadata/tmdb-949";
    r.headers = {{"Host", "192.168.1.5:7979"}};
    ProviderResponse answer = s.Handle(r);
    EXPECT_EQ(answer.status, 200) << answer.body;
    return First(answer);
  };
  for (const char* unlinked : {R"({})", R"({"public_url":"http://192.168.1.5:7878/pd"})",
                               R"({"public_url":"http://nas.local:7878/pd","image_links":"auto"})",
                               R"({"public_url":"https://metarr.example.com/pd","image_links":"never"})"}) {
    Object::Ptr meta = heat(*service(unlinked));
    EXPECT_EQ(meta->getValue<std::string>("title"), "Heat") << unlinked;
    EXPECT_FALSE(meta->has("thumb")) << unlinked;
    EXPECT_FALSE(meta->has("Image")) << unlinked;
    EXPECT_FALSE(meta->getArray("Role")->getObject(0)->has("thumb")) << unlinked;  // .actors/ is the manager's too
  }
  Object::Ptr linked = heat(*service(R"({"public_url":"https://metarr.example.com/pd"})"));
  EXPECT_EQ(linked->getValue<std::string>("thumb").rfind("https://metarr.example.com/pd/movies/images/0/", 0), 0u);
  EXPECT_EQ(linked->getArray("Image")->getObject(0)->getValue<std::string>("type"), "coverPoster");
  Result<ProviderConfig> bad = ParseProviderConfig(
      R"({"path_mappings":[{"metarr_path":"/m","player_path":"/d"}],"provider":{"image_links":"sometimes"}})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("config.provider.image_links: \"sometimes\" is not one of"), std::string::npos)
      << bad.status().message();
}

TEST_F(ProviderServiceTest, ImagesOutsideTheRootAreRefusedAndLogged) {
  for (const char* path : {"/movies/images/0/..%2F..%2Foutside%2Fsecret.jpg", "/movies/images/0/../outside/secret.jpg",
                           "/movies/images/0/Heat%20(1995)/escape.jpg", "/movies/images/0/%2Fetc%2Fpasswd",
                           "/movies/images/0/C:%5Cwindows%5Cwin.ini", "/movies/images/0/%5C%5Cnas%5Cshare%5Cx.jpg",
                           "/movies/images/9/Heat%20(1995)/poster.jpg", "/movies/images/0/Heat%20(1995)/movie.nfo",
                           "/movies/images/0/Heat%20(1995)/fanart.jpg"}) {
    const size_t logged = logs_.size();
    ProviderResponse r = Call("GET", path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_NE(r.body, kJpeg);
    EXPECT_EQ(logs_.size(), logged + 1) << path;
  }
}

TEST_F(ProviderServiceTest, ShowsListSeasonsAndPageThroughEpisodes) {
  ProviderResponse m = Call("POST", "/shows/library/metadata/matches",
                            R"({"type":2,"title":"Severance","filename":"/data/tv/Severance/Season 01/Severance - S01E01.mkv","includeChildren":1})");
  ASSERT_EQ(m.status, 200) << m.body;
  Object::Ptr show = First(m);
  EXPECT_EQ(show->getValue<std::string>("ratingKey"), "tvdb-371980");
  EXPECT_EQ(show->getObject("Children")->getValue<int>("size"), 1);
  ProviderResponse page = Call("GET", "/shows/library/metadata/tvdb-371980-s1/children", "",
                               "X-Plex-Container-Start=20&X-Plex-Container-Size=20");
  ASSERT_EQ(page.status, 200);
  Object::Ptr c = Json(page)->getObject("MediaContainer");
  EXPECT_EQ(c->getValue<int>("totalSize"), 25);
  EXPECT_EQ(c->getValue<int>("size"), 5);
  Object::Ptr first = First(Call("GET", "/shows/library/metadata/tvdb-371980-s1e1"));
  EXPECT_EQ(first->getValue<std::string>("title"), "Good News About Hell");
  EXPECT_EQ(first->getValue<std::string>("grandparentGuid"), "tv.plex.agents.custom.plexdriver.shows://show/tvdb-371980");
  EXPECT_EQ(First(Call("GET", "/shows/library/metadata/tvdb-371980-s1e7"))->getValue<std::string>("title"), "Episode 7");
  EXPECT_EQ(Call("GET", "/shows/library/metadata/tvdb-371980-s2").status, 404);
  ProviderResponse episode = Call("POST", "/shows/library/metadata/matches",
                                  R"({"type":4,"grandparentTitle":"Severance","parentIndex":1,"index":3,"filename":"/data/tv/Severance/Season 01/Severance - S01E03.mkv"})");
  EXPECT_EQ(First(episode)->getValue<std::string>("ratingKey"), "tvdb-371980-s1e3");
}

TEST_F(ProviderServiceTest, AKeyFromBeforeARestartIsFoundByWalkingTheRoots) {
  // A fresh service has never matched anything: Plex asks for the key it stored.
  ProviderResponse r = Call("GET", "/movies/library/metadata/tmdb-949");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(First(r)->getValue<std::string>("title"), "Heat");
  EXPECT_EQ(Call("GET", "/movies/library/metadata/tmdb-1").status, 404);
}

TEST_F(ProviderServiceTest, BrokenNfosAreNotServedAndTheChangeIsVisibleAtOnce) {
  ASSERT_EQ(Call("GET", "/movies/library/metadata/tmdb-949").status, 200);
  const fs::path nfo = movies_ / "Heat (1995)/movie.nfo";
  struct Case { std::string text; const char* says; };
  const std::vector<Case> cases = {
      {"<movie><title>Heat</title>", "well-formed"},
      {std::string("\xFF\xFE<\0m\0", 6), "UTF-16"},
      {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><movie><title>Caf\xE9</title></movie>", "iso-8859-1"},
      {"<!DOCTYPE m [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><movie><title>&b;</title></movie>", "DOCTYPE"},
      {"<!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><movie><title>&x;</title></movie>", "DOCTYPE"},
      {"<movie><year>1995</year><uniqueid type=\"tmdb\" default=\"true\">949</uniqueid></movie>", "no <title>"},
      {"<movie><title>Heat</title><uniqueid type=\"tmdb\" default=\"true\">949</uniqueid><uniqueid type=\"tmdb\">950</uniqueid></movie>",
       "two tmdb ids"},
      {std::string(50 << 20, ' ') + "<movie/>", "larger than"}};  // a 50 MB NFO
  for (const Case& c : cases) {
    Write(nfo, c.text);
    logs_.clear();
    ProviderResponse r = Call("GET", "/movies/library/metadata/tmdb-949");
    EXPECT_EQ(r.status, 404) << c.says;
    ASSERT_EQ(logs_.size(), 1u) << c.says;
    EXPECT_NE(logs_[0].find(c.says), std::string::npos) << logs_[0];
    EXPECT_EQ(r.body.find("movie.nfo"), std::string::npos) << "the requester learns nothing of the disk: " << r.body;
    ProviderResponse m = Call("POST", "/movies/library/metadata/matches",
                              R"({"type":1,"filename":"/data/movies/Heat (1995)/Heat (1995).mkv"})");
    EXPECT_EQ(Json(m)->getObject("MediaContainer")->getValue<int>("size"), 0) << c.says;
  }
  Write(nfo, "<movie><title>Heat</title><plot>Edited.</plot><uniqueid type=\"tmdb\" default=\"true\">949</uniqueid></movie>");
  EXPECT_EQ(First(Call("GET", "/movies/library/metadata/tmdb-949"))->getValue<std::string>("summary"), "Edited.");
}

TEST_F(ProviderServiceTest, CheckReportsWhatPlexWouldBeToldAndEveryProblem) {
  Result<std::string> doc = service_->Check((movies_ / "Heat (1995)/Heat (1995).mkv").string());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  Object::Ptr d = Poco::JSON::Parser().parse(*doc).extract<Object::Ptr>();
  EXPECT_EQ(d->getValue<std::string>("kind"), "movie");
  EXPECT_EQ(d->getObject("nfo")->getValue<std::string>("status"), "read");
  EXPECT_EQ(d->getObject("metadata")->getValue<std::string>("title"), "Heat");
  EXPECT_NE(doc->find("fanart.jpg"), std::string::npos);
  EXPECT_GE(d->getArray("problems")->size(), 1u) << "the fanart that is no image";
  Result<std::string> by_server = service_->Check("/data/tv/Severance/Season 01/Severance - S01E01.mkv");
  ASSERT_TRUE(by_server.ok()) << by_server.status().ToString();
  EXPECT_NE(by_server->find("\"kind\":\"episode\""), std::string::npos);
  EXPECT_EQ(service_->Check("/etc").status().code(), PD_ERR_NOT_FOUND);
  EXPECT_EQ(service_->Check((base_ / "outside/secret.jpg").string()).status().code(), PD_ERR_NOT_FOUND);
}

TEST(ProviderConfigTest, BadConfigurationNamesTheKey) {
  struct Case { const char* json; const char* key; };
  for (const Case& c : {Case{"{}", "config.path_mappings"}, Case{"[]", "config"},
                        Case{R"({"path_mappings":[{"metarr_path":"rel","player_path":"/d"}]})", "config.path_mappings[0].metarr_path"},
                        Case{R"({"path_mappings":[{"metarr_path":"/m","player_path":"/d"}],"provider":{"name":"my provider"}})", "config.provider.name"},
                        Case{R"({"path_mappings":[{"metarr_path":"/m","player_path":"/d"}],"provider":{"public_url":"ftp://x"}})", "config.provider.public_url"}}) {
    Result<ProviderConfig> r = ParseProviderConfig(c.json);
    ASSERT_FALSE(r.ok()) << c.json;
    EXPECT_EQ(r.status().message().rfind(c.key, 0), 0u) << r.status().message();
  }
  Result<ProviderConfig> missing = ParseProviderConfig(R"({"path_mappings":[{"metarr_path":"/no/such/dir","player_path":"/d"}]})");
  ASSERT_TRUE(missing.ok());
  EXPECT_EQ(ProviderService::Create(*missing, nullptr).status().code(), PD_ERR_INVALID_CONFIG);
}

}  // namespace
}  // namespace plexdriver
