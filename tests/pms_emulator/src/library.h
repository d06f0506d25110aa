// The emulated server's library: sections with their locations, metadata items (movies; shows
// → seasons → episodes) with their files, and the server-side file tree a scan compares them
// against. Scans add items whose files appeared and mark items whose files vanished; only an
// item metadata refresh changes an item's artwork. Not thread-safe: the emulator serializes.
// library.cc: the model, queries and generators; library_fixture.cc: Load; library_scan.cc:
// scans, refreshes and the trash; library_metadata.cc: edited fields, tags, locks and what the
// agent gives; library_artwork.cc: images, uploads, selections and local assets.
#ifndef PMS_EMULATOR_SRC_LIBRARY_H_
#define PMS_EMULATOR_SRC_LIBRARY_H_

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <Poco/JSON/Object.h>

#include "metadata_provider.h"
#include "pms_emulator/emulator.h"
#include "server_paths.h"

namespace pms_emulator {

struct Section {
  std::string key;
  std::string type;  // movie, show
  std::string title;
  std::string agent;
  std::string scanner;
  std::string language = "en-US";
  std::string uuid;
  std::vector<std::string> locations;
  std::vector<int64_t> location_ids;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t scanned_at = 0;
  int64_t content_changed_at = 0;
  bool refreshing = false;
  // Advanced library settings the fixture sets (GET /library/sections/{id}/prefs), as text:
  // "useLocalAssets": "false". The rest keep Plex's defaults.
  std::map<std::string, std::string> prefs;
};

struct Item {
  int64_t rating_key = 0;
  std::string type;  // movie, show, season, episode
  std::string title;
  int year = 0;
  int index = 0;  // season / episode number
  std::string section_key;
  int64_t parent_key = 0;       // season → show, episode → season
  int64_t grandparent_key = 0;  // episode → show
  std::string folder;           // shows and seasons: their folder
  std::vector<std::string> files;
  std::vector<int64_t> part_ids;
  // The selected images' URLs (/library/metadata/{k}/thumb/{t}); "" for thumb and art: the
  // default /…/{added_at}; "" for banner: none.
  std::string thumb;
  std::string art;
  std::string banner;
  int64_t added_at = 0;
  int64_t updated_at = 0;
  int64_t duration_ms = 0;
  bool deleted = false;
  int64_t deleted_at = 0;
};

// Editable values: fields (title, titleSort, …, year as text) and tags ("genre" → names).
struct MetadataValues {
  std::map<std::string, std::string> fields;
  std::map<std::string, std::vector<std::string>> tags;
};

// One image Plex has for an item's element.
struct Image {
  std::string rating_key;  // upload://posters/<sha1>, metadata://posters/<agent>_<k>, media://…
  std::string source;      // agent, upload, local
  std::string provider;    // the section's agent, "local"; "" for uploads
  std::string bytes;
  std::string path;        // local: the file it was read from
  // A provider's image at a URL Plex's image service cannot reach: listed and selectable, but it
  // never shows (no bytes).
  bool unreachable = false;
};

// The candidates of one element ("thumb", "art", "banner") and the one Plex serves.
struct ElementImages {
  std::vector<Image> candidates;
  int selected = -1;
  int agent_version = 1;  // the agent image's bytes say "v<n>"; each re-download bumps it
};

// What an item carries beyond what scans and generators give it, created on first use so a
// generated 100,000-item library costs nothing here. Until it exists the agent's values are the
// item's own.
struct ItemExtra {
  MetadataValues current;  // the set fields except title and year (Item has those), the tags
  MetadataValues agent;    // what a refresh gives the unlocked ones, title and year included
  std::set<std::string> locked;
  std::map<std::string, ElementImages> images;
  // What a custom metadata provider gave (library_provider.cc): its guid and id for the item
  // ("" until one matched), the external guids and the cast.
  std::string guid;
  std::string provider;              // the identifier of the provider that matched it
  std::string provider_rating_key;   // its id there: a refresh asks for it without matching
  std::vector<std::string> external_guids;
  std::vector<ItemView::RoleView> roles;
};

// A PUT /library/sections/{id}/all edit, parsed and checked.
struct Edits {
  std::map<std::string, std::string> values;                      // field → value
  std::map<std::string, bool> locks;                              // field, tag or element → locked
  std::map<std::string, std::vector<std::string>> set_tags;       // genre[0].tag.tag=…: names to add
  std::map<std::string, std::vector<std::string>> remove_tags;    // genre[].tag.tag-=A,B
};

// Plex's editable fields (title, titleSort, …, studio), tags (genre, collection, director,
// writer, label) and image elements (thumb, art, banner).
const std::vector<std::string>& FieldNames();
const std::vector<std::string>& TagNames();
const std::vector<std::string>& ImageElements();
bool IsElement(const std::string& element);  // thumb, art or banner
// "thumb" → "posters" (the listing and upload endpoint), "poster" (the selection endpoint).
std::string ElementListing(const std::string& element);
std::string ElementSelection(const std::string& element);
// "image/jpeg", "image/png" by the bytes' magic; "" for anything else.
std::string ImageType(const std::string& bytes);
std::string Sha1Hex(const std::string& bytes);
std::string Sha256Hex(const std::string& bytes);

// Plex metadata type numbers (movie 1, show 2, season 3, episode 4).
int TypeNumber(const std::string& type);

// What a scan or refresh changed, for timeline notifications and webhooks.
struct LibraryEvent {
  std::string section_key;
  int64_t item_key = 0;
  std::string type;
  std::string title;
  int state = 5;  // 0 created, 5 processed, 9 deleted
  std::string metadata_state;  // "created", "deleted", ""
  int64_t updated_at = 0;
};

class Library {
 public:
  // Throws std::invalid_argument naming the bad field. `platform` receives the fixture's
  // server.platform when it sets one.
  void Load(const std::string& json, std::string* platform);
  void SetWindows(bool windows) { paths_ = ServerPaths(windows); }
  // Media files whose path contains `fragment` are found by scans but never matched (no item),
  // as Plex does with names its agent cannot match.
  void AddUnmatchable(const std::string& fragment) { unmatchable_.push_back(fragment); }
  const ServerPaths& paths() const { return paths_; }

