// SPDX-License-Identifier: MIT
// The metadata provider end to end (PMS 1.43+): the real driver module's pd.provider/1 served
// over HTTP (host_stub's server, as `serve-provider` runs it), registered with the PMS emulator
// and set as the agent of a movie and a TV library; the same module's sync then adds and
// updates items there. Every claim is checked on what the emulator holds after it asked the
// provider (title, summary, year, genres, actors, collection, guid, the poster's bytes), on the
// calls it made to the provider, and on what it did not do (no upload, no edit, no refresh for a
// refused NFO). On a LAN (the default) the provider links no images, since PMS shows them
// through images.plex.tv, and the sync uploads and locks the artwork; ProviderSyncPublicTest
// stands a loopback provider in for a public one whose images Plex fetches itself. Skipped while
// the driver offers no "pd.provider/1".
#include <dlfcn.h>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "emulator_fixture.h"
#include "provider_http_server.h"

namespace itest {
namespace {

using pms_emulator::EmulatorOptions;
using pms_emulator::ItemView;
using pms_emulator::ProviderCall;

constexpr const char* kProviderLibrary = R"({"sections":[
  {"key":"1","type":"movie","title":"Movies","agent":"tv.plex.agents.movie","locations":["/data/movies"],"items":[]},
  {"key":"2","type":"show","title":"TV Shows","agent":"tv.plex.agents.series","locations":["/data/tv"],"items":[]}]})";

constexpr const char* kHeatNfo = R"(<?xml version="1.0" encoding="UTF-8"?>
<movie>
  <title>Heat</title><originaltitle>Heat</originaltitle><year>1995</year>
  <plot>A group of professional bank robbers start to feel the heat from police.</plot>
  <tagline>A Los Angeles crime saga</tagline><mpaa>R</mpaa><studio>Warner Bros.</studio>
  <genre>Crime</genre><genre>Thriller</genre><director>Michael Mann</director><credits>Michael Mann</credits>
  <set><name>Michael Mann Collection</name></set>
  <actor><name>Al Pacino</name><role>Vincent Hanna</role><order>0</order></actor>
  <actor><name>Robert De Niro</name><role>Neil McCauley</role><order>1</order></actor>
  <uniqueid type="tmdb" default="true">949</uniqueid><uniqueid type="imdb">tt0113277</uniqueid>
</movie>)";

constexpr const char* kShowNfo = R"(<tvshow><title>Severance</title><year>2022</year>
  <plot>Office workers whose memories have been surgically divided.</plot><genre>Drama</genre>
  <uniqueid type="tvdb" default="true">371980</uniqueid></tvshow>)";
constexpr const char* kEpisodeNfo = R"(<episodedetails><title>Good News About Hell</title><season>1</season>
  <episode>1</episode><plot>Mark is promoted.</plot></episodedetails>)";

constexpr const char* kEpisodeFile = "/data/tv/Severance/Season 01/Severance - S01E01.mkv";

std::string Jpeg(const std::string& text) { return std::string("\xFF\xD8\xFF\xE0", 4) + text + "\xFF\xD9"; }

// The driver's provider interface, from the same module the fixture loaded.
class ModuleProvider : public host_stub::ProviderBackend {
 public:
  explicit ModuleProvider(const std::string& config) {
    handle_ = dlopen(PLEX_DRIVER_PATH, RTLD_NOW | RTLD_LOCAL);
    if (!handle_) return;
    auto entry_fn = reinterpret_cast<pd_entry_fn>(dlsym(handle_, PD_ENTRY_SYMBOL));
    const pd_entry* entry = entry_fn ? entry_fn() : nullptr;
    if (entry && entry->get_interface) {
      api_ = static_cast<const pd_provider*>(entry->get_interface(PD_PROVIDER_INTERFACE_ID));
    }
    if (!api_) return;
    pd_error err{};
    err.struct_size = sizeof err;
    if (api_->create(nullptr, config.c_str(), &server_, &err) != PD_OK) error_ = err.message;
  }
  ~ModuleProvider() override {
    if (api_ && server_) api_->destroy(server_);
    if (handle_) dlclose(handle_);
  }
  bool offered() const { return api_ != nullptr; }
  bool ok() const { return server_ != nullptr; }
  const std::string& error() const { return error_; }

