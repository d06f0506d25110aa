#include "sync/item_catalog.h"

#include <fmt/format.h>

#include "plex/server_clock.h"

namespace plexdriver {

Status ItemCatalog::ListInto(PmsClient& client, const LibrarySection& section, int type,
                             int64_t since, ItemIndex* index, int64_t* server_time) const {
  int64_t start = 0;
  for (;;) {
    std::string target = fmt::format("/library/sections/{}/all?type={}&X-Plex-Container-Start={}&"
                                     "X-Plex-Container-Size={}", section.key, type, start, page_size_);
    // "updatedAt>>=N": updated strictly after N (the ">>" belongs to the key).
    if (since > 0) target += fmt::format("&updatedAt%3E%3E={}", since);
    // A page lost or garbled on the way is asked for again (a listing is safe to repeat).
    Result<HttpResponse> response = client.GetRetrying(target);
    if (!response.ok()) return response.status();
    if (start == 0) *server_time = ServerTimeOf(*response);
    Result<ItemPage> page = ParseItemPage(response->body);
    if (!page.ok()) {
      return Status(PD_ERR_PROTOCOL, fmt::format("listing library \"{}\": {}", section.title,
                                                 page.status().message()));
    }
    for (const LibraryItem& item : page->items) index->Upsert(item);
    start += static_cast<int64_t>(page->items.size());
    // Unpaged answers (no totalSize) and short pages end the listing.
    if (page->items.empty() || page->total_size < 0 || start >= page->total_size) return Status::Ok();
  }
}

Status ItemCatalog::ListSection(PmsClient& client, const LibrarySection& section, int64_t since,
                                ItemIndex* index, int64_t* server_time) const {
  const std::vector<int> types = section.type == "show" ? std::vector<int>{2, 4} : std::vector<int>{1};
  *server_time = 0;
  for (int type : types) {
    int64_t t = 0;
    if (Status s = ListInto(client, section, type, since, index, &t); !s.ok()) return s;
    if (*server_time == 0) *server_time = t;
  }
  return Status::Ok();
}

Status ItemCatalog::Update(PmsClient& client, const LibrarySection& section, PathStyle style) {
  std::lock_guard<std::mutex> lock(mutex_);
  SectionState& state = sections_[section.key];
  const bool full = !state.index;
  if (full) state.index = std::make_unique<ItemIndex>(style);
  // Items changed in the second of the last listing may not have been in it: ask from there.
  const int64_t since = full ? 0 : state.listed_at - 1;
  int64_t server_time = 0;
  if (Status s = ListSection(client, section, since, state.index.get(), &server_time); !s.ok()) {
    if (full) sections_.erase(section.key);  // half an index is worse than none
    return s;
  }
  state.listed_at = server_time;
  if (full) ++full_listings_;
  return Status::Ok();
}

Result<size_t> ItemCatalog::Relist(PmsClient& client, const LibrarySection& section, PathStyle style) {
  auto fresh = std::make_unique<ItemIndex>(style);
  int64_t server_time = 0;
  std::lock_guard<std::mutex> lock(mutex_);
  if (Status s = ListSection(client, section, 0, fresh.get(), &server_time); !s.ok()) return s;
  const size_t deleted = fresh->CountDeleted();
  SectionState& state = sections_[section.key];
  state.index = std::move(fresh);
  state.listed_at = server_time;
  ++full_listings_;
  return deleted;
}

std::optional<LibraryItem> ItemCatalog::Find(const std::string& section_key,
                                             const std::string& server_path) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sections_.find(section_key);
  if (it == sections_.end() || !it->second.index) return std::nullopt;
  const LibraryItem* item = it->second.index->Find(server_path);
  if (!item) return std::nullopt;
  return *item;
}

std::optional<LibraryItem> ItemCatalog::Season(const std::string& section_key, const std::string& show_key,
                                               int index) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sections_.find(section_key);
  if (it == sections_.end() || !it->second.index) return std::nullopt;
  const LibraryItem* season = it->second.index->Season(show_key, index);
  if (!season) return std::nullopt;
  return *season;
}

void ItemCatalog::Put(const std::string& section_key, const LibraryItem& item) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sections_.find(section_key);
  if (it != sections_.end() && it->second.index) it->second.index->Upsert(item);
}

void ItemCatalog::Forget(const std::string& section_key, const std::string& rating_key) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sections_.find(section_key);
  if (it != sections_.end() && it->second.index) it->second.index->Remove(rating_key);
}

size_t ItemCatalog::Size(const std::string& section_key) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = sections_.find(section_key);
  return it == sections_.end() || !it->second.index ? 0 : it->second.index->size();
}

int ItemCatalog::full_listings() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return full_listings_;
}

Result<std::optional<LibraryItem>> ItemCatalog::Fetch(PmsClient& client, const std::string& rating_key) {
  Result<HttpResponse> response = client.GetRetrying("/library/metadata/" + rating_key);
  if (!response.ok()) {
    if (response.status().code() == PD_ERR_NOT_FOUND) return std::optional<LibraryItem>();
    return response.status();
  }
  Result<ItemPage> page = ParseItemPage(response->body);
  if (!page.ok()) return page.status();
  for (const LibraryItem& item : page->items) {
    if (item.rating_key == rating_key) return std::optional<LibraryItem>(item);
  }
  return std::optional<LibraryItem>();
}

Result<std::map<std::string, LibraryItem>> ItemCatalog::FetchMany(PmsClient& client,
                                                                  const std::vector<std::string>& rating_keys) {
  constexpr size_t kBatch = 50;
  std::map<std::string, LibraryItem> found;
  for (size_t start = 0; start < rating_keys.size(); start += kBatch) {
    std::string ids;
    for (size_t i = start; i < std::min(rating_keys.size(), start + kBatch); ++i) {
      ids += (ids.empty() ? "" : ",") + rating_keys[i];
    }
    Result<HttpResponse> response = client.Get("/library/metadata/" + ids);
    if (!response.ok()) {
      if (response.status().code() == PD_ERR_NOT_FOUND) continue;  // none of them is left
      return response.status();
    }
    Result<ItemPage> page = ParseItemPage(response->body);
    if (!page.ok()) return page.status();
    for (LibraryItem& item : page->items) found[item.rating_key] = std::move(item);
  }
  return found;
}

}  // namespace plexdriver
