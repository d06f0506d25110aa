// SPDX-License-Identifier: MIT
#include "provider_report.h"

#include <gtest/gtest.h>

#include "cli_options.h"

namespace host_stub {
namespace {

const char kHeat[] = R"J({"schema_version":1,"path":"/srv/media/movies/Heat (1995)","kind":"movie",
  "root":"/srv/media/movies","image_links":false,"rating_key":"tmdb-949","guid":"plexdriver://movie/tmdb-949",
  "nfo":{"path":"/srv/media/movies/Heat (1995)/movie.nfo","status":"read","message":""},
  "metadata":{"title":"Heat","year":1995,
    "summary":"Obsessive master thief Neil McCauley leads a top-notch crew on various daring heists throughout Los Angeles while determined detective Vincent Hanna pursues him without rest.",
    "Genre":[{"tag":"Crime"},{"tag":"Drama"}],"Collection":[{"tag":"Michael Mann"}],
    "Role":[{"tag":"Al Pacino"},{"tag":"Robert De Niro"}]},
  "artwork":[{"role":"poster","file":"/srv/media/movies/Heat (1995)/poster.jpg","url":"http://h/movies/images/0/x",
              "content_type":"image/jpeg","bytes":12345}],
  "problems":[]})J";

TEST(ProviderReportTest, ShowsTheFieldsAndArtwork) {
  const std::string text = RenderProviderCheck(kHeat);
  for (const char* needle :
       {"provider check  /srv/media/movies/Heat (1995)\n",
        "kind            movie  (root /srv/media/movies)", "rating key      tmdb-949",
        "nfo             /srv/media/movies/Heat (1995)/movie.nfo: read",
        "title           Heat (1995)\n", "genres          Crime, Drama\n",
        "collections     Michael Mann\n", "actors          2\n", "poster",
        "/srv/media/movies/Heat (1995)/poster.jpg  image/jpeg  12345 bytes",
        "images          not linked (Plex could not show a LAN link); the sync uploads and locks them\n",
        "problems        none\n"}) {
    EXPECT_NE(text.find(needle), std::string::npos) << needle << "\n" << text;
  }
  EXPECT_NE(text.find("summary         Obsessive master thief"), std::string::npos) << text;
  EXPECT_NE(text.find("...\n"), std::string::npos) << text;  // shortened
  EXPECT_EQ(text.find("without rest."), std::string::npos) << text;
  EXPECT_EQ(ProviderCheckExitCode(kHeat), kExitOk);
}

TEST(ProviderReportTest, ProblemsMakeTheirExitCode) {
  const std::string refused =
      R"({"path":"/m/X","kind":"movie","nfo":{"path":"/m/X/movie.nfo","status":"refused",
    "message":"line 3: mismatched tag"},"metadata":{"title":"X"},"artwork":[],
    "problems":["movie.nfo: refused: line 3: mismatched tag"]})";
  const std::string text = RenderProviderCheck(refused);
  EXPECT_NE(
      text.find("nfo             /m/X/movie.nfo: refused\n                line 3: mismatched tag"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("problems        1\n  - movie.nfo: refused: line 3: mismatched tag\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("artwork         none"), std::string::npos) << text;
  EXPECT_EQ(ProviderCheckExitCode(refused), kExitProviderProblems);

  const std::string art = R"({"nfo":{"status":"missing"},"artwork":[{"role":"fanart","file":"f.jpg",
    "content_type":"image/jpeg","bytes":0,"problem":"empty file"}],"problems":[]})";
  EXPECT_NE(RenderProviderCheck(art).find("problem: empty file"), std::string::npos)
      << RenderProviderCheck(art);
  EXPECT_EQ(ProviderCheckExitCode(art), kExitProviderProblems);
  EXPECT_EQ(ProviderCheckExitCode(R"({"nfo":{"status":"missing"},"problems":[]})"), kExitOk);
  EXPECT_EQ(ProviderCheckExitCode("not json"), kExitProviderProblems);
  EXPECT_NE(RenderProviderCheck("not json").find("not JSON"), std::string::npos);
}

TEST(ProviderReportTest, SummaryIsCutAtACharacterBoundary) {
  std::string summary;
  for (int i = 0; i < 60; ++i) summary += "\xc3\xa9";  // 120 bytes of "é"
  const std::string text =
      RenderProviderCheck(R"({"metadata":{"title":"T","summary":")" + summary + R"("}})");
  const size_t at = text.find("summary         ");
  ASSERT_NE(at, std::string::npos);
  const std::string line = text.substr(at + 16, text.find('\n', at) - at - 16);
  EXPECT_EQ(line.size(), 103u) << line;  // 50 characters + "..."
}

}  // namespace
}  // namespace host_stub
