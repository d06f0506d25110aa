#include "sync/sync_request.h"

#include <cmath>
#include <unordered_map>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "core/utf8.h"

namespace plexdriver {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

Status Invalid(std::string_view key, std::string_view what) {
  return Status(PD_ERR_INVALID_ARGUMENT, fmt::format("{}: {}", key, what));
}

bool IsObject(const Var& v) { return v.type() == typeid(Object::Ptr); }

Status ReadOptionalString(const Object& o, const std::string& key, const std::string& at,
                          std::string* out) {
  if (!o.has(key) || o.get(key).isEmpty()) return Status::Ok();
  if (!o.get(key).isString()) return Invalid(at + "." + key, "expected a string");
  *out = o.get(key).extract<std::string>();
  return Status::Ok();
}

Status ReadOptionalBool(const Object& o, const std::string& key, bool* out) {
  if (!o.has(key) || o.get(key).isEmpty()) return Status::Ok();
  if (!o.get(key).isBoolean()) return Invalid("options." + key, "expected true or false");
  *out = o.get(key).convert<bool>();
  return Status::Ok();
}

Result<SyncChange> ReadChange(const Var& v, size_t index) {
  const std::string at = fmt::format("changes[{}]", index);
  if (!IsObject(v)) return Invalid(at, "expected an object {\"path\": ..., \"kind\": ...}");
  const Object& o = *v.extract<Object::Ptr>();
  SyncChange change;
  if (!o.has("path") || !o.get("path").isString()) {
    return Invalid(at + ".path", "required: the absolute path of the changed file or folder as "
                                 "the media manager sees it");
  }
  change.path = o.get("path").extract<std::string>();
  if (change.path.empty()) return Invalid(at + ".path", "must not be empty");
  if (change.path.size() > kMaxPathBytes) {
    return Invalid(at + ".path", fmt::format("longer than {} bytes", kMaxPathBytes));
  }
  if (change.path.find('\0') != std::string::npos) return Invalid(at + ".path", "contains NUL");
  const bool absolute = change.path[0] == '/' || change.path[0] == '\\' ||
                        (change.path.size() >= 2 && change.path[1] == ':');
  if (!absolute) {
    return Invalid(at + ".path", fmt::format("\"{}\" is relative; give an absolute path", change.path));
  }
  if (!o.has("kind") || !o.get("kind").isString()) {
    return Invalid(at + ".kind", "required: one of added, updated, removed");
  }
  const std::string kind = o.get("kind").extract<std::string>();
  if (!ParseChangeKind(kind, &change.kind)) {
    return Invalid(at + ".kind", fmt::format("expected one of added, updated, removed, got \"{}\"", kind));
  }
  if (Status s = ReadOptionalString(o, "id", at, &change.id); !s.ok()) return s;
  if (o.has("id") && change.id.empty()) return Invalid(at + ".id", "must not be empty; leave it out instead");
  if (change.id.size() > kMaxChangeIdBytes) {
    return Invalid(at + ".id", fmt::format("longer than {} bytes", kMaxChangeIdBytes));
  }
  for (const char ch : change.id) {
    if (static_cast<unsigned char>(ch) < 0x20 || ch == 0x7f) {
      return Invalid(at + ".id", "contains a control character; use printable text");
    }
  }
  if (Status s = ReadOptionalString(o, "media_type", at, &change.media_type); !s.ok()) return s;
  if (!change.media_type.empty() && change.media_type != "movie" && change.media_type != "show" &&
      change.media_type != "season" && change.media_type != "episode") {
    return Invalid(at + ".media_type", fmt::format("expected movie, show, season or episode, got \"{}\"",
                                                   change.media_type));
  }
  if (Status s = ReadOptionalString(o, "title", at, &change.title); !s.ok()) return s;
  if (o.has("year") && !o.get("year").isEmpty()) {
    const Var y = o.get("year");
    if (!y.isInteger() || y.isBoolean()) return Invalid(at + ".year", "expected an integer");
    // Range-check as a double (never throws) before converting: Poco throws on an integer wider
    // than int.
    const double year = y.convert<double>();
    if (year < 0 || year > kMaxYear) {
      return Invalid(at + ".year", fmt::format("{} is not a year; give 1 to {}, or 0 or nothing "
                                               "when the year is unknown",
                                               y.toString(), kMaxYear));
    }
    if (year != 0) change.year = static_cast<int>(year);
  }
  return change;
}

}  // namespace

const char* RefreshStrategyName(RefreshStrategy strategy) {
  switch (strategy) {
    case RefreshStrategy::kAuto: return "auto";
    case RefreshStrategy::kScan: return "scan";
    case RefreshStrategy::kRefresh: return "refresh";
  }
  return "auto";
}

