// The HTTP face of the emulator: authentication, fault injection, request recording, the Plex
// endpoints (XML by default, JSON on request) and the /__emulator/ control API.
#include <algorithm>
#include <cctype>
#include <sstream>
#include <thread>
#include <unordered_map>

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Net/WebSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include "emulator_impl.h"
#include "emulator_support/text.h"
#include "media_container.h"
#include "server_paths.h"

namespace pms_emulator {
namespace {

constexpr const char* kUnauthorizedBody =
    "<html><head><title>Unauthorized</title></head><body><h1>401 Unauthorized</h1></body></html>";
constexpr const char* kNginxBody =
    "<!DOCTYPE html>\n<html>\n<head><title>Welcome to nginx!</title></head>\n<body>\n"
    "<h1>Welcome to nginx!</h1>\n</body>\n</html>\n";

using emulator_support::Lower;

// URL path segments ("/library/sections/1" → library, sections, 1).
std::vector<std::string> Split(const std::string& path) { return ServerPaths(false).Components(path); }

bool IsNumber(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// What one request turned into, before it is written.
struct Reply {
  int status = 200;
  std::string content_type = "text/xml;charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

Reply Html(int status, const std::string& body) {
  Reply r;
  r.status = status;
  r.content_type = "text/html";
  r.body = body;
  return r;
}

Reply Json(int status, const std::string& body) {
  Reply r;
  r.status = status;
  r.content_type = "application/json";
  r.body = body;
  return r;
}

// A library's advanced settings (GET /library/sections/{id}/prefs), as the section's agent has
// them: Plex's own agents (tv.plex.agents.*) carry "useLocalAssets"; the legacy agents read
// local artwork through the server-wide "Local Media Assets" agent instead, and the Personal
// Media agent (com.plexapp.agents.none) only reads local files. The fixture's "prefs" set values.
Element SectionSettings(const Section& s) {
  struct Def {
    const char* id;
    const char* label;
    const char* summary;
    bool boolean;
    const char* fallback;
  };
  std::vector<Def> defs = {{"hidden", "Visibility", "Where this library shows up", false, "0"}};
  const bool plex_agent = s.agent.rfind("tv.plex.agents.", 0) == 0 && s.agent != "tv.plex.agents.none";
  if (plex_agent && s.type == "movie") {
    defs.push_back({"enableCinemaTrailers", "Enable Cinema Trailers", "Play trailers before movies", true, "true"});
  }
  if (plex_agent) {
    defs.push_back({"useLocalAssets", "Use local assets",
                    "When scanning this library, use local posters and artwork if present.", true, "true"});
  }
  defs.push_back({"enableBIFGeneration", "Enable video preview thumbnails",
                  "Generate video preview thumbnails for items in this library", true, "true"});
  Element mc("MediaContainer");
  mc.Int("size", static_cast<int64_t>(defs.size()));
  for (const Def& d : defs) {
    auto set = s.prefs.find(d.id);
    const std::string value = set == s.prefs.end() ? d.fallback : set->second;
    Element& e = mc.Child("Setting");
    e.Str("id", d.id).Str("label", d.label).Str("summary", d.summary).Str("type", d.boolean ? "bool" : "int");
    if (d.boolean) {
      e.BoolWord("default", std::string(d.fallback) == "true").BoolWord("value", value == "true" || value == "1");
    } else {
      e.Int("default", std::stoll(d.fallback)).Int("value", IsNumber(value) ? std::stoll(value) : 0);
    }
    e.Bool("hidden", false).Bool("advanced", true).Str("group", "").Str("enumValues", "");
  }
  return mc;
}

class Router : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Router(Emulator::Impl* impl) : impl_(impl) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  // Per-request context.
  struct Call {
    std::string method;
    std::string path;  // decoded, without trailing slash (except "/")
    std::vector<std::string> parts;
    std::map<std::string, std::string> params;
    std::map<std::string, std::string> headers;
    std::string token;
    bool json = false;
    std::string body;
  };

  Reply Route(const Call& call);
  Reply Container(const Call& call, const Element& mc) const;
  Reply Identity(const Call& call);
  Reply Root(const Call& call);
  Reply Sections(const Call& call);
  Reply SectionRoutes(const Call& call);
  Reply MetadataRoutes(const Call& call);
  Reply Activities(const Call& call);
  Reply SessionsList(const Call& call);
  Reply Control(const Call& call);
  // Requires impl_->mutex. `counts` (Library::AllCounts) for listings; null: computed here.
  Element ItemElement(const Item& item,
                      const std::unordered_map<int64_t, Library::Counts>* counts = nullptr) const;
  void Write(Poco::Net::HTTPServerResponse& response, const Reply& reply, bool truncate,
             Poco::Net::HTTPServerRequest& request);
  // kOversizedBody: streams the filler until done, the peer leaves, or the server stops.
  void WriteOversized(Poco::Net::HTTPServerResponse& response, const FaultRule& fault);

  Emulator::Impl* impl_;
};

Reply Router::Container(const Call& call, const Element& mc) const {
  Reply r;
  if (call.json) {
    r.content_type = "application/json";
    r.body = mc.ToJson();
  } else {
    r.body = mc.ToXml();
  }
  return r;
}

Reply Router::Identity(const Call& call) {
  Element mc("MediaContainer");
  mc.Int("size", 0).Bool("claimed", true).Str("machineIdentifier", impl_->options.machine_identifier)
      .Str("version", impl_->options.version);
  return Container(call, mc);
}

Reply Router::Root(const Call& call) {
  Element mc("MediaContainer");
  const auto& o = impl_->options;
  mc.Int("size", 3)
      .Bool("allowCameraUpload", false)
      .Bool("allowSync", true)
      .Str("friendlyName", o.friendly_name)
      .Str("machineIdentifier", o.machine_identifier)
      .Bool("multiuser", true)
      .Bool("myPlex", true)
      .Str("myPlexMappingState", "mapped")
      .Str("myPlexSigninState", "ok")
      .Bool("myPlexSubscription", true)
      .Str("myPlexUsername", "emulator@example.com")
      .Str("ownerFeatures", "webhooks,content_filter,sync")
      .Str("platform", impl_->platform)
      .Str("platformVersion", impl_->platform == "Windows" ? "10.0 (Build 19045)" : "6.1.0")
      .Int("transcoderActiveVideoSessions", 0)
      .Int("updatedAt", UnixNow())
      .Str("version", o.version);
  mc.Child("Directory").Int("count", 1).Str("key", "activities").Str("title", "activities");
  mc.Child("Directory").Int("count", 1).Str("key", "library").Str("title", "library");
  mc.Child("Directory").Int("count", 1).Str("key", "status").Str("title", "status");
  return Container(call, mc);
}

Reply Router::Sections(const Call& call) {
  Element mc("MediaContainer");
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const auto& sections = impl_->library.sections();
  mc.Int("size", static_cast<int64_t>(sections.size())).Bool("allowSync", false).Str("title1", "Plex Library");
  for (const Section& s : sections) {
    Element& d = mc.Child("Directory");
    d.Bool("allowSync", true)
        .Str("art", "/:/resources/movie-fanart.jpg")
        .Str("composite", fmt::format("/library/sections/{}/composite/{}", s.key, s.updated_at))
        .Bool("filters", true)
        .Bool("refreshing", s.refreshing)
        .Str("thumb", "/:/resources/movie.png")
        .Str("key", s.key)  // a string here, although it looks like a number
        .Str("type", s.type)
        .Str("title", s.title)
        .Str("agent", s.agent)
        .Str("scanner", s.scanner)
        .Str("language", s.language)
        .Str("uuid", s.uuid)
        .Int("updatedAt", s.updated_at)
        .Int("createdAt", s.created_at)
        .Int("scannedAt", s.scanned_at)
        .Bool("content", true)
        .Bool("directory", true)
        .Int("contentChangedAt", s.content_changed_at)
        .Int("hidden", 0);
    for (size_t i = 0; i < s.locations.size(); ++i) {
      d.Child("Location").Int("id", s.location_ids[i]).Str("path", s.locations[i]);
    }
  }
  return Container(call, mc);
}

Element Router::ItemElement(const Item& item,
                            const std::unordered_map<int64_t, Library::Counts>* counts) const {
  const bool leaf = item.type == "movie" || item.type == "episode";
  Element e(leaf ? "Video" : "Directory");
  e.JsonName("Metadata");
  const Library& lib = impl_->library;
  const Section* section = nullptr;
  for (const Section& s : lib.sections()) {
    if (s.key == item.section_key) section = &s;
  }
  e.Str("ratingKey", std::to_string(item.rating_key))
      .Str("key", leaf ? fmt::format("/library/metadata/{}", item.rating_key)
                       : fmt::format("/library/metadata/{}/children", item.rating_key))
      .Str("guid", fmt::format("plex://{}/5d7768{:018x}", item.type, item.rating_key))
      .Str("type", item.type)
      .Str("title", item.title);
  if (section) {
    e.Int("librarySectionID", std::stoll(IsNumber(section->key) ? section->key : "0"))
        .Str("librarySectionTitle", section->title)
        .Str("librarySectionKey", "/library/sections/" + section->key);
  }
  if (item.parent_key) e.Str("parentRatingKey", std::to_string(item.parent_key));
  if (item.grandparent_key) {
    e.Str("grandparentRatingKey", std::to_string(item.grandparent_key));
    if (const Item* show = lib.FindItem(item.grandparent_key)) e.Str("grandparentTitle", show->title);
  }
  if (item.index) e.Int("index", item.index);
  if (item.type == "episode") {
    if (const Item* season = lib.FindItem(item.parent_key)) e.Int("parentIndex", season->index);
  }
  if (item.year) e.Int("year", item.year);
  e.Str("thumb", item.thumb).Str("art", item.art);
  if (leaf) e.Int("duration", item.duration_ms);
  e.Int("addedAt", item.added_at).Int("updatedAt", item.updated_at);
  if (item.deleted) e.Int("deletedAt", item.deleted_at);  // in the trash: its files are gone
  if (item.type == "show" || item.type == "season") {
    Library::Counts c;
    if (counts) {
      auto it = counts->find(item.rating_key);
      if (it != counts->end()) c = it->second;
    } else {
      c.children = lib.ChildCount(item.rating_key);
      c.leaves = lib.Leaves(item.rating_key).size();
    }
    if (item.type == "show") e.Int("childCount", static_cast<int64_t>(c.children));
    e.Int("leafCount", static_cast<int64_t>(item.type == "show" ? c.leaves : c.children));
    if (!item.folder.empty()) e.Child("Location").Str("path", item.folder);
  }
  if (leaf) {
    for (size_t i = 0; i < item.files.size(); ++i) {
      Element& media = e.Child("Media");
      media.Int("id", item.part_ids[i] + 100000).Int("duration", item.duration_ms).Str("container", "mkv");
      const std::string file = item.files[i];
      const std::string name = file.substr(file.find_last_of("/\\") + 1);
      media.Child("Part")
          .Int("id", item.part_ids[i])
          .Str("key", fmt::format("/library/parts/{}/{}/file.mkv", item.part_ids[i], item.added_at))
          .Int("duration", item.duration_ms)
          .Str("file", file)
          .Int("size", 1073741824)
          .Str("container", "mkv");
    }
  }
  return e;
}

Reply Router::SectionRoutes(const Call& call) {
  // parts: library, sections, {id}, [action]
  const std::string id = call.parts[2];
  const std::string action = call.parts.size() > 3 ? call.parts[3] : "";
  if (action == "refresh") {
    if (call.method == "PUT" || call.method == "POST") {
      if (impl_->options.put_post_refresh_404) return Html(404, "<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>");
    }
    std::lock_guard<std::mutex> lock(impl_->mutex);
    if (call.method == "DELETE") {
      if (id != "all" && !impl_->library.FindSection(id)) return Html(404, "");
      impl_->CancelScans(id == "all" ? "" : id);
      return Html(200, "");
    }
    if (call.method != "GET" && call.method != "PUT" && call.method != "POST") return Html(405, "");
    const bool force = call.params.count("force") && call.params.at("force") == "1";
    if (id == "all") {
      for (const Section& s : impl_->library.sections()) impl_->QueueScan(s.key, "", force);
      return Html(200, "");
    }
    if (!impl_->library.FindSection(id)) return Html(404, "");
    const auto p = call.params.find("path");
    impl_->QueueScan(id, p == call.params.end() ? "" : p->second, force);
    Reply r;  // 200, empty body, no activity id
    r.content_type = "text/html";
    return r;
  }
  if (action == "emptyTrash") {
    if (call.method != "PUT") return Html(404, "");
    std::lock_guard<std::mutex> lock(impl_->mutex);
    if (!impl_->library.FindSection(id)) return Html(404, "");
    impl_->QueueEmptyTrash(id);  // Plex answers at once and empties the trash in the background
    return Html(200, "");
  }
  if (call.method != "GET") return Html(404, "");
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Section* s = impl_->library.FindSection(id);
  if (!s) return Html(404, "");
  if (action == "prefs") return Container(call, SectionSettings(*s));
  Element mc("MediaContainer");
  if (action.empty()) {
    mc.Int("size", 2).Bool("allowSync", true).Str("librarySectionID", s->key).Str("title1", s->title);
    mc.Child("Directory").Str("key", "all").Str("title", s->type == "movie" ? "All Movies" : "All Shows");
    mc.Child("Directory").Str("key", "recentlyAdded").Str("title", "Recently Added");
    return Container(call, mc);
  }
  if (action != "all") return Html(404, "");
  int type = 0;
  if (call.params.count("type") && IsNumber(call.params.at("type"))) type = std::stoi(call.params.at("type"));
  std::vector<const Item*> items = impl_->library.SectionItems(id, type);
  if (call.params.count("title")) {
    const std::string needle = Lower(call.params.at("title"));
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const Item* i) { return Lower(i->title).find(needle) == std::string::npos; }),
                items.end());
  }
  // Plex's "greater than" filters: updatedAt>>=N, addedAt>>=N (the query key ends in ">>").
  for (const char* field : {"updatedAt", "addedAt"}) {
    auto f = call.params.find(std::string(field) + ">>");
    if (f == call.params.end() || !IsNumber(f->second)) continue;
    const int64_t bound = std::stoll(f->second);
    const bool updated = std::string(field) == "updatedAt";
    items.erase(std::remove_if(items.begin(), items.end(),
                               [&](const Item* i) { return (updated ? i->updated_at : i->added_at) <= bound; }),
                items.end());
  }
  // Paging: X-Plex-Container-Start/Size as headers or query parameters.
  auto paging = [&](const std::string& name, size_t fallback) -> size_t {
    const std::string lower = Lower(name);
    if (call.headers.count(lower) && IsNumber(call.headers.at(lower))) return std::stoul(call.headers.at(lower));
    if (call.params.count(name) && IsNumber(call.params.at(name))) return std::stoul(call.params.at(name));
    return fallback;
  };
  const size_t total = items.size();
  const size_t start = std::min(paging("X-Plex-Container-Start", 0), total);
  const size_t size = std::min(paging("X-Plex-Container-Size", total), total - start);
  mc.Int("size", static_cast<int64_t>(size)).Int("totalSize", static_cast<int64_t>(total))
      .Int("offset", static_cast<int64_t>(start)).Bool("allowSync", true)
      .Int("librarySectionID", IsNumber(s->key) ? std::stoll(s->key) : 0)
      .Str("librarySectionTitle", s->title).Str("viewGroup", s->type);
  const auto counts = impl_->library.AllCounts();
  for (size_t i = start; i < start + size; ++i) mc.Add(ItemElement(*items[i], &counts));
  Reply r = Container(call, mc);
  r.headers.emplace_back("X-Plex-Container-Total-Size", std::to_string(total));
  r.headers.emplace_back("X-Plex-Container-Start", std::to_string(start));
  return r;
}

