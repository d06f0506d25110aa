// The push path on the simulated server: an updated poster is uploaded, selected and locked, and
// completed only once the server serves its bytes; equal bytes are not uploaded again; a bad file
// fails its own change, naming the file, and leaves the others alone.
#include "sync/artwork_push.h"

#include <gtest/gtest.h>

#include "core/digest.h"
#include "sync/sync_engine.h"
#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

const std::string kAgentPoster = "\xFF\xD8\xFF\xE0 agent poster \xFF\xD9";
const std::string kNewPoster = "\xFF\xD8\xFF\xE0 the manager's poster \xFF\xD9";

struct PushHarness : StageHarness {
  ItemCatalog catalog;
  PushHarness() {
    SimItem heat{"100", "Heat", "/data/movies/Heat (1995)/Heat.mkv", 1700000000, "/library/metadata/100/thumb/1"};
    heat.images["thumb"] = kAgentPoster;
    heat.candidates["thumb"]["metadata://posters/agent"] = kAgentPoster;
    server.items["100"] = heat;
    SimItem ronin{"101", "Ronin", "/data/movies/Ronin (1998)/Ronin.mkv", 1700000000, "/library/metadata/101/thumb/1"};
    ronin.images["thumb"] = kAgentPoster;
    server.items["101"] = ronin;
    files.contents["/mnt/movies/Heat (1995)/poster.jpg"] = kNewPoster;
  }
  SyncResult Run(std::vector<SyncChange> changes, ArtworkMode mode = ArtworkMode::kPush, double timeout = 5) {
    SyncRequest request;
    request.changes = std::move(changes);
    request.options.timeout_seconds = timeout;
    SyncContext ctx = Context();
    ctx.catalog = &catalog;
    ctx.artwork_mode = mode;
    Result<SyncResult> r = RunSync(request, ctx);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::move(r).value() : SyncResult{};
  }
};

SyncChange Poster(const std::string& path) { return Change(path, ChangeKind::kUpdated); }

TEST(ArtworkPushTest, ANewPosterIsUploadedSelectedLockedAndServed) {
  PushHarness h;
  SyncResult r = h.Run({Poster("/mnt/movies/Heat (1995)/poster.jpg")});
  ASSERT_EQ(r.changes.size(), 1u);
  const ChangeResult& c = r.changes[0];
  EXPECT_EQ(c.status, ChangeStatus::kCompleted) << c.message;
  ASSERT_EQ(c.artwork.size(), 1u);
  EXPECT_EQ(c.artwork[0].action, "uploaded");
  EXPECT_EQ(c.artwork[0].element, "thumb");
  EXPECT_EQ(c.artwork[0].sha256, Sha256Hex(kNewPoster));
  EXPECT_NE(c.artwork[0].url_after, c.artwork[0].url_before);
  // What the server holds, not what the driver says.
  const SimItem& heat = h.server.items.at("100");
  EXPECT_EQ(heat.images.at("thumb"), kNewPoster);
  EXPECT_TRUE(heat.locked.count("thumb"));
  EXPECT_EQ(h.server.CountStartingWith("POST /library/metadata/100/posters"), 1);
  EXPECT_EQ(h.server.CountStartingWith("PUT /library/metadata/100/poster?url="), 1);
  EXPECT_EQ(h.server.CountStartingWith("PUT /library/metadata/100/refresh"), 0);  // pushed, not refreshed
  EXPECT_EQ(h.server.CountStartingWith("GET /library/sections/1/refresh"), 0);    // nor scanned
}

TEST(ArtworkPushTest, BytesPlexAlreadyServesAreNotUploadedAgain) {
  PushHarness h;
  h.Run({Poster("/mnt/movies/Heat (1995)/poster.jpg")});
  SyncResult again = h.Run({Poster("/mnt/movies/Heat (1995)/poster.jpg")});
  EXPECT_EQ(again.changes[0].status, ChangeStatus::kCompleted);
  EXPECT_EQ(again.changes[0].artwork[0].action, "unchanged");
  EXPECT_EQ(h.server.CountStartingWith("POST "), 1);  // the first sync's upload only
}

