#include "plex/library_items.h"

#include <fmt/format.h>

#include "plex/media_container.h"

namespace plexdriver {

Result<ItemPage> ParseItemPage(std::string_view body) {
  Result<PmsNode> root = ParseMediaContainer(body);
  if (!root.ok()) return root.status();
  ItemPage page;
  page.offset = root->GetInt("offset", 0);
  page.total_size = root->GetInt("totalSize", -1);
  for (const PmsNode& node : root->children) {
    if (node.name != "Metadata" && node.name != "Video" && node.name != "Directory") continue;
    LibraryItem item;
    item.rating_key = node.Get("ratingKey");
    item.type = node.Get("type");
    item.title = node.Get("title");
    if (item.rating_key.empty()) {
      return Status(PD_ERR_PROTOCOL, fmt::format("a listed item (\"{}\") has no ratingKey", item.title));
    }
    item.year = static_cast<int>(node.GetInt("year", 0));
    item.parent_key = node.Get("parentRatingKey");
    item.grandparent_key = node.Get("grandparentRatingKey");
    item.added_at = node.GetInt("addedAt", 0);
    item.updated_at = node.GetInt("updatedAt", 0);
    item.deleted_at = node.GetInt("deletedAt", 0);
    item.thumb = node.Get("thumb");
    item.art = node.Get("art");
    for (const PmsNode* media : node.Children("Media")) {
      for (const PmsNode* part : media->Children("Part")) {
        const std::string file = part->Get("file");
        if (!file.empty()) item.files.push_back(file);
      }
    }
    for (const PmsNode* location : node.Children("Location")) {
      const std::string path = location->Get("path");
      if (!path.empty()) item.locations.push_back(path);
    }
    page.items.push_back(std::move(item));
  }
  return page;
}

}  // namespace plexdriver