  pd_status Handle(const pd_http_request& request, const pd_http_response& response, pd_error* err) override {
    return api_->handle(server_, &request, &response, err);
  }

 private:
  void* handle_ = nullptr;
  const pd_provider* api_ = nullptr;
  pd_provider_server* server_ = nullptr;
  std::string error_;
};

class ProviderSyncTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorOptions options;
    options.admin_token = kToken;
    options.version = "1.43.0.10162-4f2c8a9e1";
    options.scan_start_delay_ms = 40;
    options.metadata_refresh_ms = 20;
    options.provider_timeout_ms = 2000;
    Configure(options);
    StartEmulator(options, kProviderLibrary);
    movie_ = temp_.path() + "/movies/Heat (1995)";
    temp_.WriteFile("movies/Heat (1995)/Heat (1995).mkv");
    temp_.WriteFile("movies/Heat (1995)/movie.nfo", kHeatNfo);
    temp_.WriteFile("movies/Heat (1995)/poster.jpg", Jpeg("heat poster"));
    temp_.WriteFile("movies/Heat (1995)/fanart.jpg", Jpeg("heat fanart"));
    emulator_->AddFile("/data/movies/Heat (1995)/Heat (1995).mkv");
    show_ = temp_.path() + "/tv/Severance";
    temp_.WriteFile("tv/Severance/tvshow.nfo", kShowNfo);
    temp_.WriteFile("tv/Severance/poster.jpg", Jpeg("severance poster"));
    temp_.WriteFile("tv/Severance/season01-poster.jpg", Jpeg("season 1 poster"));
    temp_.WriteFile("tv/Severance/Season 01/Severance - S01E01-thumb.jpg", Jpeg("episode 1 thumb"));
    temp_.WriteFile("tv/Severance/Season 01/Severance - S01E01.mkv");
    temp_.WriteFile("tv/Severance/Season 01/Severance - S01E01.nfo", kEpisodeNfo);
    emulator_->AddFile("/data/tv/Severance/Season 01/Severance - S01E01.mkv");
    mappings_ = {{temp_.path() + "/movies", "/data/movies"}, {temp_.path() + "/tv", "/data/tv"}};

    provider_ = std::make_unique<ModuleProvider>(MakeConfig(emulator_->port(), kToken, mappings_, ProviderExtra()));
    if (!provider_->offered()) GTEST_SKIP() << "the driver offers no " PD_PROVIDER_INTERFACE_ID;
    ASSERT_TRUE(provider_->ok()) << provider_->error();
    StartServer();
    movies_id_ = emulator_->RegisterMetadataProvider(server_->url() + "/movies");
    shows_id_ = emulator_->RegisterMetadataProvider(server_->url() + "/shows");
    ASSERT_EQ(movies_id_, "tv.plex.agents.custom.plexdriver.movies");
    ASSERT_EQ(shows_id_, "tv.plex.agents.custom.plexdriver.shows");
    emulator_->SetSectionAgent("1", movies_id_);
    emulator_->SetSectionAgent("2", shows_id_);
    instance_ = NewInstance(mappings_, ProviderExtra());
  }
  virtual void Configure(EmulatorOptions&) {}
  virtual std::string ProviderExtra() const { return ""; }  // config members for both sides
  void TearDown() override {
    instance_.reset();
    server_.reset();
    provider_.reset();
    EmulatorTest::TearDown();
  }

  void StartServer(uint16_t port = 0) {
    host_stub::ProviderHttpServer::Options o;
    o.port = port;
    o.threads = 4;
    server_ = std::make_unique<host_stub::ProviderHttpServer>(provider_.get(), o);
    std::string error;
    ASSERT_TRUE(server_->Start(&error)) << error;
  }

  Poco::JSON::Object::Ptr SyncOne(const std::string& path, const std::string& kind, double timeout = 20) {
    const CallResult r = instance_->Sync(SyncRequest({{path, kind}}, timeout));
    EXPECT_EQ(r.status, PD_OK) << r.message;
    ExpectNoToken(*instance_, {r.json});
    return ParseJson(r.json);
  }

  // Adds both items through a sync and returns the movie as the emulator holds it.
  ItemView AddBoth() {
    const auto result = ParseJson(instance_->Sync(SyncRequest({{movie_, "added"}, {show_, "added"}})).json);
    EXPECT_EQ(StatusOf(result, 0), "completed") << JsonText(result);
    EXPECT_EQ(StatusOf(result, 1), "completed") << JsonText(result);
    std::optional<ItemView> heat = emulator_->FindItemByFile("/data/movies/Heat (1995)/Heat (1995).mkv");
    EXPECT_TRUE(heat.has_value());
    return heat.value_or(ItemView{});
  }

  std::vector<ProviderCall> CallsTo(const std::string& method, const std::string& fragment) const {
    std::vector<ProviderCall> out;
    for (const ProviderCall& c : emulator_->ProviderCalls()) {
      if (c.method == method && c.url.find(fragment) != std::string::npos) out.push_back(c);
    }
    return out;
  }

  void WriteNfo(const std::string& text) { temp_.WriteFile("movies/Heat (1995)/movie.nfo", text); }

  // A request to the emulator as a Plex Web user would make it (JSON); the status and body.
  std::pair<int, std::string> Plex(const std::string& method, const std::string& target) {
    Poco::Net::HTTPClientSession session("127.0.0.1", emulator_->port());
    Poco::Net::HTTPRequest request(method, target, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("X-Plex-Token", kToken);
    request.set("Accept", "application/json");
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::string body;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), body);
    return {static_cast<int>(response.getStatus()), body};
  }

  // A changed season poster and episode thumbnail reach the season and the episode that show them:
  // `action` "uploaded" (`uploads` POSTs) on a LAN, "provided" (none) where the provider links images.
  void ExpectSeasonAndEpisodeArtwork(const std::string& action, size_t uploads) {
    AddBoth();
    const ItemView episode = *emulator_->FindItemByFile(kEpisodeFile);
    emulator_->ClearRequests();
    temp_.WriteFile("tv/Severance/season01-poster.jpg", Jpeg("the new season 1 poster"));
    auto result = SyncOne(show_ + "/season01-poster.jpg", "updated");
    ASSERT_EQ(StatusOf(result), "completed") << JsonText(result);
    std::string artwork = JsonText(Change(result)->get("artwork"));
    EXPECT_NE(artwork.find(R"("action":")" + action + "\""), std::string::npos) << artwork;
    EXPECT_NE(artwork.find(R"("rating_key":")" + episode.parent_rating_key + "\""), std::string::npos) << artwork;
    EXPECT_EQ(emulator_->SelectedImage(episode.parent_rating_key, "thumb"), Jpeg("the new season 1 poster"));

    temp_.WriteFile("tv/Severance/Season 01/Severance - S01E01-thumb.jpg", Jpeg("the new episode thumb"));
    result = SyncOne(show_ + "/Season 01/Severance - S01E01-thumb.jpg", "updated");
    ASSERT_EQ(StatusOf(result), "completed") << JsonText(result);
    artwork = JsonText(Change(result)->get("artwork"));
    EXPECT_NE(artwork.find(R"("action":")" + action + "\""), std::string::npos) << artwork;
    EXPECT_NE(artwork.find(R"("rating_key":")" + episode.rating_key + "\""), std::string::npos) << artwork;
    EXPECT_EQ(emulator_->SelectedImage(episode.rating_key, "thumb"), Jpeg("the new episode thumb"));
    EXPECT_EQ(emulator_->CountRequests("POST", "/library/metadata/"), uploads);
  }

  std::unique_ptr<ModuleProvider> provider_;
  std::unique_ptr<host_stub::ProviderHttpServer> server_;
  std::unique_ptr<DriverInstance> instance_;
  std::vector<Mapping> mappings_;
  std::string movie_, show_, movies_id_, shows_id_;
};

