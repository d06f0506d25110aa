// SPDX-License-Identifier: MIT
// ProviderService's answers: match, metadata (with children and images) and artwork files.
#include <sys/stat.h>

#include <ctime>
#include <filesystem>
#include <fstream>

#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>
#include <fmt/format.h>

#include "core/json_util.h"
#include "core/text.h"
#include "metadata/image_check.h"
#include "planning/artwork_names.h"
#include "provider/provider_service.h"
#include "provider/safe_path.h"

namespace plexdriver {
namespace {

constexpr int64_t kMaxImageBytes = 50 << 20;

size_t Count(const std::string& text, size_t fallback, size_t max) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos) return fallback;
  return std::min<size_t>(std::strtoul(text.c_str(), nullptr, 10), max);
}

ProviderResponse Page(const std::string& identifier, const std::vector<Poco::JSON::Object::Ptr>& all,
                      const ProviderRequest& request) {
  const size_t start = Count(request.Param("X-Plex-Container-Start"), 0, all.size());
  const size_t size = Count(request.Param("X-Plex-Container-Size"), 20, 1000);
  const auto first = all.begin() + static_cast<std::ptrdiff_t>(start);
  const auto last = all.begin() + static_cast<std::ptrdiff_t>(std::min(all.size(), start + size));
  return JsonResponse(200, BuildContainer(identifier, std::vector<Poco::JSON::Object::Ptr>(first, last), start,
                                          all.size()));
}

ProviderResponse Empty(const std::string& identifier) { return JsonResponse(200, BuildContainer(identifier, {}, 0, 0)); }

}  // namespace

ProviderResponse ProviderService::Match(ProviderKind kind, const ProviderRequest& request) const {
  const std::string identifier = config_.Identifier(kind);
  Result<MatchRequest> match = ParseMatchRequest(request.body);
  if (!match.ok()) return ErrorResponse(400, "match request: " + match.status().message());
  const bool movie_type = match->type == ProvidedType::kMovie;
  if (movie_type != (kind == ProviderKind::kMovies)) {
    return ErrorResponse(400, fmt::format("match request: type {} is not served by {}", static_cast<int>(match->type),
                                          ProviderRootPath(kind)));
  }
  // Only the item whose NFO sits beside its file is ours; without a file there is nothing to
  // look beside, and a title alone is never matched (Plex's next provider takes over).
  const std::optional<std::string> file = ResolveMediaFile(match->filename);
  if (!file) {
    if (log_ && !match->filename.empty()) {
      log_(PD_LOG_INFO, fmt::format("metadata provider: no match for \"{}\": not below a mapped manager folder",
                                    match->filename));
    }
    return Empty(identifier);
  }
  std::optional<ItemLocation> location = LocationOf(kind, *file);
  std::string why = location ? "" : "no tvshow.nfo in the show's folder";
  std::optional<LoadedItem> item = location ? LoadUsable(*location, &why) : std::nullopt;
  if (!item) {
    if (log_) log_(PD_LOG_INFO, fmt::format("metadata provider: no match for \"{}\": {}", match->filename, why));
    return Empty(identifier);
  }
  const std::string base = BaseUrl(request);
  Poco::JSON::Object::Ptr answer;
  if (match->type == ProvidedType::kMovie || match->type == ProvidedType::kShow) {
    answer = library_.DescribeItem(*item, base, match->include_children);
  } else {
    std::optional<int> season = match->parent_index;
    std::optional<int> episode;
    if (match->type == ProvidedType::kSeason) season = match->index;
    else episode = match->index;
    if (!season || (match->type == ProvidedType::kEpisode && !episode)) {
      if (auto numbers = EpisodeNumbersOf(std::filesystem::path(*file).filename().string())) {
        season = numbers->first;
        episode = numbers->second;
      }
    }
    if (!season) return Empty(identifier);
    if (match->type == ProvidedType::kSeason) {
      answer = library_.DescribeSeason(*item, *season, base, match->include_children);
    } else {
      for (const EpisodeEntry& e : library_.Episodes(*item, season)) {
        if (episode && e.episode == *episode) answer = library_.DescribeEpisode(*item, e, base);
      }
      if (!answer) return Empty(identifier);
    }
  }
  return JsonResponse(200, BuildContainer(identifier, {answer}, 0, 1));
}

