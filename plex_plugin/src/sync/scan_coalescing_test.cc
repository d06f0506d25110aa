// Stage 6: the open changes become the fewest scans that cover them.
#include "sync/scan_coalescing.h"

#include <gtest/gtest.h>

#include "sync/resolve_changes.h"
#include "sync/sync_test_support.h"

namespace plexdriver {
namespace {

SyncPlan Coalesce(StageHarness& h, std::vector<SyncChange> changes, const SyncContext& ctx, bool full = false) {
  SyncPlan start = h.Plan(std::move(changes));
  start.options.full_scan = full;
  Result<SyncPlan> resolved = ResolveChanges(std::move(start), ctx);
  EXPECT_TRUE(resolved.ok());
  return CoalesceScans(std::move(resolved).value(), ctx);
}

TEST(ScanCoalescingTest, AFolderAndAFileInItScanTheFolderOnce) {
  StageHarness h;
  SyncPlan plan = Coalesce(h, {Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded),
                               Change("/mnt/movies/Heat (1995)/poster.jpg", ChangeKind::kUpdated),
                               Change("/srv/unmapped", ChangeKind::kAdded)},
                           h.Context());
  ASSERT_EQ(plan.scans.size(), 1u);
  EXPECT_EQ(plan.scans[0].result.path, "/data/movies/Heat (1995)");
  EXPECT_EQ(plan.scans[0].result.section_title, "Movies");
  EXPECT_EQ(plan.scans[0].change_indices, (std::vector<size_t>{0, 1}));
  ASSERT_EQ(plan.changes[1].result.scanned.size(), 1u);
  EXPECT_TRUE(plan.changes[2].result.scanned.empty());  // settled: not planned
}

TEST(ScanCoalescingTest, TheFileSystemTellsAFolderWithADotFromAFile) {
  StageHarness h;
  h.files.knows_kinds = true;
  h.files.existing.insert("/mnt/movies/Mr. Robot.mkv");
  h.files.folders.insert("/mnt/movies/S.W.A.T.mkv");  // a folder, whatever its name says
  h.files.existing.insert("/mnt/movies/S.W.A.T.mkv");
  SyncPlan plan = Coalesce(h, {Change("/mnt/movies/Mr. Robot.mkv", ChangeKind::kAdded),
                               Change("/mnt/movies/S.W.A.T.mkv", ChangeKind::kAdded)},
                           h.Context());
  std::vector<std::string> paths;
  for (const PlannedScan& s : plan.scans) paths.push_back(s.result.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"/data/movies"}));  // the file's folder is the root: covers both
  SyncPlan folder_only = Coalesce(h, {Change("/mnt/movies/S.W.A.T.mkv", ChangeKind::kAdded)}, h.Context());
  ASSERT_EQ(folder_only.scans.size(), 1u);
  EXPECT_EQ(folder_only.scans[0].result.path, "/data/movies/S.W.A.T.mkv");
}

TEST(ScanCoalescingTest, FullScanAndTooManyFoldersScanTheLibrary) {
  StageHarness h;
  SyncPlan full = Coalesce(h, {Change("/mnt/movies/Heat (1995)", ChangeKind::kAdded)}, h.Context(), true);
  ASSERT_EQ(full.scans.size(), 1u);
  EXPECT_TRUE(full.scans[0].result.full_section);
  EXPECT_EQ(full.scans[0].result.path, "");
  SyncContext ctx = h.Context();
  ctx.tuning.max_folders_per_section = 2;
  std::vector<SyncChange> many;
  for (const char* name : {"A (2001)", "B (2002)", "C (2003)"}) {
    h.files.existing.insert(std::string("/mnt/movies/") + name);
    many.push_back(Change(std::string("/mnt/movies/") + name, ChangeKind::kAdded));
  }
  SyncPlan plan = Coalesce(h, many, ctx);
  ASSERT_EQ(plan.scans.size(), 1u);
  EXPECT_TRUE(plan.scans[0].result.full_section);
  EXPECT_EQ(plan.scans[0].change_indices.size(), 3u);
}

}  // namespace
}  // namespace plexdriver