// A provider on the internet: Plex's image service fetches its image links (the emulator lets a
// loopback host count as public), so the provider serves the artwork and nothing is uploaded.
class ProviderSyncPublicTest : public ProviderSyncTest {
 protected:
  void Configure(EmulatorOptions& options) override { options.public_image_hosts = {"127.0.0.1"}; }
  std::string ProviderExtra() const override { return R"("provider":{"image_links":"always"})"; }
};

// What both kinds of library show for the added movie and show: the NFO's fields, through the
// provider, matched and described as PMS asks.
void ExpectTheNfos(const ItemView& heat, const std::vector<ItemView>& tv, const std::optional<ItemView>& episode,
                   const std::vector<ProviderCall>& calls) {
  EXPECT_EQ(heat.title, "Heat");
  EXPECT_EQ(heat.year, 1995);
  EXPECT_EQ(heat.fields.at("summary"), "A group of professional bank robbers start to feel the heat from police.");
  EXPECT_EQ(heat.fields.at("tagline"), "A Los Angeles crime saga");
  EXPECT_EQ(heat.fields.at("contentRating"), "R");
  EXPECT_EQ(heat.fields.at("studio"), "Warner Bros.");
  EXPECT_EQ(heat.genres, (std::vector<std::string>{"Crime", "Thriller"}));
  EXPECT_EQ(heat.collections, (std::vector<std::string>{"Michael Mann Collection"}));
  ASSERT_EQ(heat.roles.size(), 2u);
  EXPECT_EQ(heat.roles[0].tag, "Al Pacino");
  EXPECT_EQ(heat.roles[0].role, "Vincent Hanna");
  EXPECT_EQ(heat.roles[1].tag, "Robert De Niro");
  EXPECT_EQ(heat.directors, (std::vector<std::string>{"Michael Mann"}));
  EXPECT_EQ(heat.guid, "tv.plex.agents.custom.plexdriver.movies://movie/tmdb-949");
  EXPECT_NE(std::find(heat.external_guids.begin(), heat.external_guids.end(), "imdb://tt0113277"),
            heat.external_guids.end());
  auto show = std::find_if(tv.begin(), tv.end(), [](const ItemView& i) { return i.type == "show"; });
  ASSERT_NE(show, tv.end());
  EXPECT_EQ(show->title, "Severance");
  EXPECT_EQ(show->fields.at("summary"), "Office workers whose memories have been surgically divided.");
  EXPECT_EQ(show->guid, "tv.plex.agents.custom.plexdriver.shows://show/tvdb-371980");
  ASSERT_TRUE(episode.has_value());
  EXPECT_EQ(episode->title, "Good News About Hell");
  EXPECT_EQ(episode->fields.at("summary"), "Mark is promoted.");
  size_t matches = 0, movie_metadata = 0, show_metadata = 0;
  for (const ProviderCall& c : calls) {
    EXPECT_EQ(c.error, "") << c.method << " " << c.url;
    matches += c.method == "POST" && c.url.find("/movies/library/metadata/matches") != std::string::npos;
    movie_metadata += c.method == "GET" && c.url.find("/movies/library/metadata/tmdb-949") != std::string::npos;
    show_metadata += c.method == "GET" && c.url.find("/shows/library/metadata/tvdb-371980") != std::string::npos;
  }
  EXPECT_EQ(matches, 1u);
  EXPECT_GT(movie_metadata, 0u);
  EXPECT_GT(show_metadata, 0u);
}

