// SPDX-License-Identifier: MIT
// The metadata provider's request handling (provider/provider_service, safe_path) against a real
// folder tree that has symlinks pointing out of the manager roots. Input: method, path, query,
// header lines ("Name: value", '\n'-separated) and body, split at the first four NUL bytes (the
// body is the rest). "@tmp" anywhere stands for the tree's temporary folder, so absolute paths to
// the outside files can be tried; "@etag" and "@lastmod" in headers for the poster's validators.
//
// The provider's one rule for files: nothing outside a manager root is ever opened. Checked by
// its effects: the outside files hold a random marker that no answer may contain (unless the
// input itself did), an artwork answer is byte for byte one of the regular files inside the
// roots, and its ETag (which carries the inode) names one of them. Also: the status is one the
// provider documents (200, 304, 400, 404, 405), a JSON answer is JSON, a HEAD answer that
// serves something carries no body.
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "fuzz_check.h"
#include "provider/provider_config.h"
#include "provider/provider_service.h"

namespace {

using namespace plexdriver;
namespace fs = std::filesystem;

std::string Jpeg(std::string_view payload) {
  return std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 20) +
         std::string(payload) + std::string("\xFF\xD9", 2);
}

std::string Png(std::string_view payload) {
  return std::string("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 16) + std::string(payload) +
         std::string("\x00\x00\x00\x00IEND\xAE\x42\x60\x82", 12);
}

void Write(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << bytes;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string InodePrefix(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return "";
  return fmt::format("\"{:x}-", static_cast<uint64_t>(st.st_ino));
}

// The tree, the provider over it, and what may and may not come out of it; built once.
struct World {
  std::string tmp;
  std::string marker;                       // only in files outside the roots
  std::vector<std::string> secrets;         // the outside files' bytes
  std::set<std::string> inside_files;       // every regular file's bytes below the roots
  std::set<std::string> inside_inodes;      // their ETag prefixes
  std::set<std::string> outside_inodes;
  std::string poster_etag, poster_last_modified;
  std::unique_ptr<ProviderService> service;
};

void Cleanup();

// A failed check aborts before the exit handler runs: trees of processes that are gone are
// removed by the next run (the folder name carries the pid).
void RemoveStaleTrees() {
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/tmp", ec)) {
    const std::string name = e.path().filename().string();
    const std::string prefix = "pd_provider_fuzz_";
    if (name.rfind(prefix, 0) != 0) continue;
    const long pid = std::strtol(name.c_str() + prefix.size(), nullptr, 10);
    if (pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) fs::remove_all(e.path(), ec);
  }
}

World* Build() {
  RemoveStaleTrees();
  auto* w = new World;
  std::string dir = fmt::format("/tmp/pd_provider_fuzz_{}_XXXXXX", ::getpid());
  if (!::mkdtemp(dir.data())) std::abort();
  w->tmp = dir;
  std::random_device rd;
  w->marker = fmt::format("SECRET-OUTSIDE-ROOT-{:016x}{:08x}", (static_cast<uint64_t>(rd()) << 32) | rd(), rd());
  const fs::path t(w->tmp);
  const fs::path movie = t / "root/Heat (1995)";
  const fs::path show = t / "tv/Severance";
  const fs::path out = t / "outside";

  Write(movie / "Heat (1995).mkv", "v");
  Write(movie / "movie.nfo",
        "<movie><title>Heat</title><year>1995</year><plot>A thief and a cop.</plot><genre>Crime</genre>"
        "<actor><name>Al Pacino</name><role>Hanna</role><thumb>" + (out / "secret.jpg").string() + "</thumb></actor>"
        "<actor><name>Robert De Niro</name><role>McCauley</role></actor>"
        "<uniqueid type=\"tmdb\" default=\"true\">949</uniqueid><uniqueid type=\"imdb\">tt0113277</uniqueid></movie>");
  Write(movie / "poster.jpg", Jpeg("heat poster"));
  Write(movie / "banner.png", Png("heat banner"));
  Write(movie / ".actors/Robert_De_Niro.jpg", Jpeg("de niro"));
  Write(t / "root/Empty (2000)/Empty (2000).mkv", "");
  Write(show / "tvshow.nfo", "<tvshow><title>Severance</title><uniqueid type=\"tvdb\">371980</uniqueid></tvshow>");
  Write(show / "poster.jpg", Jpeg("severance poster"));
  Write(show / "season01-poster.jpg", Jpeg("season 1"));
  Write(show / "Season 01/Severance - S01E01.mkv", "v");
  Write(show / "Season 01/Severance - S01E01-thumb.jpg", Jpeg("episode 1"));
  Write(show / "Season 01/Severance - S01E01.nfo",
        "<episodedetails><title>Good News About Hell</title><season>1</season><episode>1</episode></episodedetails>");

  // Outside every root: a valid image, an item the provider would serve if it looked there.
  Write(out / "secret.jpg", Jpeg(w->marker));
  Write(out / "secret.png", Png(w->marker));
  Write(out / "Leak (2001)/Leak (2001).mkv", "v");
  Write(out / "Leak (2001)/movie.nfo", "<movie><title>" + w->marker + "</title><uniqueid type=\"tmdb\">4242</uniqueid></movie>");
  Write(out / "Leak (2001)/poster.jpg", Jpeg(w->marker + "-poster"));
  Write(out / "Show/tvshow.nfo", "<tvshow><title>" + w->marker + "</title><uniqueid type=\"tvdb\">4243</uniqueid></tvshow>");
  Write(out / "Show/Season 01/Show - S01E01.mkv", "v");
  Write(out / "Season 02/Severance - S02E01.mkv", "v");
  Write(out / "Season 02/Severance - S02E01.nfo", "<episodedetails><title>" + w->marker +
                                                      "</title><season>2</season><episode>1</episode></episodedetails>");

  fs::create_symlink("../../outside/secret.jpg", movie / "escape.jpg");
  fs::create_symlink("../../outside/secret.jpg", movie / "fanart.jpg");
  fs::create_symlink(out / "secret.png", movie / ".actors/Al_Pacino.png");
  fs::create_symlink(out, t / "root/out");
  fs::create_symlink(out / "Leak (2001)", t / "root/Leak (2001)");
  fs::create_symlink(out / "Show", t / "tv/Show");
  fs::create_symlink(out / "Leak (2001)/movie.nfo", t / "root/Empty (2000)/movie.nfo");
  fs::create_symlink("../outside/secret.jpg", show / "fanart.jpg");
  fs::create_symlink(out / "Season 02", show / "Season 02");

  for (const char* name : {"secret.jpg", "secret.png", "Leak (2001)/poster.jpg", "Leak (2001)/movie.nfo",
                           "Season 02/Severance - S02E01.nfo"}) {
    w->secrets.push_back(ReadAll(out / name));
    w->outside_inodes.insert(InodePrefix(out / name));
  }
  for (const char* root : {"root", "tv"}) {
    for (const auto& e : fs::recursive_directory_iterator(t / root)) {  // does not follow symlinks
      if (e.is_symlink() || !e.is_regular_file()) continue;
      w->inside_files.insert(ReadAll(e.path()));
      w->inside_inodes.insert(InodePrefix(e.path()));
    }
  }

  Result<ProviderConfig> config = ParseProviderConfig(fmt::format(
      R"({{"path_mappings":[{{"metarr_path":"{}/root","player_path":"/data/movies"}},)"
      R"({{"metarr_path":"{}/tv","player_path":"/data/tv"}}]}})",
      w->tmp, w->tmp));
  if (!config.ok()) std::abort();
  Result<std::unique_ptr<ProviderService>> service =
      ProviderService::Create(std::move(config).value(), [](pd_log_level, const std::string&) {});
  if (!service.ok()) std::abort();
  w->service = std::move(service).value();

  ProviderRequest poster;
  poster.path = "/movies/images/0/Heat%20(1995)/poster.jpg";
  const ProviderResponse r = w->service->Handle(poster);
  if (r.status != 200) std::abort();
  for (const auto& [name, value] : r.headers) {
    if (name == "ETag") w->poster_etag = value;
    if (name == "Last-Modified") w->poster_last_modified = value;
  }
  std::atexit(Cleanup);
  return w;
}

World& TheWorld() {
  static World* world = Build();
  return *world;
}

void Cleanup() {
  std::error_code ec;
  fs::remove_all(TheWorld().tmp, ec);
}

void ReplaceAll(std::string* s, std::string_view from, const std::string& to) {
  for (size_t at = s->find(from); at != std::string::npos; at = s->find(from, at + to.size())) {
    s->replace(at, from.size(), to);
  }
}

std::string HeaderOf(const ProviderResponse& r, std::string_view name) {
  for (const auto& [key, value] : r.headers) {
    if (key == name) return value;
  }
  return "";
}

// The route Handle takes: the part below /movies or /shows, before any '?'.
std::string_view RouteBelowRoot(std::string_view path) {
  path = path.substr(0, path.find('?'));
  for (std::string_view root : {"/movies/", "/shows/"}) {
    if (path.substr(0, root.size()) == root) return path.substr(root.size() - 1);
  }
  return "";
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  TheWorld();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  World& w = TheWorld();
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string parts[5];
  size_t start = 0;
  for (int i = 0; i < 5 && start <= input.size(); ++i) {
    const size_t end = i == 4 ? input.size() : std::min(input.find('\0', start), input.size());
    parts[i] = std::string(input.substr(start, end - start));
    start = end + 1;
  }
  for (std::string& part : parts) ReplaceAll(&part, "@tmp", w.tmp);
  ProviderRequest request;
  request.method = parts[0];
  request.path = parts[1];
  request.query = parts[2];
  request.body = parts[4];
  size_t line_start = 0;
  while (line_start < parts[3].size()) {
    const size_t line_end = std::min(parts[3].find('\n', line_start), parts[3].size());
    const std::string line = parts[3].substr(line_start, line_end - line_start);
    line_start = line_end + 1;
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.erase(0, 1);
    ReplaceAll(&value, "@etag", w.poster_etag);
    ReplaceAll(&value, "@lastmod", w.poster_last_modified);
    request.headers.emplace_back(line.substr(0, colon), value);
  }

  const ProviderResponse r = w.service->Handle(request);
  const std::string summary = fmt::format("{} {} -> {} {}", request.method, request.path, r.status, r.body.substr(0, 300));
  static const bool print = std::getenv("PD_FUZZ_PRINT") != nullptr;  // to see what seeds reach
  if (print) std::fprintf(stderr, "%s\n", summary.c_str());
  FUZZ_CHECK(r.status == 200 || r.status == 304 || r.status == 400 || r.status == 404 || r.status == 405, summary);

  // Nothing from outside the roots, whatever the answer.
  for (const std::string& secret : w.secrets) FUZZ_CHECK(r.body != secret, summary);
  if (input.find(w.marker) == std::string_view::npos) {
    FUZZ_CHECK(r.body.find(w.marker) == std::string::npos, summary);
    for (const auto& [name, value] : r.headers) FUZZ_CHECK(value.find(w.marker) == std::string::npos, summary);
  }
  const std::string etag = HeaderOf(r, "ETag");
  if (!etag.empty()) {
    const std::string prefix = etag.substr(0, etag.find('-') + 1);
    FUZZ_CHECK(w.inside_inodes.count(prefix) == 1 && w.outside_inodes.count(prefix) == 0, summary + " ETag " + etag);
  }

  const std::string type = HeaderOf(r, "Content-Type");
  const bool image_route = RouteBelowRoot(request.path).substr(0, 8) == "/images/";
  if (type.rfind("application/json", 0) == 0) {
    if (request.method != "HEAD") fuzz::CheckJsonDocument(r.body, fuzz::IsUtf8(input));
    FUZZ_CHECK(!(image_route && r.status == 200), summary);
  } else if (r.status == 200) {
    // Not JSON: artwork bytes, only from the artwork route, and one of the files in a root.
    FUZZ_CHECK(image_route, summary);
    FUZZ_CHECK(type.rfind("image/", 0) == 0, summary + " Content-Type " + type);
    if (request.method == "HEAD") {
      FUZZ_CHECK(r.body.empty(), summary);
    } else {
      FUZZ_CHECK(w.inside_files.count(r.body) == 1, summary);
    }
    FUZZ_CHECK(!etag.empty(), summary);
  } else if (r.status == 304) {
    FUZZ_CHECK(image_route && r.body.empty() && !etag.empty(), summary);
  }
  // HEAD: the provider clears the body of what it serves (its refusals keep their JSON message;
  // the HTTP server sends no body for HEAD).
  if (request.method == "HEAD" && r.status == 200) FUZZ_CHECK(r.body.empty(), summary);
  return 0;
}
