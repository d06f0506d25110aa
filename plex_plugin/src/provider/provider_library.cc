// SPDX-License-Identifier: MIT
#include "provider/provider_library.h"

#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <map>

#include <fmt/format.h>

#include "core/text.h"
#include "provider/safe_path.h"

namespace plexdriver {
namespace {

// A cheap look at an image's first bytes (JPEG FF D8 FF, PNG's signature) before Plex is sent
// its URL: a file that is no image is never offered. The whole file is checked when it is served.
bool LooksLikeImage(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[8] = {};
  in.read(head, sizeof(head));
  const std::string_view h(head, static_cast<size_t>(in.gcount()));
  return StartsWith(h, "\xFF\xD8\xFF") || StartsWith(h, "\x89PNG\r\n\x1A\n");
}

std::string SeasonTitle(int season) { return season == 0 ? "Specials" : fmt::format("Season {}", season); }

}  // namespace

Result<NfoDocument> ReadNfoFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(PD_ERR_NOT_FOUND, fmt::format("{}: cannot be read", path));
  // Read in pieces up to one byte past the limit: a buffer of the limit's size would be
  // allocated and cleared per read (4 MB for a 2 KB file), which dominated match time.
  std::string text;
  char piece[64 * 1024];
  while (text.size() <= kMaxNfoBytes && in.read(piece, sizeof(piece)).gcount() > 0) {
    text.append(piece, static_cast<size_t>(in.gcount()));
  }
  if (text.size() > kMaxNfoBytes) {
    return Status(PD_ERR_INVALID_ARGUMENT, fmt::format("{}: larger than the {} bytes an NFO may have; not read",
                                                       path, kMaxNfoBytes));
  }
  return ParseNfo(text, path);
}

std::string ProviderLibrary::Contained(const std::string& path) const {
  // A path written below a root (as the provider's own listings are) is resolved from that root.
  const auto lexical = Locate(path);
  const bool below_root = lexical && !lexical->second.empty() && CheckRelativePath(lexical->second).ok();
  const std::string real =
      below_root ? RealPathBelow(roots_[lexical->first].canonical, lexical->second) : RealPath(path);
  return !real.empty() && Locate(real) ? real : "";
}

Result<NfoDocument> ProviderLibrary::ReadContainedNfo(const std::string& path) const {
  const std::string real = Contained(path);
  if (real.empty()) {
    return Status(PD_ERR_NOT_FOUND, fmt::format("{}: a link to a file outside the manager folders; not read", path));
  }
  struct stat st {};
  if (::stat(real.c_str(), &st) != 0) return Status(PD_ERR_NOT_FOUND, fmt::format("{}: cannot be read", path));
  const NfoCacheKey key{real, static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
                        static_cast<int64_t>(st.st_size)};
  {
    std::lock_guard<std::mutex> lock(cache_mutex_);
    auto it = nfo_cache_.find(key.path);
    if (it != nfo_cache_.end() && it->second.first.mtime_ns == key.mtime_ns && it->second.first.size == key.size) {
      return it->second.second;
    }
  }
  Result<NfoDocument> parsed = ReadNfoFile(real);
  std::lock_guard<std::mutex> lock(cache_mutex_);
  if (nfo_cache_.size() >= kNfoCacheEntries) nfo_cache_.clear();  // bounded: memory stays flat
  nfo_cache_.insert_or_assign(key.path, std::make_pair(key, parsed));
  return parsed;
}

std::optional<std::pair<size_t, std::string>> ProviderLibrary::Locate(const std::string& real_path) const {
  std::optional<std::pair<size_t, std::string>> best;
  for (size_t i = 0; i < roots_.size(); ++i) {
    const std::string& root = roots_[i].canonical;
    if (real_path == root) return std::make_pair(i, std::string());
    if (StartsWith(real_path, root + "/") && (!best || root.size() > roots_[best->first].canonical.size())) {
      best = std::make_pair(i, real_path.substr(root.size() + 1));
    }
  }
  return best;
}

LoadedItem ProviderLibrary::Load(const ItemLocation& location) const {
  LoadedItem item;
  item.location = location;
  const std::string folder = location.relative.empty() ? roots_[location.root].canonical
                                                       : roots_[location.root].canonical + "/" + location.relative;
  item.files = location.kind == ProviderKind::kMovies ? ReadMovieFolder(folder, location.video) : ReadShowFolder(folder);
  if (!item.files.nfo.empty()) item.nfo = ReadContainedNfo(item.files.nfo);
  item.key = ItemKey(item.nfo.ok() ? &*item.nfo : nullptr, location.relative);
  return item;
}

