// Loading a library fixture (the format is in ../README.md): every field checked, errors naming
// it ("sections[0].items[2].title: missing (expected a string)"), Plex-like defaults for the rest.
#include <stdexcept>

#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "library.h"

namespace pms_emulator {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

[[noreturn]] void Bad(const std::string& where, const std::string& what) {
  throw std::invalid_argument(where + ": " + what);
}

std::string GetString(const Object::Ptr& o, const std::string& key, const std::string& where,
                      bool required, const std::string& fallback = "") {
  if (!o->has(key) || o->get(key).isEmpty()) {
    if (required) Bad(where + "." + key, "missing (expected a string)");
    return fallback;
  }
  const Poco::Dynamic::Var v = o->get(key);
  if (v.isString()) return v.convert<std::string>();
  if (v.isInteger()) return std::to_string(v.convert<int64_t>());
  Bad(where + "." + key, "expected a string");
}

int64_t GetInt(const Object::Ptr& o, const std::string& key, const std::string& where,
               int64_t fallback) {
  if (!o->has(key) || o->get(key).isEmpty()) return fallback;
  const Poco::Dynamic::Var v = o->get(key);
  if (!v.isInteger()) Bad(where + "." + key, "expected an integer");
  return v.convert<int64_t>();
}

Array::Ptr GetArray(const Object::Ptr& o, const std::string& key, const std::string& where) {
  if (!o->has(key) || o->get(key).isEmpty()) return new Array();
  Array::Ptr a = o->getArray(key);
  if (!a) Bad(where + "." + key, "expected an array");
  return a;
}

Object::Ptr ObjectAt(const Array::Ptr& a, size_t i, const std::string& where) {
  Object::Ptr o = a->getObject(static_cast<unsigned>(i));
  if (!o) Bad(where, "expected an object");
  return o;
}

std::vector<std::string> StringList(const Object::Ptr& o, const std::string& key,
                                    const std::string& where) {
  std::vector<std::string> out;
  Array::Ptr a = GetArray(o, key, where);
  for (size_t i = 0; i < a->size(); ++i) {
    const Poco::Dynamic::Var v = a->get(static_cast<unsigned>(i));
    if (!v.isString()) Bad(fmt::format("{}.{}[{}]", where, key, i), "expected a string");
    out.push_back(v.convert<std::string>());
  }
  return out;
}

// Calls `load(object, its where, its position)` for each object of `o`'s array `key` (none when
// it is absent), naming them "<where>.<key>[i]".
template <typename Load>
void ForEachObject(const Object::Ptr& o, const std::string& key, const std::string& where, Load load) {
  Array::Ptr list = GetArray(o, key, where);
  for (size_t i = 0; i < list->size(); ++i) {
    const std::string at = fmt::format("{}.{}[{}]", where, key, i);
    load(ObjectAt(list, i, at), at, i);
  }
}

// An item's editable metadata: the fields other than title and year by Plex's names, the tags as
// arrays ("genres": [...]), and under "agent" what the agent gives instead (title and year too).
MetadataValues ReadMetadata(const Object::Ptr& o, const std::string& where, bool agent) {
  MetadataValues v;
  for (const std::string& field : FieldNames()) {
    if (field == "year") {
      if (agent && o->has("year")) v.fields["year"] = std::to_string(GetInt(o, "year", where, 0));
    } else if (field != "title" || agent) {
      const std::string value = GetString(o, field, where, false);
      if (!value.empty()) v.fields[field] = value;
    }
  }
  for (const std::string& tag : TagNames()) {
    if (o->has(tag + "s")) v.tags[tag] = StringList(o, tag + "s", where);
  }
  return v;
}

}  // namespace

void Library::LoadFixtureMetadata(Item& item, const Object::Ptr& o, const std::string& where) {
  const MetadataValues own = ReadMetadata(o, where, false);
  MetadataValues agent;
  if (o->has("agent")) {
    Object::Ptr a = o->getObject("agent");
    if (!a) Bad(where + ".agent", "expected an object of field → value (tags as arrays)");
    agent = ReadMetadata(a, where + ".agent", true);
  }
  if (!own.fields.empty() || !own.tags.empty() || !agent.fields.empty() || !agent.tags.empty()) {
    LoadMetadata(item, own, agent);
  }
}