TEST_F(ProviderSyncPublicTest, AddedItemsCarryTheNfoAndThePosterTheProviderServed) {
  const ItemView heat = AddBoth();
  ExpectTheNfos(heat, emulator_->Items("2"), emulator_->FindItemByFile(kEpisodeFile), emulator_->ProviderCalls());
  EXPECT_EQ(emulator_->SelectedImage(heat.rating_key, "thumb"), Jpeg("heat poster"));
  EXPECT_EQ(emulator_->SelectedImage(heat.rating_key, "art"), Jpeg("heat fanart"));
  const ItemView episode = *emulator_->FindItemByFile("/data/tv/Severance/Season 01/Severance - S01E01.mkv");
  EXPECT_EQ(emulator_->SelectedImage(episode.rating_key, "thumb"), Jpeg("episode 1 thumb"));
  EXPECT_EQ(emulator_->SelectedImage(episode.parent_rating_key, "thumb"), Jpeg("season 1 poster"));
  EXPECT_FALSE(CallsTo("GET", "/movies/images/").empty());  // Plex fetched the poster from the provider
  // Nothing was pushed: the provider did the work.
  EXPECT_EQ(emulator_->CountRequests("POST", "/library/metadata/"), 0u);
}

// On a LAN Plex could not show a provider's image (its thumb would answer 400), so the answers
// link none and the sync uploads the item folder's artwork after the scan, locked, as Plex shows
// it: the poster, the background, the show's season posters and its episodes' thumbnails, bytes
// compared.
TEST_F(ProviderSyncTest, AddedItemsCarryTheNfoAndTheManagersArtworkIsUploaded) {
  const ItemView heat = AddBoth();
  const std::vector<ItemView> tv = emulator_->Items("2");
  ExpectTheNfos(heat, tv, emulator_->FindItemByFile(kEpisodeFile), emulator_->ProviderCalls());
  EXPECT_EQ(emulator_->SelectedImage(heat.rating_key, "thumb"), Jpeg("heat poster"));
  EXPECT_EQ(emulator_->SelectedImage(heat.rating_key, "art"), Jpeg("heat fanart"));
  const std::vector<std::string> locked = emulator_->FindItem(heat.rating_key)->locked;
  EXPECT_NE(std::find(locked.begin(), locked.end(), "thumb"), locked.end());
  EXPECT_NE(std::find(locked.begin(), locked.end(), "art"), locked.end());
  const ItemView episode = *emulator_->FindItemByFile("/data/tv/Severance/Season 01/Severance - S01E01.mkv");
  EXPECT_EQ(emulator_->SelectedImage(episode.parent_rating_key, "thumb"), Jpeg("season 1 poster"));
  EXPECT_EQ(emulator_->SelectedImage(episode.rating_key, "thumb"), Jpeg("episode 1 thumb"));
  EXPECT_EQ(emulator_->CountRequests("POST", "/library/metadata/" + episode.rating_key + "/posters"), 1u);
  auto show = std::find_if(tv.begin(), tv.end(), [](const ItemView& i) { return i.type == "show"; });
  ASSERT_NE(show, tv.end());
  EXPECT_EQ(emulator_->SelectedImage(show->rating_key, "thumb"), Jpeg("severance poster"));
  // No image link reached Plex, so it never tried the image service.
  for (const ProviderCall& c : emulator_->ProviderCalls()) {
    EXPECT_EQ(c.url.find("/images/"), std::string::npos) << c.url;
  }
  EXPECT_EQ(emulator_->CountRequests("POST", "/library/metadata/" + heat.rating_key + "/posters"), 1u);
  EXPECT_EQ(emulator_->CountRequests("POST", "/library/metadata/" + heat.rating_key + "/arts"), 1u);
}