Reply Router::MetadataRoutes(const Call& call) {
  // parts: library, metadata, {key}, [children|allLeaves|refresh]
  // GET /library/metadata/{k1,k2,...}: several items at once (Plex's {ids}); unknown keys are
  // left out, none known is 404.
  if (call.parts.size() == 3 && call.method == "GET" && call.parts[2].find(',') != std::string::npos) {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    std::vector<const Item*> list;
    std::stringstream keys(call.parts[2]);
    for (std::string k; std::getline(keys, k, ',');) {
      if (!IsNumber(k)) return Html(400, "");
      if (const Item* i = impl_->library.FindItem(std::stoll(k))) list.push_back(i);
    }
    if (list.empty()) return Html(404, "");
    Element mc("MediaContainer");
    mc.Int("size", static_cast<int64_t>(list.size())).Bool("allowSync", true);
    const auto counts = impl_->library.AllCounts();
    for (const Item* i : list) mc.Add(ItemElement(*i, &counts));
    return Container(call, mc);
  }
  if (!IsNumber(call.parts[2])) return Html(404, "");
  const int64_t key = std::stoll(call.parts[2]);
  const std::string action = call.parts.size() > 3 ? call.parts[3] : "";
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const Item* item = impl_->library.FindItem(key);
  if (!item) return Html(404, "");
  if (action == "refresh") {
    if (call.method != "PUT") return Html(404, "");
    impl_->QueueMetadataRefresh(key);
    return Html(200, "");
  }
  if (call.method != "GET") return Html(404, "");
  Element mc("MediaContainer");
  std::vector<const Item*> list;
  if (action.empty()) {
    list = {item};
  } else if (action == "children") {
    list = impl_->library.Children(key);
  } else if (action == "allLeaves") {
    list = impl_->library.Leaves(key);
  } else {
    return Html(404, "");
  }
  mc.Int("size", static_cast<int64_t>(list.size())).Bool("allowSync", true);
  const auto counts = impl_->library.AllCounts();
  for (const Item* i : list) mc.Add(ItemElement(*i, &counts));
  return Container(call, mc);
}