TEST(ArtworkPushTest, AutoRefreshesWhereTheAgentReadsLocalArtworkAndPushesElsewhere) {
  for (LocalArtwork state : {LocalArtwork::kRead, LocalArtwork::kIgnored}) {
    PushHarness h;
    FakeLocalArtwork artwork;
    artwork.assessment = LocalArtworkAssessment{state, "Plex Movie", "useLocalAssets", ""};
    SyncRequest request;
    request.changes = {Poster("/mnt/movies/Heat (1995)/poster.jpg")};
    request.options.timeout_seconds = 0.3;
    SyncContext ctx = h.Context();
    ctx.catalog = &h.catalog;
    ctx.local_artwork = &artwork;
    Result<SyncResult> r = RunSync(request, ctx);
    ASSERT_TRUE(r.ok());
    const bool read = state == LocalArtwork::kRead;
    EXPECT_EQ(h.server.CountStartingWith("PUT /library/metadata/100/refresh"), read ? 1 : 0);
    EXPECT_EQ(h.server.CountStartingWith("POST /library/metadata/100/posters"), read ? 0 : 1);
  }
}

TEST(ArtworkPushTest, BadFilesFailTheirOwnChangeNamingTheFile) {
  PushHarness h;
  h.files.contents["/mnt/movies/Heat (1995)/fanart.jpg"] = "\xFF\xD8\xFF\xE0 cut short";
  h.files.contents["/mnt/movies/Ronin (1998)/poster.jpg"] = "";
  h.files.contents["/mnt/movies/Ronin (1998)/fanart.jpg"] = std::string("\x89PNG\r\n\x1a\n", 8) + "xxxx" +
                                                             std::string("\0\0\0\0IEND\xAE\x42\x60\x82", 12);
  h.files.existing.insert("/mnt/movies/Ronin (1998)/banner.jpg");  // exists, unreadable here
  SyncResult r = h.Run({Poster("/mnt/movies/Heat (1995)/fanart.jpg"), Poster("/mnt/movies/Ronin (1998)/poster.jpg"),
                        Poster("/mnt/movies/Ronin (1998)/fanart.jpg"), Poster("/mnt/movies/Heat (1995)/poster.jpg")});
  const char* expected[] = {"is a JPEG cut short", "is empty (0 bytes)", "is a PNG image named .jpg"};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(r.changes[i].status, ChangeStatus::kFailed);
    EXPECT_NE(r.changes[i].message.find("\"" + r.changes[i].path + "\""), std::string::npos) << r.changes[i].message;
    EXPECT_NE(r.changes[i].message.find(expected[i]), std::string::npos) << r.changes[i].message;
  }
  EXPECT_EQ(r.changes[3].status, ChangeStatus::kCompleted) << r.changes[3].message;  // unaffected
  EXPECT_EQ(h.server.CountStartingWith("POST "), 1);
  EXPECT_EQ(h.server.items.at("101").images.at("thumb"), kAgentPoster);
}

TEST(ArtworkPushTest, ServedBytesThatAreNotTheFilesAreAFailure) {
  PushHarness h;
  h.server.serve_other_bytes = true;
  SyncResult r = h.Run({Poster("/mnt/movies/Heat (1995)/poster.jpg")});
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kFailed);
  EXPECT_NE(r.changes[0].message.find("Plex shows other bytes"), std::string::npos) << r.changes[0].message;
}

TEST(ArtworkPushTest, AnUploadPlexNeverShowsTimesOut) {
  PushHarness h;
  h.server.select_sticks = false;
  SyncResult r = h.Run({Poster("/mnt/movies/Heat (1995)/poster.jpg")}, ArtworkMode::kPush, /*timeout=*/0.3);
  EXPECT_EQ(r.changes[0].status, ChangeStatus::kTimedOut);
  EXPECT_EQ(r.changes[0].artwork[0].action, "timed_out");
  EXPECT_NE(r.changes[0].message.find("did not show the uploaded poster of item 100"), std::string::npos);
}

TEST(ArtworkPushTest, RefreshModeNeverUploads) {
  PushHarness h;
  h.Run({Poster("/mnt/movies/Heat (1995)/poster.jpg")}, ArtworkMode::kRefresh, /*timeout=*/0.2);
  EXPECT_EQ(h.server.CountStartingWith("POST "), 0);
  EXPECT_EQ(h.server.CountStartingWith("PUT /library/metadata/100/refresh"), 1);
}

}  // namespace
}  // namespace plexdriver
