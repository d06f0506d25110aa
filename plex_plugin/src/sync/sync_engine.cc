#include "sync/sync_engine.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <thread>

#include <fmt/format.h>

#include "net/request_deadline.h"
#include "planning/artwork_names.h"
#include "planning/path_style.h"
#include "planning/scan_planner.h"
#include "planning/section_resolver.h"
#include "planning/url_encoding.h"
#include "plex/notifications.h"
#include "plex/pms_parser.h"
#include "plex/server_clock.h"
#include "playback/skip_policy.h"
#include "sync/scan_watch.h"

namespace plexdriver {
namespace {

using Clock = std::chrono::steady_clock;

int64_t MillisBetween(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count();
}

// The manager-side parent folder of a path (POSIX or Windows separators).
std::string ManagerParent(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && (p.back() == '/' || p.back() == '\\')) p.pop_back();
  const size_t cut = p.find_last_of("/\\");
  if (cut == std::string::npos) return p;
  if (cut == 0) return p.substr(0, 1);
  return p.substr(0, cut);
}

// The last component of a manager-side path (POSIX or Windows separators).
std::string ManagerFileName(const std::string& path) {
  const size_t cut = path.find_last_of("/\\");
  return cut == std::string::npos ? path : path.substr(cut + 1);
}

// Sends one scan request (a GET refresh: safe to repeat), retrying transient failures.
Result<HttpResponse> RequestScan(PmsClient& client, const std::string& target, const SyncTuning& tuning,
                                 const Operation& op) {
  RetryPolicy policy;
  policy.attempts = tuning.scan_request_attempts;
  policy.backoff = tuning.retry_backoff;
  policy.stop = [&op] { return op.Cancelled(); };
  Result<HttpResponse> sent = client.GetRetrying(target, policy);
  const Status& last = sent.status();
  if (last.code() == PD_ERR_NOT_FOUND) {
    return Status(PD_ERR_NOT_FOUND,
                  last.message() + ". Plex refused the scan request; on PMS 1.32.7 only GET works "
                                   "for refresh, and the section may have been deleted",
                  last.detail());
  }
  return sent;
}

// A check after the scans that could not be made: timed out when the sync's time ran out (the
// transport ends every request by the sync's deadline), failed otherwise.
ChangeStatus StatusOfFailedCheck(const Status& s) {
  return s.code() == PD_ERR_TIMEOUT ? ChangeStatus::kTimedOut : ChangeStatus::kFailed;
}

// Everything the engine tracks about one requested scan.
struct ScanTracking {
  ScanResult result;
  std::vector<size_t> change_indices;
  bool requested = false;
  Clock::time_point started;
};

class Sync {
 public:
  Sync(const SyncRequest& request, SyncEnvironment& env)
      : request_(request), env_(env), start_(Clock::now()),
        deadline_(start_ + std::chrono::milliseconds(
                               static_cast<int64_t>(request.options.timeout_seconds * 1000))),
        requests_before_(env.client->transport().RequestCount()) {}

  Result<SyncResult> Run();

 private:
  Status LoadSections(bool force);
  void MapAndResolve();
  void ApplySafetyGate();
  void Plan();
  void LookUpItems();
  void LoadPlayback();
  void ApplyPlaybackGate();
  void ApplyScanGate();
  void Defer(size_t i, const PlaybackSession& session);
  void AdviseLocalArtwork();
  void RefreshItems();
  void VerifyItems();
  void EmptyTrash();
  const LibrarySection* SectionByKey(const std::string& key) const;
  bool IsLocationRoot(const std::string& section_key, const std::string& server_path) const;
  void Scan();
  void TakeScannedAtBaseline();
  std::string RefreshTarget(const ScanTracking& scan) const;
  void Wait();
  void WaitWithWebsocket();
  void WaitByPolling();
  // One look at /activities and the sections for every watch; the running activities, or
  // nullopt when the server could not be read (an observation gap).
  std::optional<std::vector<Activity>> Poll();
  void OnGap();
  void RequestLostScansAgain(const std::vector<Activity>& running);
  void ReportProgress();
  void Finish();
  // Sleeps until `wake` in short steps; false (early) once the host cancels the operation.
  bool SleepUntil(Clock::time_point wake) const;

  void FailChange(size_t i, std::string message) {
    result_.changes[i].status = ChangeStatus::kFailed;
    result_.changes[i].message = std::move(message);
  }

  const SyncRequest& request_;
  SyncEnvironment& env_;
  const Clock::time_point start_;
  const Clock::time_point deadline_;
  const uint64_t requests_before_;

