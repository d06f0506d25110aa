// SPDX-License-Identifier: MIT
// What a custom metadata provider's answer does to the library, as PMS applies an agent's
// result: unlocked fields and tags take the provider's values (fields it leaves out are kept),
// the item takes the provider's guid, external guids and cast, and its poster and background
// become the provider's images unless those elements are locked. A show's seasons and episodes
// take the values (and posters, thumbnails) of the provider's children with the same index.
#include <algorithm>
#include <regex>

#include <fmt/format.h>

#include "library.h"

namespace pms_emulator {
namespace {

// A provider's value Plex would store for `field` (a bad year or date is dropped).
bool Acceptable(const std::string& field, const std::string& value) {
  static const std::regex year(R"(\d{4})");
  static const std::regex date(R"(\d{4}-\d{2}-\d{2})");
  if (field == "title") return !value.empty();
  if (field == "year") return std::regex_match(value, year);
  if (field == "originallyAvailableAt") return value.empty() || std::regex_match(value, date);
  return true;
}

}  // namespace

std::string Library::Guid(const Item& item) const {
  const ItemExtra* extra = FindExtra(item.rating_key);
  if (extra && !extra->guid.empty()) return extra->guid;
  return fmt::format("plex://{}/5d7768{:018x}", item.type, item.rating_key);
}

ProviderQuery Library::QueryFor(const Item& item, std::string* matched_provider) const {
  ProviderQuery q;
  q.rating_key = item.rating_key;
  q.type = item.type;
  q.title = item.title;
  q.year = item.year;
  if (!item.files.empty()) {
    q.filename = item.files.front();
  } else {
    for (const Item* episode : Leaves(item.rating_key)) {
      if (!episode->files.empty()) {
        q.filename = episode->files.front();
        break;
      }
    }
  }
  if (const ItemExtra* extra = FindExtra(item.rating_key)) {
    q.stored_rating_key = extra->provider_rating_key;
    *matched_provider = extra->provider;
  }
  return q;
}

void Library::ApplyProviderValues(Item& item, const ProviderMetadata& m, const std::string& identifier,
                                  int64_t now) {
  ItemExtra& extra = Extra(item);
  if (!m.guid.empty()) extra.guid = m.guid;
  extra.provider = identifier;
  if (!m.rating_key.empty()) extra.provider_rating_key = m.rating_key;
  for (const std::string& field : FieldNames()) {
    auto given = m.fields.find(field);
    if (given == m.fields.end() || extra.locked.count(field) || !Acceptable(field, given->second)) continue;
    if (field == "title") {
      item.title = given->second;
    } else if (field == "year") {
      item.year = std::stoi(given->second);
    } else if (given->second.empty()) {
      extra.current.fields.erase(field);
    } else {
      extra.current.fields[field] = given->second;
    }
  }
  for (const auto& [tag, names] : m.tags) {
    if (extra.locked.count(tag)) continue;
    if (names.empty()) {
      extra.current.tags.erase(tag);
    } else {
      extra.current.tags[tag] = names;
    }
  }
  if (m.roles) extra.roles = *m.roles;
  if (m.external_guids) extra.external_guids = *m.external_guids;
  item.updated_at = std::max(now, item.updated_at + 1);
}

void Library::AddProviderImage(Item& item, const std::string& element, const std::string& bytes,
                               const std::string& identifier, int64_t now) {
  if (Extra(item).locked.count(element)) return;  // a locked element keeps its image exactly
  ElementImages& images = Images(item.rating_key, element);
  const std::string key = fmt::format("metadata://{}/{}_{}", ElementListing(element), identifier, Sha1Hex(bytes));
  int index = -1;
  for (size_t i = 0; i < images.candidates.size(); ++i) {
    if (images.candidates[i].rating_key == key) index = static_cast<int>(i);
  }
  if (index < 0) {
    images.candidates.push_back({key, "agent", identifier, bytes, ""});
    index = static_cast<int>(images.candidates.size()) - 1;
  }
  if (index != images.selected) SelectIndex(item, element, index, now);
}

ProviderResult Library::ShownValues(int64_t rating_key, const std::string& identifier) const {
  ProviderResult r;
  r.identifier = identifier;
  auto it = items_.find(rating_key);
  if (it == items_.end()) return r;
  for (const auto& [field, value] : Fields(it->second)) r.metadata.fields[field] = value;
  if (const ItemExtra* extra = FindExtra(rating_key)) {
    r.metadata.tags = extra->current.tags;
    if (!extra->roles.empty()) r.metadata.roles = extra->roles;
    if (!extra->external_guids.empty()) r.metadata.external_guids = extra->external_guids;
    for (const char* element : {"thumb", "art"}) {
      auto images = extra->images.find(element);
      if (images != extra->images.end() && images->second.selected >= 0) r.metadata.images[element] = "";
    }
  }
  if (!it->second.thumb.empty()) r.metadata.images.emplace("thumb", "");
  if (!it->second.art.empty()) r.metadata.images.emplace("art", "");
  return r;
}

void Library::AddUnreachableImage(Item& item, const std::string& element, const std::string& url,
                                  const std::string& identifier, int64_t now) {
  if (Extra(item).locked.count(element)) return;
  ElementImages& images = Images(item.rating_key, element);
  int index = -1;
  for (size_t i = 0; i < images.candidates.size(); ++i) {
    if (images.candidates[i].rating_key == url) index = static_cast<int>(i);
  }
  if (index < 0) {
    Image image{url, "agent", identifier, "", ""};
    image.unreachable = true;
    images.candidates.push_back(image);
    index = static_cast<int>(images.candidates.size()) - 1;
  }
  if (index != images.selected) SelectIndex(item, element, index, now);
}

void Library::ApplyProviderImages(Item& item, const ProviderMetadata& m, const std::string& identifier, int64_t now) {
  for (const auto& [element, bytes] : m.images) AddProviderImage(item, element, bytes, identifier, now);
  for (const auto& [element, url] : m.unreachable_images) AddUnreachableImage(item, element, url, identifier, now);
}

std::vector<LibraryEvent> Library::ApplyProvider(int64_t rating_key, const ProviderResult& result, int64_t now) {
  std::vector<LibraryEvent> events;
  auto it = items_.find(rating_key);
  if (it == items_.end()) return events;  // gone (emptied from the trash) while the provider answered
  Item& item = it->second;
  auto changed = [&](const Item& i) {
    events.push_back({i.section_key, i.rating_key, i.type, i.title, 5, "", i.updated_at});
  };
  ApplyProviderValues(item, result.metadata, result.identifier, now);
  ApplyProviderImages(item, result.metadata, result.identifier, now);
  changed(item);
  if (item.type != "show") return events;
  for (const ProviderMetadata& season_md : result.metadata.children) {
    for (const Item* season : Children(rating_key)) {
      if (season->type != "season" || season->index != season_md.index) continue;
      Item& s = items_.at(season->rating_key);
      ApplyProviderValues(s, season_md, result.identifier, now);
      ApplyProviderImages(s, season_md, result.identifier, now);
      changed(s);
      const std::vector<const Item*> episodes = Children(s.rating_key);
      for (const ProviderMetadata& episode_md : season_md.children) {
        for (const Item* episode : episodes) {
          if (episode->index != episode_md.index) continue;
          Item& e = items_.at(episode->rating_key);
          ApplyProviderValues(e, episode_md, result.identifier, now);
          ApplyProviderImages(e, episode_md, result.identifier, now);
          changed(e);
        }
      }
    }
  }
  return events;
}

}  // namespace pms_emulator
