// SPDX-License-Identifier: MIT
// Custom metadata providers (PMS 1.43+) against a fake provider on loopback: registration and
// listings, a scan matching a new movie and a show (children paged), a refresh asking the stored
// id again, and the failures that leave an item as it was — each checked on what the emulator
// recorded and serves.
#include "emulator_test_support.h"
#include "metadata_provider.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>
#include <fmt/format.h>

namespace pms_emulator {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr const char* kId = "tv.plex.agents.custom.fake";

struct Canned {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  int delay_ms = 0;
};

struct Got {
  std::string method;
  std::string target;  // path and query
  std::string body;
  std::map<std::string, std::string> headers;
};

// A provider on 127.0.0.1: canned answers by "METHOD path", children served in pages of at most
// `page_cap`, everything it got recorded.
class FakeProvider {
 public:
  explicit FakeProvider(const std::string& identifier = kId) : socket_(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    Set("GET", "/prov", {200, fmt::format(R"({{"MediaProvider":{{"identifier":"{}","title":"Fake","version":"1.0",)"
                                          R"("Types":[{{"type":1,"Scheme":[{{"scheme":"{}"}}]}},{{"type":2,"Scheme":[{{"scheme":"{}"}}]}}],)"
                                          R"("Feature":[{{"type":"metadata","key":"/library/metadata"}},)"
                                          R"({{"type":"match","key":"/library/metadata/matches"}}]}}}})",
                                          identifier, identifier, identifier)});
    auto params = new Poco::Net::HTTPServerParams;
    params->setKeepAlive(false);
    server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(this), pool_, socket_, params);
    server_->start();
  }
  ~FakeProvider() {
    stopping_ = true;
    server_->stopAll(true);
    pool_.joinAll();
  }
  std::string origin() const { return fmt::format("http://127.0.0.1:{}", socket_.address().port()); }
  std::string uri() const { return origin() + "/prov"; }
  void Set(const std::string& method, const std::string& path, Canned c) {
    std::lock_guard<std::mutex> lock(mutex_);
    canned_[method + " " + path] = std::move(c);
  }
  void SetChildren(const std::string& id, std::vector<std::string> items, size_t page_cap) {
    std::lock_guard<std::mutex> lock(mutex_);
    children_["/prov/library/metadata/" + id + "/children"] = {std::move(items), page_cap};
  }
  std::vector<Got> got() {
    std::lock_guard<std::mutex> lock(mutex_);
    return got_;
  }
  size_t Count(const std::string& method, const std::string& target_prefix) {
    size_t n = 0;
    for (const Got& g : got()) n += g.method == method && g.target.rfind(target_prefix, 0) == 0;
    return n;
  }

 private:
  class Handler : public Poco::Net::HTTPRequestHandler {
   public:
    explicit Handler(FakeProvider* p) : p_(p) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
      Got g;
      g.method = request.getMethod();
      g.target = request.getURI();
      for (const auto& [k, v] : request) g.headers[k] = v;
      Poco::StreamCopier::copyToString(request.stream(), g.body);
      const Canned c = p_->Answer(g);
      for (int waited = 0; waited < c.delay_ms && !p_->stopping_; waited += 10) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(c.status));
      response.setContentType(c.content_type);
      try {
        response.sendBuffer(c.body.data(), c.body.size());
      } catch (const std::exception&) {
        // the emulator gave up (timeout) and closed the connection
      }
    }

   private:
    FakeProvider* p_;
  };
  class Factory : public Poco::Net::HTTPRequestHandlerFactory {
   public:
    explicit Factory(FakeProvider* p) : p_(p) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
      return new Handler(p_);
    }

   private:
    FakeProvider* p_;
  };

  Canned Answer(const Got& g) {
    std::lock_guard<std::mutex> lock(mutex_);
    got_.push_back(g);
    Poco::URI u(g.target);
    auto paged = children_.find(u.getPath());
    if (g.method == "GET" && paged != children_.end()) {
      size_t start = 0, size = 20;
      for (const auto& [k, v] : u.getQueryParameters()) {
        if (k == "X-Plex-Container-Start") start = std::stoul(v);
        if (k == "X-Plex-Container-Size") size = std::stoul(v);
      }
      const std::vector<std::string>& all = paged->second.first;
      start = std::min(start, all.size());
      const size_t n = std::min({size, paged->second.second, all.size() - start});
      std::string list;
      for (size_t i = start; i < start + n; ++i) list += (i > start ? "," : "") + all[i];
      return {200, fmt::format(R"({{"MediaContainer":{{"offset":{},"totalSize":{},"size":{},"Metadata":[{}]}}}})",
                               start, all.size(), n, list)};
    }
    auto it = canned_.find(g.method + " " + u.getPath());
    if (it == canned_.end()) return {404, "not found", "text/plain"};
    return it->second;
  }

  Poco::Net::ServerSocket socket_;
  Poco::ThreadPool pool_{2, 16};
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::map<std::string, Canned> canned_;
  std::map<std::string, std::pair<std::vector<std::string>, size_t>> children_;
  std::vector<Got> got_;
};

std::string MediaContainerJson(const std::string& metadata) {
  return fmt::format(R"({{"MediaContainer":{{"offset":0,"totalSize":1,"identifier":"{}","size":1,"Metadata":[{}]}}}})",
                     kId, metadata);
}

std::string MovieJson(const std::string& id, const std::string& summary, const std::string& thumb) {
  return fmt::format(
      R"({{"ratingKey":"{0}","key":"/library/metadata/{0}","guid":"{1}://movie/{0}","type":"movie",)"
      R"J("title":"Arrival (Provider)","originallyAvailableAt":"2016-11-11","year":2016,"summary":"{2}",)J"
      R"("tagline":"Why are they here?","studio":"Paramount","contentRating":"PG-13","thumb":"{3}",)"
      R"("Genre":[{{"tag":"Drama"}},{{"tag":"Sci-Fi"}}],"Collection":[{{"tag":"Villeneuve"}}],)"
      R"("Director":[{{"tag":"Denis Villeneuve"}}],"Writer":[{{"tag":"Eric Heisserer"}}],)"
      R"("Role":[{{"tag":"Amy Adams","role":"Louise Banks","thumb":"http://img/amy.jpg","order":1}}],)"
      R"("Guid":[{{"id":"imdb://tt2543164"}},{{"id":"tmdb://329865"}}]}})",
      id, kId, summary, thumb);
}

