#include "sync/sync_result.h"

#include <algorithm>

#include "core/json_util.h"

namespace plexdriver {
namespace {

Poco::JSON::Array::Ptr ArtworkToJson(const std::vector<ArtworkPush>& pushes) {
  Poco::JSON::Array::Ptr out = new Poco::JSON::Array();
  for (const ArtworkPush& p : pushes) {
    Poco::JSON::Object::Ptr o = NewJsonObject();
    o->set("file", p.file);
    o->set("element", p.element);
    o->set("target", p.target);
    o->set("rating_key", p.rating_key);
    o->set("action", p.action);
    o->set("sha256", p.sha256);
    o->set("bytes", p.bytes);
    o->set("url_before", p.url_before);
    o->set("url_after", p.url_after);
    o->set("message", p.message);
    out->add(o);
  }
  return out;
}

Poco::JSON::Array::Ptr FieldsToJson(const std::vector<FieldChange>& fields) {
  Poco::JSON::Array::Ptr out = new Poco::JSON::Array();
  for (const FieldChange& f : fields) {
    Poco::JSON::Object::Ptr o = NewJsonObject();
    o->set("name", f.name);
    o->set("before", f.before);
    o->set("after", f.after);
    o->set("action", f.action);
    o->set("locked", f.locked);
    out->add(o);
  }
  return out;
}

}  // namespace

const char* ChangeStatusName(ChangeStatus status) {
  switch (status) {
    case ChangeStatus::kCompleted: return "completed";
    case ChangeStatus::kSkipped: return "skipped";
    case ChangeStatus::kQueued: return "queued";
    case ChangeStatus::kDeferred: return "deferred";
    case ChangeStatus::kTimedOut: return "timed_out";
    case ChangeStatus::kCancelled: return "cancelled";
    case ChangeStatus::kFailed: return "failed";
  }
  return "failed";
}

ChangeStatus SyncResult::Overall() const {
  ChangeStatus worst = ChangeStatus::kCompleted;
  for (const ChangeResult& c : changes) worst = std::max(worst, c.status);
  return worst;
}

Poco::JSON::Object::Ptr ChangeResultToJson(const ChangeResult& c) {
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  Object::Ptr o = NewJsonObject();
  if (!c.id.empty()) o->set("id", c.id);
  o->set("path", c.path);
  o->set("kind", ChangeKindName(c.kind));
  o->set("status", ChangeStatusName(c.status));
  o->set("message", c.message);
  o->set("server_path", c.server_path);
  Array::Ptr sections = new Array();
  for (const SectionRef& s : c.sections) {
    Object::Ptr so = NewJsonObject();
    so->set("key", s.key);
    so->set("title", s.title);
    sections->add(so);
  }
  o->set("sections", sections);
  Array::Ptr scanned = new Array();
  for (const ScanRef& r : c.scanned) {
    Object::Ptr ro = NewJsonObject();
    ro->set("section", r.section_key);
    ro->set("path", r.path);
    scanned->add(ro);
  }
  o->set("scanned", scanned);
  if (c.item) {
    Object::Ptr io = NewJsonObject();
    io->set("rating_key", c.item->rating_key);
    io->set("type", c.item->type);
    io->set("title", c.item->title);
    io->set("action", c.item->action);
    io->set("updated_at_before", c.item->updated_at_before);
    io->set("updated_at_after", c.item->updated_at_after);
    io->set("thumb_before", c.item->thumb_before);
    io->set("thumb_after", c.item->thumb_after);
    o->set("item", io);
  } else {
    o->set("item", Poco::Dynamic::Var());
  }
  o->set("advice", ToJsonArray(c.advice));
  if (c.blocked_by) o->set("blocked_by", SessionToJson(*c.blocked_by));
  if (!c.artwork.empty()) o->set("artwork", ArtworkToJson(c.artwork));
  if (!c.fields.empty() || !c.nfo.empty()) {
    o->set("nfo", c.nfo);
    o->set("fields", FieldsToJson(c.fields));
  }
  o->set("elapsed_ms", c.elapsed_ms);
  return o;
}

Poco::JSON::Object::Ptr ScanResultToJson(const ScanResult& s) {
  using Poco::JSON::Object;
  Object::Ptr o = NewJsonObject();
  o->set("section", s.section_key);
  o->set("section_title", s.section_title);
  o->set("path", s.path);
  o->set("full_section", s.full_section);
  o->set("status", ChangeStatusName(s.status));
  o->set("message", s.message);
  o->set("observed_via", s.observed_via);
  o->set("elapsed_ms", s.elapsed_ms);
  return o;
}

std::string SyncResultToJson(const SyncResult& result) {
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  Object::Ptr doc = NewJsonObject();
  doc->set("schema_version", 1);
  doc->set("status", ChangeStatusName(result.Overall()));
  doc->set("dry_run", result.dry_run);
  doc->set("waited", result.waited);
  doc->set("cancelled", result.cancelled);
  doc->set("elapsed_ms", result.elapsed_ms);
  doc->set("http_requests", result.http_requests);
  doc->set("skip_active", result.skip_active);
  doc->set("warnings", ToJsonArray(result.warnings));
  Array::Ptr changes = new Array();
  for (const ChangeResult& c : result.changes) changes->add(ChangeResultToJson(c));
  doc->set("changes", changes);
  Array::Ptr scans = new Array();
  for (const ScanResult& s : result.scans) scans->add(ScanResultToJson(s));
  doc->set("scans", scans);
  Array::Ptr trash = new Array();
  for (const TrashResult& t : result.trash) {
    Object::Ptr o = NewJsonObject();
    o->set("section", t.section_key);
    o->set("section_title", t.section_title);
    o->set("items", t.items);
    o->set("emptied", t.emptied);
    o->set("message", t.message);
    trash->add(o);
  }
  doc->set("trash", trash);
  return ToJson(doc);
}

}  // namespace plexdriver