TEST_F(ProviderSyncTest, AnUpdatedPlotAndPosterReachPlexThroughAnItemRefresh) {
  const ItemView heat = AddBoth();
  emulator_->ClearProviderCalls();
  emulator_->ClearRequests();
  std::string nfo = kHeatNfo;
  const std::string old_plot = "A group of professional bank robbers start to feel the heat from police.";
  nfo.replace(nfo.find(old_plot), old_plot.size(), "The plot, as the media manager now has it.");
  WriteNfo(nfo);

  auto result = SyncOne(movie_ + "/movie.nfo", "updated");
  ASSERT_EQ(StatusOf(result), "completed") << JsonText(result);
  auto change = Change(result);
  EXPECT_EQ(change->getObject("item")->getValue<std::string>("action"), "refreshed");
  const std::string fields = JsonText(change->get("fields"));
  EXPECT_NE(fields.find(R"("name":"summary")"), std::string::npos) << fields;
  EXPECT_NE(fields.find(R"("after":"The plot, as the media manager now has it.")"), std::string::npos) << fields;
  EXPECT_NE(fields.find(R"("before":")" + old_plot + "\""), std::string::npos) << fields;
  EXPECT_NE(fields.find(R"("action":"provided")"), std::string::npos) << fields;
  EXPECT_EQ(emulator_->FindItem(heat.rating_key)->fields.at("summary"), "The plot, as the media manager now has it.");
  // Plex re-read it from the provider by the stored id (no new match), and the driver neither
  // edited nor locked anything.
  EXPECT_FALSE(CallsTo("GET", "/movies/library/metadata/tmdb-949").empty());
  EXPECT_TRUE(CallsTo("POST", "/library/metadata/matches").empty());
  EXPECT_EQ(emulator_->CountRequests("PUT", "/library/metadata/" + heat.rating_key + "/refresh"), 1u);
  EXPECT_EQ(emulator_->CountRequests("PUT", "/library/sections/1/all"), 0u);
  const std::vector<std::string> locked = emulator_->FindItem(heat.rating_key)->locked;
  EXPECT_EQ(std::find(locked.begin(), locked.end(), "summary"), locked.end());

  // A new poster: uploaded, selected and locked (no link Plex could show), after the refresh.
  temp_.WriteFile("movies/Heat (1995)/poster.jpg", Jpeg("the manager's new poster"));
  result = SyncOne(movie_ + "/poster.jpg", "updated");
  ASSERT_EQ(StatusOf(result), "completed") << JsonText(result);
  const std::string artwork = JsonText(Change(result)->get("artwork"));
  EXPECT_NE(artwork.find(R"("action":"uploaded")"), std::string::npos) << artwork;
  EXPECT_EQ(emulator_->SelectedImage(heat.rating_key, "thumb"), Jpeg("the manager's new poster"));
  EXPECT_EQ(emulator_->CountRequests("POST", "/library/metadata/" + heat.rating_key + "/posters"), 1u);
  EXPECT_EQ(emulator_->CountRequests("PUT", "/library/metadata/" + heat.rating_key + "/refresh"), 2u);
}