const std::string kArrival = "/data/movies/Arrival (2016)/Arrival (2016).mkv";
const std::string kPoster = FakeJpeg("provider poster of arrival");

class ProviderTest : public EmulatorTest {
 protected:
  void SetUp() override {
    EmulatorOptions o;
    o.version = "1.43.0.9999-emulated";
    o.scan_start_delay_ms = 10;
    o.scan_ms_per_folder = 1;
    o.metadata_refresh_ms = 10;
    o.provider_timeout_ms = 400;
    // The fake provider on loopback stands in for one on the internet, whose images Plex's image
    // service can fetch (ImagesAtALocalAddressNeverShow drops this).
    o.public_image_hosts = {"127.0.0.1"};
    Configure(o);
    Start(o);
    provider_ = std::make_unique<FakeProvider>();
  }
  // Registers the fake provider, makes it section 1's agent, cans Arrival's match and metadata.
  void UseProviderForMovies() {
    ASSERT_EQ(emu_->RegisterMetadataProvider(provider_->uri()), kId);
    emu_->SetSectionAgent("1", kId);
    CanArrival();
  }
  void CanArrival() {
    provider_->Set("POST", "/prov/library/metadata/matches", {200, MediaContainerJson(R"({"ratingKey":"mv-1","title":"Arrival"})")});
    provider_->Set("GET", "/prov/library/metadata/mv-1",
                   {200, MediaContainerJson(MovieJson("mv-1", "Linguist meets heptapods.", provider_->origin() + "/img/arrival.jpg"))});
    provider_->Set("GET", "/img/arrival.jpg", {200, kPoster, "image/jpeg"});
  }
  // Adds Arrival's file and scans its folder; the new item.
  ItemView ScanArrival() {
    emu_->AddFile(kArrival);
    EXPECT_EQ(Call(*emu_, "GET", "/library/sections/1/refresh?path=" + Encoded("/data/movies/Arrival (2016)")).status, 200);
    EXPECT_TRUE(emu_->WaitForIdle(std::chrono::seconds(10)));
    const std::optional<ItemView> item = emu_->FindItemByFile(kArrival);
    EXPECT_TRUE(item.has_value());
    return item.value_or(ItemView{});
  }
  std::vector<std::string> Errors() {
    std::vector<std::string> out;
    for (const ProviderCall& c : emu_->ProviderCalls()) {
      if (!c.error.empty()) out.push_back(c.method + " " + c.url + ": " + c.error);
    }
    return out;
  }
  void ExpectScannerValues(const ItemView& item) {
    EXPECT_EQ(item.title, "Arrival");
    EXPECT_EQ(item.year, 2016);
    EXPECT_EQ(item.fields.count("summary"), 0u);
    EXPECT_EQ(item.guid.rfind("plex://movie/", 0), 0u) << item.guid;
    EXPECT_TRUE(item.roles.empty());
    EXPECT_EQ(*emu_->SelectedImage(item.rating_key, "thumb"), FakeJpeg("agent thumb " + item.rating_key + " v1"));
  }
  virtual void Configure(EmulatorOptions&) {}
  std::unique_ptr<FakeProvider> provider_;
};

TEST_F(ProviderTest, RegistersListsAndRefusesDuplicatesAndNonProviders) {
  const Response added = Call(*emu_, "POST", "/media/providers/metadata?uri=" + Encoded(provider_->uri()), true);
  ASSERT_EQ(added.status, 200) << added.body;
  Object::Ptr mc = ParseObject(added.body)->getObject("MediaContainer");
  EXPECT_EQ(mc->getArray("MetadataAgentProvider")->getObject(0)->getValue<std::string>("identifier"), kId);
  // The emulator, as PMS, GOT the root with the provider headers.
  ASSERT_EQ(provider_->Count("GET", "/prov"), 1u);
  const Got root = provider_->got()[0];
  EXPECT_EQ(root.headers.at("Accept"), "application/json");
  EXPECT_EQ(root.headers.at("X-Plex-Language"), "en-US");
  EXPECT_EQ(root.headers.at("X-Plex-Country"), "US");

  EXPECT_EQ(Call(*emu_, "POST", "/media/providers/metadata?uri=" + Encoded(provider_->uri())).status, 409);
  const Response not_provider = Call(*emu_, "POST", "/media/providers/metadata?uri=" + Encoded(provider_->origin() + "/nothing"));
  EXPECT_EQ(not_provider.status, 400);
  EXPECT_EQ(not_provider.content_type, "text/html");
  provider_->Set("GET", "/other", {200, R"({"MediaContainer":{"size":0}})"});
  EXPECT_EQ(Call(*emu_, "POST", "/media/providers/metadata?uri=" + Encoded(provider_->origin() + "/other")).status, 400);
  EXPECT_EQ(Call(*emu_, "POST", "/media/providers/metadata").status, 400);

  // Plex's own agents are listed first (ids 1, 2); the registered provider follows.
  const std::string xml = Call(*emu_, "GET", "/media/providers/metadata").body;
  EXPECT_NE(xml.find(fmt::format("<MetadataAgentProvider id=\"3\" identifier=\"{}\" title=\"Fake\" uri=\"{}\" "
                                 "agentType=\"primary\">\n<MetadataType type=\"1\" />",
                                 kId, provider_->uri())),
            std::string::npos)
      << xml;
  Object::Ptr listed = Container(Call(*emu_, "GET", "/media/providers/metadata", true));
  EXPECT_EQ(listed->getValue<int>("size"), 3);
  EXPECT_EQ(listed->getArray("MetadataAgentProvider")->getObject(0)->getValue<std::string>("identifier"),
            "tv.plex.agents.movie");
  Object::Ptr p = listed->getArray("MetadataAgentProvider")->getObject(2);
  EXPECT_EQ(p->getValue<int>("id"), 3);
  EXPECT_EQ(p->getValue<std::string>("uri"), provider_->uri());
  EXPECT_EQ(p->getArray("MetadataType")->getObject(1)->getValue<int>("type"), 2);
  EXPECT_EQ(Container(Call(*emu_, "GET", "/media/providers/metadata/3", true))
                ->getArray("MetadataAgentProvider")->getObject(0)->getValue<std::string>("identifier"),
            kId);
  EXPECT_THROW(emu_->RegisterMetadataProvider(provider_->uri()), std::runtime_error);

  // Groups: the primary must be registered; its item comes with it.
  EXPECT_EQ(Call(*emu_, "POST", "/media/providers/metadata/group?title=G&primaryIdentifier=nope").status, 400);
  ASSERT_EQ(Call(*emu_, "POST", std::string("/media/providers/metadata/group?title=Mine&primaryIdentifier=") + kId).status, 200);
  Object::Ptr groups = Container(Call(*emu_, "GET", "/media/providers/metadata/group", true));
  Object::Ptr g = groups->getArray("MetadataAgentProviderGroup")->getObject(0);
  EXPECT_EQ(g->getValue<std::string>("title"), "Mine");
  EXPECT_EQ(g->getValue<std::string>("primaryIdentifier"), kId);
  Object::Ptr item = g->getArray("MetadataAgentProviderGroupItem")->getObject(0);
  EXPECT_EQ(item->getValue<int>("metadataAgentProviderId"), 3);
  EXPECT_EQ(item->getValue<int>("metadataAgentProviderGroupId"), 1);
  EXPECT_EQ(item->getValue<int>("order"), 1000);
  EXPECT_NE(Call(*emu_, "GET", "/media/providers/metadata/group").body.find("<MetadataAgentProviderGroup id=\"1\" title=\"Mine\""),
            std::string::npos);

  // A provider an agent uses cannot be deleted; out of the group, it can.
  EXPECT_EQ(Call(*emu_, "DELETE", "/media/providers/metadata/3").status, 403);
  EXPECT_EQ(Call(*emu_, "DELETE", "/media/providers/metadata/group/1").status, 200);
  EXPECT_EQ(Call(*emu_, "GET", "/media/providers/metadata/group/1").status, 404);
  EXPECT_EQ(Call(*emu_, "DELETE", "/media/providers/metadata/3").status, 200);
  EXPECT_EQ(Call(*emu_, "DELETE", "/media/providers/metadata/3").status, 404);
  EXPECT_EQ(Call(*emu_, "DELETE", "/media/providers/metadata/1").status, 403);  // Plex Movie stays
  EXPECT_EQ(Container(Call(*emu_, "GET", "/media/providers/metadata", true))->getValue<int>("size"), 2);
  // Root calls carry no item.
  for (const ProviderCall& c : emu_->ProviderCalls()) EXPECT_EQ(c.rating_key, "");
}

