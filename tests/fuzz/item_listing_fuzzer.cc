// Library listings (/library/sections/{id}/all, /library/metadata/{key}): the streaming JSON
// reader and the XML path. Either a page of items, each with a ratingKey, or PD_ERR_PROTOCOL.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "plex/library_items.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plexdriver;
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  Result<ItemPage> page = ParseItemPage(body);
  if (!page.ok()) {
    fuzz::CheckRefusal(page.status(), PD_ERR_PROTOCOL);
    return 0;
  }
  const bool utf8 = fuzz::IsUtf8(body);
  for (const LibraryItem& item : page->items) {
    FUZZ_CHECK(!item.rating_key.empty(), "item without ratingKey accepted");
    if (!utf8) continue;
    FUZZ_CHECK(fuzz::IsUtf8(item.rating_key + item.type + item.title + item.thumb + item.art),
               item.title);
    for (const std::string& f : item.files) FUZZ_CHECK(fuzz::IsUtf8(f), f);
    for (const std::string& l : item.locations) FUZZ_CHECK(fuzz::IsUtf8(l), l);
  }
  return 0;
}