ProviderResponse ProviderService::Metadata(ProviderKind kind, std::string_view rest,
                                           const ProviderRequest& request) const {
  const std::string identifier = config_.Identifier(kind);
  const size_t slash = rest.find('/');
  const std::string key(rest.substr(0, slash));
  const std::string_view what = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
  std::optional<ParsedKey> parsed = ParseKey(key);
  if (!parsed || (kind == ProviderKind::kMovies && parsed->season)) {
    return NotFound(request, fmt::format("\"{}\" is not a rating key of this provider", key.substr(0, 120)), false);
  }
  std::optional<ItemLocation> location = catalog_.Find(kind, parsed->item_key);
  if (!location) return NotFound(request, fmt::format("no item with rating key \"{}\"", key), false);
  std::string why;
  std::optional<LoadedItem> item = LoadUsable(*location, &why);
  if (!item) return NotFound(request, fmt::format("rating key \"{}\": {}", key, why), true);
  const std::string base = BaseUrl(request);
  const bool children = request.Param("includeChildren") == "1";
  std::vector<EpisodeEntry> episodes;
  const EpisodeEntry* episode = nullptr;
  if (parsed->episode) {
    episodes = library_.Episodes(*item, parsed->season);
    for (const EpisodeEntry& e : episodes) {
      if (e.episode == *parsed->episode) episode = &e;
    }
    if (!episode) return NotFound(request, fmt::format("rating key \"{}\": no such episode", key), false);
  } else if (parsed->season) {
    const std::vector<int> seasons = library_.SeasonNumbers(*item);
    if (std::find(seasons.begin(), seasons.end(), *parsed->season) == seasons.end()) {
      return NotFound(request, fmt::format("rating key \"{}\": no such season", key), false);
    }
  }
  if (what.empty()) {
    Poco::JSON::Object::Ptr one = episode ? library_.DescribeEpisode(*item, *episode, base)
                                  : parsed->season ? library_.DescribeSeason(*item, *parsed->season, base, children)
                                                   : library_.DescribeItem(*item, base, children);
    return JsonResponse(200, BuildContainer(identifier, {one}, 0, 1));
  }
  if (what == "images") {
    const std::vector<ImageLink> images = library_.Images(*item, parsed->season, episode, base);
    Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
    for (const ImageLink& image : images) {
      Poco::JSON::Object::Ptr entry = NewJsonObject();
      entry->set("type", image.type);
      entry->set("url", image.url);
      list->add(entry);
    }
    Poco::JSON::Object::Ptr c = NewJsonObject();
    c->set("offset", 0);
    c->set("totalSize", images.size());
    c->set("identifier", identifier);
    c->set("size", images.size());
    c->set("Image", list);
    Poco::JSON::Object::Ptr doc = NewJsonObject();
    doc->set("MediaContainer", c);
    return JsonResponse(200, doc);
  }
  const bool grandchildren = what == "grandchildren";
  if ((what != "children" && !grandchildren) || kind == ProviderKind::kMovies || episode ||
      (grandchildren && parsed->season)) {
    return NotFound(request, "unknown path below the item", false);
  }
  std::vector<Poco::JSON::Object::Ptr> all;
  if (parsed->season || grandchildren) {
    for (const EpisodeEntry& e : library_.Episodes(*item, parsed->season)) all.push_back(library_.DescribeEpisode(*item, e, base));
  } else {
    for (int s : library_.SeasonNumbers(*item)) all.push_back(library_.DescribeSeason(*item, s, base, false));
  }
  return Page(identifier, all, request);
}

ProviderResponse ProviderService::Image(ProviderKind kind, std::string_view rest, const ProviderRequest& request) const {
  (void)kind;
  const size_t slash = rest.find('/');
  const std::string index(rest.substr(0, slash));
  if (slash == std::string_view::npos || index.empty() || index.size() > 4 ||
      index.find_first_not_of("0123456789") != std::string::npos ||
      std::stoul(index) >= library_.roots().size()) {
    return NotFound(request, "not an image of this provider (unknown root)", true);
  }
  const ManagerRoot& root = library_.roots()[std::stoul(index)];
  Result<std::string> relative = DecodeRelativePath(rest.substr(slash + 1));
  if (!relative.ok()) return NotFound(request, relative.status().message(), true);
  Result<std::string> real = ContainedRealPath(root.canonical, *relative);
  if (!real.ok()) return NotFound(request, real.status().message(), true);
  if (!IsArtworkImage(*real)) return NotFound(request, "not an image file name (.jpg, .jpeg, .png, .tbn)", true);
  struct stat st {};
  if (::stat(real->c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return NotFound(request, "not a file", true);
  if (st.st_size > kMaxImageBytes) return NotFound(request, "larger than 50 MB; not served", true);
  const std::string etag = fmt::format("\"{:x}-{:x}-{:x}\"", static_cast<uint64_t>(st.st_ino),
                                       static_cast<uint64_t>(st.st_size),
                                       static_cast<uint64_t>(st.st_mtim.tv_sec) * 1000000000ull +
                                           static_cast<uint64_t>(st.st_mtim.tv_nsec));
  const std::string last_modified = Poco::DateTimeFormatter::format(
      Poco::Timestamp::fromEpochTime(st.st_mtim.tv_sec), Poco::DateTimeFormat::HTTP_FORMAT);
  ProviderResponse r;
  const std::string if_none = request.Header("If-None-Match");
  if ((!if_none.empty() && if_none == etag) || (if_none.empty() && request.Header("If-Modified-Since") == last_modified)) {
    r.status = 304;
    r.headers = {{"ETag", etag}, {"Last-Modified", last_modified}};
    return r;
  }
  std::ifstream in(*real, std::ios::binary);
  r.body.resize(static_cast<size_t>(st.st_size));
  in.read(r.body.data(), st.st_size);
  r.body.resize(static_cast<size_t>(in.gcount()));
  Result<ImageFormat> format = CheckImage(r.body, *real);
  if (!format.ok()) return NotFound(request, format.status().message(), true);
  r.headers = {{"Content-Type", ImageContentType(*format)}, {"ETag", etag}, {"Last-Modified", last_modified},
               {"Cache-Control", "no-cache"}};
  return r;
}

}  // namespace plexdriver
