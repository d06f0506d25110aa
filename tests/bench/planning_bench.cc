// Planning throughput (issue: "Planning 10,000 changes across 1,000 folders in 3 sections takes
// <= 50 ms and issues one scan per folder or one per section past the threshold"). Measures the
// pure part of a sync: map every path, resolve its sections, coalesce into scans.
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "bench_util.h"
#include "planning/path_mapping.h"
#include "planning/scan_planner.h"
#include "planning/section_resolver.h"

using namespace plexdriver;

namespace {

std::vector<LibrarySection> Sections() {
  std::vector<LibrarySection> s(3);
  const char* names[] = {"Movies", "TV Shows", "Movies 4K"};
  const char* paths[] = {"/data/movies", "/data/tv", "/data/uhd"};
  for (int i = 0; i < 3; ++i) {
    s[i].key = std::to_string(i + 1);
    s[i].title = names[i];
    s[i].locations.push_back({i + 1, paths[i]});
  }
  return s;
}

// 10,000 changes: 10 files in each of 1,000 folders spread over the three sections.
std::vector<std::string> ManagerPaths() {
  const char* roots[] = {"/mnt/media/movies", "/mnt/media/tv", "/mnt/media/uhd"};
  std::vector<std::string> paths;
  for (int folder = 0; folder < 1000; ++folder) {
    const std::string dir = fmt::format("{}/Title {} ({})", roots[folder % 3], folder, 1950 + folder % 70);
    for (int f = 0; f < 10; ++f) paths.push_back(fmt::format("{}/file-{}.jpg", dir, f));
  }
  return paths;
}

struct Outcome {
  size_t targets = 0;
  size_t full_sections = 0;
};

Outcome PlanAll(const PathMapper& mapper, const std::vector<LibrarySection>& sections,
                const std::vector<std::string>& paths, size_t threshold) {
  const SectionResolver resolver(sections, PathStyle::kPosix);
  std::vector<PlannedChange> planned;
  planned.reserve(paths.size());
  for (const std::string& p : paths) {
    Result<MappedPath> mapped = mapper.ToServer(p);
    Result<std::vector<SectionMatch>> matches = resolver.Resolve(mapped->server_path, p);
    PlannedChange c;
    c.server_path = mapped->server_path;
    c.kind = ChangeKind::kUpdated;
    for (const SectionMatch& m : *matches) c.section_keys.push_back(m.section_key);
    planned.push_back(std::move(c));
  }
  PlannerOptions options;
  options.max_folders_per_section = threshold;
  const ScanPlan plan = PlanScans(planned, sections, PathStyle::kPosix, options);
  Outcome o;
  o.targets = plan.targets.size();
  for (const ScanTarget& t : plan.targets) o.full_sections += t.full_section ? 1 : 0;
  return o;
}

}  // namespace

int main() {
  const std::vector<LibrarySection> sections = Sections();
  const std::vector<std::string> paths = ManagerPaths();
  Result<PathMapper> mapper = PathMapper::Create(
      {{"/mnt/media/movies", "/data/movies"}, {"/mnt/media/tv", "/data/tv"},
       {"/mnt/media/uhd", "/data/uhd"}},
      PathStyle::kPosix);
  if (!mapper.ok()) return 2;
  bool ok = true;
  for (size_t threshold : {size_t{1000}, size_t{20}}) {
    std::vector<double> ms;
    Outcome outcome;
    for (int run = 0; run < 21; ++run) {
      const auto start = std::chrono::steady_clock::now();
      outcome = PlanAll(*mapper, sections, paths, threshold);
      ms.push_back(bench::MillisSince(start));
    }
    ok &= bench::Report(fmt::format("plan 10,000 changes / 1,000 folders / 3 sections (threshold {})",
                                    threshold),
                        bench::Summarize(ms), 50.0, "ms");
    // One scan per folder below the threshold, one per section above it.
    const size_t want_targets = threshold >= 1000 ? 1000 : 3;
    const size_t want_full = threshold >= 1000 ? 0 : 3;
    std::printf("  -> %zu scans (%zu whole-section); expected %zu (%zu)\n", outcome.targets,
                outcome.full_sections, want_targets, want_full);
    ok &= outcome.targets == want_targets && outcome.full_sections == want_full;
  }
  return ok ? 0 : 1;
}
