// SPDX-License-Identifier: MIT
#include "provider/provider_service.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

#include <fmt/format.h>

#include "core/driver_info.h"
#include "core/json_util.h"
#include "core/text.h"
#include "core/utf8.h"
#include "provider/safe_path.h"

namespace plexdriver {

Result<std::unique_ptr<ProviderService>> ProviderService::Create(ProviderConfig config, LogFn log) {
  std::vector<ManagerRoot> roots;
  std::vector<PathMappingRule> rules;
  for (size_t i = 0; i < config.path_mappings.size(); ++i) {
    const PathMappingConfig& m = config.path_mappings[i];
    std::error_code ec;
    const std::string real = RealPath(m.metarr_path);
    if (real.empty() || !std::filesystem::is_directory(real, ec)) {
      return Status(PD_ERR_INVALID_CONFIG,
                    fmt::format("config.path_mappings[{}].metarr_path: \"{}\" is not a folder the provider can read; "
                                "give the folder as the media manager sees it, on this machine", i, m.metarr_path));
    }
    roots.push_back({m.metarr_path, real == "/" ? "" : real, m.player_path});
    rules.push_back({m.metarr_path, m.player_path});
  }
  Result<PathMapper> mapper = PathMapper::Create(std::move(rules), config.server_style);
  if (!mapper.ok()) return mapper.status();
  return std::unique_ptr<ProviderService>(
      new ProviderService(std::move(config), std::move(roots), std::move(mapper).value(), std::move(log)));
}

ProviderService::ProviderService(ProviderConfig config, std::vector<ManagerRoot> roots, PathMapper mapper, LogFn log)
    : config_(std::move(config)),
      library_(&config_, std::move(roots)),
      mapper_(std::move(mapper)),
      log_(std::move(log)),
      catalog_(&library_) {}

namespace {

// A Host header the image links may be built from: a name or address and a port, nothing else
// (it goes into every URL of the answer, which must stay valid UTF-8 JSON and point at a host).
bool IsPlainHost(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (char c : host) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '-' || c == '_' || c == ':' || c == '[' || c == ']';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string ProviderService::BaseUrl(const ProviderRequest& request) const {
  // The host's base_url crosses the ABI as UTF-8; one that is not is mended, not trusted blindly.
  std::string base = !request.base_url.empty() ? ToValidUtf8(request.base_url) : config_.public_url;
  if (base.empty()) {
    const std::string host = request.Header("Host");
    if (IsPlainHost(host)) base = "http://" + host;
  }
  while (!base.empty() && base.back() == '/') base.pop_back();
  // A link Plex's image service cannot fetch would replace Plex's poster with one that never
  // shows; without links the sync uploads the artwork (core/provider_options.h).
  return LinksImages(config_.image_links, base) ? base : "";
}

ProviderResponse ProviderService::NotFound(const ProviderRequest& request, const std::string& why, bool log) const {
  // A refusal (a path leaving the roots, a broken file) is explained in the user's log only; the
  // requester learns nothing about the disk.
  if (log && log_) {
    log_(PD_LOG_WARN, ToValidUtf8(fmt::format("metadata provider: refused {} {}: {}", request.method,
                                              request.path.substr(0, 600), why)));
  }
  return ErrorResponse(404, log ? "not found" : why);
}

ProviderResponse ProviderService::Handle(const ProviderRequest& request) const {
  ProviderResponse response = Route(request);
  if (request.method == "HEAD") response.body.clear();
  return response;
}

ProviderResponse ProviderService::Route(const ProviderRequest& request) const {
  std::string_view path = request.path;
  const size_t q = path.find('?');
  if (q != std::string_view::npos) path = path.substr(0, q);
  std::optional<ProviderKind> kind;
  for (ProviderKind k : {ProviderKind::kMovies, ProviderKind::kShows}) {
    const std::string_view root = ProviderRootPath(k);
    if (path == root || StartsWith(path, std::string(root) + "/")) kind = k;
  }
  if (!kind) {
    return NotFound(request, "unknown path; the provider's roots are /movies and /shows", false);
  }
  std::string_view rest = path.substr(std::string_view(ProviderRootPath(*kind)).size());
  const bool read = request.method == "GET" || request.method == "HEAD";
  ProviderResponse response;
  if (rest.empty() || rest == "/") {
    if (!read) return ErrorResponse(405, "the provider root answers GET");
    const std::vector<ProvidedType> types = *kind == ProviderKind::kMovies
        ? std::vector<ProvidedType>{ProvidedType::kMovie}
        : std::vector<ProvidedType>{ProvidedType::kShow, ProvidedType::kSeason, ProvidedType::kEpisode};
    response = JsonResponse(200, BuildProviderRoot(config_.Identifier(*kind), config_.Title(*kind), kDriverVersion, types));
  } else if (rest == "/library/metadata/matches") {
    if (request.method != "POST") return ErrorResponse(405, "match requests are POSTed");
    response = Match(*kind, request);
  } else if (StartsWith(rest, "/library/metadata/")) {
    if (!read) return ErrorResponse(405, "metadata answers GET");
    response = Metadata(*kind, rest.substr(18), request);
  } else if (StartsWith(rest, "/images/")) {
    if (!read) return ErrorResponse(405, "images answer GET");
    response = Image(*kind, rest.substr(8), request);
  } else {
    return NotFound(request, "unknown path below the provider root", false);
  }
  return response;
}

std::optional<std::string> ProviderService::ResolveMediaFile(const std::string& filename) const {
  if (filename.empty()) return std::nullopt;
  const std::vector<ManagerRoot>& roots = library_.roots();
  if (IsAbsolutePath(filename, config_.server_style)) {
    Result<ManagerPath> mapped = mapper_.ToManager(filename);
    if (mapped.ok() && mapped->rule_index >= 0) {
      const ManagerRoot& root = roots[static_cast<size_t>(mapped->rule_index)];
      const std::string relative = RelativePart(mapped->manager_path, NormalizePath(root.configured, PathStyle::kPosix),
                                                PathStyle::kPosix);
      Result<std::string> real = ContainedRealPath(root.canonical, relative);
      return real.ok() ? std::optional<std::string>(*real) : std::nullopt;
    }
    // Not below any mapping: Plex may have meant it relative to the library's folder
    // ("/Heat (1995)/Heat (1995).mkv"), so it is tried as a relative name, but whole: an
    // unmapped server path with its head dropped would be a guess.
    return ResolveRelativeMediaFile(filename, 0);
  }
  return ResolveRelativeMediaFile(filename, 3);
}

// A relative name: below which root, and from which folder on, is not said. Tried below each
// root and each of a root's first folders (a library folder below a mapping's player_path),
// with up to `max_drop` leading folders dropped; only an existing file counts, and a name found in
// two places is no match (never a guess).
std::optional<std::string> ProviderService::ResolveRelativeMediaFile(std::string relative, int max_drop) const {
  std::replace(relative.begin(), relative.end(), '\\', '/');
  while (!relative.empty() && relative.front() == '/') relative.erase(0, 1);
  struct Base {
    const ManagerRoot* root;
    std::string folder;  // below the root: "" or one of its first folders, with a trailing '/'
  };
  std::vector<Base> bases;
  for (const ManagerRoot& root : library_.roots()) {
    bases.push_back({&root, ""});
    std::error_code ec;
    int seen = 0;
    for (std::filesystem::directory_iterator it(root.canonical, ec), end; !ec && it != end && seen < kMaxLibraryFolders;
         it.increment(ec), ++seen) {
      if (it->is_directory(ec) && !it->is_symlink(ec)) bases.push_back({&root, it->path().filename().string() + "/"});
    }
  }
  for (int drop = 0; drop <= max_drop && !relative.empty(); ++drop) {
    std::set<std::string> found;
    for (const Base& base : bases) {
      if (!base.folder.empty() && drop > 0) continue;  // a library folder and dropped folders: too loose
      Result<std::string> real = ContainedRealPath(base.root->canonical, base.folder + relative);
      std::error_code ec;
      if (real.ok() && std::filesystem::is_regular_file(*real, ec)) found.insert(*real);
    }
    if (found.size() == 1) return *found.begin();
    if (found.size() > 1) {
      if (log_) {
        log_(PD_LOG_WARN, ToValidUtf8(fmt::format(
                              "metadata provider: match: \"{}\" names {} files below the manager roots; no match "
                              "(never a guess)", relative, found.size())));
      }
      return std::nullopt;
    }
    const size_t slash = relative.find('/');
    if (slash == std::string::npos) break;
    relative.erase(0, slash + 1);
  }
  return std::nullopt;
}

std::optional<ItemLocation> ProviderService::LocationOf(ProviderKind kind, const std::string& real_path) const {
  auto located = library_.Locate(real_path);
  if (!located) return std::nullopt;
  std::error_code ec;
  const bool is_file = std::filesystem::is_regular_file(real_path, ec);
  std::filesystem::path folder(located->second);
  if (is_file) folder = folder.parent_path();
  ItemLocation location;
  location.kind = kind;
  location.root = located->first;
  const std::string& root = library_.roots()[located->first].canonical;
  if (kind == ProviderKind::kMovies) {
    location.relative = folder.generic_string();
    if (is_file && IsVideoFileName(real_path)) location.video = real_path;
    return location;
  }
  // A show: the nearest folder with a tvshow.nfo, the file's own folder or up to two above it.
  for (int up = 0; up <= 2; ++up) {
    const std::string candidate = folder.empty() ? root : root + "/" + folder.generic_string();
    if (std::filesystem::is_regular_file(candidate + "/tvshow.nfo", ec)) {
      location.relative = folder.generic_string();
      return location;
    }
    if (folder.empty()) break;
    folder = folder.parent_path();
  }
  return std::nullopt;
}

std::optional<LoadedItem> ProviderService::LoadUsable(const ItemLocation& location, std::string* why) const {
  LoadedItem item = library_.Load(location);
  *why = library_.Unusable(item);
  if (!why->empty()) return std::nullopt;
  catalog_.Remember(item.key, location);
  return item;
}

}  // namespace plexdriver
