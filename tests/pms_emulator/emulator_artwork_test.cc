// Artwork as a media manager pushes it: candidates, uploads that are listed but not selected,
// selection moving the thumb URL, locks keeping an upload through a refresh, local assets read
// on refresh only when the section reads them, and the bad requests PMS refuses.
#include "emulator_test_support.h"

#include <Poco/Base64Encoder.h>
#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>

#include <sstream>

namespace pms_emulator {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string Sha1(const std::string& bytes) {
  Poco::SHA1Engine engine;
  engine.update(bytes);
  return Poco::DigestEngine::digestToHex(engine.digest());
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

Array::Ptr Posters(const Emulator& emu, const std::string& key, const std::string& listing = "posters") {
  return Container(Call(emu, "GET", "/library/metadata/" + key + "/" + listing, true))->getArray("Metadata");
}

TEST_F(EmulatorTest, UploadIsListedButNeitherSelectedNorLocked) {
  const ItemView before = *emu_->FindItem("101");
  Array::Ptr agent = Posters(*emu_, "101");
  ASSERT_EQ(agent->size(), 1u);
  EXPECT_TRUE(agent->getObject(0)->getValue<bool>("selected"));
  EXPECT_EQ(agent->getObject(0)->getValue<std::string>("provider"), "tv.plex.agents.movie");
  EXPECT_TRUE(StartsWith(agent->getObject(0)->getValue<std::string>("ratingKey"), "metadata://posters/tv.plex.agents.movie_"));

  const std::string poster = FakeJpeg("my poster");
  const Response up = Send(*emu_, "POST", "/library/metadata/101/posters", poster);
  EXPECT_EQ(up.status, 200);
  EXPECT_TRUE(up.body.empty());
  Array::Ptr listed = Posters(*emu_, "101");
  ASSERT_EQ(listed->size(), 2u);
  Object::Ptr upload = listed->getObject(1);
  const std::string rating_key = "upload://posters/" + Sha1(poster);
  EXPECT_EQ(upload->getValue<std::string>("ratingKey"), rating_key);
  EXPECT_EQ(upload->getValue<std::string>("key"), "/library/metadata/101/file?url=" + Encoded(rating_key));
  EXPECT_FALSE(upload->has("provider"));
  EXPECT_FALSE(upload->getValue<bool>("selected"));
  EXPECT_TRUE(listed->getObject(0)->getValue<bool>("selected"));
  const std::string xml = Call(*emu_, "GET", "/library/metadata/101/posters").body;
  EXPECT_NE(xml.find("<Photo key=\"/library/metadata/101/file?url=upload%3A%2F%2Fposters%2F"), std::string::npos) << xml;
  EXPECT_NE(xml.find("selected=\"0\""), std::string::npos);
  // Nothing else moved: the thumb, what it serves, the locks.
  const ItemView after = *emu_->FindItem("101");
  EXPECT_EQ(after.thumb, before.thumb);
  EXPECT_TRUE(after.locked.empty());
  EXPECT_EQ(*emu_->SelectedImage("101", "thumb"), FakeJpeg("agent thumb 101 v1"));
  const std::vector<ImageCandidate> candidates = emu_->ImageCandidates("101", "thumb");
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates[1].source, "upload");
  EXPECT_EQ(candidates[1].bytes, poster.size());
  EXPECT_EQ(candidates[1].sha256.size(), 64u);
  EXPECT_EQ(candidates[0].source, "agent");
  // The same bytes again: still one candidate.
  EXPECT_EQ(Send(*emu_, "POST", "/library/metadata/101/posters", poster, "application/octet-stream").status, 200);
  EXPECT_EQ(Posters(*emu_, "101")->size(), 2u);
  EXPECT_EQ(emu_->CountRequests("POST", "/library/metadata/101/posters"), 2u);
}

TEST_F(EmulatorTest, SelectingMovesTheThumbAndServesTheUploadedBytes) {
  const std::string poster = FakeJpeg("selected poster");
  const std::string png = FakePng("second poster");
  ASSERT_EQ(Send(*emu_, "POST", "/library/metadata/101/posters", poster).status, 200);
  ASSERT_EQ(Send(*emu_, "POST", "/library/metadata/101/posters", png, "image/png").status, 200);
  const std::string before = emu_->FindItem("101")->thumb;
  const std::string url = "upload://posters/" + Sha1(poster);
  ASSERT_EQ(Call(*emu_, "PUT", "/library/metadata/101/poster?url=" + Encoded(url)).status, 200);
  const std::string first = emu_->FindItem("101")->thumb;
  EXPECT_NE(first, before);
  EXPECT_TRUE(StartsWith(first, "/library/metadata/101/thumb/"));
  const Response served = Call(*emu_, "GET", first);
  EXPECT_EQ(served.status, 200);
  EXPECT_EQ(served.content_type, "image/jpeg");
  EXPECT_EQ(served.body, poster);
  EXPECT_EQ(*emu_->SelectedImage("101", "thumb"), poster);
  // The listing says which is selected; the item's JSON shows the new URL.
  EXPECT_TRUE(Posters(*emu_, "101")->getObject(1)->getValue<bool>("selected"));
  Object::Ptr movie = Container(Call(*emu_, "GET", "/library/metadata/101", true))->getArray("Metadata")->getObject(0);
  EXPECT_EQ(movie->getValue<std::string>("thumb"), first);
  // A second change within the same second still moves {t}.
  ASSERT_EQ(Call(*emu_, "PUT", "/library/metadata/101/poster?url=" + Encoded("upload://posters/" + Sha1(png))).status, 200);
  const std::string second = emu_->FindItem("101")->thumb;
  EXPECT_GT(std::stoll(second.substr(second.rfind('/') + 1)), std::stoll(first.substr(first.rfind('/') + 1)));
  const Response png_served = Call(*emu_, "GET", "/library/metadata/101/thumb/123");  // any {t}
  EXPECT_EQ(png_served.content_type, "image/png");
  EXPECT_EQ(png_served.body, png);
  // Selecting the one already selected changes nothing.
  ASSERT_EQ(Call(*emu_, "PUT", "/library/metadata/101/poster?url=" + Encoded("upload://posters/" + Sha1(png))).status, 200);
  EXPECT_EQ(emu_->FindItem("101")->thumb, second);
  EXPECT_EQ(Call(*emu_, "GET", "/library/metadata/101/file?url=" + Encoded(url)).body, poster);
  EXPECT_TRUE(emu_->FindItem("101")->locked.empty());  // selecting does not lock either
  EXPECT_EQ(emu_->CountRequests("PUT", "/library/metadata/101/poster"), 3u);
  EXPECT_EQ(emu_->CountRequests("GET", "/library/metadata/101/thumb/"), 2u);
}

TEST_F(EmulatorTest, ALockedUploadSurvivesARefreshUnlockedArtDoesNot) {
  const std::string poster = FakeJpeg("keep me");
  ASSERT_EQ(Send(*emu_, "POST", "/library/metadata/101/posters", poster).status, 200);
  ASSERT_EQ(Call(*emu_, "PUT", "/library/metadata/101/poster?url=" + Encoded("upload://posters/" + Sha1(poster))).status, 200);
  ASSERT_EQ(EditItems(*emu_, "1", "1", "101", "thumb.locked=1").status, 200);
  EXPECT_EQ(emu_->FindItem("101")->locked, std::vector<std::string>{"thumb"});
  const std::string thumb = emu_->FindItem("101")->thumb;
  const std::string art = *emu_->SelectedImage("101", "art");
  ASSERT_TRUE(RefreshItem(*emu_, "101"));
  EXPECT_EQ(*emu_->SelectedImage("101", "thumb"), poster);
  EXPECT_EQ(emu_->FindItem("101")->thumb, thumb);
  // The unlocked background was downloaded again: new agent bytes.
  EXPECT_NE(*emu_->SelectedImage("101", "art"), art);
  EXPECT_NE(emu_->SelectedImage("101", "art")->find("agent art 101 v2"), std::string::npos);

  ASSERT_EQ(EditItems(*emu_, "1", "1", "101", "thumb.locked=0").status, 200);
  ASSERT_TRUE(RefreshItem(*emu_, "101"));
  const std::string back = *emu_->SelectedImage("101", "thumb");
  EXPECT_NE(back, poster);
  EXPECT_NE(back.find("agent thumb 101 v"), std::string::npos);
  EXPECT_NE(emu_->FindItem("101")->thumb, thumb);
  EXPECT_EQ(emu_->ImageCandidates("101", "thumb").size(), 2u);  // the upload is still offered
}

TEST_F(EmulatorTest, BadUploadsAndSelectionsAreRefused) {
  const Response empty = Send(*emu_, "POST", "/library/metadata/101/posters", "");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.content_type, "text/html");
  EXPECT_EQ(Send(*emu_, "POST", "/library/metadata/101/posters", "not an image at all", "text/plain").status, 400);
  EXPECT_EQ(Send(*emu_, "POST", "/library/metadata/101/arts", std::string("\x89PNG", 4)).status, 400);
  // A truncated JPEG still starts like one: PMS takes it, so does the emulator.
  EXPECT_EQ(Send(*emu_, "POST", "/library/metadata/101/posters", std::string("\xFF\xD8\xFF\xE0\x00\x10JF", 8)).status, 200);
  const Response by_url = Call(*emu_, "POST", "/library/metadata/101/posters?url=" + Encoded("https://x/p.jpg"));
  EXPECT_EQ(by_url.status, 400);
  EXPECT_NE(by_url.body.find("url uploads are not supported by the emulator"), std::string::npos);
  EXPECT_EQ(Call(*emu_, "PUT", "/library/metadata/101/poster?url=" + Encoded("upload://posters/ffff")).status, 404);
  EXPECT_EQ(Call(*emu_, "PUT", "/library/metadata/101/poster").status, 400);
  EXPECT_EQ(Send(*emu_, "POST", "/library/metadata/999999/posters", FakeJpeg("x")).status, 404);
  EXPECT_EQ(Call(*emu_, "GET", "/library/metadata/101/banner/1").status, 404);  // no banner yet
  EXPECT_EQ(Call(*emu_, "GET", "/library/metadata/101/posters", true, "managed-token").status, 403);
  EXPECT_EQ(emu_->ImageCandidates("101", "thumb").size(), 2u);  // the agent's and the truncated one
  EXPECT_EQ(emu_->CountRequests("POST", "/library/metadata/101/posters"), 4u);
}

