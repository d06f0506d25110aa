#include "report_printer.h"

#include <algorithm>
#include <cstdlib>
#include <map>

#include <fmt/format.h>

#include "cli_options.h"
#include "json_document.h"

namespace host_stub {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string Join(const Array::Ptr& a, const char* sep = ", ") {
  std::string out;
  for (size_t i = 0; a && i < a->size(); ++i) {
    if (i) out += sep;
    out += a->get(static_cast<unsigned>(i)).convert<std::string>();
  }
  return out;
}

std::string Invalid(const std::string& json) {
  return "(the driver returned a document that is not JSON)\n" + json + "\n";
}

}  // namespace

std::string RenderCapabilities(const std::string& json) {
  Object::Ptr doc = ParseObject(json);
  if (!doc) return Invalid(json);
  std::string out = fmt::format("driver   {} {}\n", Str(doc, "driver_id"), Str(doc, "driver_version"));
  if (Object::Ptr abi = doc->getObject("abi")) {
    out += fmt::format("abi      {}.{}\n", Str(abi, "major"), Str(abi, "minor"));
  }
  if (Object::Ptr ops = doc->getObject("operations")) {
    std::string list;
    for (const auto& [name, value] : *ops) {
      list += fmt::format("{}{}={}", list.empty() ? "" : "  ", name, value.convert<bool>() ? "yes" : "no");
    }
    out += "calls    " + list + "\n";
  }
  if (Object::Ptr sync = doc->getObject("sync")) {
    out += fmt::format("sync     partial scans: {}, waits for completion: {} ({}), kinds: {}\n",
                       Flag(sync, "partial_scan") ? "yes" : "no",
                       Flag(sync, "wait_for_completion") ? "yes" : "no",
                       Join(sync->getArray("completion_via")), Join(sync->getArray("change_kinds")));
    out += fmt::format("         queued mode: {}, storage safety gate: {}, item refresh: {}, playback aware: {}\n",
                       Flag(sync, "queued_mode") ? "yes" : "no",
                       Flag(sync, "storage_safety_gate") ? "yes" : "no",
                       Flag(sync, "item_refresh") ? "yes" : "no",
                       Flag(sync, "playback_aware") ? "yes" : "no");
    if (Array::Ptr policies = sync->getArray("skip_active")) {
      out += fmt::format("         skip while someone watches (skip_active): {}\n", Join(policies));
    }
  }
  if (Object::Ptr events = doc->getObject("events")) {
    out += fmt::format("events   live events to the host: {} (via {}); {} types\n",
                       Flag(events, "host_callback") ? "yes" : "no", Join(events->getArray("sources")),
                       events->getArray("types") ? events->getArray("types")->size() : 0);
  }
  if (Object::Ptr account = doc->getObject("account")) {
    out += fmt::format("account  {}: PIN and password sign-in, servers, connection choice (host_stub "
                       "login / servers)\n", Str(account, "interface"));
  }
  if (doc->has("server") && !doc->isNull("server")) {
    Object::Ptr server = doc->getObject("server");
    if (server && server->has("error")) {
      Object::Ptr e = server->getObject("error");
      out += fmt::format("server   unreachable: {} ({})\n", Str(e, "message"), Str(e, "status"));
    } else if (server) {
      out += fmt::format("server   {} — Plex Media Server {} ({}); partial scans {}\n", Str(server, "name"),
                         Str(server, "version"), Str(server, "machine_identifier"),
                         Flag(server, "partial_scan_supported") ? "supported" : "NOT supported");
    }
  } else {
    out += "server   (no --config: driver capabilities only)\n";
  }
  return out;
}

