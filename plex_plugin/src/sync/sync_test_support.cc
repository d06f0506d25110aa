#include "sync/sync_test_support.h"

#include <fmt/format.h>

#include "core/digest.h"
#include "planning/url_encoding.h"

namespace plexdriver {
namespace {

}  // namespace

LibrarySection MakeSection(std::string key, std::string title, std::vector<std::string> locations, std::string type) {
  LibrarySection s;
  s.key = std::move(key);
  s.title = std::move(title);
  s.type = std::move(type);
  for (std::string& l : locations) s.locations.push_back({0, std::move(l)});
  return s;
}

Result<std::string> FakeFiles::Read(const std::string& p, size_t max_bytes) const {
  if (!existing.count(p) && !contents.count(p)) return Status(PD_ERR_NOT_FOUND, "cannot read \"" + p + "\"");
  auto it = contents.find(p);
  const std::string bytes = it == contents.end() ? std::string() : it->second;
  if (bytes.size() > max_bytes) return Status(PD_ERR_INVALID_ARGUMENT, "\"" + p + "\" is too large");
  return bytes;
}

std::vector<std::string> FakeFiles::List(const std::string& folder) const {
  std::vector<std::string> names;
  const std::string prefix = folder + "/";
  std::set<std::string> all(existing);
  for (const auto& [path, bytes] : contents) all.insert(path);
  for (const std::string& p : all) {
    if (p.rfind(prefix, 0) == 0 && p.find('/', prefix.size()) == std::string::npos && !folders.count(p)) {
      names.push_back(p.substr(prefix.size()));
    }
  }
  return names;
}

std::vector<std::string> FakeFiles::ListFolders(const std::string& folder) const {
  std::vector<std::string> names;
  const std::string prefix = folder + "/";
  for (const std::string& p : folders) {
    if (p.rfind(prefix, 0) == 0 && p.find('/', prefix.size()) == std::string::npos) names.push_back(p.substr(prefix.size()));
  }
  return names;
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
  } else if (std::optional<HttpResponse> item = ItemRoutes(request, path)) {
    return *item;
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

void SimulatedServer::EndScan() {
  ++scanned_at_;
  polls_when_ended_ = polls_since_request_;
  for (const SimItem& item : appear_after_scan) items[item.rating_key] = item;
  appear_after_scan.clear();
  for (const std::string& key : trashed_after_scan) {
    if (items.count(key)) items[key].deleted = true;
  }
  trashed_after_scan.clear();
}

std::string SimulatedServer::ActivitiesJson() {
  if (scan_requested_) ++polls_since_request_;
  if (scan_requested_ && !never_starts && polls_since_request_ == start_after_polls + run_for_polls + 1) {
    EndScan();
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

std::string SimulatedServer::ItemsJson(const std::vector<const SimItem*>& list) const {
  std::string metadata;
  for (const SimItem* item : list) {
    std::string extra;
    for (const auto& [name, value] : item->fields) extra += fmt::format(R"("{}":"{}",)", name, value);
    if (!item->art.empty()) extra += fmt::format(R"("art":"{}",)", item->art);
    std::string tags;
    for (const std::string& g : item->genres) tags += fmt::format(R"({}{{"tag":"{}"}})", tags.empty() ? "" : ",", g);
    std::string locks;
    for (const std::string& l : item->locked) {
      locks += fmt::format(R"({}{{"locked":true,"name":"{}"}})", locks.empty() ? "" : ",", l);
    }
    metadata += fmt::format(R"({}{{"ratingKey":"{}","type":"movie","title":"{}","updatedAt":{},"thumb":"{}",)"
                            R"({}{}"Genre":[{}],"Field":[{}],"Media":[{{"Part":[{{"file":"{}"}}]}}]}})",
                            metadata.empty() ? "" : ",", item->rating_key, item->title, item->updated_at, item->thumb,
                            item->deleted ? R"("deletedAt":1700000500,)" : "", extra, tags, locks, item->file);
  }
  return fmt::format(R"({{"MediaContainer":{{"size":{},"librarySectionID":"1","Metadata":[{}]}}}})", list.size(),
                     metadata);
}

// PUT /library/sections/1/all?type=1&id=K&title.value=…&title.locked=1&genre[0].tag.tag=…
void SimulatedServer::ApplyEdit(const std::string& query) {
  std::map<std::string, std::string> params;
  size_t start = 0;
  while (start < query.size()) {
    const size_t amp = std::min(query.find('&', start), query.size());
    const std::string pair = query.substr(start, amp - start);
    const size_t eq = pair.find('=');
    params[PercentDecode(pair.substr(0, eq))] = eq == std::string::npos ? "" : PercentDecode(pair.substr(eq + 1));
    start = amp + 1;
  }
  auto it = items.find(params["id"]);
  if (it == items.end()) return;
  SimItem& item = it->second;
  std::vector<std::string> genres;
  for (const auto& [name, value] : params) {
    const size_t dot = name.find('.');
    if (dot == std::string::npos) continue;
    const std::string field = name.substr(0, dot), what = name.substr(dot + 1);
    if (what == "locked") {
      if (value == "1") item.locked.insert(field);
      else item.locked.erase(field);
    } else if (what == "value") {
      if (field == "title") item.title = value;
      else item.fields[field] = value;
    } else if (field.rfind("genre[", 0) == 0 && what == "tag.tag") {
      genres.push_back(value);
    }
  }
  if (!genres.empty()) item.genres = genres;
  ++item.updated_at;
}

// Uploads, listings, selection and the bytes behind an item's image URLs. `action` is what
// follows /library/metadata/{k}/: thumb/{t}, art/{t}, posters, arts, poster?url=, art?url=.
std::optional<HttpResponse> SimulatedServer::ArtworkRoutes(const HttpRequest& request, SimItem& item,
                                                           const std::string& action) {
  HttpResponse r;
  r.status = 200;
  r.content_type = "application/json";
  const size_t slash = action.find('/');
  const std::string segment = action.substr(0, slash);
  if ((segment == "thumb" || segment == "art") && slash != std::string::npos) {  // the image's bytes
    auto image = item.images.find(segment);
    if (image == item.images.end()) {
      r.status = 404;
      return r;
    }
    r.content_type = "image/jpeg";
    r.body = serve_other_bytes ? image->second + "x" : image->second;
    return r;
  }
  const std::string element = segment == "posters" || segment == "poster" ? "thumb"
                              : segment == "arts" || segment == "art"     ? "art"
                                                                          : "";
  if (element.empty()) return std::nullopt;
  std::map<std::string, std::string>& candidates = item.candidates[element];
  if (segment.back() == 's' && request.method == "POST") {
    candidates["upload://" + segment + "/" + Sha1Hex(request.body)] = request.body;
    return r;
  }
  if (segment.back() == 's' && request.method == "GET") {
    std::string list;
    for (const auto& [key, bytes] : candidates) {
      list += fmt::format(R"({}{{"ratingKey":"{}","key":"/library/metadata/{}/file?url={}","selected":{}}})",
                          list.empty() ? "" : ",", key, item.rating_key, PercentEncode(key),
                          item.images[element] == bytes ? "true" : "false");
    }
    r.body = R"({"MediaContainer":{"size":1,"Metadata":[)" + list + "]}}";
    return r;
  }
  if (segment.back() != 's' && request.method == "PUT") {  // select ?url=<ratingKey>
    const size_t q = request.target.find("?url=");
    auto candidate = candidates.find(q == std::string::npos ? "" : PercentDecode(request.target.substr(q + 5)));
    if (candidate == candidates.end()) {
      r.status = 404;
      return r;
    }
    if (select_sticks) {
      item.images[element] = candidate->second;
      (element == "thumb" ? item.thumb : item.art) =
          fmt::format("/library/metadata/{}/{}/{}", item.rating_key, element, 1800000000 + ++image_version_);
    }
    return r;
  }
  return std::nullopt;
}

// The item endpoints a sync walks: listing, batched fetch, item refresh, emptyTrash.
std::optional<HttpResponse> SimulatedServer::ItemRoutes(const HttpRequest& request, const std::string& path) {
  HttpResponse r;
  r.status = 200;
  r.content_type = "application/json";
  const std::string metadata = "/library/metadata/";
  if (request.method == "GET" && path == "/library/sections/1/all") {
    std::vector<const SimItem*> list;
    for (const auto& [key, item] : items) list.push_back(&item);
    r.body = ItemsJson(list);
    return r;
  }
  if (request.method == "PUT" && path == "/library/sections/1/all") {
    ApplyEdit(request.target.substr(request.target.find('?') + 1));
    return r;
  }
  if (request.method == "PUT" && path == "/library/sections/1/emptyTrash") {
    if (empty_trash_works) {
      for (auto it = items.begin(); it != items.end();) it = it->second.deleted ? items.erase(it) : std::next(it);
    }
    return r;
  }
  if (path.rfind(metadata, 0) != 0) return std::nullopt;
  std::string rest = path.substr(metadata.size());
  const size_t slash = rest.find('/');
  if (request.method == "PUT" && slash != std::string::npos && rest.substr(slash) == "/refresh") {
    r.status = item_refresh_status;
    if (r.status == 200 && refresh_after_fetches >= 0) refresh_pending_[rest.substr(0, slash)] = refresh_after_fetches;
    return r;
  }
  if (slash != std::string::npos) {
    auto item = items.find(rest.substr(0, slash));
    if (item == items.end()) return std::nullopt;
    return ArtworkRoutes(request, item->second, rest.substr(slash + 1));
  }
  if (request.method != "GET") return std::nullopt;
  std::vector<const SimItem*> list;
  size_t start = 0;
  while (start <= rest.size()) {
    const size_t comma = std::min(rest.find(',', start), rest.size());
    const std::string key = rest.substr(start, comma - start);
    start = comma + 1;
    auto it = items.find(key);
    if (it == items.end()) continue;
    auto pending = refresh_pending_.find(key);
    if (pending != refresh_pending_.end() && pending->second-- <= 0) {
      it->second.updated_at += 10;
      it->second.thumb = fmt::format("/library/metadata/{}/thumb/{}", key, it->second.updated_at);
      refresh_pending_.erase(pending);
    }
    list.push_back(&it->second);
  }
  if (list.empty()) r.status = 404;
  r.body = ItemsJson(list);
  return r;
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

SyncChange Change(std::string path, ChangeKind kind) { return SyncChange{std::move(path), kind, "", "", {}, ""}; }

}  // namespace plexdriver