  SyncResult result_;
  std::vector<LibrarySection> sections_;
  bool sections_fresh_ = false;
  PathStyle style_ = PathStyle::kPosix;
  std::vector<bool> failed_;
  std::vector<std::vector<std::string>> change_sections_;  // section keys per change
  std::vector<ScanTracking> scans_;
  std::map<std::string, SectionScanWatch> watches_;  // by section key
  std::shared_ptr<NotificationQueue> queue_;
  std::vector<std::optional<LibraryItem>> before_;  // the item at each path before the sync
  std::vector<std::string> item_section_;           // the section that item is in
  std::vector<bool> refresh_only_;                  // updated items refreshed, not scanned
  SkipActive skip_active_ = SkipActive::kNever;  // effective policy
  std::vector<PlaybackSession> active_;          // who watches (when the policy needs it)
  std::set<std::string> running_before_;
  std::map<std::string, int64_t> scanned_at_before_;  // polling baseline, per section
  std::set<std::string> requested_again_;             // sections whose lost scans were re-requested
  bool cancelled_ = false;
};

Status Sync::LoadSections(bool force) {
  Result<std::vector<LibrarySection>> sections = env_.sections(force);
  if (!sections.ok()) return sections.status();
  sections_ = std::move(sections).value();
  sections_fresh_ = sections_fresh_ || force;
  std::vector<std::string> locations;
  for (const LibrarySection& s : sections_) {
    for (const SectionLocation& l : s.locations) locations.push_back(l.path);
  }
  style_ = DetectPathStyle(env_.server_platform, locations);
  return Status::Ok();
}

void Sync::MapAndResolve() {
  const size_t n = request_.changes.size();
  result_.changes.resize(n);
  failed_.assign(n, false);
  change_sections_.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const SyncChange& change = request_.changes[i];
    ChangeResult& cr = result_.changes[i];
    cr.path = change.path;
    cr.kind = change.kind;
    if (auto advice = ArtworkNameAdvice(ManagerFileName(change.path))) {
      cr.advice.push_back(std::move(*advice));
    }
    Result<MappedPath> mapped = env_.mapper->ToServer(change.path);
    if (!mapped.ok()) {
      FailChange(i, mapped.status().message());
      failed_[i] = true;
      continue;
    }
    cr.server_path = mapped->server_path;
    SectionResolver resolver(sections_, style_);
    Result<std::vector<SectionMatch>> matches = resolver.Resolve(cr.server_path, change.path);
    if (!matches.ok() && !sections_fresh_) {
      // A library added or changed in Plex since the cache was filled: re-read once.
      if (LoadSections(/*force=*/true).ok()) {
        matches = SectionResolver(sections_, style_).Resolve(cr.server_path, change.path);
      }
    }
    if (!matches.ok()) {
      FailChange(i, matches.status().message());
      failed_[i] = true;
      continue;
    }
    for (const SectionMatch& m : *matches) {
      cr.sections.push_back({m.section_key, m.section_title});
      change_sections_[i].push_back(m.section_key);
    }
  }
}

// Artwork only shows if the library reads local assets at all: a change that publishes artwork
// (an image file, or an updated item) into a library that ignores it says so, naming the fix.
void Sync::AdviseLocalArtwork() {
  if (!env_.local_artwork) return;
  for (size_t i = 0; i < result_.changes.size(); ++i) {
    ChangeResult& cr = result_.changes[i];
    if (failed_[i] || cr.kind == ChangeKind::kRemoved) continue;
    const bool image = IsArtworkImage(ManagerFileName(cr.path));
    if (!image && cr.kind != ChangeKind::kUpdated) continue;
    for (const std::string& key : change_sections_[i]) {
      const LibrarySection* section = SectionByKey(key);
      if (!section) continue;
      std::optional<LocalArtworkAssessment> a = env_.local_artwork(*section);
      if (!a || a->advice.empty() || a->state == LocalArtwork::kNotApplicable) continue;
      if (std::find(cr.advice.begin(), cr.advice.end(), a->advice) == cr.advice.end()) cr.advice.push_back(a->advice);
    }
  }
}

void Sync::ApplySafetyGate() {
  for (const std::string& anchor : env_.anchor_files) {
    if (!env_.path_exists(anchor)) {
      for (size_t i = 0; i < result_.changes.size(); ++i) {
        if (failed_[i] || result_.changes[i].kind == ChangeKind::kRemoved) continue;
        FailChange(i, fmt::format("anchor file \"{}\" is missing, so the media storage looks "
                                  "offline; nothing was scanned (a scan now would make Plex mark "
                                  "items as unavailable)", anchor));
        failed_[i] = true;
      }
      return;
    }
  }
  for (size_t i = 0; i < result_.changes.size(); ++i) {
    if (failed_[i]) continue;
    const SyncChange& change = request_.changes[i];
    if (change.kind == ChangeKind::kRemoved) {
      const std::string parent = ManagerParent(change.path);
      if (!env_.path_exists(parent)) {
        FailChange(i, fmt::format("the parent folder \"{}\" of the removed path does not exist "
                                  "here either: the storage looks offline, so nothing was scanned",
                                  parent));
        failed_[i] = true;
      }
    } else if (!env_.path_exists(change.path)) {
      FailChange(i, fmt::format("\"{}\" does not exist on the media manager's side; if its "
                                "storage is offline, a scan would make Plex mark items as missing, "
                                "so nothing was scanned", change.path));
      failed_[i] = true;
    }
  }
}

