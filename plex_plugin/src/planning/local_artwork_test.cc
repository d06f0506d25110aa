#include "planning/local_artwork.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

LibrarySection Section(const std::string& type, const std::string& agent) {
  LibrarySection s;
  s.key = "1";
  s.title = "Movies";
  s.type = type;
  s.agent = agent;
  return s;
}

std::vector<SectionSetting> UseLocalAssets(const std::string& value) {
  return {{"useLocalAssets", "bool", value, "true"}};
}

TEST(LocalArtworkTest, PlexAgentsFollowUseLocalAssets) {
  const auto on = UseLocalAssets("true");
  const auto off = UseLocalAssets("false");
  const std::vector<SectionSetting> absent;
  struct Case {
    std::string type, agent;
    const std::vector<SectionSetting>* settings;
    LocalArtwork state;
  };
  for (const Case& c : std::vector<Case>{{"movie", "tv.plex.agents.movie", &on, LocalArtwork::kRead},
                                         {"movie", "tv.plex.agents.movie", &off, LocalArtwork::kIgnored},
                                         {"show", "tv.plex.agents.series", &off, LocalArtwork::kIgnored},
                                         {"movie", "tv.plex.agents.movie", &absent, LocalArtwork::kRead},
                                         {"movie", "tv.plex.agents.movie", nullptr, LocalArtwork::kUnknown},
                                         {"movie", "com.plexapp.agents.none", nullptr, LocalArtwork::kRead},
                                         {"show", "tv.plex.agents.none", &off, LocalArtwork::kRead},
                                         {"movie", "com.plexapp.agents.imdb", &on, LocalArtwork::kUnknown},
                                         {"movie", "org.example.custom", &on, LocalArtwork::kUnknown},
                                         {"movie", "tv.plex.agents.custom.plexdriver.movies", &off, LocalArtwork::kUnknown},
                                         {"artist", "tv.plex.agents.music", &off, LocalArtwork::kNotApplicable}}) {
    SCOPED_TRACE(c.type + " " + c.agent);
    const LocalArtworkAssessment a = AssessLocalArtwork(Section(c.type, c.agent), c.settings);
    EXPECT_EQ(a.state, c.state);
    // Whatever is not plainly "read" says what to do, naming the library.
    if (c.state == LocalArtwork::kIgnored || c.state == LocalArtwork::kUnknown) {
      EXPECT_NE(a.advice.find("\"Movies\""), std::string::npos) << a.advice;
    } else {
      EXPECT_TRUE(a.advice.empty()) << a.advice;
    }
  }
}

TEST(LocalArtworkTest, AdviceNamesTheFix) {
  const auto off = UseLocalAssets("false");
  const LocalArtworkAssessment ignored = AssessLocalArtwork(Section("movie", "tv.plex.agents.movie"), &off);
  EXPECT_EQ(ignored.agent_name, "Plex Movie");
  EXPECT_EQ(ignored.setting, "useLocalAssets");
  EXPECT_NE(ignored.advice.find("Use local assets"), std::string::npos);
  const LocalArtworkAssessment legacy = AssessLocalArtwork(Section("show", "com.plexapp.agents.thetvdb"), nullptr);
  EXPECT_EQ(legacy.agent_name, "TheTVDB");
  EXPECT_NE(legacy.advice.find("Local Media Assets"), std::string::npos);
  EXPECT_NE(legacy.advice.find("Plex TV Series"), std::string::npos);
  EXPECT_STREQ(LocalArtworkName(LocalArtwork::kIgnored), "ignored");
}

}  // namespace
}  // namespace plexdriver