std::string RenderTestConnection(const std::string& json) {
  Object::Ptr doc = ParseObject(json);
  if (!doc) return Invalid(json);
  std::string out;
  const bool ok = Flag(doc, "ok");
  out += fmt::format("{}  {}  ({} ms)\n", ok ? "OK    " : "FAILED", Str(doc, "url"), Str(doc, "elapsed_ms"));
  if (Array::Ptr steps = doc->getArray("steps")) {
    for (size_t i = 0; i < steps->size(); ++i) {
      Object::Ptr s = steps->getObject(static_cast<unsigned>(i));
      out += fmt::format("  {} {:<9} {} ms\n", Flag(s, "ok") ? "✓" : "✗", Str(s, "name"), Str(s, "elapsed_ms"));
    }
  }
  if (doc->has("server") && !doc->isNull("server")) {
    Object::Ptr server = doc->getObject("server");
    out += fmt::format("server     {} on {}, Plex Media Server {}\n", Str(server, "name"),
                       Str(server, "platform"), Str(server, "version"));
    out += fmt::format("           machine {}, claimed: {}, Plex Pass: {}\n", Str(server, "machine_identifier"),
                       Flag(server, "claimed") ? "yes" : "no", Flag(server, "plex_pass") ? "yes" : "no");
    out += fmt::format("           partial (folder) scans: {}\n",
                       Flag(server, "partial_scan_supported") ? "supported" : "NOT supported (needs 1.20.0.3125+)");
  }
  if (Array::Ptr sections = doc->getArray("sections"); sections && sections->size()) {
    out += "libraries\n";
    for (size_t i = 0; i < sections->size(); ++i) {
      Object::Ptr s = sections->getObject(static_cast<unsigned>(i));
      out += fmt::format("  [{}] {} ({}): {}\n", Str(s, "key"), Str(s, "title"), Str(s, "type"),
                         Join(s->getArray("locations")));
      if (Object::Ptr artwork = s->getObject("local_artwork")) {
        static const std::map<std::string, std::string> kMeaning = {
            {"read", "reads your artwork"}, {"ignored", "IGNORES your artwork"},
            {"unknown", "may not read your artwork"}, {"not_applicable", "no local artwork"}};
        const std::string state = Str(artwork, "state");
        auto meaning = kMeaning.find(state);
        out += fmt::format("      {} agent: {}\n", Str(artwork, "agent"),
                           meaning == kMeaning.end() ? state : meaning->second);
      }
      if (Object::Ptr provider = s->getObject("metadata_provider")) {
        static const std::map<std::string, std::string> kUse = {
            {"used", "uses this driver's metadata provider"},
            {"used_after_other", "uses this driver's metadata provider AFTER another one"},
            {"not_registered", "names this driver's metadata provider, which Plex no longer lists"},
            {"other_agent", "does not use this driver's metadata provider"},
            {"server_too_old", "no metadata provider (server older than 1.43.0)"}};
        auto use = kUse.find(Str(provider, "state"));
        if (use != kUse.end()) out += fmt::format("      agent {}: {}\n", Str(s, "agent"), use->second);
      }
    }
  }
  if (Array::Ptr mappings = doc->getArray("mappings"); mappings && mappings->size()) {
    out += "path mappings\n";
    for (size_t i = 0; i < mappings->size(); ++i) {
      Object::Ptr m = mappings->getObject(static_cast<unsigned>(i));
      const std::string reached = Join(m->getArray("sections"));
      out += fmt::format("  {} -> {}: {}\n", Str(m, "metarr_path"), Str(m, "player_path"),
                         reached.empty() ? "reaches NO library" : "libraries " + reached);
    }
  }
  if (Array::Ptr unmapped = doc->getArray("unmapped_locations"); unmapped && unmapped->size()) {
    out += "library folders no mapping reaches: " + Join(unmapped) + "\n";
  }
  if (Array::Ptr warnings = doc->getArray("warnings")) {
    for (size_t i = 0; i < warnings->size(); ++i) {
      out += "warning: " + warnings->get(static_cast<unsigned>(i)).convert<std::string>() + "\n";
    }
  }
  if (doc->has("error") && !doc->isNull("error")) {
    Object::Ptr e = doc->getObject("error");
    out += fmt::format("error ({}{}): {}\n", Str(e, "status"),
                       Str(e, "http_status", "0") != "0" ? ", HTTP " + Str(e, "http_status") : "",
                       Str(e, "message"));
  }
  return out;
}