void Library::Load(const std::string& json, std::string* platform) {
  Object::Ptr root;
  try {
    root = Poco::JSON::Parser().parse(json).extract<Object::Ptr>();
  } catch (const std::exception& e) {
    Bad("library", std::string("not a JSON object: ") + e.what());
  }
  if (!root) Bad("library", "expected a JSON object");
  if (root->has("server")) {
    Object::Ptr server = root->getObject("server");
    if (!server) Bad("server", "expected an object");
    const std::string p = GetString(server, "platform", "server", false);
    if (!p.empty()) {
      if (p != "Linux" && p != "Windows" && p != "MacOSX" && p != "FreeBSD") {
        Bad("server.platform", "expected Linux, Windows, MacOSX or FreeBSD, got \"" + p + "\"");
      }
      *platform = p;
      paths_ = ServerPaths(p == "Windows");
    }
  }
  // A movie's or episode's "files", normalized and in the file tree.
  auto load_files = [&](Item& item, const Object::Ptr& o, const std::string& where) {
    item.files = StringList(o, "files", where);
    for (std::string& f : item.files) f = paths_.Normalize(f);
    IndexFiles(item);
  };
  sections_.clear();
  items_.clear();
  extras_.clear();
  files_.clear();
  file_owner_.clear();
  Array::Ptr sections = GetArray(root, "sections", "library");
  int64_t location_id = 1;
  for (size_t i = 0; i < sections->size(); ++i) {
    const std::string where = fmt::format("sections[{}]", i);
    Object::Ptr so = ObjectAt(sections, i, where);
    Section s;
    s.key = GetString(so, "key", where, true);
    s.type = GetString(so, "type", where, false, "movie");
    if (s.type != "movie" && s.type != "show") Bad(where + ".type", "expected movie or show, got \"" + s.type + "\"");
    s.title = GetString(so, "title", where, true);
    s.agent = GetString(so, "agent", where, false, s.type == "movie" ? "tv.plex.agents.movie" : "tv.plex.agents.series");
    s.scanner = GetString(so, "scanner", where, false, s.type == "movie" ? "Plex Movie" : "Plex TV Series");
    s.language = GetString(so, "language", where, false, "en-US");
    s.uuid = GetString(so, "uuid", where, false, fmt::format("5b1c7a3e-0000-4000-8000-{:012d}", i + 1));
    s.created_at = GetInt(so, "created_at", where, 1499601583);
    s.updated_at = GetInt(so, "updated_at", where, 1693708514);
    s.scanned_at = GetInt(so, "scanned_at", where, 1693688538);
    s.content_changed_at = GetInt(so, "content_changed_at", where, 18253756);
    if (so->has("prefs")) {
      Object::Ptr prefs = so->getObject("prefs");
      if (!prefs) Bad(where + ".prefs", "expected an object of setting id → value");
      for (const auto& [id, value] : *prefs) {
        if (!value.isString() && !value.isBoolean() && !value.isNumeric()) {
          Bad(where + ".prefs." + id, "expected a string, number or boolean");
        }
        s.prefs[id] = value.isBoolean() ? (value.convert<bool>() ? "true" : "false") : value.convert<std::string>();
      }
    }
    s.locations = StringList(so, "locations", where);
    if (s.locations.empty()) Bad(where + ".locations", "a section needs at least one location");
    for (std::string& l : s.locations) {
      l = paths_.Normalize(l);
      s.location_ids.push_back(location_id++);
    }
    for (const Section& other : sections_) {
      if (other.key == s.key) Bad(where + ".key", "duplicate section key \"" + s.key + "\"");
    }
    sections_.push_back(s);
    ForEachObject(so, "items", where, [&](const Object::Ptr& io, const std::string& iw, size_t) {
      Item& it = NewItem(s.type, s.key, s.created_at, ExplicitKey(io, iw));
      it.title = GetString(io, "title", iw, true);
      it.year = static_cast<int>(GetInt(io, "year", iw, 0));
      it.thumb = GetString(io, "thumb", iw, false,
                           fmt::format("/library/metadata/{}/thumb/{}", it.rating_key, it.updated_at));
      it.art = GetString(io, "art", iw, false,
                         fmt::format("/library/metadata/{}/art/{}", it.rating_key, it.updated_at));
      it.updated_at = GetInt(io, "updated_at", iw, it.updated_at);
      it.duration_ms = GetInt(io, "duration_ms", iw, 6000000);
      LoadFixtureMetadata(it, io, iw);
      if (s.type == "movie") {
        load_files(it, io, iw);
        return;
      }
      it.folder = paths_.Normalize(GetString(io, "folder", iw, false,
                                             paths_.Join(s.locations[0], it.title)));
      const int64_t show_key = it.rating_key;
      ForEachObject(io, "seasons", iw, [&](const Object::Ptr& seo, const std::string& sw, size_t n) {
        Item& season = LoadNumbered(seo, sw, "season", "Season", s, n);
        season.parent_key = show_key;
        season.folder = paths_.Join(items_.at(show_key).folder, fmt::format("Season {:02d}", season.index));
        const int64_t season_key = season.rating_key;
        ForEachObject(seo, "episodes", sw, [&](const Object::Ptr& eo, const std::string& ew, size_t e) {
          Item& ep = LoadNumbered(eo, ew, "episode", "Episode", s, e);
          ep.parent_key = season_key;
          ep.grandparent_key = show_key;
          load_files(ep, eo, ew);
        });
      });
    });
  }
}

Item& Library::LoadNumbered(const Poco::JSON::Object::Ptr& o, const std::string& where,
                           const std::string& type, const std::string& label, const Section& s,
                           size_t position) {
  Item& item = NewItem(type, s.key, s.created_at, ExplicitKey(o, where));
  item.index = static_cast<int>(GetInt(o, "index", where, static_cast<int64_t>(position + 1)));
  item.title = GetString(o, "title", where, false, fmt::format("{} {}", label, item.index));
  LoadFixtureMetadata(item, o, where);
  return item;
}

int64_t Library::ExplicitKey(const Poco::JSON::Object::Ptr& o, const std::string& where) const {
  if (!o->has("rating_key")) return 0;
  int64_t key = 0;
  try {
    key = std::stoll(GetString(o, "rating_key", where, true));
  } catch (const std::logic_error&) {
    Bad(where + ".rating_key", "expected a number (as a string or an integer)");
  }
  if (key <= 0) Bad(where + ".rating_key", "must be positive");
  if (items_.count(key)) Bad(where + ".rating_key", "duplicate rating key");
  return key;
}

}  // namespace pms_emulator