void Sync::Plan() {
  std::vector<PlannedChange> planned;
  std::vector<size_t> index_of;
  for (size_t i = 0; i < result_.changes.size(); ++i) {
    if (failed_[i] || refresh_only_[i]) continue;
    PlannedChange p;
    p.server_path = result_.changes[i].server_path;
    p.kind = request_.changes[i].kind;
    p.section_keys = change_sections_[i];
    if (p.kind != ChangeKind::kRemoved && env_.is_directory) {
      p.path_kind = env_.is_directory(request_.changes[i].path) ? PathKindHint::kFolder
                                                                : PathKindHint::kFile;
    }
    planned.push_back(std::move(p));
    index_of.push_back(i);
  }
  PlannerOptions options;
  options.max_folders_per_section = env_.tuning.max_folders_per_section;
  options.full_scan = request_.options.full_scan;
  ScanPlan plan = PlanScans(planned, sections_, style_, options);
  for (const ScanTarget& t : plan.targets) {
    ScanTracking s;
    s.result.section_key = t.section_key;
    for (const LibrarySection& sec : sections_) {
      if (sec.key == t.section_key) s.result.section_title = sec.title;
    }
    s.result.path = t.full_section ? std::string() : t.server_folder;
    s.result.full_section = t.full_section;
    for (size_t k : t.change_indices) {
      const size_t i = index_of[k];
      s.change_indices.push_back(i);
      result_.changes[i].scanned.push_back({s.result.section_key, s.result.path});
    }
    scans_.push_back(std::move(s));
  }
}

// Polling cannot always catch a short scan's activity, so it also accepts the section's
// scannedAt moving past its value before the request. scannedAt counts whole seconds: a scan
// requested in the same server second as the previous one could end without moving it. So when
// the previous scan ended in the current server second (by the response's Date header), the
// requests wait for the next second; then "scannedAt moved" is proof again.
void Sync::TakeScannedAtBaseline() {
  Result<HttpResponse> listing = env_.client->Get("/library/sections");
  if (!listing.ok()) return;
  const Clock::time_point received = Clock::now();
  Result<std::vector<LibrarySection>> sections = ParseSections(listing->body);
  if (!sections.ok()) return;
  sections_ = std::move(sections).value();
  int64_t latest = 0;
  for (const LibrarySection& s : sections_) {
    scanned_at_before_[s.key] = s.scanned_at;
    for (const ScanTracking& scan : scans_) {
      if (scan.result.section_key == s.key) latest = std::max(latest, s.scanned_at);
    }
  }
  const int64_t server_now = ServerTimeOf(*listing);
  if (latest < server_now) return;
  SleepUntil(received + std::chrono::milliseconds(1000 * (latest - server_now + 1) + 20));
}

bool Sync::SleepUntil(Clock::time_point wake) const {
  for (;;) {
    if (env_.op.Cancelled()) return false;
    const Clock::time_point now = Clock::now();
    if (now >= wake) return true;
    std::this_thread::sleep_for(std::min<Clock::duration>(std::chrono::milliseconds(10), wake - now));
  }
}

const LibrarySection* Sync::SectionByKey(const std::string& key) const {
  for (const LibrarySection& s : sections_) {
    if (s.key == key) return &s;
  }
  return nullptr;
}

bool Sync::IsLocationRoot(const std::string& section_key, const std::string& server_path) const {
  const LibrarySection* section = SectionByKey(section_key);
  if (!section) return false;
  for (const SectionLocation& l : section->locations) {
    if (PathIsWithin(l.path, server_path, style_)) return true;  // the root itself, or above it
  }
  return false;
}

// Before scanning: which item each updated/removed path is (to refresh it instead of scanning,
// and to verify a removal afterwards). Added paths need no lookup before the scan.
void Sync::LookUpItems() {
  const size_t n = result_.changes.size();
  before_.assign(n, std::nullopt);
  item_section_.assign(n, std::string());
  refresh_only_.assign(n, false);
  std::set<std::string> listed;
  for (size_t i = 0; i < n; ++i) {
    if (failed_[i] || request_.changes[i].kind == ChangeKind::kAdded) continue;
    if (!env_.catalog) {
      if (request_.options.strategy == RefreshStrategy::kRefresh) {
        FailChange(i, "strategy \"refresh\" needs the item catalog, which this driver instance lacks");
        failed_[i] = true;
      }
      continue;
    }
    for (const std::string& key : change_sections_[i]) {
      const LibrarySection* section = SectionByKey(key);
      if (!section) continue;
      if (listed.insert(key).second) {
        if (Status s = env_.catalog->Update(*env_.client, *section, style_); !s.ok()) {
          env_.op.bridge->Log(PD_LOG_WARN, fmt::format("could not list library \"{}\": {}",
                                                       section->title, s.message()));
        }
      }
      if (std::optional<LibraryItem> item = env_.catalog->Find(key, result_.changes[i].server_path)) {
        before_[i] = std::move(item);
        item_section_[i] = key;
        break;
      }
    }
    if (request_.changes[i].kind != ChangeKind::kUpdated) continue;
    if (before_[i] && request_.options.strategy != RefreshStrategy::kScan) {
      refresh_only_[i] = true;
    } else if (!before_[i] && request_.options.strategy == RefreshStrategy::kRefresh) {
      FailChange(i, fmt::format("Plex has no item at \"{}\" to refresh (strategy \"refresh\"); sync "
                                "it as added, or use strategy \"auto\"", result_.changes[i].server_path));
      failed_[i] = true;
    }
  }
}