std::string RenderSyncResult(const std::string& json) {
  Object::Ptr doc = ParseObject(json);
  if (!doc) return Invalid(json);
  std::string out;
  Array::Ptr changes = doc->getArray("changes");
  out += fmt::format("{:<10} {:<7} {:<8} {:>8}  {}\n", "STATUS", "KIND", "LIBRARY", "ELAPSED", "PATH");
  for (size_t i = 0; changes && i < changes->size(); ++i) {
    Object::Ptr c = changes->getObject(static_cast<unsigned>(i));
    std::string sections;
    if (Array::Ptr s = c->getArray("sections")) {
      for (size_t k = 0; k < s->size(); ++k) {
        sections += (k ? "," : "") + Str(s->getObject(static_cast<unsigned>(k)), "key");
      }
    }
    out += fmt::format("{:<10} {:<7} {:<8} {:>6}ms  {}\n", Str(c, "status"), Str(c, "kind"),
                       sections.empty() ? "-" : sections, Str(c, "elapsed_ms", "0"), Str(c, "path"));
    const std::string server_path = Str(c, "server_path", "");
    if (!server_path.empty() && server_path != Str(c, "path")) out += "           as Plex sees it: " + server_path + "\n";
    if (c->has("item") && !c->isNull("item")) {
      Object::Ptr item = c->getObject("item");
      const std::string action = Str(item, "action", "");
      out += fmt::format("           item {} {} \"{}\"{}\n", Str(item, "rating_key"), Str(item, "type"),
                         Str(item, "title"), action.empty() ? "" : ": " + action);
      if (action == "refreshed") {
        out += fmt::format("           thumb {} -> {}\n", Str(item, "thumb_before"), Str(item, "thumb_after"));
      }
    }
    if (Array::Ptr pushes = c->getArray("artwork")) {
      for (size_t k = 0; k < pushes->size(); ++k) {
        Object::Ptr a = pushes->getObject(static_cast<unsigned>(k));
        const std::string why = Str(a, "message", "");
        out += fmt::format("           {} of {} <- {}: {} ({} bytes){}\n", Str(a, "target"), Str(a, "rating_key"),
                           Str(a, "file"), Str(a, "action"), Str(a, "bytes", "0"), why.empty() ? "" : ", " + why);
      }
    }
    if (const std::string nfo = Str(c, "nfo", ""); !nfo.empty()) out += "           fields from " + nfo + "\n";
    if (Array::Ptr fields = c->getArray("fields")) {
      for (size_t k = 0; k < fields->size(); ++k) {
        Object::Ptr f = fields->getObject(static_cast<unsigned>(k));
        out += fmt::format("           {:<14} \"{}\" -> \"{}\" ({})\n", Str(f, "name"), Str(f, "before"), Str(f, "after"),
                           Str(f, "action"));
      }
    }
    const std::string message = Str(c, "message", "");
    if (!message.empty()) out += "           " + message + "\n";
    if (Array::Ptr advice = c->getArray("advice")) {
      for (size_t k = 0; k < advice->size(); ++k) {
        out += "           note: " + advice->get(static_cast<unsigned>(k)).convert<std::string>() + "\n";
      }
    }
  }
  if (Array::Ptr scans = doc->getArray("scans"); scans && scans->size()) {
    out += "scans\n";
    for (size_t i = 0; i < scans->size(); ++i) {
      Object::Ptr s = scans->getObject(static_cast<unsigned>(i));
      const std::string via = Str(s, "observed_via", "");
      out += fmt::format("  {:<10} [{}] {}  {}{}\n", Str(s, "status"), Str(s, "section"),
                         Flag(s, "full_section") ? "(whole library)" : Str(s, "path"),
                         Str(s, "elapsed_ms", "0") + " ms", via.empty() ? "" : ", seen via " + via);
    }
  }
  if (Array::Ptr trash = doc->getArray("trash"); trash && trash->size()) {
    out += "trash\n";
    for (size_t i = 0; i < trash->size(); ++i) {
      Object::Ptr t = trash->getObject(static_cast<unsigned>(i));
      out += fmt::format("  [{}] {}: {} item(s), {}\n", Str(t, "section"), Str(t, "section_title"), Str(t, "items"),
                         Flag(t, "emptied") ? "emptied" : "NOT emptied");
    }
  }
  if (Array::Ptr warnings = doc->getArray("warnings")) {
    for (size_t k = 0; k < warnings->size(); ++k) {
      out += "warning: " + warnings->get(static_cast<unsigned>(k)).convert<std::string>() + "\n";
    }
  }
  out += fmt::format("overall: {}, {} HTTP requests, {} ms{}\n", Str(doc, "status"), Str(doc, "http_requests"),
                     Str(doc, "elapsed_ms"), Flag(doc, "dry_run") ? " (dry run: nothing scanned)" : "");
  return out;
}