  // --- the file tree ---
  void AddFile(const std::string& path);  // contents derived from the path (and how often it was added)
  void AddFile(const std::string& path, const std::string& contents);
  // A file's bytes: as given, else "local asset <path> r<n>" in a JPEG (PNG for .png) wrapper.
  std::string FileContents(const std::string& path) const;
  // Immediate subfolders and files of a folder (paths as written).
  void ListFolder(const std::string& folder, std::vector<std::string>* folders,
                  std::vector<std::string>* files) const;
  // Ids for folders of the tree, as /library/sections/{id}/folder?parent= names them (PMS's are
  // database ids): given out on first use, stable after.
  int64_t FolderId(const std::string& folder);
  std::optional<std::string> FolderPath(int64_t id) const;
  void RemovePath(const std::string& path);  // a file or everything under a folder
  bool HasFile(const std::string& path) const;
  bool FolderExists(const std::string& path) const;  // a location root, or holds files
  size_t FoldersUnder(const std::string& path) const;

  // --- sections ---
  std::vector<Section>& sections() { return sections_; }
  const std::vector<Section>& sections() const { return sections_; }
  Section* FindSection(const std::string& key);
  bool InSection(const Section& s, const std::string& path) const;

  // --- scans and refreshes (return what changed) ---
  // `path` empty: the whole section. A path that does not exist changes nothing.
  std::vector<LibraryEvent> ApplyScan(const std::string& section_key, const std::string& path,
                                      int64_t now);
  std::vector<LibraryEvent> RefreshMetadata(int64_t rating_key, int64_t now);
  std::vector<LibraryEvent> EmptyTrash(const std::string& section_key);