TEST_F(EmulatorTest, SeasonsEpisodesAndBanners) {
  // Every item has an agent poster from the start, seasons and episodes (its still) too.
  const Response season = Call(*emu_, "GET", emu_->FindItem("202")->thumb);
  EXPECT_EQ(season.status, 200);
  EXPECT_NE(season.body.find("agent thumb 202 v1"), std::string::npos);
  const std::string still = FakeJpeg("episode still");
  ASSERT_EQ(Send(*emu_, "POST", "/library/metadata/203/posters", still).status, 200);
  ASSERT_EQ(Call(*emu_, "PUT", "/library/metadata/203/poster?url=" + Encoded("upload://posters/" + Sha1(still))).status, 200);
  EXPECT_EQ(Call(*emu_, "GET", emu_->FindItem("203")->thumb).body, still);
  Object::Ptr episode = Container(Call(*emu_, "GET", "/library/metadata/202/children", true))->getArray("Metadata")->getObject(0);
  EXPECT_EQ(episode->getValue<std::string>("thumb"), emu_->FindItem("203")->thumb);

  const std::string banner = FakeJpeg("show banner");
  EXPECT_EQ(Container(Call(*emu_, "GET", "/library/metadata/201/banners", true))->getValue<int>("size"), 0);
  ASSERT_EQ(Send(*emu_, "POST", "/library/metadata/201/banners", banner).status, 200);
  ASSERT_EQ(Call(*emu_, "PUT", "/library/metadata/201/banner?url=" + Encoded("upload://banners/" + Sha1(banner))).status, 200);
  Object::Ptr show = Container(Call(*emu_, "GET", "/library/metadata/201", true))->getArray("Metadata")->getObject(0);
  const std::string url = show->getValue<std::string>("banner");
  EXPECT_TRUE(StartsWith(url, "/library/metadata/201/banner/"));
  EXPECT_EQ(Call(*emu_, "GET", url).body, banner);
  // Unlocked, a refresh takes the banner away again: the agent has none.
  ASSERT_TRUE(RefreshItem(*emu_, "201"));
  EXPECT_FALSE(emu_->SelectedImage("201", "banner").has_value());
  EXPECT_EQ(Call(*emu_, "GET", url).status, 404);
}