// Who is watching, once per sync and only when the policy needs it. Not knowing is no reason to
// hold the library back: the sync proceeds and says why it could not check.
void Sync::LoadPlayback() {
  skip_active_ = request_.options.skip_active.value_or(env_.skip_active);
  result_.skip_active = SkipActiveName(skip_active_);
  if (skip_active_ == SkipActive::kNever) return;
  if (!env_.active_playback) {
    result_.warnings.push_back(fmt::format("skip_active is \"{}\" but this instance cannot see "
                                           "playback; nothing was held back", result_.skip_active));
    skip_active_ = SkipActive::kNever;
    return;
  }
  Result<std::vector<PlaybackSession>> active = env_.active_playback();
  if (!active.ok()) {
    result_.warnings.push_back(fmt::format("could not check active playback ({}); nothing was held "
                                           "back", active.status().message()));
    skip_active_ = SkipActive::kNever;
    return;
  }
  active_ = std::move(active).value();
}

void Sync::Defer(size_t i, const PlaybackSession& session) {
  ChangeResult& cr = result_.changes[i];
  cr.status = ChangeStatus::kDeferred;
  cr.message = fmt::format("{} (skip_active \"{}\"); nothing was scanned or refreshed for "
                           "it; sync it again once playback stops", DescribeSession(session),
                           result_.skip_active);
  cr.blocked_by = session;
  cr.scanned.clear();
  failed_[i] = true;  // settled: later steps leave it alone
}

// Before planning: changes whose section or item is being watched (item refreshes included).
void Sync::ApplyPlaybackGate() {
  if (skip_active_ == SkipActive::kNever || active_.empty()) return;
  for (size_t i = 0; i < result_.changes.size(); ++i) {
    if (failed_[i]) continue;
    PlaybackTarget target;
    target.section_ids = change_sections_[i];
    if (before_[i]) {
      for (const std::string* key : {&before_[i]->rating_key, &before_[i]->parent_key, &before_[i]->grandparent_key}) {
        if (!key->empty()) target.rating_keys.push_back(*key);
      }
    }
    if (auto session = FindBlockingSession(skip_active_, target, active_, style_)) Defer(i, *session);
  }
}

// After planning: a scan walks a whole folder (or section), so under "item" it must not walk
// the folder a watched file lies in, whichever change asked for it.
void Sync::ApplyScanGate() {
  if (skip_active_ != SkipActive::kItem || active_.empty()) return;
  for (auto it = scans_.begin(); it != scans_.end();) {
    PlaybackTarget target;
    target.section_ids = {it->result.section_key};
    target.server_folder = it->result.path;
    target.whole_section = it->result.full_section;
    std::optional<PlaybackSession> session = FindBlockingSession(skip_active_, target, active_, style_);
    if (!session) {
      ++it;
      continue;
    }
    for (size_t i : it->change_indices) {
      if (!failed_[i]) Defer(i, *session);
    }
    it = scans_.erase(it);
  }
  // A change covered by several scans keeps none once any of them is held back.
  for (auto& scan : scans_) {
    scan.change_indices.erase(std::remove_if(scan.change_indices.begin(), scan.change_indices.end(),
                                             [&](size_t i) { return result_.changes[i].status == ChangeStatus::kDeferred; }),
                              scan.change_indices.end());
  }
  scans_.erase(std::remove_if(scans_.begin(), scans_.end(),
                              [](const ScanTracking& scan) { return scan.change_indices.empty(); }),
               scans_.end());
}

