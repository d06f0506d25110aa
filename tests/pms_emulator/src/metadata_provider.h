// SPDX-License-Identifier: MIT
// The client side of Plex's custom metadata providers (PMS 1.43+), as the server calls them: the
// provider's root (a MediaProvider document), match (POST), metadata by the provider's ratingKey,
// children with paging, and image downloads. Every call is handed to a recorder. No emulator
// state is touched here, so the worker calls it without holding the library mutex.
#ifndef PMS_EMULATOR_SRC_METADATA_PROVIDER_H_
#define PMS_EMULATOR_SRC_METADATA_PROVIDER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pms_emulator/emulator.h"

namespace pms_emulator {

// A registered provider, as its root described it.
struct ProviderInfo {
  int64_t id = 0;
  std::string identifier;  // tv.plex.agents.custom.xxx
  std::string title;
  std::string uri;  // the root URL as registered (may carry a path)
  std::string version;
  std::vector<int> types;  // Plex type numbers it serves (movie 1, show 2, …)
  std::string scheme;      // of its guids; the identifier when the root names none
  std::string metadata_key = "/library/metadata";
  std::string match_key = "/library/metadata/matches";
  // Plex's own agents (Plex Movie, Plex Series) are providers too, listed beside the custom ones
  // and usable in groups; they answer no HTTP here (the emulator has no Plex metadata service).
  bool builtin = false;
};

// One provider in a group (MetadataAgentProviderGroupItem): its provider id and rank.
struct ProviderGroupItem {
  int64_t id = 0;
  int64_t provider_id = 0;
  int64_t order = 0;  // lower first; PMS numbers them 1000, 2000, …
};

// POST /media/providers/metadata/group: an agent. The primary provider gives the items their
// guid; the items, in order, are asked for metadata, earlier ones' values winning.
struct ProviderGroup {
  int64_t id = 0;
  std::string title;
  std::string primary_identifier;
  std::vector<ProviderGroupItem> items;  // kept sorted by order
};

// One Metadata object of a provider's answer; what it left out stays unset.
struct ProviderMetadata {
  std::string rating_key;
  std::string guid;
  std::string type;
  int index = 0;
  std::map<std::string, std::string> fields;               // title, summary, year (text), …
  std::map<std::string, std::vector<std::string>> tags;    // genre, collection, director, writer
  std::optional<std::vector<ItemView::RoleView>> roles;    // Role[]
  std::optional<std::vector<std::string>> external_guids;  // Guid[].id
  std::string thumb, art;                                  // image URLs
  std::map<std::string, std::string> images;               // "thumb" / "art" → the bytes downloaded
  std::map<std::string, std::string> unreachable_images;   // "thumb" / "art" → a URL the image service cannot fetch
  std::vector<ProviderMetadata> children;                  // a show's seasons, a season's episodes
};

// What a provider gave one item: its metadata, with the images that downloaded and are images.
struct ProviderResult {
  std::string identifier;
  ProviderMetadata metadata;
};

// What the server knows of an item when it asks a provider about it.
struct ProviderQuery {
  int64_t rating_key = 0;  // the emulator's item
  std::string type;        // movie, show
  std::string title;
  int year = 0;
  std::string filename;           // the first media file (a show's first episode's)
  std::string stored_rating_key;  // the provider's id from an earlier match: no match then
};

enum class ProviderOutcome { kMatched, kNoMatch, kFailed };

class ProviderClient {
 public:
  using Recorder = std::function<void(const ProviderCall&)>;
  // Whether Plex's image service can fetch an image URL (EmulatorOptions::public_image_hosts).
  using Reachable = std::function<bool(const std::string& url)>;
  ProviderClient(int timeout_ms, Recorder recorder, Reachable reachable = nullptr)
      : timeout_ms_(timeout_ms), record_(std::move(recorder)), reachable_(std::move(reachable)) {}

  // GET <uri>: the provider's description; nullopt and `error` when it is unreachable or no
  // MediaProvider document.
  std::optional<ProviderInfo> FetchRoot(const std::string& uri, std::string* error);
  // Matches (unless the query has a stored rating key), then GETs the metadata (a show's with
  // its seasons' episodes, paged) and the images. kFailed on any failing call but an image's.
  ProviderOutcome Fetch(const ProviderInfo& provider, const ProviderQuery& query, ProviderResult* out);

 private:
  // Downloads m's thumb and art into m->images (a failed download or a non-image is recorded and
  // left out); a URL the image service cannot reach goes to m->unreachable_images, recorded as a
  // failed call.
  void DownloadImages(const ProviderInfo& provider, int64_t rating_key, ProviderMetadata* m);
  struct Answer {
    int status = 0;
    std::string body;
    std::string error;
  };
  Answer Transfer(const std::string& method, const std::string& url, const std::string& body,
                  const std::vector<std::pair<std::string, std::string>>& headers);
  // One call whose answer must be JSON with `root` ("MediaContainer", "MediaProvider") as an
  // object (and a non-empty Metadata array when `need_metadata`). Recorded. The body, nullopt
  // on failure.
  std::optional<std::string> CallJson(const std::string& method, const std::string& url, const std::string& body,
                                      int64_t rating_key, const std::string& root, bool need_metadata,
                                      const std::vector<std::pair<std::string, std::string>>& headers = {});
  std::optional<std::string> CallImage(const std::string& url, int64_t rating_key);
  // GET <key>/<id>/children until totalSize; false on failure.
  bool Children(const ProviderInfo& provider, const std::string& id, int64_t rating_key,
                std::vector<ProviderMetadata>* out);

  int timeout_ms_;
  Recorder record_;
  Reachable reachable_;
  std::string last_error_;  // of the last failed CallJson
};

// "1.43.0.9999-abc" is at least 1.43.0 (custom metadata providers exist).
bool SupportsMetadataProviders(const std::string& version);

// Whether Plex's cloud image service could fetch `url`: not when its host is a loopback,
// private, link-local or carrier-grade NAT address, "localhost", a name without a dot or under
// .local/.lan/.home/.internal/.localdomain/.home.arpa, unless `public_hosts` names the host.
bool ImageServiceReaches(const std::string& url, const std::vector<std::string>& public_hosts);

}  // namespace pms_emulator

#endif  // PMS_EMULATOR_SRC_METADATA_PROVIDER_H_