// Items of a group: added at the end, moved with ?after=<item id> (-1: first), numbered by 1000s;
// the primary cannot be removed.
TEST_F(ProviderTest, GroupItemsAreAddedMovedAndRemovedAsPlexDocumentsThem) {
  ASSERT_EQ(emu_->RegisterMetadataProvider(provider_->uri()), kId);
  ASSERT_EQ(Call(*emu_, "POST", std::string("/media/providers/metadata/group?title=NFO&primaryIdentifier=") + kId).status, 200);
  auto order = [&]() {
    std::vector<int> ids;
    Object::Ptr g = Container(Call(*emu_, "GET", "/media/providers/metadata/group/1", true))
                        ->getArray("MetadataAgentProviderGroup")->getObject(0);
    Array::Ptr items = g->getArray("MetadataAgentProviderGroupItem");
    for (size_t i = 0; i < items->size(); ++i) {
      Object::Ptr item = items->getObject(static_cast<unsigned>(i));
      EXPECT_EQ(item->getValue<int>("order"), static_cast<int>(i + 1) * 1000);
      ids.push_back(item->getValue<int>("metadataAgentProviderId"));
    }
    return ids;
  };
  const Response added = Call(*emu_, "PUT", "/media/providers/metadata/group/1/items/1", true);
  ASSERT_EQ(added.status, 200) << added.body;
  EXPECT_EQ(Container(added)->getArray("MetadataAgentProviderGroupItem")->getObject(0)->getValue<int>("metadataAgentProviderId"), 1);
  EXPECT_EQ(order(), (std::vector<int>{3, 1}));
  EXPECT_EQ(Call(*emu_, "PUT", "/media/providers/metadata/group/1/items/1?after=-1").status, 200);
  EXPECT_EQ(order(), (std::vector<int>{1, 3}));
  EXPECT_EQ(Call(*emu_, "PUT", "/media/providers/metadata/group/1/items/1?after=1").status, 200);  // after item 1 (ours)
  EXPECT_EQ(order(), (std::vector<int>{3, 1}));
  EXPECT_EQ(Call(*emu_, "PUT", "/media/providers/metadata/group/1/items/42").status, 400);
  EXPECT_EQ(Call(*emu_, "PUT", "/media/providers/metadata/group/9/items/1").status, 404);
  EXPECT_EQ(Call(*emu_, "DELETE", "/media/providers/metadata/group/1/items/3").status, 403);  // the primary
  EXPECT_EQ(Call(*emu_, "DELETE", "/media/providers/metadata/group/1/items/1").status, 200);
  EXPECT_EQ(Call(*emu_, "DELETE", "/media/providers/metadata/group/1/items/1").status, 404);
  EXPECT_EQ(order(), (std::vector<int>{3}));
  ASSERT_EQ(Call(*emu_, "PUT", "/media/providers/metadata/group/1?title=Renamed").status, 200);
  EXPECT_NE(Call(*emu_, "GET", "/media/providers/metadata/group/1").body.find("title=\"Renamed\""), std::string::npos);
}

TEST_F(EmulatorTest, ProvidersAre404OnServersOlderThan143) {
  EXPECT_EQ(Call(*emu_, "GET", "/media/providers/metadata").status, 404);
  EXPECT_EQ(Call(*emu_, "POST", "/media/providers/metadata?uri=http%3A%2F%2F127.0.0.1%3A1").status, 404);
  EXPECT_EQ(Call(*emu_, "GET", "/media/providers/metadata/group").status, 404);
  EXPECT_THROW(emu_->RegisterMetadataProvider("http://127.0.0.1:1"), std::runtime_error);
  EXPECT_TRUE(emu_->ProviderCalls().empty());
}