// Where the provider links images, Plex takes a new poster from it on the refresh: nothing is
// uploaded, and the change is completed once Plex serves the file's bytes.
TEST_F(ProviderSyncPublicTest, AnUpdatedPosterIsServedByTheProvider) {
  const ItemView heat = AddBoth();
  emulator_->ClearRequests();
  temp_.WriteFile("movies/Heat (1995)/poster.jpg", Jpeg("the manager's new poster"));
  const auto result = SyncOne(movie_ + "/poster.jpg", "updated");
  ASSERT_EQ(StatusOf(result), "completed") << JsonText(result);
  const std::string artwork = JsonText(Change(result)->get("artwork"));
  EXPECT_NE(artwork.find(R"("action":"provided")"), std::string::npos) << artwork;
  EXPECT_EQ(emulator_->SelectedImage(heat.rating_key, "thumb"), Jpeg("the manager's new poster"));
  EXPECT_EQ(emulator_->CountRequests("POST", "/library/metadata/" + heat.rating_key + "/posters"), 0u);
  EXPECT_TRUE(emulator_->FindItem(heat.rating_key)->locked.empty());
}

TEST_F(ProviderSyncTest, AnUpdatedEpisodeNfoReachesPlexThroughTheShow) {
  AddBoth();
  const std::string file = "/data/tv/Severance/Season 01/Severance - S01E01.mkv";
  const std::string rating_key = emulator_->FindItemByFile(file)->rating_key;
  std::string nfo = kEpisodeNfo;
  nfo.replace(nfo.find("Mark is promoted."), 17, "Mark is promoted, again.");
  temp_.WriteFile("tv/Severance/Season 01/Severance - S01E01.nfo", nfo);
  const auto result = SyncOne(show_ + "/Season 01/Severance - S01E01.nfo", "updated");
  ASSERT_EQ(StatusOf(result), "completed") << JsonText(result);
  EXPECT_EQ(Change(result)->getObject("item")->getValue<std::string>("rating_key"), rating_key);
  EXPECT_EQ(emulator_->FindItem(rating_key)->fields.at("summary"), "Mark is promoted, again.");
  EXPECT_NE(JsonText(Change(result)->get("fields")).find(R"("after":"Mark is promoted, again.")"), std::string::npos);
}

TEST_F(ProviderSyncTest, ANewSeasonPosterAndEpisodeThumbnailAreUploadedToTheirItems) {
  ExpectSeasonAndEpisodeArtwork("uploaded", 2);
}

