// Stage 1 on the simulated server: mapping, resolution into every library holding a path, the
// one re-read of stale sections, and failures that name what was tried.
#include "sync/resolve_changes.h"

#include <gtest/gtest.h>

#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

TEST(ResolveChangesTest, MapsAndResolvesIntoEveryLibraryHoldingThePath) {
  StageHarness h;
  h.server.extra_section_json = {
      R"({"key":"2","type":"movie","title":"Movies 4K","Location":[{"id":2,"path":"/data/movies"}]})"};
  Result<SyncPlan> plan = ResolveChanges(h.Plan({Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded)}), h.Context());
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  const ChangeState& c = plan->changes[0];
  EXPECT_FALSE(c.settled);
  EXPECT_EQ(c.result.server_path, "/data/movies/Heat (1995)");
  EXPECT_EQ(c.section_keys, (std::vector<std::string>{"1", "2"}));
  ASSERT_EQ(c.result.sections.size(), 2u);
  EXPECT_EQ(c.result.sections[1].title, "Movies 4K");
  EXPECT_EQ(plan->server.style, PathStyle::kPosix);
}

TEST(ResolveChangesTest, UnmappedAndUnresolvedPathsFailNamingWhatWasTried) {
  StageHarness h;
  Result<SyncPlan> plan = ResolveChanges(
      h.Plan({Change("/srv/other/X", ChangeKind::kAdded), Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded)}),
      h.Context());
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->changes[0].settled);
  EXPECT_EQ(plan->changes[0].result.status, ChangeStatus::kFailed);
  EXPECT_NE(plan->changes[0].result.message.find("/srv/other/X"), std::string::npos);
  EXPECT_FALSE(plan->changes[1].settled);
}

TEST(ResolveChangesTest, StaleSectionsAreReReadOnceForAllChanges) {
  StageHarness h;
  h.sections.answer = [&](bool force) -> Result<std::vector<LibrarySection>> {
    if (!force) return std::vector<LibrarySection>{};  // the cache predates "Movies"
    return h.client.Sections();
  };
  Result<SyncPlan> plan = ResolveChanges(h.Plan({Change("/mnt/movies/A (2001)", ChangeKind::kAdded),
                                                 Change("/mnt/movies/B (2002)", ChangeKind::kAdded)}),
                                         h.Context());
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->changes[0].section_keys, std::vector<std::string>{"1"});
  EXPECT_EQ(plan->changes[1].section_keys, std::vector<std::string>{"1"});
  EXPECT_TRUE(plan->server.fresh);
  EXPECT_EQ(h.sections.reads, 2);  // the cached read and one forced read, not one per change
  EXPECT_EQ(h.server.CountStartingWith("GET /library/sections"), 1);
}

TEST(ResolveChangesTest, UnreadableSectionsStopTheSync) {
  StageHarness h;
  h.sections.answer = [](bool) -> Result<std::vector<LibrarySection>> {
    return Status(PD_ERR_UNREACHABLE, "connection refused");
  };
  Result<SyncPlan> plan = ResolveChanges(h.Plan({Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded)}), h.Context());
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), PD_ERR_UNREACHABLE);
}

TEST(ResolveChangesTest, ArtworkPlexWillNotReadGetsAdvice) {
  StageHarness h;
  Result<SyncPlan> plan =
      ResolveChanges(h.Plan({Change("/mnt/movies/Heat (1995)/clearart.png", ChangeKind::kUpdated)}), h.Context());
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->changes[0].result.advice.size(), 1u);
  EXPECT_NE(plan->changes[0].result.advice[0].find("clearart.png"), std::string::npos);
}

}  // namespace
}  // namespace plexdriver