Result<SyncRequest> ParseSyncRequest(std::string_view json) {
  if (auto bad = FirstInvalidUtf8(json)) {
    return Invalid("sync request", fmt::format("not valid UTF-8 at byte {}; paths must be sent as "
                                               "UTF-8", *bad));
  }
  Var root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(std::string(json));
  } catch (const Poco::Exception& e) {
    return Status(PD_ERR_INVALID_ARGUMENT,
                  fmt::format("sync request: not valid JSON ({})",
                              e.message().empty() ? e.displayText() : e.message()));
  }
  if (!IsObject(root)) return Invalid("sync request", "expected a JSON object");
  const Object& doc = *root.extract<Object::Ptr>();
  SyncRequest request;
  Poco::JSON::Array::Ptr changes = doc.has("changes") ? doc.getArray("changes") : nullptr;
  if (!changes) return Invalid("changes", "required: an array of {path, kind}");
  if (changes->size() == 0) return Invalid("changes", "is empty: nothing to sync");
  if (changes->size() > kMaxChangesPerSync) {
    return Invalid("changes", fmt::format("{} changes; at most {} per sync", changes->size(),
                                          kMaxChangesPerSync));
  }
  request.changes.reserve(changes->size());
  for (size_t i = 0; i < changes->size(); ++i) {
    Result<SyncChange> change = ReadChange(changes->get(static_cast<unsigned>(i)), i);
    if (!change.ok()) return change.status();
    request.changes.push_back(std::move(change).value());
  }
  // Ids name the host's jobs: one change per id in a request, so each outcome has one owner.
  std::unordered_map<std::string, size_t> first_with_id;
  for (size_t i = 0; i < request.changes.size(); ++i) {
    const std::string& id = request.changes[i].id;
    if (id.empty()) continue;
    auto [it, fresh] = first_with_id.emplace(id, i);
    if (!fresh) {
      return Invalid(fmt::format("changes[{}].id", i),
                     fmt::format("\"{}\" is also the id of changes[{}]; give each change its own id", id, it->second));
    }
  }
  if (doc.has("options") && !doc.get("options").isEmpty()) {
    if (!IsObject(doc.get("options"))) return Invalid("options", "expected an object");
    const Object& o = *doc.getObject("options");
    SyncOptions& opt = request.options;
    if (Status s = ReadOptionalBool(o, "wait", &opt.wait); !s.ok()) return s;
    if (Status s = ReadOptionalBool(o, "dry_run", &opt.dry_run); !s.ok()) return s;
    if (Status s = ReadOptionalBool(o, "full_scan", &opt.full_scan); !s.ok()) return s;
    if (Status s = ReadOptionalBool(o, "force_refresh", &opt.force_refresh); !s.ok()) return s;
    if (Status s = ReadOptionalBool(o, "unlock_fields", &opt.unlock_fields); !s.ok()) return s;
    if (o.has("lock_fields") && !o.get("lock_fields").isEmpty()) {
      bool lock = false;
      if (Status s = ReadOptionalBool(o, "lock_fields", &lock); !s.ok()) return s;
      opt.lock_fields = lock;
    }
    std::string artwork_mode;
    if (Status s = ReadOptionalString(o, "artwork_mode", "options", &artwork_mode); !s.ok()) return s;
    if (!artwork_mode.empty()) {
      Result<ArtworkMode> mode = ParseArtworkMode(artwork_mode, "options.artwork_mode");
      if (!mode.ok()) return mode.status();
      opt.artwork_mode = *mode;
    }
    std::string strategy;
    if (Status s = ReadOptionalString(o, "strategy", "options", &strategy); !s.ok()) return s;
    std::string skip_active;
    if (Status s = ReadOptionalString(o, "skip_active", "options", &skip_active); !s.ok()) return s;
    if (!skip_active.empty()) {
      Result<SkipActive> policy = ParseSkipActive(skip_active, "options.skip_active");
      if (!policy.ok()) return policy.status();
      opt.skip_active = *policy;
    }
    if (strategy == "scan") opt.strategy = RefreshStrategy::kScan;
    else if (strategy == "refresh") opt.strategy = RefreshStrategy::kRefresh;
    else if (!strategy.empty() && strategy != "auto") {
      return Invalid("options.strategy", fmt::format("expected auto, scan or refresh, got \"{}\"", strategy));
    }
    if (o.has("timeout_seconds") && !o.get("timeout_seconds").isEmpty()) {
      const Var t = o.get("timeout_seconds");
      if (!t.isNumeric() || t.isBoolean() || !(t.convert<double>() > 0) ||
          t.convert<double>() > 86400) {
        return Invalid("options.timeout_seconds", "expected a number of seconds > 0 and <= 86400");
      }
      opt.timeout_seconds = t.convert<double>();
    }
  }
  return request;
}

}  // namespace plexdriver
