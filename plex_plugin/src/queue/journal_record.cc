#include "queue/journal_record.h"

#include <unordered_map>

#include <Poco/Checksum.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "core/json_util.h"
#include "core/utf8.h"

namespace plexdriver {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

uint32_t Crc32(std::string_view bytes) {
  Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
  crc.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return crc.checksum();
}

const char* OpName(JournalRecord::Op op) {
  switch (op) {
    case JournalRecord::Op::kAccepted: return "accepted";
    case JournalRecord::Op::kStarted: return "started";
    case JournalRecord::Op::kDone: return "done";
  }
  return "done";
}

std::string StringOf(const Object& o, const std::string& key) {
  return o.has(key) && o.get(key).isString() ? o.get(key).extract<std::string>() : std::string();
}

int64_t IntegerOf(const Object& o, const std::string& key) {
  if (!o.has(key) || !o.get(key).isNumeric()) return 0;
  const double v = o.get(key).convert<double>();
  return v > 0 && v < 9.0e15 ? static_cast<int64_t>(v) : 0;
}

// The JSON of one line, or a reason it is not a record.
std::string ParseRecord(std::string_view json, JournalRecord* out) {
  if (FirstInvalidUtf8(json)) return "not UTF-8";
  Var root;
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(std::string(json));
  } catch (const Poco::Exception&) {
    return "not JSON";
  }
  if (root.type() != typeid(Object::Ptr)) return "not a JSON object";
  const Object& o = *root.extract<Object::Ptr>();
  const std::string op = StringOf(o, "op");
  out->id = StringOf(o, "id");
  if (out->id.empty()) return "no id";
  if (op == "accepted") {
    out->op = JournalRecord::Op::kAccepted;
    out->change.id = out->id;
    out->change.path = StringOf(o, "path");
    if (out->change.path.empty()) return "accepted without a path";
    const std::string kind = StringOf(o, "kind");
    if (!ParseChangeKind(kind, &out->change.kind)) return fmt::format("unknown kind \"{}\"", kind);
    out->change.media_type = StringOf(o, "media_type");
    out->change.title = StringOf(o, "title");
    if (const int64_t year = IntegerOf(o, "year"); year > 0 && year <= kMaxYear) {
      out->change.year = static_cast<int>(year);
    }
    out->queued_at = IntegerOf(o, "queued_at");
    out->attempts = static_cast<int>(std::min<int64_t>(IntegerOf(o, "attempts"), 1000000));
  } else if (op == "started") {
    out->op = JournalRecord::Op::kStarted;
  } else if (op == "done") {
    out->op = JournalRecord::Op::kDone;
    out->status = StringOf(o, "status");
  } else {
    return fmt::format("unknown op \"{}\"", op);
  }
  return "";
}

}  // namespace

std::string EncodeJournalRecord(const JournalRecord& r) {
  Object::Ptr o = NewJsonObject();
  o->set("op", OpName(r.op));
  o->set("id", r.id);
  if (r.op == JournalRecord::Op::kAccepted) {
    o->set("path", r.change.path);
    o->set("kind", ChangeKindName(r.change.kind));
    if (!r.change.media_type.empty()) o->set("media_type", r.change.media_type);
    if (!r.change.title.empty()) o->set("title", r.change.title);
    if (r.change.year) o->set("year", *r.change.year);
    o->set("queued_at", r.queued_at);
    if (r.attempts > 0) o->set("attempts", r.attempts);
  } else if (r.op == JournalRecord::Op::kDone) {
    o->set("status", r.status);
  }
  const std::string json = ToJson(o);  // compact: no newline inside
  return fmt::format("{:08x} {}\n", Crc32(json), json);
}

JournalScan ScanJournal(std::string_view bytes) {
  JournalScan scan;
  size_t pos = 0;
  while (pos < bytes.size()) {
    const size_t newline = bytes.find('\n', pos);
    if (newline == std::string_view::npos) {
      scan.damage.push_back({pos, bytes.size() - pos, "torn: the last record has no end (cut short while written)"});
      break;
    }
    const std::string_view line = bytes.substr(pos, newline - pos);
    const size_t offset = pos;
    pos = newline + 1;
    if (line.size() < 10 || line[8] != ' ') {
      scan.damage.push_back({offset, line.size() + 1, "not a journal record"});
      continue;
    }
    uint32_t stored = 0;
    bool hex = true;
    for (size_t i = 0; i < 8; ++i) {
      const char c = line[i];
      const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (digit < 0) hex = false;
      stored = (stored << 4) | static_cast<uint32_t>(digit < 0 ? 0 : digit);
    }
    const std::string_view json = line.substr(9);
    if (!hex || stored != Crc32(json)) {
      scan.damage.push_back({offset, line.size() + 1, "checksum mismatch"});
      continue;
    }
    JournalRecord record;
    if (std::string why = ParseRecord(json, &record); !why.empty()) {
      scan.damage.push_back({offset, line.size() + 1, why});
      continue;
    }
    scan.records.push_back(std::move(record));
  }
  return scan;
}

std::vector<UnfinishedChange> UnfinishedChanges(const std::vector<JournalRecord>& records) {
  std::vector<UnfinishedChange> order;
  std::unordered_map<std::string, size_t> live;  // id -> index in order
  std::vector<bool> finished;
  for (const JournalRecord& r : records) {
    auto it = live.find(r.id);
    switch (r.op) {
      case JournalRecord::Op::kAccepted:
        if (it != live.end()) {
          order[it->second].change = r.change;
          order[it->second].attempts = std::max(order[it->second].attempts, r.attempts);
        } else {
          live.emplace(r.id, order.size());
          order.push_back({r.change, r.queued_at, r.attempts});
          finished.push_back(false);
        }
        break;
      case JournalRecord::Op::kStarted:
        if (it != live.end()) ++order[it->second].attempts;
        break;
      case JournalRecord::Op::kDone:
        if (it != live.end()) {
          finished[it->second] = true;
          live.erase(it);
        }
        break;
    }
  }
  std::vector<UnfinishedChange> out;
  for (size_t i = 0; i < order.size(); ++i) {
    if (!finished[i]) out.push_back(std::move(order[i]));
  }
  return out;
}

}  // namespace plexdriver
