// The emulated server's library: sections with their locations, metadata items (movies; shows
// → seasons → episodes) with their files, and the server-side file tree a scan compares them
// against. Scans add items whose files appeared and mark items whose files vanished; only an
// item metadata refresh changes an item's artwork. Not thread-safe: the emulator serializes.
// library.cc: the model, queries and generators; library_fixture.cc: Load; library_scan.cc:
// scans, refreshes and the trash.
#ifndef PMS_EMULATOR_SRC_LIBRARY_H_
#define PMS_EMULATOR_SRC_LIBRARY_H_

#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <Poco/JSON/Object.h>

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
  std::string thumb;
  std::string art;
  int64_t added_at = 0;
  int64_t updated_at = 0;
  int64_t duration_ms = 0;
  bool deleted = false;
  int64_t deleted_at = 0;
};

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
  void AddFile(const std::string& path);
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
  // A new item with the next free rating key (or `key` when non-zero).
  Item& NewItem(const std::string& type, const std::string& section_key, int64_t now,
                int64_t key = 0);
  void IndexFiles(Item& item);
  int64_t FindOrCreateShow(const Section& s, const std::string& folder, const std::string& name,
                           int64_t now, std::vector<LibraryEvent>* events);
  int64_t FindOrCreateSeason(const Section& s, int64_t show, const std::string& folder, int index,
                             int64_t now, std::vector<LibraryEvent>* events);
  void AddMediaFile(const Section& s, const std::string& location, const std::string& file,
                    int64_t now, std::vector<LibraryEvent>* events);

  ServerPaths paths_;
  std::vector<std::string> unmatchable_;  // media files containing one of these are not matched
  std::vector<Section> sections_;
  std::map<int64_t, Item> items_;
  std::map<std::string, std::string> files_;                // tree key → path as written
  std::unordered_map<std::string, int64_t> file_owner_;     // tree key → rating key
  int64_t next_rating_key_ = 1000;
  int64_t next_part_id_ = 5000;
};

}  // namespace pms_emulator

#endif  // PMS_EMULATOR_SRC_LIBRARY_H_