TEST_F(ProviderTest, ScanMatchesANewMovieAndAppliesTheProvidersMetadataAndPoster) {
  UseProviderForMovies();
  emu_->ClearProviderCalls();
  const ItemView item = ScanArrival();
  // What the emulator asked, in order: match, metadata, the poster.
  const std::vector<ProviderCall> calls = emu_->ProviderCalls();
  ASSERT_EQ(calls.size(), 3u) << ::testing::PrintToString(Errors());
  EXPECT_EQ(calls[0].method, "POST");
  EXPECT_EQ(calls[0].url, provider_->uri() + "/library/metadata/matches");
  EXPECT_EQ(calls[0].body, R"({"type":1,"title":"Arrival","year":2016,"filename":")" + kArrival + "\"}");
  EXPECT_EQ(calls[1].url, provider_->uri() + "/library/metadata/mv-1");
  EXPECT_EQ(calls[2].url, provider_->origin() + "/img/arrival.jpg");
  for (const ProviderCall& c : calls) {
    EXPECT_EQ(c.status, 200);
    EXPECT_EQ(c.error, "");
    EXPECT_EQ(c.rating_key, item.rating_key);
  }
  ASSERT_EQ(provider_->Count("POST", "/prov/library/metadata/matches"), 1u);
  for (const Got& g : provider_->got()) {
    if (g.method == "POST") {
      EXPECT_EQ(ParseObject(g.body)->getValue<std::string>("filename"), kArrival);
    }
  }

  EXPECT_EQ(item.title, "Arrival (Provider)");
  EXPECT_EQ(item.year, 2016);
  EXPECT_EQ(item.fields.at("summary"), "Linguist meets heptapods.");
  EXPECT_EQ(item.fields.at("tagline"), "Why are they here?");
  EXPECT_EQ(item.fields.at("originallyAvailableAt"), "2016-11-11");
  EXPECT_EQ(item.fields.at("contentRating"), "PG-13");
  EXPECT_EQ(item.fields.at("studio"), "Paramount");
  EXPECT_EQ(item.genres, (std::vector<std::string>{"Drama", "Sci-Fi"}));
  EXPECT_EQ(item.collections, std::vector<std::string>{"Villeneuve"});
  EXPECT_EQ(item.directors, std::vector<std::string>{"Denis Villeneuve"});
  EXPECT_EQ(item.writers, std::vector<std::string>{"Eric Heisserer"});
  ASSERT_EQ(item.roles.size(), 1u);
  EXPECT_EQ(item.roles[0].tag, "Amy Adams");
  EXPECT_EQ(item.roles[0].role, "Louise Banks");
  EXPECT_EQ(item.roles[0].thumb, "http://img/amy.jpg");
  EXPECT_EQ(item.guid, std::string(kId) + "://movie/mv-1");
  EXPECT_EQ(item.external_guids, (std::vector<std::string>{"imdb://tt2543164", "tmdb://329865"}));

  // What it serves: the listing and the poster bytes.
  const std::string xml = Call(*emu_, "GET", "/library/metadata/" + item.rating_key).body;
  for (const std::string& needle :
       {std::string("guid=\"") + kId + "://movie/mv-1\"", std::string("title=\"Arrival (Provider)\""),
        std::string("<Role tag=\"Amy Adams\" role=\"Louise Banks\" thumb=\"http://img/amy.jpg\" />"),
        std::string("<Director tag=\"Denis Villeneuve\" />"), std::string("<Writer tag=\"Eric Heisserer\" />"),
        std::string("<Guid id=\"imdb://tt2543164\" />"), std::string("<Genre tag=\"Sci-Fi\" />"),
        std::string("<Collection tag=\"Villeneuve\" />")}) {
    EXPECT_NE(xml.find(needle), std::string::npos) << needle << "\n" << xml;
  }
  Object::Ptr json = Container(Call(*emu_, "GET", "/library/metadata/" + item.rating_key, true))->getArray("Metadata")->getObject(0);
  EXPECT_EQ(json->getArray("Guid")->getObject(1)->getValue<std::string>("id"), "tmdb://329865");
  EXPECT_EQ(json->getArray("Role")->getObject(0)->getValue<std::string>("role"), "Louise Banks");
  const Response thumb = Call(*emu_, "GET", item.thumb);
  EXPECT_EQ(thumb.status, 200);
  EXPECT_EQ(thumb.body, kPoster);
  const std::vector<ImageCandidate> candidates = emu_->ImageCandidates(item.rating_key, "thumb");
  ASSERT_FALSE(candidates.empty());
  EXPECT_EQ(candidates.back().provider, kId);
  EXPECT_TRUE(candidates.back().selected);
  EXPECT_EQ(candidates.back().rating_key.rfind(std::string("metadata://posters/") + kId + "_", 0), 0u);
}