TEST_F(EmulatorTest, LocalAssetsAreReadOnRefreshOnlyWhereTheSectionReadsThem) {
  emu_->LoadLibraryJson(R"({"sections":[
    {"key":"1","type":"movie","title":"Movies","locations":["/m"],
     "items":[{"rating_key":"11","title":"A","year":2000,"files":["/m/A (2000)/A (2000).mkv"]}]},
    {"key":"2","type":"movie","title":"No Assets","locations":["/n"],"prefs":{"useLocalAssets":false},
     "items":[{"rating_key":"21","title":"B","year":2001,"files":["/n/B (2001)/B (2001).mkv"]}]},
    {"key":"4","type":"movie","title":"Legacy","locations":["/l"],"agent":"com.plexapp.agents.imdb",
     "items":[{"rating_key":"41","title":"C","files":["/l/C/C.mkv"]}]},
    {"key":"3","type":"show","title":"Shows","locations":["/t"],
     "items":[{"rating_key":"31","title":"S","folder":"/t/S","seasons":[{"index":1,"rating_key":"32","episodes":[
       {"index":1,"rating_key":"33","files":["/t/S/Season 01/S - S01E01.mkv"]}]}]}]}]})");
  const std::string poster = FakeJpeg("a real poster");
  emu_->AddFile("/m/A (2000)/poster.jpg", poster);
  emu_->AddFile("/m/A (2000)/fanart.jpg");  // bytes derived from the path
  emu_->AddFile("/n/B (2001)/poster.jpg", poster);
  emu_->AddFile("/t/S/season01-poster.jpg", FakeJpeg("season one"));
  emu_->AddFile("/t/S/Season 01/S - S01E01-thumb.jpg", FakeJpeg("still"));
  emu_->AddFile("/t/S/banner.jpg", "not an image");  // Plex cannot read it: no banner
  ASSERT_TRUE(RefreshItem(*emu_, "11"));
  ASSERT_TRUE(RefreshItem(*emu_, "21"));
  ASSERT_TRUE(RefreshItem(*emu_, "31"));
  emu_->AddFile("/l/C/C.jpg", poster);  // beside the video, by its name
  ASSERT_TRUE(RefreshItem(*emu_, "41"));
  // A legacy agent reads local assets only through "Local Media Assets" (not modelled): none.
  EXPECT_EQ(emu_->ImageCandidates("41", "thumb").size(), 1u);
  EXPECT_EQ(*emu_->SelectedImage("11", "thumb"), poster);
  const std::vector<ImageCandidate> local = emu_->ImageCandidates("11", "thumb");
  ASSERT_EQ(local.size(), 2u);
  EXPECT_EQ(local[1].source, "local");
  EXPECT_EQ(local[1].provider, "local");
  EXPECT_TRUE(local[1].selected);
  EXPECT_TRUE(StartsWith(local[1].rating_key, "media://"));
  EXPECT_NE(emu_->SelectedImage("11", "art")->find("local asset /m/A (2000)/fanart.jpg r1"), std::string::npos);
  EXPECT_NE(emu_->SelectedImage("21", "thumb")->find("agent thumb 21 v2"), std::string::npos);
  EXPECT_EQ(*emu_->SelectedImage("32", "thumb"), FakeJpeg("season one"));
  EXPECT_EQ(*emu_->SelectedImage("33", "thumb"), FakeJpeg("still"));
  EXPECT_FALSE(emu_->SelectedImage("31", "banner").has_value());
  // Unchanged files: a refresh keeps the URL; a rewritten file is a new image.
  const std::string thumb = emu_->FindItem("11")->thumb;
  ASSERT_TRUE(RefreshItem(*emu_, "11"));
  EXPECT_EQ(emu_->FindItem("11")->thumb, thumb);
  emu_->AddFile("/m/A (2000)/poster.jpg", FakeJpeg("a better poster"));
  ASSERT_TRUE(RefreshItem(*emu_, "11"));
  EXPECT_NE(emu_->FindItem("11")->thumb, thumb);
  EXPECT_EQ(*emu_->SelectedImage("11", "thumb"), FakeJpeg("a better poster"));
}

