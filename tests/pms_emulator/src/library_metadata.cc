// Items' editable metadata: fields and tags set through PUT /library/sections/{id}/all, the locks
// that keep them (and images) through a refresh, and what the agent gives the unlocked ones when
// the item is refreshed or matched again. Setting a value does not lock it: only `.locked=1` does
// (STRICTER than PMS's web app, which locks what it edits; a client must lock explicitly).
#include <algorithm>
#include <regex>
#include <stdexcept>

#include <Poco/URI.h>

#include "library.h"

namespace pms_emulator {
namespace {

bool Contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

bool Digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> SplitList(const std::string& text, bool decode) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = std::min(text.find(',', start), text.size());
    std::string part = text.substr(start, comma - start);
    if (decode) {
      std::string decoded;
      Poco::URI::decode(part, decoded);
      part = decoded;
    }
    if (!part.empty()) out.push_back(part);
    start = comma + 1;
  }
  return out;
}

// What is wrong with `value` for `field`; "" when it is fine.
std::string CheckValue(const std::string& field, const std::string& value) {
  if (field == "title" && value.empty()) return "title.value: a title cannot be empty";
  if (field == "year" && !value.empty() && !(Digits(value) && value.size() == 4)) {
    return "year.value: expected a four-digit year, got \"" + value + "\"";
  }
  static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  if (field == "originallyAvailableAt" && !value.empty() && !std::regex_match(value, date)) {
    return "originallyAvailableAt.value: expected YYYY-MM-DD, got \"" + value + "\"";
  }
  return "";
}

}  // namespace

const std::vector<std::string>& FieldNames() {
  static const std::vector<std::string> names = {"title",   "titleSort", "originalTitle",
                                                 "summary", "tagline",   "year",
                                                 "originallyAvailableAt", "contentRating", "studio"};
  return names;
}

const std::vector<std::string>& TagNames() {
  static const std::vector<std::string> names = {"genre", "collection", "director", "writer", "label"};
  return names;
}

ItemExtra& Library::Extra(Item& item) {
  auto [it, created] = extras_.try_emplace(item.rating_key);
  if (created) {
    it->second.agent.fields["title"] = item.title;
    if (item.year) it->second.agent.fields["year"] = std::to_string(item.year);
  }
  return it->second;
}

const ItemExtra* Library::FindExtra(int64_t rating_key) const {
  auto it = extras_.find(rating_key);
  return it == extras_.end() ? nullptr : &it->second;
}

std::map<std::string, std::string> Library::Fields(const Item& item) const {
  std::map<std::string, std::string> fields;
  if (const ItemExtra* extra = FindExtra(item.rating_key)) fields = extra->current.fields;
  fields["title"] = item.title;
  if (item.year) fields["year"] = std::to_string(item.year);
  return fields;
}

void Library::LoadMetadata(Item& item, const MetadataValues& own, const MetadataValues& agent) {
  ItemExtra& extra = Extra(item);
  for (const auto& [name, value] : own.fields) {
    if (name != "title" && name != "year" && !value.empty()) extra.current.fields[name] = value;
    if (!value.empty()) extra.agent.fields[name] = value;
  }
  extra.current.tags = own.tags;
  extra.agent.tags = own.tags;
  for (const auto& [name, value] : agent.fields) extra.agent.fields[name] = value;
  for (const auto& [name, tags] : agent.tags) extra.agent.tags[name] = tags;
}

std::string Library::ParseEdits(const std::map<std::string, std::string>& params, Edits* edits) {
  static const std::regex indexed(R"((\w+)\[(\d+)\]\.tag\.tag)");
  static const std::regex removal(R"((\w+)\[\]\.tag\.tag-)");
  std::map<std::string, std::map<int, std::string>> by_index;
  std::smatch m;
  for (const auto& [key, value] : params) {
    auto suffix = [&](const std::string& s) {
      return key.size() > s.size() && key.compare(key.size() - s.size(), s.size(), s) == 0;
    };
    if (suffix(".value")) {
      const std::string field = key.substr(0, key.size() - 6);
      if (!Contains(FieldNames(), field)) return key + ": no such field";
      const std::string bad = CheckValue(field, value);
      if (!bad.empty()) return bad;
      edits->values[field] = value;
    } else if (suffix(".locked")) {
      const std::string name = key.substr(0, key.size() - 7);
      if (!Contains(FieldNames(), name) && !Contains(TagNames(), name) && !Contains(ImageElements(), name)) {
        return key + ": no such field";
      }
      if (value != "1" && value != "0") return key + ": expected 1 or 0";
      edits->locks[name] = value == "1";
    } else if (std::regex_match(key, m, indexed)) {
      if (!Contains(TagNames(), m[1])) return key + ": no such tag";
      if (m[2].length() > 6) return key + ": index too large";
      by_index[m[1]][std::stoi(m[2])] = value;
    } else if (std::regex_match(key, m, removal)) {
      if (!Contains(TagNames(), m[1])) return key + ": no such tag";
      // Names url-encoded, then comma-separated (as python-plexapi sends them).
      edits->remove_tags[m[1]] = SplitList(value, true);
    }  // anything else (type, id, X-Plex-*) is not an edit
  }
  for (const auto& [tag, values] : by_index) {
    std::vector<std::string>& list = edits->set_tags[tag];
    for (const auto& [index, name] : values) {
      if (!name.empty()) list.push_back(name);
    }
  }
  return "";
}