Reply Router::Activities(const Call& call) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  if (call.method == "DELETE") {
    if (call.parts.size() < 2) return Html(404, "");
    for (const Activity& a : impl_->activities) {
      if (a.uuid != call.parts[1]) continue;
      if (!a.cancellable) return Html(400, "");
      impl_->CancelActivity(a.uuid);
      return Html(200, "");
    }
    return Html(404, "");
  }
  Element mc("MediaContainer");
  mc.Int("size", static_cast<int64_t>(impl_->activities.size()));
  for (const Activity& a : impl_->activities) {
    Element& e = mc.Child("Activity");
    e.Str("uuid", a.uuid).Str("type", a.type).Bool("cancellable", a.cancellable).Int("userID", 1)
        .Str("title", a.title).Str("subtitle", a.subtitle).Int("progress", a.progress);
    e.Child("Context").JsonObject().Str("librarySectionID", a.section_key);
  }
  return Container(call, mc);
}

Reply Router::SessionsList(const Call& call) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  const std::vector<SessionInfo> listed = impl_->ListedSessions();
  Element mc("MediaContainer");
  mc.Int("size", static_cast<int64_t>(listed.size()));
  for (const SessionInfo& s : listed) {
    const Item* item = impl_->library.FindItem(std::stoll(s.rating_key));
    Element e = item ? ItemElement(*item) : Element("Video");
    e.JsonName("Metadata");
    e.Str("sessionKey", s.session_key).Int("viewOffset", s.view_offset_ms);
    if (item) e.Str("librarySectionID", item->section_key);  // a string in sessions
    e.Child("User").JsonObject().Str("id", "1").Str("title", s.user);
    e.Child("Player").JsonObject().Str("address", "10.0.0.5").Str("machineIdentifier", s.player_id)
        .Str("product", "Plex for Windows").Str("state", s.listed_state).Str("title", s.player).Bool("local", true);
    e.Child("Session").JsonObject().Str("id", "session-" + s.session_key).Int("bandwidth", 1050).Str("location", "lan");
    mc.Add(std::move(e));
  }
  return Container(call, mc);
}