TEST_F(ProviderTest, ShowSeasonsAndEpisodesComeThroughPagedChildren) {
  ASSERT_EQ(emu_->RegisterMetadataProvider(provider_->uri()), kId);
  emu_->SetSectionAgent("2", kId);
  emu_->ClearProviderCalls();
  std::vector<std::string> season1, season2;
  for (int e = 1; e <= 25; ++e) {
    emu_->AddFile(fmt::format("/data/tv/Dark/Season 01/Dark - S01E{:02d}.mkv", e));
    season1.push_back(fmt::format(R"({{"ratingKey":"ep-1-{0}","guid":"{1}://episode/ep-1-{0}","type":"episode","index":{0},)"
                                  R"("parentIndex":1,"title":"Provider S1E{0}","summary":"Summary {0}","originallyAvailableAt":"2017-12-01"}})",
                                  e, kId));
  }
  emu_->AddFile("/data/tv/Dark/Season 02/Dark - S02E01.mkv");
  season2.push_back(fmt::format(R"({{"ratingKey":"ep-2-1","type":"episode","index":1,"title":"Provider S2E1"}})"));
  provider_->Set("POST", "/prov/library/metadata/matches", {200, MediaContainerJson(R"({"ratingKey":"show-dark","title":"Dark"})")});
  provider_->Set("GET", "/prov/library/metadata/show-dark",
                 {200, MediaContainerJson(fmt::format(
                           R"J({{"ratingKey":"show-dark","guid":"{0}://show/show-dark","type":"show","title":"Dark (Provider)",)J"
                           R"("year":2017,"summary":"Time travel.","Genre":[{{"tag":"Mystery"}}],"Children":{{"size":2,"Metadata":[)"
                           R"({{"ratingKey":"season-1","guid":"{0}://season/season-1","type":"season","index":1,"title":"Season One","summary":"Winden."}},)"
                           R"({{"ratingKey":"season-2","type":"season","index":2,"title":"Season Two"}}]}}}})",
                           kId))});
  provider_->SetChildren("season-1", season1, 7);  // 25 episodes, 7 a page: 4 pages
  provider_->SetChildren("season-2", season2, 7);
  ASSERT_EQ(Call(*emu_, "GET", "/library/sections/2/refresh?path=" + Encoded("/data/tv/Dark")).status, 200);
  ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(10)));
  EXPECT_TRUE(Errors().empty()) << ::testing::PrintToString(Errors());

  const std::optional<ItemView> e25 = emu_->FindItemByFile("/data/tv/Dark/Season 01/Dark - S01E25.mkv");
  ASSERT_TRUE(e25);
  const std::optional<ItemView> season = emu_->FindItem(e25->parent_rating_key);
  ASSERT_TRUE(season);
  const std::optional<ItemView> show = emu_->FindItem(season->parent_rating_key);
  ASSERT_TRUE(show);
  EXPECT_EQ(show->title, "Dark (Provider)");
  EXPECT_EQ(show->year, 2017);
  EXPECT_EQ(show->genres, std::vector<std::string>{"Mystery"});
  EXPECT_EQ(show->guid, std::string(kId) + "://show/show-dark");
  EXPECT_EQ(season->title, "Season One");
  EXPECT_EQ(season->fields.at("summary"), "Winden.");
  EXPECT_EQ(e25->title, "Provider S1E25");
  EXPECT_EQ(e25->fields.at("summary"), "Summary 25");
  EXPECT_EQ(e25->fields.at("originallyAvailableAt"), "2017-12-01");
  EXPECT_EQ(e25->guid, std::string(kId) + "://episode/ep-1-25");
  EXPECT_EQ(emu_->FindItemByFile("/data/tv/Dark/Season 01/Dark - S01E01.mkv")->title, "Provider S1E1");
  EXPECT_EQ(emu_->FindItemByFile("/data/tv/Dark/Season 02/Dark - S02E01.mkv")->title, "Provider S2E1");

  // The show was matched with its first episode's file and includeChildren, its metadata asked
  // with includeChildren=1, season 1's children paged at 0, 7, 14, 21.
  const std::vector<ProviderCall> calls = emu_->ProviderCalls();
  ASSERT_GE(calls.size(), 2u);
  Object::Ptr match = ParseObject(calls[0].body);
  EXPECT_EQ(match->getValue<int>("type"), 2);
  EXPECT_EQ(match->getValue<int>("includeChildren"), 1);
  EXPECT_EQ(match->getValue<std::string>("filename"), "/data/tv/Dark/Season 01/Dark - S01E01.mkv");
  EXPECT_EQ(calls[1].url, provider_->uri() + "/library/metadata/show-dark?includeChildren=1");
  std::vector<std::string> starts;
  for (const Got& g : provider_->got()) {
    if (g.target.rfind("/prov/library/metadata/season-1/children", 0) == 0) starts.push_back(g.headers.at("X-Plex-Container-Start"));
  }
  EXPECT_EQ(starts, (std::vector<std::string>{"0", "7", "14", "21"}));
  EXPECT_EQ(provider_->Count("GET", "/prov/library/metadata/season-2/children"), 1u);
}

// A season's poster and an episode's thumbnail are downloaded and selected as the show's are;
// with provider_filename_relative the match names the file below its library folder.
TEST_F(ProviderTest, SeasonAndEpisodeImagesAndLibraryRelativeFileNames) {
  EmulatorOptions o;
  o.admin_token = kToken;
  o.version = "1.43.0.10162-4f2c8a9e1";
  o.scan_start_delay_ms = 1;
  o.scan_ms_per_folder = 1;
  o.provider_timeout_ms = 400;
  o.provider_filename_relative = true;
  o.public_image_hosts = {"127.0.0.1"};
  Start(o);
  ASSERT_EQ(emu_->RegisterMetadataProvider(provider_->uri()), kId);
  emu_->SetSectionAgent("2", kId);
  emu_->AddFile("/data/tv/Dark/Season 01/Dark - S01E01.mkv");
  const std::string season_poster = FakeJpeg("season one poster");
  const std::string episode_thumb = FakeJpeg("episode one thumb");
  provider_->Set("POST", "/prov/library/metadata/matches", {200, MediaContainerJson(R"({"ratingKey":"show-dark"})")});
  provider_->Set("GET", "/prov/library/metadata/show-dark",
                 {200, MediaContainerJson(fmt::format(
                           R"({{"ratingKey":"show-dark","type":"show","title":"Dark","Children":{{"size":1,"Metadata":[)"
                           R"({{"ratingKey":"season-1","type":"season","index":1,"title":"Season 1",)"
                           R"("Image":[{{"type":"coverPoster","url":"{0}/img/s1.jpg"}}]}}]}}}})",
                           provider_->origin()))});
  provider_->SetChildren("season-1",
                         {fmt::format(R"({{"ratingKey":"ep-1-1","type":"episode","index":1,"title":"Secrets",)"
                                      R"("Image":[{{"type":"snapshot","url":"{0}/img/e1.jpg"}}]}})",
                                      provider_->origin())},
                         20);
  provider_->Set("GET", "/img/s1.jpg", {200, season_poster, "image/jpeg"});
  provider_->Set("GET", "/img/e1.jpg", {200, episode_thumb, "image/jpeg"});
  ASSERT_EQ(Call(*emu_, "GET", "/library/sections/2/refresh?path=" + Encoded("/data/tv/Dark")).status, 200);
  ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(10)));
  EXPECT_TRUE(Errors().empty()) << ::testing::PrintToString(Errors());

  const std::optional<ItemView> episode = emu_->FindItemByFile("/data/tv/Dark/Season 01/Dark - S01E01.mkv");
  ASSERT_TRUE(episode);
  EXPECT_EQ(episode->title, "Secrets");
  EXPECT_EQ(emu_->SelectedImage(episode->rating_key, "thumb"), episode_thumb);
  EXPECT_EQ(emu_->SelectedImage(episode->parent_rating_key, "thumb"), season_poster);
  ASSERT_EQ(provider_->Count("POST", "/prov/library/metadata/matches"), 1u);
  for (const Got& g : provider_->got()) {
    if (g.method == "POST") {
      EXPECT_EQ(ParseObject(g.body)->getValue<std::string>("filename"), "Dark/Season 01/Dark - S01E01.mkv");
    }
  }
}

