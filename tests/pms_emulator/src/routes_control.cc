// The control API under /__emulator/ (no real PMS has it; admin token only, never recorded):
// the file tree, items, the request log, scans, faults, scripted playback, webhooks and live
// settings, for tests and demos driving the emulator over HTTP. JSON in and out.
#include <sstream>
#include <stdexcept>

#include <Poco/Base64Decoder.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "emulator_support/text.h"
#include "router.h"

namespace pms_emulator {
namespace {

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

std::string DecodeBase64(const std::string& text, const std::string& path) {
  std::istringstream in(text);
  Poco::Base64Decoder decoder(in);
  std::string out;
  try {
    out.assign(std::istreambuf_iterator<char>(decoder), std::istreambuf_iterator<char>());
  } catch (const std::exception&) {
    throw std::invalid_argument("contents[\"" + path + "\"]: not base64");
  }
  return out;
}

// GET /__emulator/items/{ratingKey}: the ItemView and, per element, its candidates.
Poco::JSON::Object::Ptr ItemJson(Library& lib, const Item& item) {
  const ItemView v = lib.View(item);
  auto list = [](const std::vector<std::string>& values) {
    Poco::JSON::Array::Ptr a = new Poco::JSON::Array();
    for (const std::string& value : values) a->add(value);
    return a;
  };
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object();
  o->set("ratingKey", v.rating_key);
  o->set("type", v.type);
  o->set("title", v.title);
  o->set("year", v.year);
  o->set("section", v.section_key);
  o->set("parentRatingKey", v.parent_rating_key);
  o->set("thumb", v.thumb);
  o->set("art", v.art);
  o->set("banner", item.banner);
  o->set("updatedAt", v.updated_at);
  o->set("deleted", v.deleted);
  o->set("files", list(v.files));
  Poco::JSON::Object::Ptr fields = new Poco::JSON::Object();
  for (const auto& [name, value] : v.fields) fields->set(name, value);
  o->set("fields", fields);
  o->set("genres", list(v.genres));
  o->set("collections", list(v.collections));
  o->set("locked", list(v.locked));
  Poco::JSON::Object::Ptr images = new Poco::JSON::Object();
  for (const std::string& element : ImageElements()) {
    Poco::JSON::Array::Ptr candidates = new Poco::JSON::Array();
    for (const ImageCandidate& c : lib.Candidates(item.rating_key, element)) {
      Poco::JSON::Object::Ptr e = new Poco::JSON::Object();
      e->set("ratingKey", c.rating_key);
      e->set("source", c.source);
      e->set("provider", c.provider);
      e->set("selected", c.selected);
      e->set("sha256", c.sha256);
      e->set("bytes", static_cast<Poco::UInt64>(c.bytes));
      candidates->add(e);
    }
    images->set(element, candidates);
  }
  o->set("images", images);
  return o;
}

}  // namespace

Reply Router::Control(const Call& call) {
  using Poco::JSON::Object;
  const std::string what = call.part(1);
  if (what == "providers" || what == "sections") return ControlProviders(call);  // routes_providers.cc
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
      // "contents": {path: base64}: files added with these bytes (a real poster for a test).
      if (Object::Ptr contents = body->getObject("contents")) {
        for (const auto& [path, value] : *contents) {
          impl_->library.AddFile(path, DecodeBase64(value.convert<std::string>(), path));
        }
      }
      return Json(200, R"({"ok":true})");
    }
    if (what == "items" && !call.part(2).empty()) {
      std::lock_guard<std::mutex> lock(impl_->mutex);
      const Item* item = IsNumber(call.part(2)) ? impl_->library.FindItem(std::stoll(call.part(2))) : nullptr;
      if (!item) return Json(404, R"({"error":"no such item"})");
      return Json(200, emulator_support::ToJson(*ItemJson(impl_->library, *item)));
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

}  // namespace pms_emulator