Reply Router::Route(const Call& call) {
  const auto& p = call.parts;
  if (call.path == "/identity") return Identity(call);
  if (call.path == "/") return Root(call);
  if (p.size() == 2 && p[0] == "library" && p[1] == "sections" && call.method == "GET") return Sections(call);
  if (p.size() >= 3 && p[0] == "library" && p[1] == "sections") return SectionRoutes(call);
  if (p.size() >= 3 && p[0] == "library" && p[1] == "metadata") return MetadataRoutes(call);
  if (!p.empty() && p[0] == "activities") return Activities(call);
  if (p.size() == 2 && p[0] == "status" && p[1] == "sessions") return SessionsList(call);
  return Html(404, "<html><head><title>Not Found</title></head><body><h1>404 Not Found</h1></body></html>");
}

// --- the control API (not part of Plex; not recorded) ---

FaultKind ParseFaultKind(const std::string& s) {
  static const std::map<std::string, FaultKind> kinds = {
      {"latency", FaultKind::kLatency}, {"http_status", FaultKind::kHttpStatus},
      {"connection_reset", FaultKind::kConnectionReset}, {"truncated_body", FaultKind::kTruncatedBody},
      {"xml_for_json", FaultKind::kXmlForJson}, {"not_plex", FaultKind::kNotPlex}, {"stall", FaultKind::kStall},
      {"oversized_body", FaultKind::kOversizedBody}};
  auto it = kinds.find(s);
  if (it == kinds.end()) throw std::invalid_argument("kind: unknown fault \"" + s + "\"");
  return it->second;
}

