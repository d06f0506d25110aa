// Items' images: every item starts with an agent poster and background (their bytes made on first
// use, so generated libraries stay cheap), uploads add candidates without selecting them, a
// selection changes what …/thumb/{t} serves and moves {t}, and a metadata refresh re-selects each
// unlocked element: the local asset when the section reads them, else a re-downloaded agent image.
#include <algorithm>

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>
#include <Poco/SHA2Engine.h>
#include <fmt/format.h>

#include "emulator_support/text.h"
#include "library.h"

namespace pms_emulator {
namespace {

const std::string kJpegMagic("\xFF\xD8\xFF", 3);
const std::string kPngMagic("\x89PNG\r\n\x1a\n", 8);

// Deterministic bytes that pass for a small image: JPEG start and end markers around `text`
// (PNG: the signature before it).
std::string FakeImage(const std::string& text, bool png) {
  return png ? kPngMagic + text : std::string("\xFF\xD8\xFF\xE0", 4) + text + std::string("\xFF\xD9", 2);
}

std::string AgentBytes(const std::string& element, int64_t rating_key, int version) {
  return FakeImage(fmt::format("agent {} {} v{}", element, rating_key, version), false);
}

// {t} of /library/metadata/{k}/thumb/{t}; 0 when the URL has none.
int64_t StampOf(const std::string& url) {
  const std::string tail = url.substr(url.find_last_of('/') + 1);
  if (tail.empty() || tail.size() > 18 || !std::all_of(tail.begin(), tail.end(), ::isdigit)) return 0;
  return std::stoll(tail);
}

std::string Hex(Poco::DigestEngine&& engine, const std::string& bytes) {
  engine.update(bytes);
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string NameOf(const std::string& path) { return path.substr(path.find_last_of("/\\") + 1); }

std::string StemOf(const std::string& path) {
  const std::string name = NameOf(path);
  return name.substr(0, name.find_last_of('.'));
}

}  // namespace

const std::vector<std::string>& ImageElements() {
  static const std::vector<std::string> elements = {"thumb", "art", "banner"};
  return elements;
}

std::string ElementListing(const std::string& element) {
  return element == "thumb" ? "posters" : element + "s";
}

std::string ElementSelection(const std::string& element) { return element == "thumb" ? "poster" : element; }

std::string ImageType(const std::string& bytes) {
  if (bytes.compare(0, kJpegMagic.size(), kJpegMagic) == 0) return "image/jpeg";
  if (bytes.compare(0, kPngMagic.size(), kPngMagic) == 0) return "image/png";
  return "";
}

std::string Sha1Hex(const std::string& bytes) { return Hex(Poco::SHA1Engine(), bytes); }
std::string Sha256Hex(const std::string& bytes) { return Hex(Poco::SHA2Engine(Poco::SHA2Engine::SHA_256), bytes); }

void Library::AddFile(const std::string& path, const std::string& contents) {
  AddFile(path);
  contents_[paths_.TreeKey(path)] = contents;
}

std::string Library::FileContents(const std::string& path) const {
  const std::string key = paths_.TreeKey(path);
  auto given = contents_.find(key);
  if (given != contents_.end()) return given->second;
  auto written = files_.find(key);
  auto revision = revisions_.find(key);
  const std::string name = written == files_.end() ? paths_.Normalize(path) : written->second;
  const bool png = emulator_support::Lower(name).size() > 4 &&
                   emulator_support::Lower(name).compare(name.size() - 4, 4, ".png") == 0;
  return FakeImage(fmt::format("local asset {} r{}", name, revision == revisions_.end() ? 1 : revision->second), png);
}

std::string Library::ImageUrl(const Item& item, const std::string& element) const {
  const std::string& url = element == "thumb" ? item.thumb : element == "art" ? item.art : item.banner;
  if (!url.empty() || element == "banner") return url;
  return fmt::format("/library/metadata/{}/{}/{}", item.rating_key, element, item.added_at);
}

ElementImages& Library::Images(int64_t rating_key, const std::string& element) {
  Item& item = items_.at(rating_key);
  ItemExtra& extra = Extra(item);
  auto it = extra.images.find(element);
  if (it != extra.images.end()) return it->second;
  ElementImages& images = extra.images[element];
  if (element != "banner") {  // the agent gives every item a poster and a background, no banner
    std::string agent = "tv.plex.agents.movie";
    for (const Section& s : sections_) {
      if (s.key == item.section_key) agent = s.agent;
    }
    images.candidates.push_back({fmt::format("metadata://{}/{}_{}", ElementListing(element), agent, rating_key),
                                 "agent", agent, AgentBytes(element, rating_key, images.agent_version), ""});
    images.selected = 0;
  }
  return images;
}

bool Library::Upload(int64_t rating_key, const std::string& element, const std::string& bytes) {
  if (ImageType(bytes).empty()) return false;
  ElementImages& images = Images(rating_key, element);
  const std::string key = fmt::format("upload://{}/{}", ElementListing(element), Sha1Hex(bytes));
  for (const Image& c : images.candidates) {
    if (c.rating_key == key) return true;  // the same bytes again: still one candidate
  }
  images.candidates.push_back({key, "upload", "", bytes, ""});
  return true;
}

void Library::SelectIndex(Item& item, const std::string& element, int index, int64_t now) {
  std::string& url = element == "thumb" ? item.thumb : element == "art" ? item.art : item.banner;
  const int64_t stamp = std::max(now, StampOf(ImageUrl(item, element)) + 1);  // moves even within a second
  Images(item.rating_key, element).selected = index;
  url = index < 0 ? "" : fmt::format("/library/metadata/{}/{}/{}", item.rating_key, element, stamp);
}

bool Library::Select(int64_t rating_key, const std::string& element, const std::string& url, int64_t now) {
  ElementImages& images = Images(rating_key, element);
  for (size_t i = 0; i < images.candidates.size(); ++i) {
    if (images.candidates[i].rating_key != url) continue;
    if (static_cast<int>(i) != images.selected) {
      Item& item = items_.at(rating_key);
      SelectIndex(item, element, static_cast<int>(i), now);
      item.updated_at = std::max(now, item.updated_at + 1);
    }
    return true;
  }
  return false;
}

bool IsElement(const std::string& element) {
  const auto& all = ImageElements();
  return std::find(all.begin(), all.end(), element) != all.end();
}

std::optional<std::string> Library::SelectedImage(int64_t rating_key, const std::string& element) {
  if (!items_.count(rating_key) || !IsElement(element)) return std::nullopt;
  const ElementImages& images = Images(rating_key, element);
  if (images.selected < 0) return std::nullopt;
  const Image& selected = images.candidates[static_cast<size_t>(images.selected)];
  if (selected.unreachable) return std::nullopt;
  return selected.bytes;
}

bool Library::SelectedUnreachable(int64_t rating_key, const std::string& element) {
  if (!items_.count(rating_key) || !IsElement(element)) return false;
  const ElementImages& images = Images(rating_key, element);
  return images.selected >= 0 && images.candidates[static_cast<size_t>(images.selected)].unreachable;
}

std::vector<ImageCandidate> Library::Candidates(int64_t rating_key, const std::string& element) {
  std::vector<ImageCandidate> out;
  if (!items_.count(rating_key) || !IsElement(element)) return out;
  const ElementImages& images = Images(rating_key, element);
  for (size_t i = 0; i < images.candidates.size(); ++i) {
    const Image& c = images.candidates[i];
    out.push_back({c.rating_key, c.source, c.provider, static_cast<int>(i) == images.selected,
                   Sha256Hex(c.bytes), c.bytes.size()});
  }
  return out;
}

bool Library::ReadsLocalAssets(const std::string& section_key) const {
  for (const Section& s : sections_) {
    if (s.key != section_key) continue;
    auto pref = s.prefs.find("useLocalAssets");
    const bool set = pref != s.prefs.end();
    const bool on = set && (pref->second == "true" || pref->second == "1");
    if (s.agent == "tv.plex.agents.none" || s.agent == "com.plexapp.agents.none") return true;  // only local files
    if (s.agent.rfind("tv.plex.agents.", 0) == 0) return !set || on;  // Plex's default: on
    // Legacy and other agents read local artwork only through the server-wide "Local Media
    // Assets" agent, whose place in the agent order the emulator does not model. STRICTER: they
    // read none unless the fixture sets "useLocalAssets": true for the section.
    return on;
  }
  return false;
}

std::optional<std::pair<std::string, std::string>> Library::LocalAsset(const Item& item,
                                                                        const std::string& element) const {
  std::string folder;
  std::vector<std::string> names;
  const std::string video = item.files.empty() ? "" : item.files[0];
  if (item.type == "movie" && !video.empty()) {
    folder = paths_.Parent(video);
    if (element == "thumb") names = {"poster", "folder", "cover", StemOf(video)};
    if (element == "art") names = {"fanart", "art", "background", StemOf(video) + "-fanart"};
    if (element == "banner") names = {"banner"};
  } else if (item.type == "show") {
    folder = item.folder;
    if (element == "thumb") names = {"poster", "folder", "cover"};
    if (element == "art") names = {"fanart", "art", "background"};
    if (element == "banner") names = {"banner"};
  } else if (item.type == "season" && element == "thumb") {
    // A season's poster lives in the show's folder.
    if (const Item* show = FindItem(item.parent_key)) folder = show->folder;
    names = {item.index == 0 ? std::string("season-specials-poster") : fmt::format("season{:02d}-poster", item.index)};
  } else if (item.type == "episode" && element == "thumb" && !video.empty()) {
    folder = paths_.Parent(video);
    names = {StemOf(video) + "-thumb", StemOf(video)};
  }
  if (folder.empty()) return std::nullopt;
  for (const std::string& name : names) {
    for (const char* ext : {"jpg", "jpeg", "png"}) {
      const std::string path = paths_.Join(folder, name + "." + ext);
      if (!HasFile(path)) continue;
      std::string bytes = FileContents(path);
      // Bytes that are no image: Plex cannot read the file and goes on to the next name.
      if (!ImageType(bytes).empty()) return std::make_pair(files_.at(paths_.TreeKey(path)), std::move(bytes));
    }
  }
  return std::nullopt;
}

void Library::RefreshImages(Item& item, int64_t now) {
  const bool local = ReadsLocalAssets(item.section_key);
  for (const std::string& element : ImageElements()) {
    if (Extra(item).locked.count(element)) continue;  // a locked element keeps its image exactly
    ElementImages& images = Images(item.rating_key, element);
    const auto asset = local ? LocalAsset(item, element) : std::nullopt;
    int index = -1;
    bool changed = false;
    for (size_t i = 0; i < images.candidates.size(); ++i) {
      const Image& c = images.candidates[i];
      if (asset ? c.source == "local" && c.path == asset->first : c.source == "agent") index = static_cast<int>(i);
    }
    if (asset) {
      if (index < 0) {
        images.candidates.push_back({fmt::format("media://{}/local_{}", ElementListing(element), Sha1Hex(asset->first)),
                                     "local", "local", "", asset->first});
        index = static_cast<int>(images.candidates.size()) - 1;
      }
      Image& c = images.candidates[static_cast<size_t>(index)];
      changed = c.bytes != asset->second;  // a rewritten file is a new image
      c.bytes = asset->second;
    } else if (index >= 0) {
      // The agent downloads its image again: new bytes, as a re-download would bring.
      ++images.agent_version;
      images.candidates[static_cast<size_t>(index)].bytes = AgentBytes(element, item.rating_key, images.agent_version);
      changed = true;
    }
    if (changed || index != images.selected) SelectIndex(item, element, index, now);
  }
}

}  // namespace pms_emulator
