#include "driver/server_facts.h"

#include <fmt/format.h>

#include "planning/section_resolver.h"

namespace plexdriver {
namespace {

// How long a library's settings (local artwork) are trusted; a failed read is retried sooner.
constexpr auto kArtworkMaxAge = std::chrono::minutes(10);
constexpr auto kArtworkRetry = std::chrono::seconds(60);

}  // namespace

ServerFacts::ServerFacts(PmsClient* client, const DriverConfig* config, const HostBridge* bridge)
    : client_(client), config_(config), bridge_(bridge) {}

ConnectionReport ServerFacts::Check(void* op_ctx, bool read_library_settings) {
  ConnectionReport report = CheckConnection(*client_, *config_, Operation{bridge_, op_ctx}, read_library_settings);
  if (report.error.ok()) {
    ServerSnapshot snap;
    snap.identity = *report.identity;
    snap.info = *report.info;
    snap.sections = *report.sections;
    snap.partial_scan_supported = report.partial_scan_supported;
    snap.fetched_at = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    snapshot_ = std::move(snap);
  }
  if (read_library_settings) {
    const auto until = std::chrono::steady_clock::now() + kArtworkMaxAge;
    std::lock_guard<std::mutex> lock(artwork_mutex_);
    for (const auto& [key, a] : report.local_artwork) artwork_[key] = {a, until};
  }
  for (const std::string& w : report.warnings) bridge_->Log(PD_LOG_WARN, w);
  if (!report.error.ok()) bridge_->Log(PD_LOG_ERROR, report.error.message());
  return report;
}

std::optional<ServerSnapshot> ServerFacts::Snapshot() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return snapshot_;
}

Result<std::vector<LibrarySection>> ServerFacts::Sections(bool force) {
  std::optional<ServerSnapshot> snap = Snapshot();
  if (!snap) {
    ConnectionReport report = Check(nullptr, /*read_library_settings=*/false);
    if (!report.error.ok()) return report.error;
    return *report.sections;
  }
  if (!force && std::chrono::steady_clock::now() - snap->fetched_at < kSectionsMaxAge) return snap->sections;
  Result<std::vector<LibrarySection>> sections = client_->Sections();
  if (!sections.ok()) return sections.status();
  std::lock_guard<std::mutex> lock(mutex_);
  if (snapshot_) {
    snapshot_->sections = *sections;
    snapshot_->fetched_at = std::chrono::steady_clock::now();
  }
  return sections;
}

std::optional<LocalArtworkAssessment> ServerFacts::LocalArtwork(const LibrarySection& section) {
  if (!LocalArtworkApplies(section)) return AssessLocalArtwork(section, nullptr);  // no request
  const auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(artwork_mutex_);
    auto it = artwork_.find(section.key);
    if (it != artwork_.end() && now < it->second.until) return it->second.assessment;
  }
  Result<std::vector<SectionSetting>> settings = client_->SectionSettings(section.key);
  if (!settings.ok()) {
    bridge_->Log(PD_LOG_DEBUG, fmt::format("could not read the settings of library \"{}\": {}", section.title,
                                           settings.status().message()));
  }
  LocalArtworkAssessment a = AssessLocalArtwork(section, settings.ok() ? &*settings : nullptr);
  std::lock_guard<std::mutex> lock(artwork_mutex_);
  artwork_[section.key] = {a, now + (settings.ok() ? kArtworkMaxAge : kArtworkRetry)};
  return a;
}

Result<PathMapper> ServerFacts::Mapper(const ServerSnapshot& snapshot) const {
  std::vector<PathMappingRule> rules;
  for (const PathMappingConfig& m : config_->path_mappings) rules.push_back({m.metarr_path, m.player_path});
  return PathMapper::Create(rules, DetectServerPathStyle(snapshot.info.platform, snapshot.sections));
}

}  // namespace plexdriver
