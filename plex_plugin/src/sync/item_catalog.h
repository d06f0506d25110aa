// Per instance, per library section: which item a server path belongs to, so a sync can refresh
// the right item and confirm what a scan did. Built once from paged listings, then kept current
// with "updated since" listings (Plex's updatedAt>>= filter) instead of re-listing everything.
// [thread-safe] (the queued-sync worker and a host's sync may use it at once)
#ifndef PLEXDRIVER_SYNC_ITEM_CATALOG_H_
#define PLEXDRIVER_SYNC_ITEM_CATALOG_H_

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "planning/item_index.h"
#include "plex/library_items.h"
#include "plex/pms_client.h"
#include "plex/pms_types.h"

namespace plexdriver {

class ItemCatalog {
 public:
  explicit ItemCatalog(size_t page_size = 2000) : page_size_(page_size) {}

  // Brings the section's index up to date: the first call lists the section in full (movies;
  // shows and episodes for show sections), later calls only what changed since the previous
  // listing.
  Status Update(PmsClient& client, const LibrarySection& section, PathStyle style);
  // Lists the section in full again (replacing its index: exact, also about items gone or
  // trashed without a new updatedAt) and returns how many items are in its trash.
  Result<size_t> Relist(PmsClient& client, const LibrarySection& section, PathStyle style);

  // The item owning `server_path` in that section (a copy), if the index knows one.
  std::optional<LibraryItem> Find(const std::string& section_key, const std::string& server_path) const;
  // Season `index` of show `show_key` in that section (a copy), if the index knows it.
  std::optional<LibraryItem> Season(const std::string& section_key, const std::string& show_key, int index) const;
  // Records what a fetch returned (after a refresh) or forgets a removed item.
  void Put(const std::string& section_key, const LibraryItem& item);
  void Forget(const std::string& section_key, const std::string& rating_key);
  size_t Size(const std::string& section_key) const;
  // Number of full listings so far (a second sync must not list everything again).
  int full_listings() const;

  // GET /library/metadata/{key}: the item, or nullopt when Plex no longer has it (404).
  static Result<std::optional<LibraryItem>> Fetch(PmsClient& client, const std::string& rating_key);
  // The items Plex still has among `rating_keys`, by rating key, asked for in batches
  // (GET /library/metadata/{k1,k2,...}, up to 50 keys a request): one request per batch, not per
  // item. A key missing from the result is an item Plex no longer has.
  static Result<std::map<std::string, LibraryItem>> FetchMany(PmsClient& client,
                                                              const std::vector<std::string>& rating_keys);

 private:
  struct SectionState {
    std::unique_ptr<ItemIndex> index;
    int64_t listed_at = 0;  // server time (s) of the last listing; 0: never listed
  };
  // Lists `type` items of the section (all pages), upserting them; `since` > 0 lists only items
  // updated after it. Sets *server_time from the first response's Date header.
  Status ListInto(PmsClient& client, const LibrarySection& section, int type, int64_t since,
                  ItemIndex* index, int64_t* server_time) const;
  // Lists every item type of the section (since > 0: only what changed) into *index.
  Status ListSection(PmsClient& client, const LibrarySection& section, int64_t since,
                     ItemIndex* index, int64_t* server_time) const;

  const size_t page_size_;
  mutable std::mutex mutex_;
  std::map<std::string, SectionState> sections_;
  int full_listings_ = 0;
};

}  // namespace plexdriver

#endif  // PLEXDRIVER_SYNC_ITEM_CATALOG_H_
