// Stage 2: artwork published into a library that ignores local assets says so.
#include "sync/artwork_advice.h"

#include <gtest/gtest.h>

#include "sync/resolve_changes.h"
#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

SyncPlan Advise(StageHarness& h, std::vector<SyncChange> changes, FakeLocalArtwork& artwork) {
  SyncContext ctx = h.Context();
  ctx.local_artwork = &artwork;
  Result<SyncPlan> resolved = ResolveChanges(h.Plan(std::move(changes)), ctx);
  EXPECT_TRUE(resolved.ok());
  return AdviseLocalArtwork(std::move(resolved).value(), ctx);
}

TEST(ArtworkAdviceTest, ImagesAndUpdatesInALibraryIgnoringLocalAssetsGetTheFixOnce) {
  StageHarness h;
  FakeLocalArtwork artwork;
  artwork.assessment = LocalArtworkAssessment{LocalArtwork::kIgnored, "Plex Movie", "useLocalAssets",
                                              "turn on \"Use local assets\" in library \"Movies\""};
  SyncPlan plan = Advise(h, {Change("/mnt/movies/Heat (1995)/poster.jpg", ChangeKind::kAdded),
                             Change("/mnt/movies/Heat (1995)", ChangeKind::kUpdated),
                             Change("/mnt/movies/Heat (1995)/Heat.mkv", ChangeKind::kAdded),
                             Change("/mnt/movies/Old (1990)/poster.jpg", ChangeKind::kRemoved)},
                         artwork);
  EXPECT_EQ(plan.changes[0].result.advice, std::vector<std::string>{artwork.assessment->advice});
  EXPECT_EQ(plan.changes[1].result.advice, std::vector<std::string>{artwork.assessment->advice});
  EXPECT_TRUE(plan.changes[2].result.advice.empty());  // a video added: no artwork published
  EXPECT_TRUE(plan.changes[3].result.advice.empty());  // removals publish nothing
}

TEST(ArtworkAdviceTest, ALibraryReadingLocalAssetsNeedsNoAdvice) {
  StageHarness h;
  FakeLocalArtwork artwork;
  artwork.assessment = LocalArtworkAssessment{LocalArtwork::kRead, "Plex Movie", "useLocalAssets", ""};
  SyncPlan plan = Advise(h, {Change("/mnt/movies/Heat (1995)/poster.jpg", ChangeKind::kUpdated)}, artwork);
  EXPECT_TRUE(plan.changes[0].result.advice.empty());
}

}  // namespace
}  // namespace plexdriver
