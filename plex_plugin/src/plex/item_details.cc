#include "plex/item_details.h"

#include <fmt/format.h>

#include "plex/media_container.h"

namespace plexdriver {
namespace {

// PMS's editable scalar fields, as the item lists them.
constexpr const char* kFieldNames[] = {"title",  "titleSort",   "originalTitle", "summary",
                                       "tagline", "year", "originallyAvailableAt", "contentRating",
                                       "studio"};
// Tag children and the field name that locks them.
constexpr std::pair<const char*, const char*> kTagNames[] = {{"Genre", "genre"}, {"Collection", "collection"},
                                                             {"Director", "director"}, {"Writer", "writer"},
                                                             {"Label", "label"}};

// Items are <Video>/<Directory> in XML and "Metadata" in JSON.
std::vector<const PmsNode*> ItemNodes(const PmsNode& container) {
  std::vector<const PmsNode*> out;
  for (const PmsNode& c : container.children) {
    if (c.name == "Metadata" || c.name == "Video" || c.name == "Directory" || c.name == "Photo") out.push_back(&c);
  }
  return out;
}

}  // namespace

std::string ItemDetails::Field(const std::string& name) const {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

const std::vector<std::string>& ItemDetails::Tags(const std::string& name) const {
  static const std::vector<std::string> kNone;
  auto it = tags.find(name);
  return it == tags.end() ? kNone : it->second;
}

Result<ItemDetails> ParseItemDetails(std::string_view body, const std::string& rating_key) {
  Result<PmsNode> container = ParseMediaContainer(body);
  if (!container.ok()) return container.status();
  for (const PmsNode* node : ItemNodes(*container)) {
    if (node->Get("ratingKey") != rating_key) continue;
    ItemDetails d;
    d.rating_key = rating_key;
    d.type = node->Get("type");
    d.section_id = node->Get("librarySectionID", container->Get("librarySectionID"));
    for (const char* name : kFieldNames) {
      if (node->Has(name)) d.fields[name] = node->Get(name);
    }
    for (const auto& [child, field] : kTagNames) {
      for (const PmsNode* tag : node->Children(child)) d.tags[field].push_back(tag->Get("tag"));
    }
    for (const PmsNode* f : node->Children("Field")) {
      if (f->GetBool("locked")) d.locked.insert(f->Get("name"));
    }
    d.thumb = node->Get("thumb");
    d.art = node->Get("art");
    d.banner = node->Get("banner");
    d.updated_at = node->GetInt("updatedAt");
    return d;
  }
  return Status(PD_ERR_NOT_FOUND, fmt::format("the server's answer holds no item {}", rating_key));
}

Result<std::vector<ImageCandidate>> ParseImageCandidates(std::string_view body) {
  Result<PmsNode> container = ParseMediaContainer(body);
  if (!container.ok()) return container.status();
  std::vector<ImageCandidate> out;
  for (const PmsNode* node : ItemNodes(*container)) {
    ImageCandidate c;
    c.rating_key = node->Get("ratingKey");
    c.key = node->Get("key");
    c.provider = node->Get("provider");
    c.selected = node->GetBool("selected");
    if (!c.rating_key.empty()) out.push_back(std::move(c));
  }
  return out;
}

}  // namespace plexdriver