std::string RenderFindResult(const std::string& json) {
  Object::Ptr doc = ParseObject(json);
  if (!doc) return Invalid(json);
  std::string out = fmt::format("path           {}\nas Plex sees it {}\n", Str(doc, "path"), Str(doc, "server_path"));
  if (Array::Ptr libs = doc->getArray("libraries")) {
    for (size_t i = 0; i < libs->size(); ++i) {
      Object::Ptr l = libs->getObject(static_cast<unsigned>(i));
      out += fmt::format("library        [{}] {} ({})\n", Str(l, "key"), Str(l, "title"), Str(l, "location"));
    }
  }
  if (Array::Ptr items = doc->getArray("items")) {
    for (size_t i = 0; i < items->size(); ++i) {
      Object::Ptr it = items->getObject(static_cast<unsigned>(i));
      out += fmt::format("item           {} {} \"{}\"{} in library {}{}\n", Str(it, "rating_key"), Str(it, "type"),
                         Str(it, "title"), Str(it, "year", "0") == "0" ? "" : " (" + Str(it, "year") + ")",
                         Str(it, "section"), Flag(it, "in_trash") ? " [in trash]" : "");
      if (Array::Ptr locked = it->getArray("locked_fields")) {
        out += "  locked       " + (locked->size() ? Join(locked) : std::string("nothing (Plex's agents may change every field)")) + "\n";
      }
    }
  }
  const std::string message = Str(doc, "message", "");
  if (!message.empty()) out += message + "\n";
  return out;
}

int SyncExitCode(const std::string& json) {
  Object::Ptr doc = ParseObject(json);
  if (!doc) return kExitFailed;
  int worst = kExitOk;
  Array::Ptr changes = doc->getArray("changes");
  for (size_t i = 0; changes && i < changes->size(); ++i) {
    worst = std::max(worst, ChangeStatusExitCode(Str(changes->getObject(static_cast<unsigned>(i)), "status")));
  }
  return worst;
}

int ChangeStatusExitCode(const std::string& status) {
  if (status == "completed" || status == "queued" || status == "skipped") return kExitOk;
  if (status == "deferred") return kExitSyncDeferred;
  if (status == "timed_out") return kExitSyncTimedOut;
  if (status == "cancelled") return kExitSyncCancelled;
  return kExitSyncFailed;
}

namespace {

// "0.8 s" from o[key] in milliseconds.
std::string SecondsOf(const Object::Ptr& o, const std::string& key) {
  return fmt::format("{:.1f} s", std::strtod(Str(o, key, "0").c_str(), nullptr) / 1000);
}

// "scan 0.8 s via websocket", "scan timed_out after 600.0 s", "2 scans, longest 1.2 s via
// websocket": how the scans covering a queued change went; "" without scans.
std::string DescribeScans(const Array::Ptr& scans) {
  if (!scans || scans->size() == 0) return "";
  if (scans->size() == 1) {
    Object::Ptr s = scans->getObject(0);
    const std::string status = Str(s, "status");
    const std::string via = Str(s, "observed_via", "");
    if (status != "completed") return fmt::format("scan {} after {}", status, SecondsOf(s, "elapsed_ms"));
    return "scan " + SecondsOf(s, "elapsed_ms") + (via.empty() ? "" : " via " + via);
  }
  double longest = 0;
  size_t unfinished = 0;
  std::string via;
  for (size_t i = 0; i < scans->size(); ++i) {
    Object::Ptr s = scans->getObject(static_cast<unsigned>(i));
    longest = std::max(longest, std::strtod(Str(s, "elapsed_ms", "0").c_str(), nullptr));
    if (Str(s, "status") != "completed") ++unfinished;
    const std::string v = Str(s, "observed_via", "");
    via = i == 0 ? v : (via == v ? via : "");
  }
  std::string text = fmt::format("{} scans, longest {:.1f} s", scans->size(), longest / 1000);
  if (!via.empty()) text += " via " + via;
  if (unfinished) text += fmt::format(", {} not completed", unfinished);
  return text;
}

}  // namespace

