#include "planning/scan_planner.h"

#include <gtest/gtest.h>

namespace plexdriver {
namespace {

LibrarySection Section(std::string key, std::vector<std::string> locations) {
  LibrarySection s;
  s.key = std::move(key);
  s.title = "Section " + s.key;
  int64_t id = 1;
  for (std::string& l : locations) s.locations.push_back({id++, std::move(l)});
  return s;
}

PlannedChange Change(std::string path, std::vector<std::string> sections,
                     ChangeKind kind = ChangeKind::kUpdated,
                     PathKindHint hint = PathKindHint::kUnknown) {
  return PlannedChange{std::move(path), kind, std::move(sections), hint};
}

// "key:folder" or "key:*" (whole section) for each target, for compact expectations.
std::vector<std::string> Describe(const ScanPlan& plan) {
  std::vector<std::string> out;
  for (const ScanTarget& t : plan.targets) {
    out.push_back(t.section_key + ":" + (t.full_section ? "*" : t.server_folder));
  }
  return out;
}

const std::vector<LibrarySection> kSections = {
    Section("1", {"/data/movies"}),
    Section("2", {"/data/movies", "/data/uhd"}),
    Section("3", {"/data/tv"}),
};

TEST(ScanPlannerTest, FileNameHeuristic) {
  for (const char* f : {"Heat.mkv", "poster.jpg", "movie.nfo", "a.m2ts", "x.MP4"}) {
    EXPECT_TRUE(LooksLikeFileName(f)) << f;
  }
  for (const char* d : {"Heat (1995)", "S.W.A.T. (2017)", "Mr. Robot", "Season 1.5", ".hidden",
                        "trailing.", "Vol.123456", "Ocean's 11"}) {
    EXPECT_FALSE(LooksLikeFileName(d)) << d;
  }
}

TEST(ScanPlannerTest, ScanFolderPerChangeKind) {
  const std::string root = "/data/movies";
  struct Case {
    PlannedChange change;
    const char* folder;
  };
  const Case cases[] = {
      {Change("/data/movies/Heat (1995)", {"1"}, ChangeKind::kAdded), "/data/movies/Heat (1995)"},
      {Change("/data/movies/Heat (1995)/poster.jpg", {"1"}), "/data/movies/Heat (1995)"},
      {Change("/data/movies/Heat (1995)/poster", {"1"}, ChangeKind::kUpdated, PathKindHint::kFile),
       "/data/movies/Heat (1995)"},
      {Change("/data/movies/S.W.A.T. (2017)", {"1"}, ChangeKind::kUpdated, PathKindHint::kFolder),
       "/data/movies/S.W.A.T. (2017)"},
      {Change("/data/movies/Heat (1995)", {"1"}, ChangeKind::kRemoved), "/data/movies"},
      {Change("/data/movies/Heat (1995)/Heat.mkv", {"1"}, ChangeKind::kRemoved),
       "/data/movies/Heat (1995)"},
      {Change("/data/movies", {"1"}, ChangeKind::kRemoved), "/data/movies"},  // clamped to root
      {Change("/data/movies/", {"1"}, ChangeKind::kAdded), "/data/movies"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ScanFolderFor(c.change, root, PathStyle::kPosix), c.folder) << c.change.server_path;
  }
}

TEST(ScanPlannerTest, CoalescesUnderOneFolderAndCollapsesDuplicates) {
  const std::vector<PlannedChange> changes = {
      Change("/data/movies/Heat (1995)/poster.jpg", {"1"}),
      Change("/data/movies/Heat (1995)/fanart.jpg", {"1"}),
      Change("/data/movies/Heat (1995)/Heat.nfo", {"1"}),
      Change("/data/movies/Heat (1995)", {"1"}, ChangeKind::kAdded),
      Change("/data/movies/Heat (1995)/", {"1"}, ChangeKind::kAdded),
  };
  const ScanPlan plan = PlanScans(changes, kSections, PathStyle::kPosix, {});
  EXPECT_EQ(Describe(plan), std::vector<std::string>{"1:/data/movies/Heat (1995)"});
  EXPECT_EQ(plan.targets[0].change_indices, (std::vector<size_t>{0, 1, 2, 3, 4}));
}

TEST(ScanPlannerTest, NestedFoldersAreCoveredByTheirAncestor) {
  const std::vector<PlannedChange> changes = {
      Change("/data/tv/Show/Season 01/e1.mkv", {"3"}),
      Change("/data/tv/Show", {"3"}, ChangeKind::kAdded),
      Change("/data/tv/Show 2/Season 01/e1.mkv", {"3"}),  // "Show 2" is not inside "Show"
      Change("/data/tv/Show/Season 02", {"3"}, ChangeKind::kAdded),
  };
  const ScanPlan plan = PlanScans(changes, kSections, PathStyle::kPosix, {});
  EXPECT_EQ(Describe(plan), (std::vector<std::string>{"3:/data/tv/Show",
                                                      "3:/data/tv/Show 2/Season 01"}));
  EXPECT_EQ(plan.targets[0].change_indices, (std::vector<size_t>{0, 1, 3}));
  EXPECT_EQ(plan.targets[1].change_indices, (std::vector<size_t>{2}));
}

TEST(ScanPlannerTest, SharedFolderScansInEverySection) {
  const std::vector<PlannedChange> changes = {
      Change("/data/movies/Dune (2021)", {"1", "2"}, ChangeKind::kAdded),
      Change("/data/uhd/Dune (2021)", {"2"}, ChangeKind::kAdded),
  };
  const ScanPlan plan = PlanScans(changes, kSections, PathStyle::kPosix, {});
  EXPECT_EQ(Describe(plan), (std::vector<std::string>{"1:/data/movies/Dune (2021)",
                                                      "2:/data/movies/Dune (2021)",
                                                      "2:/data/uhd/Dune (2021)"}));
}

TEST(ScanPlannerTest, TooManyFoldersBecomeOneSectionScan) {
  std::vector<PlannedChange> changes;
  for (int i = 0; i < 4; ++i) {
    changes.push_back(Change("/data/movies/M" + std::to_string(i), {"1"}, ChangeKind::kAdded));
  }
  changes.push_back(Change("/data/tv/Show", {"3"}, ChangeKind::kAdded));
  PlannerOptions options;
  options.max_folders_per_section = 3;
  const ScanPlan plan = PlanScans(changes, kSections, PathStyle::kPosix, options);
  EXPECT_EQ(Describe(plan), (std::vector<std::string>{"1:*", "3:/data/tv/Show"}));
  EXPECT_EQ(plan.targets[0].change_indices, (std::vector<size_t>{0, 1, 2, 3}));
  options.max_folders_per_section = 4;  // at the threshold: still folder scans
  EXPECT_EQ(PlanScans(changes, kSections, PathStyle::kPosix, options).targets.size(), 5u);
}

TEST(ScanPlannerTest, FullScanWhenAsked) {
  const std::vector<PlannedChange> changes = {Change("/data/movies/A", {"1", "2"}),
                                              Change("/data/movies/B", {"1"})};
  PlannerOptions options;
  options.full_scan = true;
  const ScanPlan plan = PlanScans(changes, kSections, PathStyle::kPosix, options);
  EXPECT_EQ(Describe(plan), (std::vector<std::string>{"1:*", "2:*"}));
  EXPECT_EQ(plan.targets[0].change_indices, (std::vector<size_t>{0, 1}));
}

TEST(ScanPlannerTest, WindowsFoldersCollapseCaseInsensitively) {
  const std::vector<LibrarySection> sections = {Section("7", {"M:\\Media\\Movies"})};
  const std::vector<PlannedChange> changes = {
      Change("M:\\Media\\Movies\\Heat (1995)\\poster.jpg", {"7"}),
      Change("m:\\media\\movies\\heat (1995)\\fanart.jpg", {"7"}),
      Change("M:\\Media\\Movies\\Heat (1995)", {"7"}, ChangeKind::kRemoved),
  };
  const ScanPlan plan = PlanScans(changes, sections, PathStyle::kWindows, {});
  EXPECT_EQ(Describe(plan), std::vector<std::string>{"7:M:\\Media\\Movies"});
  EXPECT_EQ(plan.targets[0].change_indices, (std::vector<size_t>{0, 1, 2}));
}

TEST(ScanPlannerTest, EmptyAndUnknownSections) {
  EXPECT_TRUE(PlanScans({}, kSections, PathStyle::kPosix, {}).targets.empty());
  EXPECT_TRUE(PlanScans({Change("/data/x", {"99"})}, kSections, PathStyle::kPosix, {})
                  .targets.empty());
}

}  // namespace
}  // namespace plexdriver