// Item metadata refresh for known items whose files were updated: a scan does not make Plex
// re-read artwork of an item it has. Completed only once Plex shows the item re-read (its
// updatedAt moved), never on the request alone.
void Sync::RefreshItems() {
  std::map<std::string, std::vector<size_t>> by_item;
  for (size_t i = 0; i < result_.changes.size(); ++i) {
    if (refresh_only_[i] && !failed_[i]) by_item[before_[i]->rating_key].push_back(i);
  }
  if (by_item.empty()) return;
  auto finish = [&](const std::string& key, ChangeStatus status, const std::string& message,
                    const LibraryItem* after) {
    const std::vector<size_t>& indices = by_item[key];
    const LibraryItem& before = *before_[indices.front()];
    for (size_t i : indices) {
      ChangeResult& cr = result_.changes[i];
      cr.status = status;
      cr.message = message;
      cr.item = ItemRef{before.rating_key, before.type, before.title, "refreshed", before.updated_at,
                        after ? after->updated_at : 0, before.thumb, after ? after->thumb : ""};
      cr.elapsed_ms = MillisBetween(start_, Clock::now());
    }
  };
  // Every refresh is requested first (Plex queues them), then all are watched together: a batch
  // of items costs one request per item plus one per poll round, not a wait per item.
  std::vector<std::string> pending;
  for (const auto& [key, indices] : by_item) {
    if (cancelled_ || env_.op.Cancelled()) {
      cancelled_ = true;
      finish(key, ChangeStatus::kCancelled, "cancelled before the item refresh was requested", nullptr);
      continue;
    }
    const std::string target = fmt::format("/library/metadata/{}/refresh{}", key,
                                           request_.options.force_refresh ? "?force=1" : "");
    Result<HttpResponse> sent = env_.client->Call("PUT", target);
    if (!sent.ok()) {
      finish(key, StatusOfFailedCheck(sent.status()),
             "the item refresh was refused: " + sent.status().message(), nullptr);
      continue;
    }
    pending.push_back(key);
  }
  std::map<std::string, LibraryItem> last_seen;
  auto interval = env_.tuning.poll_initial;
  while (!pending.empty() && Clock::now() < deadline_) {
    if (!SleepUntil(std::min(deadline_, Clock::now() + interval))) {
      cancelled_ = true;
      break;
    }
    Result<std::map<std::string, LibraryItem>> fetched = ItemCatalog::FetchMany(*env_.client, pending);
    if (fetched.ok()) {
      std::vector<std::string> still;
      for (const std::string& key : pending) {
        auto it = fetched->find(key);
        const LibraryItem& before = *before_[by_item[key].front()];
        if (it == fetched->end()) {
          finish(key, ChangeStatus::kFailed,
                 fmt::format("Plex no longer has item {} (\"{}\") after its refresh was requested", key, before.title),
                 nullptr);
          env_.catalog->Forget(item_section_[by_item[key].front()], key);
          continue;
        }
        last_seen[key] = it->second;
        if (it->second.updated_at > before.updated_at || it->second.thumb != before.thumb) {
          env_.catalog->Put(item_section_[by_item[key].front()], it->second);
          finish(key, ChangeStatus::kCompleted, "", &it->second);
        } else {
          still.push_back(key);
        }
      }
      pending = std::move(still);
    }
    interval = std::min(env_.tuning.poll_max, interval * 3 / 2);
  }
  for (const std::string& key : pending) {
    auto seen = last_seen.find(key);
    const LibraryItem* after = seen == last_seen.end() ? nullptr : &seen->second;
    const LibraryItem& before = *before_[by_item[key].front()];
    if (cancelled_) {
      finish(key, ChangeStatus::kCancelled, "cancelled while waiting for the item refresh; it was requested", after);
    } else {
      finish(key, ChangeStatus::kTimedOut,
             fmt::format("Plex did not show item {} (\"{}\") re-read within {} s; the refresh was "
                         "requested and may still run", key, before.title, request_.options.timeout_seconds),
             after);
    }
  }
}

// After the scans: an added path must now be an item Plex has, a removed item must be gone or
// in the trash. A scan that finished without doing that is reported, not called a success.
void Sync::VerifyItems() {
  if (!env_.catalog) return;
  std::map<std::string, Status> relisted;  // section key -> how listing it went
  for (size_t i = 0; i < result_.changes.size(); ++i) {
    ChangeResult& cr = result_.changes[i];
    if (failed_[i] || refresh_only_[i] || cr.status != ChangeStatus::kCompleted) continue;
    const ChangeKind kind = request_.changes[i].kind;
    if (kind == ChangeKind::kRemoved) {
      if (!before_[i]) continue;  // nothing was known at that path: nothing to verify
      const LibraryItem& before = *before_[i];
      Result<std::optional<LibraryItem>> now = ItemCatalog::Fetch(*env_.client, before.rating_key);
      ItemRef ref{before.rating_key, before.type, before.title, "", before.updated_at, 0, before.thumb, ""};
      if (!now.ok()) {
        cr.status = StatusOfFailedCheck(now.status());
        cr.message = "the scan finished, but checking the item failed: " + now.status().message();
      } else if (!*now) {
        ref.action = "removed";
        env_.catalog->Forget(item_section_[i], before.rating_key);
      } else if ((*now)->deleted_at != 0) {
        ref.action = "trashed";  // files gone; Plex keeps it in the trash until emptyTrash
        ref.updated_at_after = (*now)->updated_at;
        env_.catalog->Put(item_section_[i], **now);
      } else {
        cr.status = ChangeStatus::kFailed;
        cr.message = fmt::format("the scan finished, but Plex still lists item {} (\"{}\") as present; "
                                 "are its files really gone on the server's side?", before.rating_key, before.title);
      }
      cr.item = ref;
      continue;
    }
    // added, or updated for an item Plex did not know: confirm an item is there now.
    std::optional<LibraryItem> found;
    bool whole_library = false;
    for (const std::string& key : change_sections_[i]) {
      if (IsLocationRoot(key, cr.server_path)) {
        whole_library = true;
        continue;
      }
      const LibrarySection* section = SectionByKey(key);
      if (!section) continue;
      auto listed = relisted.find(key);
      if (listed == relisted.end()) {
        listed = relisted.emplace(key, env_.catalog->Update(*env_.client, *section, style_)).first;
      }
      if (!listed->second.ok()) {  // every change in that library, not only the first
        cr.status = StatusOfFailedCheck(listed->second);
        cr.message = "the scan finished, but listing the library to confirm the item failed: " +
                     listed->second.message();
        break;
      }
      if ((found = env_.catalog->Find(key, cr.server_path))) break;
    }
    if (cr.status != ChangeStatus::kCompleted || whole_library) continue;
    if (found) {
      cr.item = ItemRef{found->rating_key, found->type, found->title, "confirmed", 0, found->updated_at, "", found->thumb};
    } else {
      cr.status = ChangeStatus::kFailed;
      cr.message = fmt::format("the scan finished, but Plex has no item for \"{}\": it was scanned but not "
                               "found in the library, usually a naming or agent problem (check the folder "
                               "and file names against Plex's naming rules)", cr.server_path);
    }
  }
}