// As PMS 1.43 does (a real server's log, docs/metadata-provider.md §4): the poster's URL is
// stored and shown through images.plex.tv, which cannot fetch from a private or loopback address;
// the item's poster moves to it, serving it fails, and the fields still apply.
class ProviderOnLanTest : public ProviderTest {
  void Configure(EmulatorOptions& o) override { o.public_image_hosts.clear(); }
};

TEST_F(ProviderOnLanTest, ImagesAtALocalAddressNeverShow) {
  UseProviderForMovies();
  emu_->ClearProviderCalls();
  const ItemView item = ScanArrival();
  EXPECT_EQ(item.title, "Arrival (Provider)");
  EXPECT_EQ(item.fields.at("summary"), "Linguist meets heptapods.");
  EXPECT_EQ(provider_->Count("GET", "/img/arrival.jpg"), 0u);  // PMS itself never downloads it
  EXPECT_FALSE(emu_->SelectedImage(item.rating_key, "thumb").has_value());
  const Response thumb = Call(*emu_, "GET", item.thumb);
  EXPECT_EQ(thumb.status, 400) << item.thumb;
  bool recorded = false;
  for (const ProviderCall& c : emu_->ProviderCalls()) {
    recorded |= c.url == provider_->origin() + "/img/arrival.jpg" && c.status == 400 &&
                c.error.find("images.plex.tv") != std::string::npos;
  }
  EXPECT_TRUE(recorded) << ::testing::PrintToString(Errors());
  EXPECT_TRUE(ImageServiceReaches("https://metarr.example.com/pd/movies/images/0/a.jpg", {}));
  for (const char* local : {"http://192.168.1.81:7979/x.jpg", "http://10.0.0.2/x.jpg", "http://172.20.0.1/x.jpg",
                            "http://nas:7979/x.jpg", "http://nas.local/x.jpg", "http://[::1]:80/x.jpg",
                            "http://localhost/x.jpg", "http://169.254.1.1/x.jpg", "http://100.100.1.1/x.jpg"}) {
    EXPECT_FALSE(ImageServiceReaches(local, {})) << local;
  }
}

// Plex's own agents are listed as providers on 1.43+, but a section using one works as before:
// a refresh downloads the agent's artwork again, and no provider is asked (the demo found this).
TEST_F(ProviderTest, ASectionOnPlexsOwnAgentRefreshesAsBefore) {
  ASSERT_EQ(emu_->RegisterMetadataProvider(provider_->uri()), kId);  // registered, not the agent
  const ItemView item = ScanArrival();
  ExpectScannerValues(item);
  ASSERT_TRUE(RefreshItem(*emu_, item.rating_key));
  EXPECT_EQ(*emu_->SelectedImage(item.rating_key, "thumb"), FakeJpeg("agent thumb " + item.rating_key + " v2"));
  EXPECT_NE(emu_->FindItem(item.rating_key)->thumb, item.thumb);
  EXPECT_EQ(provider_->Count("POST", "/prov/library/metadata/matches"), 0u);
}

TEST_F(ProviderTest, RefreshAsksTheStoredIdAgainWithoutMatching) {
  UseProviderForMovies();
  const ItemView first = ScanArrival();
  ASSERT_EQ(first.fields.at("summary"), "Linguist meets heptapods.");
  provider_->Set("GET", "/prov/library/metadata/mv-1",
                 {200, MediaContainerJson(MovieJson("mv-1", "Revised summary.", provider_->origin() + "/img/arrival.jpg"))});
  emu_->ClearProviderCalls();
  ASSERT_TRUE(RefreshItem(*emu_, first.rating_key));
  const std::vector<ProviderCall> calls = emu_->ProviderCalls();
  ASSERT_EQ(calls.size(), 2u);  // metadata and the poster; no match
  EXPECT_EQ(calls[0].method, "GET");
  EXPECT_EQ(calls[0].url, provider_->uri() + "/library/metadata/mv-1");
  EXPECT_EQ(provider_->Count("POST", "/prov/library/metadata/matches"), 1u);  // the scan's only
  EXPECT_EQ(emu_->FindItem(first.rating_key)->fields.at("summary"), "Revised summary.");
  // The same poster bytes: still one provider candidate, still selected, same thumb URL.
  EXPECT_EQ(emu_->FindItem(first.rating_key)->thumb, first.thumb);
  EXPECT_EQ(emu_->ImageCandidates(first.rating_key, "thumb").size(), 2u);
}

TEST_F(ProviderTest, EmptyMatchKeepsTheScannerTitle) {
  UseProviderForMovies();
  provider_->Set("POST", "/prov/library/metadata/matches",
                 {200, R"({"MediaContainer":{"offset":0,"totalSize":0,"size":0,"Metadata":[]}})"});
  emu_->ClearProviderCalls();
  const ItemView item = ScanArrival();
  ExpectScannerValues(item);
  ASSERT_EQ(emu_->ProviderCalls().size(), 1u);  // the match only
  EXPECT_EQ(emu_->ProviderCalls()[0].error, "");
  EXPECT_EQ(provider_->Count("GET", "/prov/library/metadata/mv-1"), 0u);
}