TEST_F(EmulatorTest, ControlApiShowsImagesAndTakesFileContents) {
  std::ostringstream encoded;
  Poco::Base64Encoder encoder(encoded);
  const std::string poster = FakeJpeg("from the control api");
  encoder << poster;
  encoder.close();
  const std::string body = R"({"contents":{"/data/movies/Heat (1995)/poster.jpg":")" + encoded.str() + "\"}}";
  EXPECT_EQ(Send(*emu_, "POST", "/__emulator/files", body, "application/json").status, 200);
  EXPECT_TRUE(emu_->HasFile("/data/movies/Heat (1995)/poster.jpg"));
  EXPECT_EQ(Send(*emu_, "POST", "/__emulator/files", R"({"contents":{"/x.jpg":"%%%"}})", "application/json").status, 400);
  ASSERT_TRUE(RefreshItem(*emu_, "101"));
  Object::Ptr item = ParseObject(Call(*emu_, "GET", "/__emulator/items/101").body);
  EXPECT_EQ(item->getValue<std::string>("title"), "Heat");
  Array::Ptr thumbs = item->getObject("images")->getArray("thumb");
  ASSERT_EQ(thumbs->size(), 2u);
  EXPECT_EQ(thumbs->getObject(1)->getValue<std::string>("source"), "local");
  EXPECT_TRUE(thumbs->getObject(1)->getValue<bool>("selected"));
  EXPECT_EQ(thumbs->getObject(1)->getValue<std::string>("sha256"), emu_->ImageCandidates("101", "thumb")[1].sha256);
  EXPECT_EQ(*emu_->SelectedImage("101", "thumb"), poster);
  EXPECT_EQ(item->getArray("locked")->size(), 0u);
  EXPECT_EQ(Call(*emu_, "GET", "/__emulator/items/999999").status, 404);
}

TEST(EmulatorArtworkGeneratedTest, GeneratedItemsServeThumbsToo) {
  EmulatorOptions options;
  options.admin_token = kToken;
  Emulator emu(options);
  emu.LoadLibraryFile(std::string(EMULATOR_FIXTURES) + "/demo_library.json");
  emu.GenerateMovies("1", 5000);
  emu.GenerateShows("2", 2, 1, 2);
  emu.Start();
  const ItemView movie = *emu.FindItemByFile("/data/movies/Movie 4999 (1999)/Movie 4999 (1999).mkv");
  const Response r = Call(emu, "GET", movie.thumb);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "image/jpeg");
  const ItemView episode = *emu.FindItemByFile("/data/tv/Show 1/Season 01/Show 1 - S01E02.mkv");
  EXPECT_FALSE(episode.thumb.empty());
  EXPECT_EQ(Call(emu, "GET", episode.thumb).status, 200);
}

}  // namespace
}  // namespace pms_emulator