std::string ProviderLibrary::Unusable(const LoadedItem& item) const {
  const bool movie = item.location.kind == ProviderKind::kMovies;
  if (item.files.nfo.empty()) {
    return fmt::format("no {} beside the media in \"{}\"", movie ? "movie NFO (<video>.nfo or movie.nfo)" : "tvshow.nfo",
                       item.files.folder);
  }
  if (!item.nfo.ok()) return item.nfo.status().message();
  const NfoDocument& nfo = *item.nfo;
  if (nfo.kind != (movie ? NfoKind::kMovie : NfoKind::kShow)) {
    return fmt::format("{}: a <{}> document where <{}> was expected", item.files.nfo, NfoKindName(nfo.kind),
                       movie ? "movie" : "tvshow");
  }
  if (nfo.title.empty()) return fmt::format("{}: no <title>; add the title the item should have", item.files.nfo);
  if (nfo.conflicting_ids) {
    for (const std::string& p : nfo.problems) {
      if (StartsWith(p, "two ")) return fmt::format("{}: {}; keep one value per id type", item.files.nfo, p.substr(0, p.find(';')));
    }
  }
  return "";
}

std::string ProviderLibrary::ImageUrl(ProviderKind kind, const std::string& real_path, const std::string& base) const {
  if (base.empty()) return "";  // no links (provider.image_links): never a relative one either
  auto located = Locate(real_path);
  if (!located) return "";
  struct stat st {};
  const uint64_t version = ::stat(real_path.c_str(), &st) == 0
                               ? static_cast<uint64_t>(st.st_mtim.tv_sec) * 1000003u ^ static_cast<uint64_t>(st.st_size) ^
                                     static_cast<uint64_t>(st.st_mtim.tv_nsec)
                               : 0;
  return fmt::format("{}{}/images/{}/{}?v={:x}", base, ProviderRootPath(kind), located->first,
                     EncodeRelativePath(located->second), version);
}

std::vector<ImageLink> ProviderLibrary::Images(const LoadedItem& item, std::optional<int> season,
                                               const EpisodeEntry* episode, const std::string& base) const {
  std::vector<ImageLink> out;
  const ProviderKind kind = item.location.kind;
  auto add = [&](const char* type, const std::string& path) {
    if (path.empty()) return;
    const std::string real = Contained(path);
    if (real.empty() || !LooksLikeImage(real)) return;
    const std::string url = ImageUrl(kind, real, base);
    if (!url.empty()) out.push_back({type, url});
  };
  if (episode) {
    if (episode->file) add("snapshot", episode->file->thumb);
    return out;
  }
  if (season) {
    if (const ArtworkFile* a = item.files.Find("season_poster", season)) add("coverPoster", a->path);
    return out;
  }
  if (const ArtworkFile* a = item.files.Find("poster")) add("coverPoster", a->path);
  if (const ArtworkFile* a = item.files.Find("fanart")) add("background", a->path);
  if (const ArtworkFile* a = item.files.Find("banner")) add("banner", a->path);
  if (const ArtworkFile* a = item.files.Find("clearlogo")) add("clearLogo", a->path);
  return out;
}

ParentRef ProviderLibrary::ShowRef(const LoadedItem& show, const std::string& base) const {
  ParentRef ref;
  ref.type = ProvidedType::kShow;
  ref.key = show.key;
  ref.guid = ProviderGuid(config_->Identifier(ProviderKind::kShows), ProvidedType::kShow, show.key);
  ref.title = show.nfo.ok() ? show.nfo->title : "";
  const std::vector<ImageLink> images = Images(show, std::nullopt, nullptr, base);
  if (!images.empty() && images.front().type == "coverPoster") ref.thumb = images.front().url;
  return ref;
}

ParentRef ProviderLibrary::SeasonRef(const LoadedItem& show, int season, const std::string& base) const {
  ParentRef ref;
  ref.type = ProvidedType::kSeason;
  ref.key = SeasonKey(show.key, season);
  ref.guid = ProviderGuid(config_->Identifier(ProviderKind::kShows), ProvidedType::kSeason, ref.key);
  ref.title = SeasonTitle(season);
  const std::vector<ImageLink> images = Images(show, season, nullptr, base);
  if (!images.empty()) ref.thumb = images.front().url;
  return ref;
}

