#include "plex/sessions.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

// The shape of shared/reference/plex-api.md §7, with an episode added.
constexpr const char* kJson = R"({"MediaContainer":{"size":2,"Metadata":[
 {"type":"movie","title":"The Matrix","sessionKey":"203","ratingKey":"67085","key":"/library/metadata/67085",
  "librarySectionID":"1","viewOffset":1000,"duration":8160000,
  "Media":[{"Part":[{"file":"/data/movies/The Matrix (1999)/The Matrix (1999).mkv"}]}],
  "User":{"id":"1","title":"someone"},
  "Player":{"address":"10.0.0.5","machineIdentifier":"3tsdzir85m2onc3qyr255aq1","product":"Plex for Windows",
   "state":"playing","title":"DESKTOP","local":true},
  "Session":{"id":"93h7e00ncblxncqw9lkfaoxi","bandwidth":1050,"location":"lan"}},
 {"type":"episode","title":"Pilot","grandparentTitle":"Lost","parentIndex":1,"index":1,"sessionKey":"204",
  "ratingKey":"900","parentRatingKey":"890","grandparentRatingKey":"880","librarySectionID":"2",
  "viewOffset":5,"User":{"title":"kid"},"Player":{"machineIdentifier":"tv-1","title":"TV","state":"paused"}}]}})";

TEST(SessionsTest, ReadsTheReferenceJson) {
  Result<std::vector<PlaybackSession>> r = ParseSessions(kJson);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  const PlaybackSession& m = (*r)[0];
  EXPECT_EQ(m.session_key, "203");
  EXPECT_EQ(m.rating_key, "67085");
  EXPECT_EQ(m.section_id, "1");
  EXPECT_EQ(m.user, "someone");
  EXPECT_EQ(m.player, "DESKTOP");
  EXPECT_EQ(m.player_id, "3tsdzir85m2onc3qyr255aq1");
  EXPECT_EQ(m.state, "playing");
  EXPECT_EQ(m.view_offset_ms, 1000);
  ASSERT_EQ(m.files.size(), 1u);
  EXPECT_EQ(m.files[0], "/data/movies/The Matrix (1999)/The Matrix (1999).mkv");
  const PlaybackSession& e = (*r)[1];
  EXPECT_EQ(e.title, "Lost - S01E01 - Pilot");
  EXPECT_EQ(e.grandparent_rating_key, "880");
  EXPECT_EQ(e.parent_rating_key, "890");
  EXPECT_EQ(e.state, "paused");
}

TEST(SessionsTest, ReadsXmlWithElementNamesPerKind) {
  const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<MediaContainer size="1"><Video type="movie" title="Heat" sessionKey="9" ratingKey="101" librarySectionID="1" viewOffset="42">
<Media><Part file="M:\Movies\Heat (1995)\Heat.mkv"/></Media><User id="1" title="alice"/>
<Player machineIdentifier="p1" title="Living Room" state="buffering"/></Video></MediaContainer>)";
  Result<std::vector<PlaybackSession>> r = ParseSessions(xml);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].user, "alice");
  EXPECT_EQ((*r)[0].state, "buffering");
  EXPECT_EQ((*r)[0].files[0], "M:\\Movies\\Heat (1995)\\Heat.mkv");
}

TEST(SessionsTest, IdleServerIsAnEmptyList) {
  Result<std::vector<PlaybackSession>> r = ParseSessions(R"({"MediaContainer":{"size":0}})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST(SessionsTest, HtmlIsAProtocolError) {
  Result<std::vector<PlaybackSession>> r = ParseSessions("<html><body>401 Unauthorized</body></html>");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), PD_ERR_PROTOCOL);
}

}  // namespace
}  // namespace plexdriver