// Verified removals leave items in the trash; with empty_trash the library's trash is emptied,
// but only after counting it: a trash fuller than empty_trash_max_items usually means storage
// went offline, and emptying it would delete those items and their watch history.
void Sync::EmptyTrash() {
  if (!env_.empty_trash || !env_.catalog) return;
  std::map<std::string, std::vector<size_t>> trashed;  // section key → changes whose item is trashed
  for (size_t i = 0; i < result_.changes.size(); ++i) {
    const ChangeResult& cr = result_.changes[i];
    if (cr.status == ChangeStatus::kCompleted && cr.item && cr.item->action == "trashed") {
      trashed[item_section_[i]].push_back(i);
    }
  }
  for (const auto& entry : trashed) {
    // Named, not structured bindings: the lambda below captures them (clang 14 cannot).
    const std::string& key = entry.first;
    const std::vector<size_t>& indices = entry.second;
    const LibrarySection* section = SectionByKey(key);
    if (!section) continue;
    TrashResult t;
    t.section_key = key;
    t.section_title = section->title;
    auto note = [&](const std::string& message) {
      t.message = message;
      for (size_t i : indices) result_.changes[i].advice.push_back(message);
    };
    Result<size_t> count = env_.catalog->Relist(*env_.client, *section, style_);
    if (!count.ok()) {
      note(fmt::format("the trash of library \"{}\" was not emptied: counting it failed ({})",
                       section->title, count.status().message()));
      result_.trash.push_back(std::move(t));
      continue;
    }
    t.items = static_cast<int64_t>(*count);
    if (*count > static_cast<size_t>(env_.empty_trash_max_items)) {
      note(fmt::format("the trash of library \"{}\" holds {} items, more than empty_trash_max_items ({}), "
                       "so it was not emptied: a trash that full usually means storage went offline, and "
                       "emptying it would delete those items and their watch history. Check the storage, "
                       "then empty the trash in Plex yourself (or raise empty_trash_max_items)",
                       section->title, *count, env_.empty_trash_max_items));
      result_.warnings.push_back(t.message);
      result_.trash.push_back(std::move(t));
      continue;
    }
    if (Result<HttpResponse> sent = env_.client->Call("PUT", "/library/sections/" + key + "/emptyTrash"); !sent.ok()) {
      note(fmt::format("emptying the trash of library \"{}\" was refused: {}", section->title,
                       sent.status().message()));
      result_.trash.push_back(std::move(t));
      continue;
    }
    // Plex empties the trash in the background: done once each trashed item is gone.
    std::set<std::string> left;
    for (size_t i : indices) left.insert(result_.changes[i].item->rating_key);
    auto interval = env_.tuning.poll_initial;
    while (!left.empty() && Clock::now() < deadline_) {
      if (!SleepUntil(std::min(deadline_, Clock::now() + interval))) break;
      // One request a round for all of them; an answer that failed keeps them all for the next.
      Result<std::map<std::string, LibraryItem>> listed =
          ItemCatalog::FetchMany(*env_.client, std::vector<std::string>(left.begin(), left.end()));
      if (listed.ok()) {
        for (auto it = left.begin(); it != left.end();) it = listed->count(*it) ? std::next(it) : left.erase(it);
      }
      interval = std::min(env_.tuning.poll_max, interval * 3 / 2);
    }
    for (size_t i : indices) {
      ItemRef& item = *result_.changes[i].item;
      if (left.count(item.rating_key)) continue;
      item.action = "removed";
      env_.catalog->Forget(key, item.rating_key);
    }
    t.emptied = left.empty();
    if (!t.emptied) {
      note(fmt::format("emptyTrash was requested for library \"{}\", but Plex still listed {} of the "
                       "removed items when the sync ended", section->title, left.size()));
    }
    result_.trash.push_back(std::move(t));
  }
}

void Sync::Scan() {
  // Subscribe before the first request so no activity event can be missed.
  if (env_.hub) {
    env_.hub->EnsureStarted();
    if (env_.hub->WaitConnected(env_.tuning.websocket_connect_wait)) queue_ = env_.hub->Subscribe();
  }
  if (!queue_ || !queue_->connected()) {
    // Polling needs a baseline: activities already running and each section's last scan time.
    Result<HttpResponse> activities = env_.client->Get("/activities");
    if (activities.ok()) {
      if (auto list = ParseActivities(activities->body); list.ok()) {
        for (const Activity& a : *list) running_before_.insert(a.uuid);
      }
    }
    TakeScannedAtBaseline();
  }
  struct Requested {
    int scans = 0;
    int64_t at = 0;  // server time of the last scan request
  };
  std::map<std::string, Requested> requested;  // by section key
  for (ScanTracking& s : scans_) {
    if (env_.op.Cancelled()) {
      cancelled_ = true;
      break;
    }
    s.started = Clock::now();
    Result<HttpResponse> sent = RequestScan(*env_.client, RefreshTarget(s), env_.tuning, env_.op);
    if (!sent.ok()) {
      // Out of time: the request may have reached Plex, so not seen to finish, not refused.
      s.result.status = StatusOfFailedCheck(sent.status());
      s.result.message = sent.status().message();
      continue;
    }
    s.requested = true;
    Requested& r = requested[s.result.section_key];
    ++r.scans;
    r.at = std::max(r.at, ServerTimeOf(*sent));
  }
  for (const auto& [key, r] : requested) {
    // Without a polling baseline (websocket mode), only a scannedAt later than the request's
    // second proves a scan ended after it, should the websocket drop and polling take over.
    auto baseline = scanned_at_before_.find(key);
    watches_.emplace(key, SectionScanWatch(key, r.scans, running_before_,
                                           baseline != scanned_at_before_.end() ? baseline->second : r.at));
  }
}