std::string RenderQueueEvent(const std::string& json) {
  Object::Ptr doc = ParseObject(json);
  if (!doc) return Invalid(json);
  const std::string type = Str(doc, "type");
  const char* const kIndent = "             ";  // under the path, past the status column
  if (type == "queue.recovered") {
    Object::Ptr q = doc->getObject("queue");
    std::string out = fmt::format("  {:<10} {} unfinished queued change(s) from an earlier run{}\n", "recovered",
                                  Str(q, "resumed", "0"), Flag(q, "damaged") ? "; the journal was DAMAGED" : "");
    if (const std::string message = Str(q, "message", ""); !message.empty()) out += kIndent + message + "\n";
    return out;
  }
  if (type != "sync.change") return RenderEvent(json);
  Object::Ptr c = doc->getObject("change");
  const std::string status = Str(c, "status");
  const std::string attempts = Str(doc, "attempts", "?");
  std::string details = fmt::format("id \"{}\", ", Str(c, "id"));
  details += attempts == "0" ? "never ran" : fmt::format("{} attempt{}", attempts, attempts == "1" ? "" : "s");
  if (Flag(doc, "resumed")) details += ", resumed after a restart";
  if (const std::string scans = DescribeScans(doc->getArray("scans")); !scans.empty()) {
    details += ", " + scans;
  } else if (Str(c, "elapsed_ms", "0") != "0") {
    details += ", in " + SecondsOf(c, "elapsed_ms");
  }
  std::string out = fmt::format("  {:<10} {:<7} {}  ({})\n", status, Str(c, "kind"), Str(c, "path"), details);
  if (c && c->has("item") && !c->isNull("item")) {
    Object::Ptr item = c->getObject("item");
    const std::string action = Str(item, "action", "");
    out += fmt::format("{}item {} {} \"{}\"{}\n", kIndent, Str(item, "rating_key"), Str(item, "type"),
                       Str(item, "title"), action.empty() ? "" : ": " + action);
  }
  if (const std::string message = Str(c, "message", ""); status != "completed" && !message.empty()) {
    out += kIndent + message + "\n";
  }
  if (Array::Ptr advice = c ? c->getArray("advice") : nullptr) {
    for (size_t k = 0; k < advice->size(); ++k) {
      out += std::string(kIndent) + "note: " + advice->get(static_cast<unsigned>(k)).convert<std::string>() + "\n";
    }
  }
  return out;
}

namespace {

// "alice is playing "Heat" on TV (paused)" from a session object.
std::string DescribeSession(const Object::Ptr& s) {
  if (!s) return "";
  std::string text = fmt::format("{} · \"{}\"", Str(s, "user", "someone"), Str(s, "title", "item " + Str(s, "rating_key")));
  const std::string player = Str(s, "player", "");
  if (!player.empty()) text += " on " + player;
  text += " [" + Str(s, "state") + "]";
  const std::string key = Str(s, "session_key", "");
  if (!key.empty()) text += " session " + key;
  return text;
}

}  // namespace

std::string RenderEvent(const std::string& json) {
  Object::Ptr doc = ParseObject(json);
  if (!doc) return Invalid(json);
  const std::string type = Str(doc, "type");
  std::string detail;
  if (doc->has("session")) {
    detail = DescribeSession(doc->getObject("session"));
  } else if (doc->has("item")) {
    Object::Ptr item = doc->getObject("item");
    detail = fmt::format("{} {} \"{}\"", Str(item, "type", "item"), Str(item, "rating_key"), Str(item, "title", ""));
  } else if (doc->has("section")) {
    Object::Ptr section = doc->getObject("section");
    detail = fmt::format("library {} {}", Str(section, "id"), Str(section, "title", ""));
  }
  if (doc->has("reason")) detail += (detail.empty() ? "" : " ") + std::string("(") + Str(doc, "reason") + ")";
  if (doc->has("webhook")) {
    Object::Ptr w = doc->getObject("webhook");
    detail += " (webhook " + Str(w, "event");
    if (w->has("thumb")) detail += ", with a " + Str(w->getObject("thumb"), "bytes") + "-byte thumb";
    detail += ")";
  }
  Object::Ptr server = doc->getObject("server");
  return fmt::format("{:<20} {:<9} {}  [{}]\n", type, Str(doc, "source"), detail, Str(server, "name"));
}

std::string RenderSessions(const std::string& json) {
  Object::Ptr doc = ParseObject(json);
  if (!doc) return Invalid(json);
  std::string out;
  Array::Ptr sessions = doc->getArray("sessions");
  if (!sessions || sessions->size() == 0) {
    out += "nobody is playing anything\n";
  } else {
    out += fmt::format("{:<7} {:<8} {:<9} {:<12} {:<16} {}\n", "ACTIVE", "SESSION", "STATE", "USER", "PLAYER", "TITLE");
    for (size_t i = 0; i < sessions->size(); ++i) {
      Object::Ptr s = sessions->getObject(static_cast<unsigned>(i));
      out += fmt::format("{:<7} {:<8} {:<9} {:<12} {:<16} {}\n", Flag(s, "active") ? "yes" : "no",
                         Str(s, "session_key", "-"), Str(s, "state"), Str(s, "user", "-"), Str(s, "player", "-"),
                         Str(s, "title", "item " + Str(s, "rating_key")));
    }
  }
  Object::Ptr rules = doc->getObject("rules");
  out += fmt::format("{} active; skip_active {}, paused counts: {}, stale after {} s\n", Str(doc, "active_count"),
                     Str(rules, "skip_active"), Flag(rules, "paused_is_active") ? "yes" : "no",
                     Str(rules, "stale_session_seconds"));
  return out;
}

}  // namespace host_stub