// An agent of several providers (docs/metadata-provider.md §3, §5): the primary matches and
// gives the guid; every provider is then asked in rank order and earlier values win, so a
// contributor fills only what the ones above it left out.
class ProviderChainTest : public ProviderTest {
 protected:
  static constexpr const char* kSecond = "tv.plex.agents.custom.second";
  void SetUp() override {
    ProviderTest::SetUp();
    second_ = std::make_unique<FakeProvider>(kSecond);
    ASSERT_EQ(emu_->RegisterMetadataProvider(provider_->uri()), kId);        // id 3
    ASSERT_EQ(emu_->RegisterMetadataProvider(second_->uri()), kSecond);      // id 4
    CanArrival();
    // The primary leaves out the tagline and the poster; the second has both, and another title.
    provider_->Set("GET", "/prov/library/metadata/mv-1",
                   {200, MediaContainerJson(R"J({"ratingKey":"mv-1","guid":"tv.plex.agents.custom.fake://movie/mv-1",)J"
                                            R"J("type":"movie","title":"Arrival (NFO)","summary":"From the NFO.",)J"
                                            R"J("Genre":[{"tag":"Drama"}]})J")});
    second_->Set("POST", "/prov/library/metadata/matches", {200, MediaContainerJson(R"({"ratingKey":"s-9"})")});
    second_->Set("GET", "/prov/library/metadata/s-9",
                 {200, MediaContainerJson(fmt::format(
                           R"J({{"ratingKey":"s-9","guid":"{}://movie/s-9","type":"movie","title":"Arrival (second)",)J"
                           R"("summary":"From the second.","tagline":"Why are they here?","thumb":"{}/img/second.jpg",)"
                           R"("Genre":[{{"tag":"Sci-Fi"}}]}})",
                           kSecond, second_->origin()))});
    second_->Set("GET", "/img/second.jpg", {200, FakeJpeg("second's poster"), "image/jpeg"});
  }
  void MakeGroup(const std::string& primary, const std::vector<int>& more) {
    ASSERT_EQ(Call(*emu_, "POST", "/media/providers/metadata/group?title=Chain&primaryIdentifier=" + primary).status, 200);
    for (int id : more) ASSERT_EQ(Call(*emu_, "PUT", fmt::format("/media/providers/metadata/group/1/items/{}", id)).status, 200);
    emu_->SetSectionAgent("1", primary);
  }
  std::unique_ptr<FakeProvider> second_;
};

TEST_F(ProviderChainTest, ThePrimaryWinsAndTheNextProviderFillsWhatItLacks) {
  MakeGroup(kId, {4});
  const ItemView item = ScanArrival();
  EXPECT_EQ(item.title, "Arrival (NFO)");
  EXPECT_EQ(item.fields.at("summary"), "From the NFO.");
  EXPECT_EQ(item.fields.at("tagline"), "Why are they here?");  // only the second has one
  EXPECT_EQ(item.genres, std::vector<std::string>{"Drama"});
  EXPECT_EQ(item.guid, "tv.plex.agents.custom.fake://movie/mv-1");
  EXPECT_EQ(*emu_->SelectedImage(item.rating_key, "thumb"), FakeJpeg("second's poster"));
  EXPECT_EQ(second_->Count("POST", "/prov/library/metadata/matches"), 1u);
}

TEST_F(ProviderChainTest, AnEmptyMatchOfThePrimaryLeavesTheItemAndAsksNoOneElse) {
  MakeGroup(kId, {4});
  provider_->Set("POST", "/prov/library/metadata/matches",
                 {200, R"({"MediaContainer":{"offset":0,"totalSize":0,"size":0,"Metadata":[]}})"});
  const ItemView item = ScanArrival();
  ExpectScannerValues(item);
  EXPECT_EQ(second_->Count("POST", "/prov/library/metadata/matches"), 0u);
}

TEST_F(ProviderChainTest, BelowPlexsOwnAgentAProviderFillsOnlyWhatPlexLacks) {
  MakeGroup("tv.plex.agents.movie", {3});
  const ItemView item = ScanArrival();
  EXPECT_EQ(item.title, "Arrival");                            // Plex's
  EXPECT_EQ(item.fields.at("summary"), "From the NFO.");       // Plex had none
  EXPECT_EQ(item.guid.rfind("plex://movie/", 0), 0u) << item.guid;
  EXPECT_EQ(*emu_->SelectedImage(item.rating_key, "thumb"), FakeJpeg("agent thumb " + item.rating_key + " v1"));
  EXPECT_EQ(provider_->Count("POST", "/prov/library/metadata/matches"), 1u);
}

TEST_F(ProviderTest, FailingProviderKeepsTheItemAndIsRecorded) {
  UseProviderForMovies();
  struct Case {
    const char* name;
    std::string path;
    Canned answer;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"500 on match", "POST /prov/library/metadata/matches", {500, "oops", "text/plain"}, "HTTP 500"},
      {"slow match", "POST /prov/library/metadata/matches", {200, MediaContainerJson(R"({"ratingKey":"mv-1"})"), "application/json", 2000}, "timeout"},
      {"not JSON", "GET /prov/library/metadata/mv-1", {200, "<html>hello</html>", "text/html"}, "not JSON"},
      {"no Metadata", "GET /prov/library/metadata/mv-1", {200, R"({"MediaContainer":{"size":0}})"}, "no Metadata"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string method = c.path.substr(0, c.path.find(' '));
    const std::string path = c.path.substr(c.path.find(' ') + 1);
    CanArrival();  // the good answers again, then this case's bad one
    provider_->Set(method, path, c.answer);
    emu_->ClearProviderCalls();
    const ItemView item = ScanArrival();
    ExpectScannerValues(item);
    const std::vector<std::string> errors = Errors();
    ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
    EXPECT_NE(errors[0].find(c.error), std::string::npos) << errors[0];
    // Give the next case a new item: the file leaves, the trash is emptied.
    emu_->RemovePath("/data/movies/Arrival (2016)");
    ASSERT_EQ(Call(*emu_, "GET", "/library/sections/1/refresh").status, 200);
    ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(10)));
    ASSERT_EQ(Call(*emu_, "PUT", "/library/sections/1/emptyTrash").status, 200);
    ASSERT_TRUE(emu_->WaitForIdle(std::chrono::seconds(10)));
  }
  const std::vector<ProviderCall> calls = emu_->ProviderCalls();
  ASSERT_FALSE(calls.empty());
}