std::string Sync::RefreshTarget(const ScanTracking& scan) const {
  std::string target = fmt::format("/library/sections/{}/refresh", scan.result.section_key);
  if (!scan.result.full_section) target += "?path=" + PercentEncode(scan.result.path);
  return target;
}

std::optional<std::vector<Activity>> Sync::Poll() {
  Result<HttpResponse> activities = env_.client->Get("/activities");
  if (!activities.ok()) return std::nullopt;
  Result<std::vector<LibrarySection>> sections = env_.sections(/*force=*/true);
  if (!sections.ok()) return std::nullopt;
  Result<std::vector<Activity>> list = ParseActivities(activities->body);
  if (!list.ok()) return std::nullopt;
  for (auto& [key, watch] : watches_) {
    for (const LibrarySection& s : *sections) {
      if (s.key == key) watch.OnPoll(*list, s.refreshing, s.scanned_at);
    }
  }
  return std::move(list).value();
}

void Sync::OnGap() {
  for (auto& [key, watch] : watches_) watch.OnGap();
}

// A restart drops the scans Plex was running: those that vanished while the server could not be
// observed (and left no later scannedAt) are requested again, once per section. A GET refresh is
// safe to repeat, and the new watch again counts only what it sees finish.
void Sync::RequestLostScansAgain(const std::vector<Activity>& running) {
  std::set<std::string> running_now;
  for (const Activity& a : running) running_now.insert(a.uuid);
  std::vector<std::pair<std::string, SectionScanWatch>> renewed;
  for (const auto& [key, watch] : watches_) {
    if (watch.finished() || watch.scans_lost() == 0 || requested_again_.count(key)) continue;
    if (env_.op.Cancelled() || Clock::now() >= deadline_) break;  // keep what was renewed
    requested_again_.insert(key);
    int count = 0;
    int64_t requested_at = 0;
    for (ScanTracking& s : scans_) {
      if (!s.requested || s.result.section_key != key) continue;
      Result<HttpResponse> sent = RequestScan(*env_.client, RefreshTarget(s), env_.tuning, env_.op);
      if (!sent.ok()) continue;  // the old watch stays: not seen to finish means timed out
      ++count;
      requested_at = std::max(requested_at, ServerTimeOf(*sent));
      s.result.message = "requested again: the first scan vanished while the server could not be "
                         "reached (restarted?)";
    }
    if (env_.op.bridge) {
      env_.op.bridge->Log(PD_LOG_WARN, fmt::format("library {}: {} scan(s) vanished while the server "
                                                   "could not be reached; requested {} again",
                                                   key, watch.scans_lost(), count));
    }
    if (count > 0) renewed.emplace_back(key, SectionScanWatch(key, count, running_now, requested_at));
  }
  for (auto& [key, watch] : renewed) {
    watches_.erase(key);
    watches_.emplace(key, std::move(watch));
  }
}

void Sync::ReportProgress() {
  double sum = 0;
  for (const auto& [key, watch] : watches_) sum += std::max(0.0, watch.progress());
  const size_t finished = std::count_if(watches_.begin(), watches_.end(),
                                        [](const auto& kv) { return kv.second.finished(); });
  env_.op.Progress(watches_.empty() ? 1.0 : sum / watches_.size(),
                   fmt::format("waiting for Plex: {} of {} libraries scanned", finished,
                               watches_.size()));
}

void Sync::WaitWithWebsocket() {
  auto all_done = [&] {
    return std::all_of(watches_.begin(), watches_.end(),
                       [](const auto& kv) { return kv.second.finished(); });
  };
  while (!all_done() && Clock::now() < deadline_) {
    if (env_.op.Cancelled()) {
      cancelled_ = true;
      return;
    }
    std::vector<Notification> arrived;
    const auto slice = std::min(deadline_, Clock::now() + std::chrono::milliseconds(100));
    const bool connected = queue_->WaitUntil(slice, &arrived);
    for (const Notification& n : arrived) {
      for (const ActivityEvent& e : n.activities) {
        for (auto& [key, watch] : watches_) watch.OnActivityEvent(e);
      }
    }
    if (!arrived.empty()) ReportProgress();
    if (!connected) {
      env_.op.bridge->Log(PD_LOG_INFO, queue_->dropped() > 0
                                           ? "notifications arrived faster than the sync read them; "
                                             "following the scans by polling"
                                           : "websocket lost during the sync; following the scans by "
                                             "polling");
      queue_.reset();
      OnGap();  // what happens until the first poll is not seen
      return WaitByPolling();
    }
  }
}