Reply Router::Control(const Call& call) {
  using Poco::JSON::Object;
  const std::string what = call.parts.size() > 1 ? call.parts[1] : "";
  Object::Ptr body;
  if (!call.body.empty()) {
    try {
      body = Poco::JSON::Parser().parse(call.body).extract<Object::Ptr>();
    } catch (const std::exception& e) {
      return Json(400, fmt::format(R"({{"error":"body is not a JSON object: {}"}})", JsonEscape(e.what())));
    }
  }
  try {
    if (what == "files" && call.method == "POST" && body) {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      for (const char* key : {"add", "remove"}) {
        Poco::JSON::Array::Ptr list = body->getArray(key);
        for (size_t i = 0; list && i < list->size(); ++i) {
          const std::string path = list->getElement<std::string>(static_cast<unsigned>(i));
          if (std::string(key) == "add") impl_->library.AddFile(path);
          else impl_->library.RemovePath(path);
        }
      }
      return Json(200, R"({"ok":true})");
    }
    if (what == "requests") {
      if (call.method == "DELETE") {
        impl_->requests.Clear();
        return Json(200, R"({"ok":true})");
      }
      const std::vector<RecordedRequest> requests = impl_->requests.All();
      std::string out = "[";
      for (size_t i = 0; i < requests.size(); ++i) {
        const RecordedRequest& r = requests[i];
        // "token": whether the request carried one (header or query), never its value.
        const bool token = r.headers.count("x-plex-token") || r.params.count("X-Plex-Token");
        out += fmt::format(R"({}{{"method":"{}","path":"{}","query":"{}","status":{},"token":"{}"}})",
                           i ? "," : "", r.method, JsonEscape(r.path), JsonEscape(RedactTokens(r.query)),
                           r.status, token ? "<redacted>" : "");
      }
      return Json(200, out + "]");
    }
    if (what == "scans") {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      std::string out = "[";
      for (size_t i = 0; i < impl_->scans.size(); ++i) {
        const ScanRecord& s = impl_->scans[i];
        out += fmt::format(R"({}{{"section":"{}","path":"{}","started":{},"ended":{},"cancelled":{}}})",
                           i ? "," : "", s.section_key, JsonEscape(s.path), s.started.has_value(),
                           s.ended.has_value(), s.cancelled);
      }
      return Json(200, out + "]");
    }
    if (what == "items") {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      const std::string section = call.params.count("section") ? call.params.at("section") : "";
      std::string out = "[";
      bool first = true;
      for (const Section& s : impl_->library.sections()) {
        if (!section.empty() && s.key != section) continue;
        for (const Item* item : impl_->library.SectionItems(s.key)) {
          out += fmt::format(R"({}{{"section":"{}","ratingKey":"{}","title":"{}","year":{},"deleted":{}}})",
                             first ? "" : ",", s.key, item->rating_key, JsonEscape(item->title),
                             item->year, item->deleted);
          first = false;
        }
      }
      return Json(200, out + "]");
    }
    if (what == "faults") {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      if (call.method == "DELETE") {
        impl_->faults.clear();
        ++impl_->fault_generation;
        impl_->stall_cv.notify_all();
        return Json(200, R"({"ok":true})");
      }
      if (!body) return Json(400, R"({"error":"expected a JSON body {kind, method, path_prefix, http_status, latency_ms, times, body_bytes, chunked}"})");
      FaultRule rule;
      rule.kind = ParseFaultKind(body->optValue<std::string>("kind", ""));
      rule.method = body->optValue<std::string>("method", "");
      rule.path_prefix = body->optValue<std::string>("path_prefix", "");
      rule.http_status = body->optValue<int>("http_status", 503);
      rule.latency_ms = body->optValue<int>("latency_ms", 0);
      rule.times = body->optValue<int>("times", -1);
      rule.body_bytes = body->optValue<Poco::Int64>("body_bytes", 0);
      rule.chunked = body->optValue<bool>("chunked", false);
      impl_->faults.push_back(rule);
      return Json(200, R"({"ok":true})");
    }
    if (what == "sessions" && call.method == "POST" && body) {
      const std::string action = body->optValue<std::string>("action", "");
      if (action == "start") {
        const std::string key = impl_->StartPlayback(body->optValue<std::string>("rating_key", ""),
                                                     body->optValue<std::string>("user", "someone"),
                                                     body->optValue<std::string>("player", "Living Room TV"),
                                                     body->optValue<std::string>("player_id", ""));
        return Json(200, fmt::format(R"({{"session_key":"{}"}})", key));
      }
      static const std::map<std::string, std::string> states = {
          {"pause", "paused"}, {"resume", "playing"}, {"stop", "stopped"}};
      const std::string session = body->optValue<std::string>("session_key", "");
      bool ok;
      if (action == "abandon") {
        ok = impl_->AbandonPlayback(session);
      } else if (states.count(action)) {
        ok = impl_->SetPlaybackState(session, states.at(action));
      } else {
        return Json(400, R"({"error":"action: expected start, pause, resume, stop or abandon"})");
      }
      return Json(ok ? 200 : 404, ok ? R"({"ok":true})" : R"J({"error":"no such live session (or already in that state)"})J");
    }
    if (what == "webhooks" && call.method == "POST" && body) {
      const bool sent = impl_->SendWebhook(body->optValue<std::string>("event", ""),
                                           body->optValue<std::string>("rating_key", ""),
                                           body->optValue<std::string>("user", ""),
                                           body->optValue<std::string>("player", ""));
      return Json(sent ? 200 : 502, sent ? R"({"ok":true})" : R"J({"error":"not sent: no --webhook-url, an unknown event or item, or the receiver failed"})J");
    }
    if (what == "settings" && call.method == "POST" && body) {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      impl_->options.scan_start_delay_ms = body->optValue<int>("scan_start_delay_ms", impl_->options.scan_start_delay_ms);
      impl_->options.scan_ms_per_folder = body->optValue<int>("scan_ms_per_folder", impl_->options.scan_ms_per_folder);
      impl_->websocket_enabled = body->optValue<bool>("websocket_enabled", impl_->websocket_enabled);
      impl_->options.playback_report_ms = body->optValue<int>("playback_report_ms", impl_->options.playback_report_ms);
      impl_->ticker_cv.notify_all();
      return Json(200, R"({"ok":true})");
    }
  } catch (const std::exception& e) {
    return Json(400, fmt::format(R"({{"error":"{}"}})", JsonEscape(e.what())));
  }
  return Json(404, R"({"error":"unknown control endpoint; see tests/pms_emulator/README.md"})");
}