TEST_F(ProviderSyncPublicTest, ANewSeasonPosterAndEpisodeThumbnailReachTheirItemsFromTheProvider) {
  ExpectSeasonAndEpisodeArtwork("provided", 0);
}

TEST_F(ProviderSyncTest, AnNfoTheProviderRefusesFailsAndPlexIsNotAskedToRefresh) {
  const ItemView heat = AddBoth();
  const std::vector<std::pair<std::string, std::string>> bad = {
      {"malformed XML", "<movie><title>Heat</title><plot>unclosed</movie>"},
      {"an external entity", R"(<?xml version="1.0"?><!DOCTYPE movie [<!ENTITY x SYSTEM "file:///etc/passwd">]>)"
                             "<movie><title>&x;</title></movie>"},
      {"UTF-16", std::string("\xFF\xFE<\0m\0o\0v\0i\0e\0>\0", 16)},
      {"no title", "<movie><plot>Only a plot.</plot></movie>"},
      {"conflicting unique ids",
       R"(<movie><title>Heat</title><uniqueid type="tmdb">949</uniqueid><uniqueid type="tmdb">950</uniqueid></movie>)"},
  };
  for (const auto& [what, text] : bad) {
    SCOPED_TRACE(what);
    emulator_->ClearRequests();
    WriteNfo(text);
    const auto result = SyncOne(movie_ + "/movie.nfo", "updated");
    EXPECT_EQ(StatusOf(result), "failed") << JsonText(result);
    EXPECT_NE(MessageOf(result).find("movie.nfo"), std::string::npos) << MessageOf(result);
    EXPECT_NE(MessageOf(result).find("nothing was refreshed"), std::string::npos) << MessageOf(result);
    EXPECT_EQ(emulator_->CountRequests("PUT", "/library/metadata/" + heat.rating_key + "/refresh"), 0u);
    const ItemView now = *emulator_->FindItem(heat.rating_key);
    EXPECT_EQ(now.title, "Heat");
    EXPECT_EQ(now.fields.at("summary"), heat.fields.at("summary"));
  }
}

TEST_F(ProviderSyncTest, AProviderPlexCannotReachIsNeverReportedAsCompleted) {
  const ItemView heat = AddBoth();
  std::string nfo = kHeatNfo;
  nfo.replace(nfo.find("<plot>"), 6, "<plot>Never seen by Plex. ");
  WriteNfo(nfo);
  server_->Stop();  // the provider is down; Plex keeps the item as it was
  emulator_->ClearProviderCalls();

  const auto result = SyncOne(movie_ + "/movie.nfo", "updated", 3);
  EXPECT_NE(StatusOf(result), "completed") << JsonText(result);
  EXPECT_EQ(StatusOf(result), "timed_out") << JsonText(result);
  const ItemView now = *emulator_->FindItem(heat.rating_key);
  EXPECT_EQ(now.fields.at("summary"), heat.fields.at("summary"));
  const auto calls = CallsTo("GET", "/movies/library/metadata/tmdb-949");
  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back().status, 0);
  EXPECT_NE(calls.back().error, "");
}

// test-connection reads each library's agent and the server's providers: one library uses the
// provider, the other (set back to Plex's own agent) does not, and the report says what to do.
TEST_F(ProviderSyncTest, TestConnectionTellsWhichLibrariesUseTheProvider) {
  emulator_->SetSectionAgent("2", "tv.plex.agents.series");
  const CallResult r = instance_->TestConnection();
  ASSERT_EQ(r.status, PD_OK) << r.message;
  Poco::JSON::Object::Ptr report = ParseJson(r.json);
  Poco::JSON::Array::Ptr sections = report->getArray("sections");
  ASSERT_EQ(sections->size(), 2u);
  Poco::JSON::Object::Ptr movies = sections->getObject(0)->getObject("metadata_provider");
  Poco::JSON::Object::Ptr tv = sections->getObject(1)->getObject("metadata_provider");
  ASSERT_TRUE(movies && tv) << r.json;
  EXPECT_EQ(movies->getValue<std::string>("state"), "used");
  EXPECT_EQ(movies->getValue<std::string>("identifier"), movies_id_);
  EXPECT_EQ(tv->getValue<std::string>("state"), "other_agent");
  EXPECT_NE(tv->getValue<std::string>("advice").find("choose an agent made with " + shows_id_), std::string::npos)
      << r.json;
  Poco::JSON::Object::Ptr provider = report->getObject("metadata_provider");
  EXPECT_TRUE(provider->getValue<bool>("supported"));
  const std::string registered = JsonText(provider->get("registered"));
  EXPECT_NE(registered.find(server_->url() + "/movies"), std::string::npos) << registered;
  EXPECT_NE(registered.find(server_->url() + "/shows"), std::string::npos) << registered;
  EXPECT_EQ(emulator_->CountRequests("GET", "/media/providers/metadata"), 2u);  // the list and the groups
  ExpectNoToken(*instance_, {r.json});
}