void Sync::WaitByPolling() {
  auto interval = env_.tuning.poll_initial;
  auto all_done = [&] {
    return std::all_of(watches_.begin(), watches_.end(),
                       [](const auto& kv) { return kv.second.finished(); });
  };
  while (!all_done() && Clock::now() < deadline_) {
    if (!SleepUntil(std::min(deadline_, Clock::now() + interval))) {
      cancelled_ = true;
      return;
    }
    if (std::optional<std::vector<Activity>> running = Poll()) {
      RequestLostScansAgain(*running);
      ReportProgress();
    } else {
      OnGap();
    }
    interval = std::min(env_.tuning.poll_max, interval * 3 / 2);
  }
}

void Sync::Wait() {
  if (watches_.empty() || cancelled_) return;
  if (queue_ && queue_->connected()) {
    WaitWithWebsocket();
  } else {
    WaitByPolling();
  }
}

void Sync::Finish() {
  const Clock::time_point now = Clock::now();
  const double timeout = request_.options.timeout_seconds;
  for (ScanTracking& s : scans_) {
    if (!s.requested) {
      if (s.result.message.empty()) {
        s.result.status = ChangeStatus::kCancelled;
        s.result.message = "cancelled before the scan was requested";
      }
      continue;
    }
    auto it = watches_.find(s.result.section_key);
    s.result.elapsed_ms = MillisBetween(s.started, now);
    if (it != watches_.end() && it->second.finished()) {
      s.result.status = ChangeStatus::kCompleted;
      s.result.observed_via = it->second.observed_via();
    } else if (cancelled_) {
      s.result.status = ChangeStatus::kCancelled;
      s.result.message = "cancelled while waiting for Plex; the scan was requested and may still run";
    } else {
      s.result.status = ChangeStatus::kTimedOut;
      const int lost = it == watches_.end() ? 0 : it->second.scans_lost();
      s.result.message = fmt::format(
          "Plex did not report the scan as finished within {} s (saw {} of its scans start, {} "
          "end{}); it may still be running", timeout, it == watches_.end() ? 0 : it->second.scans_seen(),
          it == watches_.end() ? 0 : it->second.scans_ended(),
          lost ? fmt::format(", {} vanish while the server could not be reached", lost) : "");
    }
  }
  for (size_t i = 0; i < result_.changes.size(); ++i) {
    if (failed_[i] || refresh_only_[i]) continue;
    ChangeResult& cr = result_.changes[i];
    ChangeStatus worst = ChangeStatus::kCompleted;
    std::string message;
    for (const ScanTracking& s : scans_) {
      if (std::find(s.change_indices.begin(), s.change_indices.end(), i) == s.change_indices.end()) {
        continue;
      }
      if (s.result.status > worst) {
        worst = s.result.status;
        message = s.result.message;
      }
    }
    cr.status = worst;
    cr.message = message;
    cr.elapsed_ms = MillisBetween(start_, now);
  }
  for (ScanTracking& s : scans_) result_.scans.push_back(std::move(s.result));
  result_.cancelled = cancelled_;
  result_.elapsed_ms = MillisBetween(start_, now);
  result_.http_requests = env_.client->transport().RequestCount() - requests_before_;
}

Result<SyncResult> Sync::Run() {
  RequestDeadline requests_end_in_time(deadline_);  // every HTTP request of this sync ends by then
  result_.dry_run = request_.options.dry_run;
  result_.waited = true;
  if (Status s = LoadSections(/*force=*/false); !s.ok()) return s;
  MapAndResolve();
  AdviseLocalArtwork();
  ApplySafetyGate();
  LookUpItems();
  LoadPlayback();
  ApplyPlaybackGate();
  Plan();
  ApplyScanGate();
  if (request_.options.dry_run) {
    for (size_t i = 0; i < result_.changes.size(); ++i) {
      if (failed_[i]) continue;
      result_.changes[i].status = ChangeStatus::kSkipped;
      result_.changes[i].message = refresh_only_[i]
                                       ? fmt::format("dry run: item {} would be refreshed, nothing was",
                                                     before_[i]->rating_key)
                                       : "dry run: nothing was scanned";
    }
    for (ScanTracking& s : scans_) {
      s.result.status = ChangeStatus::kSkipped;
      result_.scans.push_back(std::move(s.result));
    }
    result_.elapsed_ms = MillisBetween(start_, Clock::now());
    result_.http_requests = env_.client->transport().RequestCount() - requests_before_;
    return result_;
  }
  Scan();
  Wait();
  Finish();
  RefreshItems();
  VerifyItems();
  EmptyTrash();
  result_.elapsed_ms = MillisBetween(start_, Clock::now());
  result_.http_requests = env_.client->transport().RequestCount() - requests_before_;
  return result_;
}

}  // namespace

Result<SyncResult> RunSync(const SyncRequest& request, SyncEnvironment& env) {
  return Sync(request, env).Run();
}

}  // namespace plexdriver