void Library::ApplyEdits(int64_t rating_key, const Edits& edits, int64_t now) {
  Item& item = items_.at(rating_key);
  ItemExtra& extra = Extra(item);
  for (const auto& [field, value] : edits.values) {
    if (field == "title") {
      item.title = value;
    } else if (field == "year") {
      item.year = value.empty() ? 0 : std::stoi(value);
    } else if (value.empty()) {
      extra.current.fields.erase(field);
    } else {
      extra.current.fields[field] = value;
    }
  }
  // The indexed form replaces the list with the one sent (python-plexapi sends the whole list).
  // genre[0].tag.tag=… adds (python-plexapi's addGenre sends exactly this): the names join the
  // list; only genre[].tag.tag-=… removes.
  for (const auto& [tag, list] : edits.set_tags) {
    std::vector<std::string>& current = extra.current.tags[tag];
    for (const std::string& name : list) {
      if (!Contains(current, name)) current.push_back(name);
    }
  }
  for (const auto& [tag, names] : edits.remove_tags) {
    std::vector<std::string>& list = extra.current.tags[tag];
    list.erase(std::remove_if(list.begin(), list.end(), [&](const std::string& t) { return Contains(names, t); }),
               list.end());
  }
  for (auto it = extra.current.tags.begin(); it != extra.current.tags.end();) {
    it = it->second.empty() ? extra.current.tags.erase(it) : std::next(it);
  }
  for (const auto& [name, locked] : edits.locks) {
    if (locked) {
      extra.locked.insert(name);
    } else {
      extra.locked.erase(name);
    }
  }
  item.updated_at = std::max(now, item.updated_at + 1);
}

void Library::SetAgentValues(int64_t rating_key, const std::map<std::string, std::string>& values) {
  auto it = items_.find(rating_key);
  if (it == items_.end()) throw std::invalid_argument("no item " + std::to_string(rating_key));
  MetadataValues& agent = Extra(it->second).agent;
  for (const auto& [name, value] : values) {
    const std::string tag = name.empty() ? "" : name.substr(0, name.size() - 1);  // "genres" → "genre"
    if (Contains(FieldNames(), name)) {
      const std::string bad = CheckValue(name, value);
      if (!bad.empty() && !value.empty()) throw std::invalid_argument(bad);
      agent.fields[name] = value;
    } else if (!name.empty() && name.back() == 's' && Contains(TagNames(), tag)) {
      agent.tags[tag] = SplitList(value, false);
    } else {
      throw std::invalid_argument("unknown agent field \"" + name + "\" (expected a field name, genres, "
                                  "collections, directors, writers or labels)");
    }
  }
}

void Library::ApplyAgent(Item& item, int64_t now) {
  ItemExtra& extra = Extra(item);
  for (const std::string& field : FieldNames()) {
    if (extra.locked.count(field)) continue;  // a locked field keeps its value exactly
    auto given = extra.agent.fields.find(field);
    const std::string value = given == extra.agent.fields.end() ? "" : given->second;
    if (field == "title") {
      if (!value.empty()) item.title = value;
    } else if (field == "year") {
      item.year = Digits(value) ? std::stoi(value) : 0;
    } else if (value.empty()) {
      extra.current.fields.erase(field);
    } else {
      extra.current.fields[field] = value;
    }
  }
  for (const std::string& tag : TagNames()) {
    if (extra.locked.count(tag)) continue;
    auto given = extra.agent.tags.find(tag);
    if (given == extra.agent.tags.end() || given->second.empty()) {
      extra.current.tags.erase(tag);
    } else {
      extra.current.tags[tag] = given->second;
    }
  }
  RefreshImages(item, now);
}

}  // namespace pms_emulator