// Agents made of several providers, in the shapes Plex's API documents (items naming providers
// by id, ranked by order): ours first is "used"; moved below Plex Series in the agent whose
// primary it is, the report says Plex's values win and what to do.
TEST_F(ProviderSyncTest, TestConnectionReadsTheAgentsOrderFromTheGroupsItems) {
  auto find_id = [&](const std::string& identifier) {
    std::string id;
    Poco::JSON::Array::Ptr list = ParseJson(Plex("GET", "/media/providers/metadata").second)
                                      ->getObject("MediaContainer")->getArray("MetadataAgentProvider");
    for (size_t i = 0; i < list->size(); ++i) {
      Poco::JSON::Object::Ptr p = list->getObject(static_cast<unsigned>(i));
      if (p->getValue<std::string>("identifier") == identifier) id = p->getValue<std::string>("id");
    }
    return id;
  };
  const std::string series = find_id("tv.plex.agents.series");
  ASSERT_FALSE(series.empty());
  ASSERT_EQ(Plex("POST", "/media/providers/metadata/group?title=NFO%20first&primaryIdentifier=" + shows_id_).first, 200);
  ASSERT_EQ(Plex("PUT", "/media/providers/metadata/group/1/items/" + series).first, 200);
  auto tv_state = [&]() {
    const CallResult r = instance_->TestConnection();
    EXPECT_EQ(r.status, PD_OK) << r.message;
    return ParseJson(r.json)->getArray("sections")->getObject(1)->getObject("metadata_provider");
  };
  EXPECT_EQ(tv_state()->getValue<std::string>("state"), "used");
  ASSERT_EQ(Plex("PUT", "/media/providers/metadata/group/1/items/" + series + "?after=-1").first, 200);
  Poco::JSON::Object::Ptr moved = tv_state();
  EXPECT_EQ(moved->getValue<std::string>("state"), "used_after_other");
  EXPECT_NE(moved->getValue<std::string>("advice").find("asks tv.plex.agents.series before this driver's provider"),
            std::string::npos)
      << moved->getValue<std::string>("advice");
}

// Plex's documentation (and a Plex staff answer) have the match's filename relative to the
// library's folder: the provider finds the same items from that form.
class ProviderSyncRelativeTest : public ProviderSyncTest {
 protected:
  void Configure(EmulatorOptions& options) override { options.provider_filename_relative = true; }
};

TEST_F(ProviderSyncRelativeTest, LibraryRelativeFileNamesMatchTheSameItems) {
  const ItemView heat = AddBoth();
  EXPECT_EQ(heat.guid, "tv.plex.agents.custom.plexdriver.movies://movie/tmdb-949");
  EXPECT_EQ(emulator_->SelectedImage(heat.rating_key, "thumb"), Jpeg("heat poster"));
  const auto matches = CallsTo("POST", "/movies/library/metadata/matches");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_NE(matches[0].body.find(R"("filename":"Heat (1995)/Heat (1995).mkv")"), std::string::npos) << matches[0].body;
  std::optional<ItemView> episode = emulator_->FindItemByFile("/data/tv/Severance/Season 01/Severance - S01E01.mkv");
  ASSERT_TRUE(episode.has_value());
  EXPECT_EQ(episode->title, "Good News About Hell");
}

}  // namespace
}  // namespace itest