Poco::JSON::Object::Ptr ProviderLibrary::DescribeItem(const LoadedItem& item, const std::string& base,
                                                      bool include_children) const {
  MetadataInput in;
  const bool movie = item.location.kind == ProviderKind::kMovies;
  in.type = movie ? ProvidedType::kMovie : ProvidedType::kShow;
  in.key = item.key;
  in.guid = ProviderGuid(config_->Identifier(item.location.kind), in.type, item.key);
  in.nfo = item.nfo.ok() ? &*item.nfo : nullptr;
  in.images = Images(item, std::nullopt, nullptr, base);
  for (const ArtworkFile& a : item.files.artwork) {
    if (a.role != "actor") continue;
    const std::string real = Contained(a.path);
    const std::string url = real.empty() || !LooksLikeImage(real) ? "" : ImageUrl(item.location.kind, real, base);
    if (!url.empty()) in.actor_thumbs.emplace(a.actor, url);
  }
  Poco::JSON::Object::Ptr o = BuildMetadata(in);
  if (!movie && include_children) {
    Poco::JSON::Array::Ptr seasons = new Poco::JSON::Array;
    for (int s : SeasonNumbers(item)) seasons->add(DescribeSeason(item, s, base, false));
    Poco::JSON::Object::Ptr children = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    children->set("size", seasons->size());
    children->set("Metadata", seasons);
    o->set("Children", children);
  }
  return o;
}

std::vector<EpisodeEntry> ProviderLibrary::Episodes(const LoadedItem& show, std::optional<int> season) const {
  std::vector<EpisodeEntry> out;
  for (const EpisodeFile& f : show.files.episodes) {
    EpisodeEntry e;
    e.file = &f;
    if (!f.season && !f.nfo.empty()) {
      Result<NfoDocument> nfo = ReadContainedNfo(f.nfo);
      if (nfo.ok() && nfo->kind == NfoKind::kEpisode && nfo->season && nfo->episode) {
        e.season = *nfo->season;
        e.episode = *nfo->episode;
        e.nfo = std::move(nfo).value();
      } else {
        continue;
      }
    } else if (f.season) {
      e.season = *f.season;
      e.episode = *f.episode;
    } else {
      continue;  // neither the name nor an NFO says which episode it is
    }
    if (season && e.season != *season) continue;
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const EpisodeEntry& a, const EpisodeEntry& b) {
    return a.season != b.season ? a.season < b.season : a.episode < b.episode;
  });
  out.erase(std::unique(out.begin(), out.end(), [](const EpisodeEntry& a, const EpisodeEntry& b) {
              return a.season == b.season && a.episode == b.episode;
            }), out.end());
  return out;
}

std::vector<int> ProviderLibrary::SeasonNumbers(const LoadedItem& show) const {
  std::vector<int> seasons;
  for (const EpisodeEntry& e : Episodes(show, std::nullopt)) {
    if (seasons.empty() || seasons.back() != e.season) seasons.push_back(e.season);
  }
  return seasons;
}

Poco::JSON::Object::Ptr ProviderLibrary::DescribeSeason(const LoadedItem& show, int season, const std::string& base,
                                                        bool include_children) const {
  const ParentRef parent = ShowRef(show, base);
  MetadataInput in;
  in.type = ProvidedType::kSeason;
  in.key = SeasonKey(show.key, season);
  in.guid = ProviderGuid(config_->Identifier(ProviderKind::kShows), ProvidedType::kSeason, in.key);
  in.title = SeasonTitle(season);
  in.index = season;
  in.parent = &parent;
  in.images = Images(show, season, nullptr, base);
  Poco::JSON::Object::Ptr o = BuildMetadata(in);
  if (include_children) {
    Poco::JSON::Array::Ptr episodes = new Poco::JSON::Array;
    for (const EpisodeEntry& e : Episodes(show, season)) episodes->add(DescribeEpisode(show, e, base));
    Poco::JSON::Object::Ptr children = new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
    children->set("size", episodes->size());
    children->set("Metadata", episodes);
    o->set("Children", children);
  }
  return o;
}

Poco::JSON::Object::Ptr ProviderLibrary::DescribeEpisode(const LoadedItem& show, const EpisodeEntry& episode,
                                                         const std::string& base) const {
  const ParentRef grandparent = ShowRef(show, base);
  const ParentRef parent = SeasonRef(show, episode.season, base);
  std::optional<NfoDocument> nfo = episode.nfo;
  if (!nfo && episode.file && !episode.file->nfo.empty()) {
    Result<NfoDocument> read = ReadContainedNfo(episode.file->nfo);
    if (read.ok() && read->kind == NfoKind::kEpisode) nfo = std::move(read).value();
  }
  MetadataInput in;
  in.type = ProvidedType::kEpisode;
  in.key = EpisodeKey(show.key, episode.season, episode.episode);
  in.guid = ProviderGuid(config_->Identifier(ProviderKind::kShows), ProvidedType::kEpisode, in.key);
  in.nfo = nfo ? &*nfo : nullptr;
  in.title = fmt::format("Episode {}", episode.episode);
  in.index = episode.episode;
  in.parent_index = episode.season;
  in.parent = &parent;
  in.grandparent = &grandparent;
  in.images = Images(show, std::nullopt, &episode, base);
  return BuildMetadata(in);
}

}  // namespace plexdriver
