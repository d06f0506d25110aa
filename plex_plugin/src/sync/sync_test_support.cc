#include "sync/sync_test_support.h"

#include <fmt/format.h>

namespace plexdriver {

LibrarySection MakeSection(std::string key, std::string title, std::vector<std::string> locations, std::string type) {
  LibrarySection s;
  s.key = std::move(key);
  s.title = std::move(title);
  s.type = std::move(type);
  for (std::string& l : locations) s.locations.push_back({0, std::move(l)});
  return s;
}

Result<HttpResponse> SimulatedServer::Send(const HttpRequest& request) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++count_;
  requests_.push_back(request.method + " " + request.target);
  HttpResponse r;
  r.status = 200;
  r.content_type = "application/json";
  const std::string path = request.target.substr(0, request.target.find('?'));
  if (path == "/library/sections") {
    r.body = SectionsJson();
  } else if (path.rfind("/library/sections/", 0) == 0 && path.size() > 8 &&
             path.compare(path.size() - 8, 8, "/refresh") == 0) {
    if (refresh_failures > 0) {
      --refresh_failures;
      r.status = refresh_failure_status;
      r.content_type = "text/html";
      r.body = "<html><body>error</body></html>";
      return r;
    }
    scan_requested_ = true;
    polls_since_request_ = 0;
    r.body.clear();
  } else if (path == "/activities") {
    r.body = ActivitiesJson();
  } else if (std::optional<HttpResponse> answer = other ? other(request) : std::nullopt) {
    return *answer;
  } else {
    r.status = 404;
  }
  return r;
}

uint64_t SimulatedServer::RequestCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return count_;
}

std::vector<std::string> SimulatedServer::Requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

int SimulatedServer::CountStartingWith(const std::string& prefix) const {
  int n = 0;
  for (const std::string& r : Requests()) n += r.rfind(prefix, 0) == 0 ? 1 : 0;
  return n;
}

int SimulatedServer::polls_when_ended() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return polls_when_ended_;
}

bool SimulatedServer::Running() const {
  return scan_requested_ && !never_starts && polls_since_request_ > start_after_polls &&
         polls_since_request_ <= start_after_polls + run_for_polls;
}

std::string SimulatedServer::ActivitiesJson() {
  if (scan_requested_) ++polls_since_request_;
  if (scan_requested_ && !never_starts && polls_since_request_ == start_after_polls + run_for_polls + 1) {
    ++scanned_at_;  // the scan just ended
    polls_when_ended_ = polls_since_request_;
  }
  if (!Running()) return R"({"MediaContainer":{"size":0}})";
  return R"({"MediaContainer":{"size":1,"Activity":[{"uuid":"scan-1","type":"library.update.section",
    "cancellable":true,"userID":1,"title":"Scanning Movies","subtitle":"","progress":50,
    "Context":{"librarySectionID":"1"}}]}})";
}

std::string SimulatedServer::SectionsJson() const {
  std::string dirs = fmt::format(
      R"({{"key":"1","type":"movie","title":"Movies","refreshing":{},"scannedAt":{},)"
      R"("Location":[{{"id":1,"path":"/data/movies"}}]}})",
      Running() ? "true" : "false", scanned_at_);
  for (const std::string& extra : extra_section_json) dirs += "," + extra;
  return R"({"MediaContainer":{"size":1,"Directory":[)" + dirs + "]}}";
}

StageHarness::StageHarness() {
  sections.answer = [this](bool) { return client.Sections(); };
  files.existing = {"/mnt/movies", "/mnt/movies/Heat (1995)", "/mnt/movies/Heat (1995)/poster.jpg"};
}

SyncContext StageHarness::Context() {
  SyncContext ctx;
  ctx.client = &client;
  ctx.op = Operation{&bridge, nullptr};
  ctx.mapper = &*mapper;
  ctx.sections = &sections;
  ctx.files = &files;
  ctx.server_platform = "Linux";
  ctx.tuning.poll_initial = std::chrono::milliseconds(2);
  ctx.tuning.poll_max = std::chrono::milliseconds(5);
  ctx.tuning.retry_backoff = std::chrono::milliseconds(1);
  return ctx;
}

SyncPlan StageHarness::Plan(std::vector<SyncChange> changes, double timeout) const {
  SyncRequest request;
  request.changes = std::move(changes);
  request.options.timeout_seconds = timeout;
  return SyncPlan::Start(request, server.RequestCount());
}

SyncChange Change(std::string path, ChangeKind kind) { return SyncChange{std::move(path), kind, "", "", {}}; }

}  // namespace plexdriver
