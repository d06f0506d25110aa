// Test doubles for the sync stages (test builds only): the ports as small fakes, and a
// SimulatedServer, a tiny PMS whose scans are driven by how often /activities is polled, so "the
// scan starts late" and "the scan never ends" are exact, not timing-dependent.
#ifndef PLEXDRIVER_SYNC_SYNC_TEST_SUPPORT_H_
#define PLEXDRIVER_SYNC_SYNC_TEST_SUPPORT_H_

#include <functional>
#include <map>
#include <optional>
#include <mutex>
#include <set>
#include <map>
#include <string>
#include <vector>

#include "net/http_transport.h"
#include "plex/pms_client.h"
#include "sync/sync_context.h"
#include "sync/sync_plan.h"
#include "sync/sync_ports.h"

namespace plexdriver {

class FakeSections final : public SectionSource {
 public:
  std::function<Result<std::vector<LibrarySection>>(bool force)> answer;
  int reads = 0;
  Result<std::vector<LibrarySection>> Sections(bool force) override {
    ++reads;
    return answer(force);
  }
};

class FakeFiles final : public ManagerFiles {
 public:
  std::set<std::string> existing;
  std::set<std::string> folders;  // IsDirectory: true for these, false for the other existing ones
  bool knows_kinds = false;       // false: IsDirectory answers nullopt
  bool Exists(const std::string& p) const override { return existing.count(p) > 0 || contents.count(p) > 0; }
  std::map<std::string, std::string> contents;  // Read: these bytes ("" for other existing files)
  std::optional<bool> IsDirectory(const std::string& p) const override {
    if (!knows_kinds) return std::nullopt;
    return folders.count(p) > 0;
  }
  Result<std::string> Read(const std::string& p, size_t max_bytes) const override;
  std::vector<std::string> List(const std::string& folder) const override;
  std::vector<std::string> ListFolders(const std::string& folder) const override;
};

class FakePlayback final : public PlaybackSource {
 public:
  Result<std::vector<PlaybackSession>> sessions = std::vector<PlaybackSession>{};
  int asked = 0;
  Result<std::vector<PlaybackSession>> ActivePlayback() override {
    ++asked;
    return sessions;
  }
};

class FakeLocalArtwork final : public LocalArtworkSource {
 public:
  std::optional<LocalArtworkAssessment> assessment;
  std::optional<LocalArtworkAssessment> LocalArtwork(const LibrarySection&) override { return assessment; }
};

// A section as GET /library/sections lists it.
LibrarySection MakeSection(std::string key, std::string title, std::vector<std::string> locations,
                           std::string type = "movie");

// A movie of the simulated "Movies" library (section 1).
struct SimItem {
  std::string rating_key = {};
  std::string title = {};
  std::string file = {};  // server path of its one media file
  int64_t updated_at = 1700000000;
  std::string thumb = {};
  bool deleted = false;  // in the trash (deletedAt set)
  // The push model: editable fields and tags (title is `title`), locks, and per element
  // ("thumb", "art") the selected image's bytes and the candidates by rating key.
  std::map<std::string, std::string> fields = {};
  std::vector<std::string> genres = {};
  std::set<std::string> locked = {};
  std::string art = {};
  std::map<std::string, std::string> images = {};
  std::map<std::string, std::map<std::string, std::string>> candidates = {};
};

class SimulatedServer final : public HttpTransport {
 public:
  int start_after_polls = 0;     // polls that see nothing before the activity appears
  int run_for_polls = 1;         // polls that see the activity running
  bool never_starts = false;
  int refresh_failures = 0;      // the first N refresh requests answer this status
  int refresh_failure_status = 503;
  std::vector<std::string> extra_section_json;  // appended to the section list
  // Items: listed by /library/sections/1/all, fetched by /library/metadata/{k1,k2}.
  std::map<std::string, SimItem> items;
  std::vector<SimItem> appear_after_scan;        // become items when a scan ends
  std::vector<std::string> trashed_after_scan;   // rating keys trashed when a scan ends
  int refresh_after_fetches = 0;  // an item refresh shows after this many fetches of it (-1: never)
  int item_refresh_status = 200;  // PUT /library/metadata/{k}/refresh answers this
  bool empty_trash_works = true;  // PUT .../emptyTrash removes the trashed items
  bool serve_other_bytes = false;  // the selected image is served with other bytes (a broken PMS)
  bool select_sticks = true;       // false: selecting an upload changes nothing (a PMS that ignores it)
  // Optional: answers requests the model does not know (else 404).
  std::function<std::optional<HttpResponse>(const HttpRequest&)> other;

  Result<HttpResponse> Send(const HttpRequest& request) override;
  std::string BaseUrl() const override { return "http://sim.test:32400"; }
  uint64_t RequestCount() const override;

  std::vector<std::string> Requests() const;
  int CountStartingWith(const std::string& prefix) const;
  int polls_when_ended() const;

 private:
  bool Running() const;
  void EndScan();
  std::string ActivitiesJson();
  std::string SectionsJson() const;
  std::string ItemsJson(const std::vector<const SimItem*>& items) const;
  std::optional<HttpResponse> ItemRoutes(const HttpRequest& request, const std::string& path);
  std::optional<HttpResponse> ArtworkRoutes(const HttpRequest& request, SimItem& item, const std::string& action);
  void ApplyEdit(const std::string& query);
  int64_t image_version_ = 0;

  mutable std::mutex mutex_;
  uint64_t count_ = 0;
  std::vector<std::string> requests_;
  bool scan_requested_ = false;
  int polls_since_request_ = 0;
  int polls_when_ended_ = -1;
  int64_t scanned_at_ = 1700000000;
  std::map<std::string, int> refresh_pending_;  // rating key → fetches until it shows
};

// A SimulatedServer with one "Movies" library at /data/movies, reached from /mnt/movies, and
// the context and fakes a stage needs. Short polling intervals.
struct StageHarness {
  SimulatedServer server;
  PmsClient client{&server, ClientIdentity{"secret-token", "cid", "test", "plexdriver", "0"}};
  HostBridge bridge{nullptr, "secret-token"};
  Result<PathMapper> mapper = PathMapper::Create({{"/mnt/movies", "/data/movies"}}, PathStyle::kPosix);
  FakeSections sections;
  FakeFiles files;
  StageHarness();

  SyncContext Context();
  // A started plan for these changes (no stage run yet).
  SyncPlan Plan(std::vector<SyncChange> changes, double timeout = 5) const;
};

SyncChange Change(std::string path, ChangeKind kind);

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_SYNC_TEST_SUPPORT_H_