  // --- queries ---
  const Item* FindItem(int64_t rating_key) const;
  const Item* FindByFile(const std::string& path) const;
  // Top-level items of a section (movies or shows), optionally of one type number.
  std::vector<const Item*> SectionItems(const std::string& section_key, int type = 0) const;
  std::vector<const Item*> Children(int64_t rating_key) const;
  std::vector<const Item*> AllItems() const;  // every type, in rating key order
  std::vector<const Item*> Leaves(int64_t rating_key) const;  // episodes of a show
  size_t ChildCount(int64_t rating_key) const;
  // Children and episode counts of every show and season, in one pass (for listings: asking
  // ChildCount per item would be quadratic on a 200,000-episode library).
  struct Counts {
    size_t children = 0;
    size_t leaves = 0;
  };
  std::unordered_map<int64_t, Counts> AllCounts() const;
  ItemView View(const Item& item) const;
  std::vector<Item*> WithDescendants(int64_t rating_key);

  // --- fields, tags, locks, the agent (library_metadata.cc) ---
  // Parses the edit parameters of PUT /library/sections/{id}/all: "" or what is wrong. Other
  // parameters (type, id, X-Plex-*) are left alone.
  static std::string ParseEdits(const std::map<std::string, std::string>& params, Edits* edits);
  // Checked `edits` on an existing item; moves its updatedAt.
  void ApplyEdits(int64_t rating_key, const Edits& edits, int64_t now);
  // Throws std::invalid_argument for an unknown item or field.
  void SetAgentValues(int64_t rating_key, const std::map<std::string, std::string>& values);
  // A fixture's values: the item's own, then how the agent differs.
  void LoadMetadata(Item& item, const MetadataValues& own, const MetadataValues& agent);
  const ItemExtra* FindExtra(int64_t rating_key) const;
  // Every set field, title and year included.
  std::map<std::string, std::string> Fields(const Item& item) const;

  // --- custom metadata providers (library_provider.cc) ---
  // plex://<type>/… or the provider's guid once one matched the item.
  std::string Guid(const Item& item) const;
  // What the server tells a provider about a movie or show (title, year, first media file, the
  // provider and id of an earlier match).
  ProviderQuery QueryFor(const Item& item, std::string* matched_provider) const;
  // Applies a provider's answer to the item and (a show) its seasons and episodes by index:
  // unlocked fields and tags, guid, external guids, roles, and the images as selected candidates
  // (metadata://posters/<identifier>_<sha1>) unless the element is locked. Returns what changed.
  std::vector<LibraryEvent> ApplyProvider(int64_t rating_key, const ProviderResult& result, int64_t now);
  // What Plex's own agent gives the item in a provider group: the values it shows now (fields,
  // tags, cast, ids), and "thumb"/"art" with empty bytes where it has an image (a claim: a
  // provider ranked lower does not replace them).
  ProviderResult ShownValues(int64_t rating_key, const std::string& identifier) const;

  // --- images (library_artwork.cc) ---
  std::string ImageUrl(const Item& item, const std::string& element) const;
  ElementImages& Images(int64_t rating_key, const std::string& element);  // created on first use
  // Adds the bytes as a candidate (once per sha1). False when they are no JPEG or PNG.
  bool Upload(int64_t rating_key, const std::string& element, const std::string& bytes);
  // Selects the candidate `url`; false when there is none such.
  bool Select(int64_t rating_key, const std::string& element, const std::string& url, int64_t now);
  std::optional<std::string> SelectedImage(int64_t rating_key, const std::string& element);
  // Whether the selected image is a provider's that Plex's image service cannot fetch.
  bool SelectedUnreachable(int64_t rating_key, const std::string& element);
  std::vector<ImageCandidate> Candidates(int64_t rating_key, const std::string& element);
  // Whether the section's agent reads poster.jpg and the like next to the media.
  bool ReadsLocalAssets(const std::string& section_key) const;

