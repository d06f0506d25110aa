#include "plex/library_items.h"

#include <cmath>
#include <cstdlib>

#include <Poco/JSON/Handler.h>
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "core/utf8.h"
#include "plex/media_container.h"

namespace plexdriver {
namespace {

// Streams a JSON listing straight into LibraryItems. Listings of a 100,000-item library are
// ~60 MB of JSON; building a generic tree first made parsing the driver's main cost.
class ListingHandler final : public Poco::JSON::Handler {
 public:
  enum class Where { kRoot, kContainer, kItem, kMedia, kPart, kLocation, kOther, kArray };

  ItemPage page;
  bool saw_container = false;
  std::string error;

  void reset() override {}
  void startObject() override { Push(false); }
  void endObject() override {
    if (!frames_.empty() && frames_.back().where == Where::kItem) {
      if (page.items.back().rating_key.empty() && error.empty()) {
        error = fmt::format("a listed item (\"{}\") has no ratingKey", page.items.back().title);
      }
    }
    Pop();
  }
  void startArray() override { Push(true); }
  void endArray() override { Pop(); }
  void key(const std::string& k) override { key_ = k; }
  void null() override {}
  void value(int v) override { Number(v); }
  void value(unsigned v) override { Number(v); }
  void value(Poco::Int64 v) override { Number(v); }
  void value(Poco::UInt64 v) override { Number(static_cast<int64_t>(v)); }
  void value(double v) override {
    // A float where Plex sends integers: kept when it fits (casting NaN, inf or 1e300 is UB).
    if (std::isfinite(v) && std::fabs(v) < 9.2e18) Number(static_cast<int64_t>(v));
  }
  void value(bool v) override { Text(v ? "1" : "0"); }
  void value(const std::string& v) override { Text(v); }

 private:
  struct Frame {
    Where where;
    std::string key;  // arrays: the key they are under (their objects' kind)
  };

  void Push(bool array) {
    const Where parent = frames_.empty() ? Where::kOther : frames_.back().where;
    Frame f{Where::kOther, key_};
    if (frames_.empty()) {
      f.where = array ? Where::kOther : Where::kRoot;
    } else if (array) {
      f.where = Where::kArray;
      f.key = key_;
    } else if (parent == Where::kRoot && key_ == "MediaContainer") {
      f.where = Where::kContainer;
      saw_container = true;
    } else if (parent == Where::kArray) {
      const Where holder = frames_.size() >= 2 ? frames_[frames_.size() - 2].where : Where::kOther;
      const std::string& kind = frames_.back().key;
      if (holder == Where::kContainer && (kind == "Metadata" || kind == "Video" || kind == "Directory")) {
        f.where = Where::kItem;
        page.items.emplace_back();
      } else if (holder == Where::kItem && kind == "Media") {
        f.where = Where::kMedia;
      } else if (holder == Where::kMedia && kind == "Part") {
        f.where = Where::kPart;
      } else if (holder == Where::kItem && kind == "Location") {
        f.where = Where::kLocation;
      }
    }
    frames_.push_back(std::move(f));
  }
  void Pop() {
    if (!frames_.empty()) frames_.pop_back();
  }

  void Number(int64_t v) {
    if (frames_.empty()) return;
    const Where w = frames_.back().where;
    if (w == Where::kContainer) {
      if (key_ == "offset") page.offset = v;
      else if (key_ == "totalSize") page.total_size = v;
    } else if (w == Where::kItem) {
      LibraryItem& item = page.items.back();
      if (key_ == "year") item.year = static_cast<int>(v);
      else if (key_ == "addedAt") item.added_at = v;
      else if (key_ == "updatedAt") item.updated_at = v;
      else if (key_ == "deletedAt") item.deleted_at = v;
      else if (key_ == "index") item.index = static_cast<int>(v);
      else if (key_ == "parentIndex") item.parent_index = static_cast<int>(v);
      else Text(std::to_string(v));  // ids sent as numbers
    }
  }

  void Text(const std::string& v) {
    if (frames_.empty()) return;
    const Where w = frames_.back().where;
    if (w == Where::kItem) {
      LibraryItem& item = page.items.back();
      if (key_ == "ratingKey") item.rating_key = v;
      else if (key_ == "type") item.type = v;
      else if (key_ == "title") item.title = v;
      else if (key_ == "parentRatingKey") item.parent_key = v;
      else if (key_ == "grandparentRatingKey") item.grandparent_key = v;
      else if (key_ == "thumb") item.thumb = v;
      else if (key_ == "art") item.art = v;
      else if (key_ == "year" || key_ == "addedAt" || key_ == "updatedAt" || key_ == "deletedAt" ||
               key_ == "index" || key_ == "parentIndex") {
        char* end = nullptr;
        const long long n = std::strtoll(v.c_str(), &end, 10);
        if (end && *end == '\0' && !v.empty()) Number(n);
      }
    } else if (w == Where::kPart && key_ == "file" && !v.empty()) {
      page.items.back().files.push_back(v);
    } else if (w == Where::kLocation && key_ == "path" && !v.empty()) {
      page.items.back().locations.push_back(v);
    } else if (w == Where::kContainer && (key_ == "offset" || key_ == "totalSize")) {
      char* end = nullptr;
      const long long n = std::strtoll(v.c_str(), &end, 10);
      if (end && *end == '\0' && !v.empty()) Number(n);
    }
  }

  std::vector<Frame> frames_;
  std::string key_;
};

Result<ItemPage> ParseJsonItemPage(std::string_view body) {
  Poco::SharedPtr<ListingHandler> handler = new ListingHandler();
  try {
    Poco::JSON::Parser parser(handler);
    parser.parse(ToValidUtf8(std::string(body)));  // as ParseMediaContainer does
  } catch (const Poco::Exception& e) {
    return Status(PD_ERR_PROTOCOL, fmt::format("the listing is not valid JSON ({})", e.displayText()));
  }
  if (!handler->saw_container) {
    return Status(PD_ERR_PROTOCOL, "the listing is not a MediaContainer document");
  }
  if (!handler->error.empty()) return Status(PD_ERR_PROTOCOL, handler->error);
  return std::move(handler->page);
}

}  // namespace

Result<ItemPage> ParseItemPage(std::string_view body) {
  if (DetectBodyFormat(body) == BodyFormat::kJson) return ParseJsonItemPage(body);
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