void Router::Write(Poco::Net::HTTPServerResponse& response, const Reply& reply, bool truncate,
                   Poco::Net::HTTPServerRequest& request) {
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(reply.status));
  response.setContentType(reply.content_type);
  response.set("X-Plex-Protocol", "1.0");
  for (const auto& [k, v] : reply.headers) response.set(k, v);
  response.setContentLength(static_cast<std::streamsize>(reply.body.size()));
  if (!truncate) {
    response.sendBuffer(reply.body.data(), reply.body.size());
    return;
  }
  std::ostream& out = response.send();
  out.write(reply.body.data(), static_cast<std::streamsize>(reply.body.size() / 2));
  out.flush();
  auto& socket = static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket();
  socket.shutdown();  // the peer sees end of stream before Content-Length bytes
}

void Router::WriteOversized(Poco::Net::HTTPServerResponse& response, const FaultRule& fault) {
  response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentType("application/json");
  if (fault.chunked) {
    response.setChunkedTransferEncoding(true);
  } else {
    response.setContentLength64(fault.body_bytes);
  }
  const std::string filler(64 * 1024, ' ');
  try {
    std::ostream& out = response.send();
    for (int64_t left = fault.body_bytes; left > 0 && out && impl_->running.load();) {
      const auto n = static_cast<std::streamsize>(std::min<int64_t>(left, static_cast<int64_t>(filler.size())));
      out.write(filler.data(), n);
      left -= n;
      if (fault.latency_ms > 0) {
        out.flush();
        std::this_thread::sleep_for(std::chrono::milliseconds(fault.latency_ms));
      }
    }
    out.flush();
  } catch (const std::exception&) {
    // the peer stopped reading, as a client with a size limit does
  }
}