  // --- generators for benchmarks ---
  void GenerateMovies(const std::string& section_key, int count, int64_t now);
  void GenerateShows(const std::string& section_key, int shows, int seasons, int episodes,
                     int64_t now);

 private:
  // The fixture's "rating_key" of an object (0 when absent); throws naming `where` when bad.
  int64_t ExplicitKey(const Poco::JSON::Object::Ptr& o, const std::string& where) const;
  // A fixture's season or episode, the `position`th (from 0) of its parent: its rating key,
  // "index" (default position + 1) and "title" (default "<label> <index>").
  Item& LoadNumbered(const Poco::JSON::Object::Ptr& o, const std::string& where,
                     const std::string& type, const std::string& label, const Section& s,
                     size_t position);
  // A fixture item's metadata fields, tags and "agent" values (library_fixture.cc).
  void LoadFixtureMetadata(Item& item, const Poco::JSON::Object::Ptr& o, const std::string& where);
  // A new item with the next free rating key (or `key` when non-zero).
  Item& NewItem(const std::string& type, const std::string& section_key, int64_t now,
                int64_t key = 0);
  void IndexFiles(Item& item);
  int64_t FindOrCreateShow(const Section& s, const std::string& folder, const std::string& name,
                           int64_t now, std::vector<LibraryEvent>* events);
  int64_t FindOrCreateSeason(const Section& s, int64_t show, const std::string& folder, int index,
                             int64_t now, std::vector<LibraryEvent>* events);
  ItemExtra& Extra(Item& item);  // created on first use, the agent's values the item's own
  // What a metadata refresh does to one item's unlocked fields, tags and images.
  void ApplyAgent(Item& item, int64_t now);
  void RefreshImages(Item& item, int64_t now);
  // The local asset the item's element would read, as (path, bytes); nullopt when none.
  std::optional<std::pair<std::string, std::string>> LocalAsset(const Item& item, const std::string& element) const;
  void SelectIndex(Item& item, const std::string& element, int index, int64_t now);
  // One item's share of a provider's answer (fields, tags, guids, roles).
  void ApplyProviderValues(Item& item, const ProviderMetadata& m, const std::string& identifier, int64_t now);
  void AddProviderImage(Item& item, const std::string& element, const std::string& bytes,
                        const std::string& identifier, int64_t now);
  void ApplyProviderImages(Item& item, const ProviderMetadata& m, const std::string& identifier, int64_t now);
  // A provider's image at `url` that the image service cannot fetch: selected (unless locked), shows nothing.
  void AddUnreachableImage(Item& item, const std::string& element, const std::string& url,
                           const std::string& identifier, int64_t now);
  void AddMediaFile(const Section& s, const std::string& location, const std::string& file,
                    int64_t now, std::vector<LibraryEvent>* events);

  ServerPaths paths_;
  std::vector<std::string> unmatchable_;  // media files containing one of these are not matched
  std::vector<Section> sections_;
  std::map<int64_t, Item> items_;
  std::map<std::string, std::string> files_;                // tree key → path as written
  std::unordered_map<std::string, int64_t> file_owner_;     // tree key → rating key
  std::unordered_map<std::string, std::string> contents_;   // tree key → bytes a test gave
  std::unordered_map<std::string, int> revisions_;          // tree key → times AddFile'd
  std::unordered_map<int64_t, ItemExtra> extras_;
  std::map<std::string, int64_t> folder_ids_;  // tree key → id
  std::vector<std::string> folder_paths_;      // id - 1 → path as first asked for
  int64_t next_rating_key_ = 1000;
  int64_t next_part_id_ = 5000;
};

}  // namespace pms_emulator

#endif  // PMS_EMULATOR_SRC_LIBRARY_H_