TEST_F(ProviderTest, TimeoutAndDownProviderOnRefreshKeepOldMetadata) {
  UseProviderForMovies();
  const ItemView matched = ScanArrival();
  ASSERT_EQ(matched.title, "Arrival (Provider)");
  // Slow: no answer within provider_timeout_ms.
  provider_->Set("GET", "/prov/library/metadata/mv-1",
                 {200, MediaContainerJson(MovieJson("mv-1", "Too late.", "")), "application/json", 2000});
  emu_->ClearProviderCalls();
  ASSERT_TRUE(RefreshItem(*emu_, matched.rating_key));
  std::vector<ProviderCall> calls = emu_->ProviderCalls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].error, "timeout");
  EXPECT_EQ(calls[0].status, 0);
  EXPECT_GE(calls[0].duration_ms, 350);
  EXPECT_LT(calls[0].duration_ms, 1900);
  EXPECT_EQ(emu_->FindItem(matched.rating_key)->fields.at("summary"), "Linguist meets heptapods.");
  // Down: connection refused.
  provider_.reset();
  emu_->ClearProviderCalls();
  ASSERT_TRUE(RefreshItem(*emu_, matched.rating_key));
  calls = emu_->ProviderCalls();
  ASSERT_EQ(calls.size(), 1u);
  EXPECT_EQ(calls[0].error, "connection refused");
  const ItemView after = *emu_->FindItem(matched.rating_key);
  EXPECT_EQ(after.title, "Arrival (Provider)");
  EXPECT_EQ(after.fields.at("summary"), "Linguist meets heptapods.");
  EXPECT_EQ(after.guid, matched.guid);
  EXPECT_EQ(*emu_->SelectedImage(after.rating_key, "thumb"), kPoster);
}

TEST_F(ProviderTest, NonImagePosterLeavesTheElementButAppliesTheFields) {
  UseProviderForMovies();
  provider_->Set("GET", "/img/arrival.jpg", {200, "<html>not an image</html>", "text/html"});
  const ItemView item = ScanArrival();
  EXPECT_EQ(item.title, "Arrival (Provider)");
  EXPECT_EQ(item.fields.at("summary"), "Linguist meets heptapods.");
  EXPECT_EQ(*emu_->SelectedImage(item.rating_key, "thumb"), FakeJpeg("agent thumb " + item.rating_key + " v1"));
  EXPECT_EQ(emu_->ImageCandidates(item.rating_key, "thumb").size(), 1u);
  const std::vector<std::string> errors = Errors();
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("/img/arrival.jpg: not an image"), std::string::npos) << errors[0];
}

TEST_F(ProviderTest, LockedFieldsAndPosterAreNotOverwritten) {
  UseProviderForMovies();
  const ItemView item = ScanArrival();
  ASSERT_EQ(EditItems(*emu_, "1", "1", item.rating_key, "title.value=My%20Arrival&title.locked=1&thumb.locked=1").status, 200);
  const std::string poster_before = *emu_->SelectedImage(item.rating_key, "thumb");
  provider_->Set("GET", "/prov/library/metadata/mv-1",
                 {200, MediaContainerJson(MovieJson("mv-1", "Revised.", provider_->origin() + "/img/new.jpg"))});
  provider_->Set("GET", "/img/new.jpg", {200, FakeJpeg("a new poster"), "image/jpeg"});
  ASSERT_TRUE(RefreshItem(*emu_, item.rating_key));
  const ItemView after = *emu_->FindItem(item.rating_key);
  EXPECT_EQ(after.title, "My Arrival");
  EXPECT_EQ(after.fields.at("summary"), "Revised.");
  EXPECT_EQ(*emu_->SelectedImage(item.rating_key, "thumb"), poster_before);
  EXPECT_EQ(provider_->Count("GET", "/img/new.jpg"), 1u);  // downloaded, not applied
}

TEST_F(ProviderTest, ControlApiRegistersSetsTheAgentAndListsCalls) {
  const Response reg = Send(*emu_, "POST", "/__emulator/providers", fmt::format(R"({{"uri":"{}"}})", provider_->uri()),
                            "application/json");
  ASSERT_EQ(reg.status, 200) << reg.body;
  EXPECT_EQ(ParseObject(reg.body)->getValue<std::string>("identifier"), kId);
  EXPECT_EQ(Send(*emu_, "POST", "/__emulator/providers", R"({"uri":"http://127.0.0.1:1/x"})", "application/json").status, 400);
  EXPECT_EQ(Send(*emu_, "POST", "/__emulator/sections/9/agent", R"({"agent":"x"})", "application/json").status, 404);
  ASSERT_EQ(Send(*emu_, "POST", "/__emulator/sections/1/agent", fmt::format(R"({{"agent":"{}"}})", kId), "application/json").status, 200);
  EXPECT_NE(Call(*emu_, "GET", "/library/sections").body.find(std::string("agent=\"") + kId + "\""), std::string::npos);
  provider_->Set("POST", "/prov/library/metadata/matches", {200, MediaContainerJson(R"({"ratingKey":"mv-1"})")});
  provider_->Set("GET", "/prov/library/metadata/mv-1", {200, MediaContainerJson(MovieJson("mv-1", "Via control.", ""))});
  EXPECT_EQ(ScanArrival().fields.at("summary"), "Via control.");
  const Response calls = Call(*emu_, "GET", "/__emulator/providers/calls");
  ASSERT_EQ(calls.status, 200);
  Array::Ptr list = Poco::JSON::Parser().parse(calls.body).extract<Array::Ptr>();
  ASSERT_EQ(list->size(), 4u);  // root, failed root, match, metadata
  EXPECT_EQ(list->getObject(1)->getValue<std::string>("error"), "connection refused");
  EXPECT_EQ(list->getObject(2)->getValue<std::string>("method"), "POST");
  EXPECT_EQ(Call(*emu_, "DELETE", "/__emulator/providers/calls").status, 200);
  EXPECT_TRUE(emu_->ProviderCalls().empty());
}

}  // namespace
}  // namespace pms_emulator
