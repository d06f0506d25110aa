// SPDX-License-Identifier: MIT
// ProviderService::Check: the "provider_check" document (schemas.md) for one item, so a user can
// see what Plex would be told and why an item is not served.
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "core/json_util.h"
#include "metadata/image_check.h"
#include "provider/provider_service.h"
#include "provider/safe_path.h"

namespace plexdriver {
namespace {

Poco::JSON::Object::Ptr ArtworkEntry(const ArtworkFile& a, const std::string& url, Poco::JSON::Array::Ptr problems) {
  Poco::JSON::Object::Ptr e = NewJsonObject();
  e->set("role", a.role);
  e->set("file", a.path);
  if (a.season) e->set("season", *a.season);
  if (!a.actor.empty()) e->set("actor", a.actor);
  std::ifstream in(a.path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  e->set("bytes", bytes.size());
  Result<ImageFormat> format = CheckImage(bytes, a.path);
  if (format.ok()) {
    e->set("content_type", ImageContentType(*format));
    if (!url.empty()) e->set("url", url);  // none without image links: the sync uploads it
  } else {
    e->set("problem", format.status().message());
    problems->add(format.status().message() + " (neither served nor uploaded: Plex keeps its own image)");
  }
  return e;
}

}  // namespace

Result<std::string> ProviderService::Check(std::string_view path) const {
  std::string manager(path);
  if (RealPath(manager).empty() || !library_.Locate(RealPath(manager))) {
    Result<ManagerPath> mapped = mapper_.ToManager(path);
    if (mapped.ok() && mapped->rule_index >= 0) manager = mapped->manager_path;
  }
  const std::string real = RealPath(manager);
  if (real.empty()) return Status(PD_ERR_NOT_FOUND, fmt::format("\"{}\" does not exist", path));
  if (!library_.Locate(real)) {
    return Status(PD_ERR_NOT_FOUND, fmt::format("\"{}\" is outside every manager folder of path_mappings; the "
                                                "provider serves nothing there", path));
  }
  std::optional<ItemLocation> location = LocationOf(ProviderKind::kShows, real);
  if (!location) location = LocationOf(ProviderKind::kMovies, real);
  const LoadedItem item = library_.Load(*location);
  const bool show = location->kind == ProviderKind::kShows;
  // As the provider answers a request that names no base URL of its own.
  const bool links = LinksImagesWithoutRequest(config_.image_links, config_.public_url);
  const std::string base = !links ? "" : !config_.public_url.empty() ? config_.public_url : "http://PROVIDER";
  Poco::JSON::Object::Ptr doc = NewJsonObject();
  Poco::JSON::Array::Ptr problems = new Poco::JSON::Array;
  doc->set("schema_version", 1);
  doc->set("path", std::string(path));
  doc->set("root", ProviderRootPath(location->kind));
  doc->set("identifier", config_.Identifier(location->kind));
  doc->set("image_links", links);
  Poco::JSON::Object::Ptr nfo = NewJsonObject();
  nfo->set("path", item.files.nfo);
  nfo->set("status", item.files.nfo.empty() ? "missing" : item.nfo.ok() ? "read" : "refused");
  if (!item.nfo.ok() && !item.files.nfo.empty()) nfo->set("message", item.nfo.status().message());
  doc->set("nfo", nfo);
  const std::string why = library_.Unusable(item);
  if (!why.empty()) problems->add(why + " (Plex gets an empty match and keeps what it has)");
  if (item.nfo.ok()) {
    for (const std::string& p : item.nfo->problems) problems->add(fmt::format("{}: {}", item.files.nfo, p));
  }
  // An episode file: its own document; else the movie or show.
  std::error_code ec;
  const bool episode_file = show && std::filesystem::is_regular_file(real, ec) && IsVideoFileName(real);
  std::string kind = show ? "show" : "movie";
  Poco::JSON::Object::Ptr metadata;
  if (why.empty()) {
    if (episode_file) {
      for (const EpisodeEntry& e : library_.Episodes(item, std::nullopt)) {
        if (e.file && RealPath(e.file->video) == real) {
          metadata = library_.DescribeEpisode(item, e, base);
          kind = "episode";
        }
      }
      if (!metadata) problems->add("the episode's season and episode numbers are neither in its name (S01E02) nor in its NFO");
    }
    if (!metadata) metadata = library_.DescribeItem(item, base, show);
    doc->set("rating_key", metadata->getValue<std::string>("ratingKey"));
    doc->set("guid", metadata->getValue<std::string>("guid"));
    doc->set("metadata", metadata);
  }
  doc->set("kind", kind);
  Poco::JSON::Array::Ptr artwork = new Poco::JSON::Array;
  for (const ArtworkFile& a : item.files.artwork) {
    const std::string real_art = library_.Contained(a.path);
    if (real_art.empty()) {
      problems->add(fmt::format("{}: a link to a file outside the manager folders; not served", a.path));
      continue;
    }
    artwork->add(ArtworkEntry(a, library_.ImageUrl(location->kind, real_art, base), problems));
  }
  doc->set("artwork", artwork);
  doc->set("problems", problems);
  return ToJson(doc);
}

}  // namespace plexdriver