void Router::handleRequest(Poco::Net::HTTPServerRequest& request,
                           Poco::Net::HTTPServerResponse& response) {
  Call call;
  call.method = request.getMethod();
  Poco::URI uri(request.getURI());
  call.path = uri.getPath();
  while (call.path.size() > 1 && call.path.back() == '/') call.path.pop_back();  // trailing slash ok
  if (call.path.empty()) call.path = "/";
  call.parts = Split(call.path);
  for (const auto& [k, v] : uri.getQueryParameters()) call.params[k] = v;
  for (const auto& [k, v] : request) call.headers[Lower(k)] = v;
  call.token = call.headers.count("x-plex-token") ? call.headers["x-plex-token"]
               : call.params.count("X-Plex-Token") ? call.params["X-Plex-Token"] : "";
  call.json = call.headers.count("accept") && call.headers["accept"].find("application/json") != std::string::npos;
  bool revoked = false;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    const std::vector<std::string>& r = impl_->revoked_tokens;
    revoked = std::find(r.begin(), r.end(), call.token) != r.end();
  }
  const bool admin = !revoked && !call.token.empty() && call.token == impl_->options.admin_token;
  const bool managed = !revoked && !admin && !call.token.empty() &&
                       std::find(impl_->options.managed_tokens.begin(), impl_->options.managed_tokens.end(),
                                 call.token) != impl_->options.managed_tokens.end();

  if (!call.parts.empty() && call.parts[0] == "__emulator") {
    if (call.method == "POST" || call.method == "PUT") Poco::StreamCopier::copyToString(request.stream(), call.body);
    const Reply reply = admin ? Control(call) : Html(401, kUnauthorizedBody);
    Write(response, reply, false, request);
    return;
  }

  RecordedRequest record;
  record.method = call.method;
  record.path = call.path;
  record.query = uri.getRawQuery();
  record.params = call.params;
  record.headers = call.headers;
  record.time = Clock::now();

  // Faults: the first matching rule applies (and is used up when it has a count).
  std::optional<FaultRule> fault;
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    for (auto it = impl_->faults.begin(); it != impl_->faults.end(); ++it) {
      if (!it->method.empty() && it->method != call.method) continue;
      if (!it->path_prefix.empty() && call.path.rfind(it->path_prefix, 0) != 0) continue;
      fault = *it;
      if (it->times > 0 && --it->times == 0) impl_->faults.erase(it);
      break;
    }
  }
  auto finish = [&](int status) {
    record.status = status;
    impl_->requests.Add(record);
  };
  bool truncate = false;
  if (fault) {
    switch (fault->kind) {
      case FaultKind::kLatency:
        std::this_thread::sleep_for(std::chrono::milliseconds(fault->latency_ms));
        break;
      case FaultKind::kHttpStatus:
        finish(fault->http_status);
        Write(response, Html(fault->http_status, fmt::format("<html><head><title>{0}</title></head><body><h1>{0}</h1></body></html>", fault->http_status)), false, request);
        return;
      case FaultKind::kConnectionReset: {
        finish(0);
        // Answer nothing and let Poco close the connection on its own thread (closing it here
        // races with Poco's reference to the socket); with linger 0 the close sends RST.
        static_cast<Poco::Net::HTTPServerRequestImpl&>(request).socket().setLinger(true, 0);
        response.setKeepAlive(false);
        return;
      }
      case FaultKind::kTruncatedBody:
        truncate = true;
        break;
      case FaultKind::kXmlForJson:
        call.json = false;
        break;
      case FaultKind::kNotPlex: {
        finish(200);
        Reply r = Html(200, kNginxBody);
        r.headers.emplace_back("Server", "nginx/1.22.1");
        Write(response, r, false, request);
        return;
      }
      case FaultKind::kOversizedBody:
        finish(200);
        WriteOversized(response, *fault);
        return;
      case FaultKind::kStall: {
        std::unique_lock<std::mutex> lock(impl_->mutex);
        const uint64_t generation = impl_->fault_generation;
        impl_->stall_cv.wait(lock, [&] { return impl_->stopping || impl_->fault_generation != generation; });
        if (impl_->stopping) return;
        break;
      }
    }
  }

  // The notification websocket.
  if (call.path == "/:/websockets/notifications" || call.path == "/:/websocket/notifications") {
    bool enabled;
    {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      enabled = impl_->websocket_enabled;
    }
    if (!enabled) {
      finish(404);
      Write(response, Html(404, ""), false, request);
      return;
    }
    if (!admin && !managed) {
      finish(401);
      Write(response, Html(401, kUnauthorizedBody), false, request);
      return;
    }
    try {
      Poco::Net::WebSocket ws(request, response);
      finish(101);
      impl_->hub.Serve(ws);
    } catch (const std::exception&) {
      finish(400);
      if (!response.sent()) Write(response, Html(400, ""), false, request);
    }
    return;
  }

  Reply reply;
  if (call.path != "/identity" && !admin && !managed) {
    reply = Html(401, kUnauthorizedBody);  // HTML even when JSON was asked for
  } else if (managed && (call.path.rfind("/library", 0) == 0 || call.path.rfind("/status", 0) == 0 ||
                         call.path.rfind("/activities", 0) == 0)) {
    reply = Html(403, "<html><head><title>Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>");
  } else {
    reply = Route(call);
  }
  finish(reply.status);
  Write(response, reply, truncate, request);
}

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(Emulator::Impl* impl) : impl_(impl) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Router(impl_);
  }

 private:
  Emulator::Impl* impl_;
};

}  // namespace

Poco::Net::HTTPRequestHandlerFactory* NewRouterFactory(Emulator::Impl* impl) { return new Factory(impl); }

}  // namespace pms_emulator
