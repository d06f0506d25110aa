// SPDX-License-Identifier: MIT
// Calls to custom metadata providers, as PMS 1.43+ makes them: JSON asked for, X-Plex-Language
// and X-Plex-Country sent, the provider's timeout on connect and on every read, and each call's
// outcome recorded ("timeout", "connection refused", "HTTP 500", "not JSON", …).
#include "metadata_provider.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include "library.h"
#include "media_container.h"

namespace pms_emulator {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr size_t kPageSize = 20;    // X-Plex-Container-Size PMS asks children pages with
constexpr int kMaxPages = 1000;     // a provider whose totalSize never arrives stops here

// A value as text: strings as they are, numbers written; "" when absent or null.
std::string Text(const Object::Ptr& o, const std::string& key) {
  if (!o || !o->has(key) || o->isNull(key)) return "";
  try {
    return o->get(key).convert<std::string>();
  } catch (const Poco::Exception&) {
    return "";
  }
}

int Number(const Object::Ptr& o, const std::string& key) {
  const std::string text = Text(o, key);
  int value = 0;
  return std::sscanf(text.c_str(), "%d", &value) == 1 ? value : 0;
}

std::vector<Object::Ptr> Objects(const Object::Ptr& o, const std::string& key) {
  std::vector<Object::Ptr> out;
  if (!o || !o->has(key)) return out;
  Array::Ptr a = o->getArray(key);
  for (size_t i = 0; a && i < a->size(); ++i) {
    if (Object::Ptr e = a->getObject(static_cast<unsigned>(i))) out.push_back(e);
  }
  return out;
}

Object::Ptr Parse(const std::string& body) {
  try {
    return Poco::JSON::Parser().parse(body).extract<Object::Ptr>();
  } catch (const std::exception&) {
    return nullptr;
  }
}

ProviderMetadata ParseMetadata(const Object::Ptr& o) {
  ProviderMetadata m;
  m.rating_key = Text(o, "ratingKey");
  m.guid = Text(o, "guid");
  m.type = Text(o, "type");
  m.index = Number(o, "index");
  for (const char* field : {"title", "titleSort", "originalTitle", "summary", "tagline", "contentRating", "studio",
                            "originallyAvailableAt"}) {
    if (o->has(field) && !o->isNull(field)) m.fields[field] = Text(o, field);
  }
  if (Number(o, "year") > 0) m.fields["year"] = std::to_string(Number(o, "year"));
  for (const auto& [element, tag] : std::map<std::string, std::string>{
           {"Genre", "genre"}, {"Collection", "collection"}, {"Director", "director"}, {"Writer", "writer"}}) {
    if (!o->has(element)) continue;
    std::vector<std::string>& list = m.tags[tag];
    for (const Object::Ptr& t : Objects(o, element)) {
      if (!Text(t, "tag").empty()) list.push_back(Text(t, "tag"));
    }
  }
  if (o->has("Role")) {
    m.roles.emplace();
    for (const Object::Ptr& r : Objects(o, "Role")) m.roles->push_back({Text(r, "tag"), Text(r, "role"), Text(r, "thumb")});
  }
  if (o->has("Guid")) {
    m.external_guids.emplace();
    for (const Object::Ptr& g : Objects(o, "Guid")) {
      if (!Text(g, "id").empty()) m.external_guids->push_back(Text(g, "id"));
    }
  }
  m.thumb = Text(o, "thumb");
  m.art = Text(o, "art");
  for (const Object::Ptr& image : Objects(o, "Image")) {
    const std::string type = Text(image, "type");
    if ((type == "coverPoster" || type == "snapshot") && m.thumb.empty()) m.thumb = Text(image, "url");
    if (type == "background" && m.art.empty()) m.art = Text(image, "url");
  }
  if (o->has("Children")) {
    if (Object::Ptr children = o->getObject("Children")) {
      for (const Object::Ptr& c : Objects(children, "Metadata")) m.children.push_back(ParseMetadata(c));
    }
  }
  return m;
}

// The first Metadata object of a MediaContainer answer (the caller checked there is one).
Object::Ptr FirstMetadata(const std::string& body) {
  const std::vector<Object::Ptr> list = Objects(Parse(body)->getObject("MediaContainer"), "Metadata");
  return list.empty() ? nullptr : list.front();
}

std::string EncodedSegment(const std::string& id) {
  std::string out;
  Poco::URI::encode(id, "/?#&=+ ", out);
  return out;
}

// "http://host:port" of a URL, for image URLs a provider gives as paths.
std::string Origin(const std::string& url) {
  Poco::URI u(url);
  return fmt::format("{}://{}:{}", u.getScheme(), u.getHost(), u.getPort());
}

}  // namespace

bool SupportsMetadataProviders(const std::string& version) {
  int major = 0, minor = 0;
  if (std::sscanf(version.c_str(), "%d.%d", &major, &minor) != 2) return false;
  return major > 1 || (major == 1 && minor >= 43);
}

ProviderClient::Answer ProviderClient::Transfer(const std::string& method, const std::string& url,
                                                const std::string& body,
                                                const std::vector<std::pair<std::string, std::string>>& headers) {
  Answer a;
  try {
    Poco::URI u(url);
    if (u.getScheme() != "http") {
      a.error = "unsupported scheme \"" + u.getScheme() + "\" (the emulator calls providers over http)";
      return a;
    }
    Poco::Net::HTTPClientSession session(u.getHost(), u.getPort());
    session.setTimeout(Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(timeout_ms_) * 1000));
    Poco::Net::HTTPRequest request(method, u.getPathAndQuery().empty() ? "/" : u.getPathAndQuery(),
                                   Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Accept", "application/json");
    request.set("X-Plex-Language", "en-US");
    request.set("X-Plex-Country", "US");
    for (const auto& [k, v] : headers) request.set(k, v);
    if (!body.empty()) {
      request.setContentType("application/json");
      request.setContentLength(static_cast<std::streamsize>(body.size()));
      session.sendRequest(request) << body;
    } else {
      session.sendRequest(request);
    }
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    a.status = static_cast<int>(response.getStatus());
    Poco::StreamCopier::copyToString(in, a.body);
    if (a.status < 200 || a.status > 299) a.error = fmt::format("HTTP {}", a.status);
  } catch (const Poco::Net::ConnectionRefusedException&) {
    a.error = "connection refused";
  } catch (const Poco::TimeoutException&) {
    a.error = "timeout";
  } catch (const Poco::Exception& e) {
    a.error = e.displayText();
  } catch (const std::exception& e) {
    a.error = e.what();
  }
  return a;
}

std::optional<std::string> ProviderClient::CallJson(const std::string& method, const std::string& url,
                                                    const std::string& body, int64_t rating_key,
                                                    const std::string& root, bool need_metadata,
                                                    const std::vector<std::pair<std::string, std::string>>& headers) {
  ProviderCall call;
  call.method = method;
  call.url = url;
  call.body = body;
  call.rating_key = rating_key ? std::to_string(rating_key) : "";
  call.time = Clock::now();
  Answer a = Transfer(method, url, body, headers);
  call.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - call.time).count();
  call.status = a.status;
  call.error = a.error;
  if (call.error.empty()) {
    Object::Ptr doc = Parse(a.body);
    if (!doc) {
      call.error = "not JSON";
    } else if (!doc->has(root) || !doc->getObject(root)) {
      call.error = "no " + root;
    } else if (need_metadata && Objects(doc->getObject(root), "Metadata").empty()) {
      call.error = "no Metadata";
    }
  }
  record_(call);
  last_error_ = call.error;
  if (!call.error.empty()) return std::nullopt;
  return a.body;
}

std::optional<std::string> ProviderClient::CallImage(const std::string& url, int64_t rating_key) {
  ProviderCall call;
  call.method = "GET";
  call.url = url;
  call.rating_key = std::to_string(rating_key);
  call.time = Clock::now();
  Answer a = Transfer("GET", url, "", {{"Accept", "image/jpeg, image/png, */*"}});
  call.duration_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - call.time).count();
  call.status = a.status;
  call.error = a.error.empty() && ImageType(a.body).empty() ? "not an image" : a.error;
  record_(call);
  if (!call.error.empty()) return std::nullopt;
  return a.body;
}

std::optional<ProviderInfo> ProviderClient::FetchRoot(const std::string& uri, std::string* error) {
  std::string base = uri;
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  const std::optional<std::string> body = CallJson("GET", base, "", 0, "MediaProvider", false);
  if (!body) {
    *error = "GET " + base + ": " + last_error_;
    return std::nullopt;
  }
  Object::Ptr p = Parse(*body)->getObject("MediaProvider");
  ProviderInfo info;
  info.uri = base;
  info.identifier = Text(p, "identifier");
  info.title = Text(p, "title");
  info.version = Text(p, "version");
  if (info.identifier.empty()) {
    *error = "GET " + base + ": the MediaProvider has no identifier";
    return std::nullopt;
  }
  for (const Object::Ptr& t : Objects(p, "Types")) {
    info.types.push_back(Number(t, "type"));
    for (const Object::Ptr& s : Objects(t, "Scheme")) {
      if (info.scheme.empty()) info.scheme = Text(s, "scheme");
    }
  }
  if (info.scheme.empty()) info.scheme = info.identifier;
  for (const Object::Ptr& f : Objects(p, "Feature")) {
    if (Text(f, "type") == "metadata" && !Text(f, "key").empty()) info.metadata_key = Text(f, "key");
    if (Text(f, "type") == "match" && !Text(f, "key").empty()) info.match_key = Text(f, "key");
  }
  return info;
}

bool ProviderClient::Children(const ProviderInfo& provider, const std::string& id, int64_t rating_key,
                              std::vector<ProviderMetadata>* out) {
  size_t start = 0;
  for (int page = 0; page < kMaxPages; ++page) {
    const std::string url = fmt::format("{}{}/{}/children?X-Plex-Container-Start={}&X-Plex-Container-Size={}",
                                        provider.uri, provider.metadata_key, EncodedSegment(id), start, kPageSize);
    const std::optional<std::string> body =
        CallJson("GET", url, "", rating_key, "MediaContainer", false,
                 {{"X-Plex-Container-Start", std::to_string(start)},
                  {"X-Plex-Container-Size", std::to_string(kPageSize)}});
    if (!body) return false;
    Object::Ptr mc = Parse(*body)->getObject("MediaContainer");
    const std::vector<Object::Ptr> list = Objects(mc, "Metadata");
    for (const Object::Ptr& o : list) out->push_back(ParseMetadata(o));
    start += list.size();
    const int total = mc->has("totalSize") ? Number(mc, "totalSize") : static_cast<int>(start);
    if (list.empty() || start >= static_cast<size_t>(std::max(total, 0))) return true;
  }
  return true;
}

void ProviderClient::DownloadImages(const ProviderInfo& provider, int64_t rating_key, ProviderMetadata* m) {
  for (const auto& [element, url] : {std::pair<std::string, std::string>{"thumb", m->thumb}, {"art", m->art}}) {
    if (url.empty()) continue;
    const std::string absolute = url[0] == '/' ? Origin(provider.uri) + url : url;
    if (reachable_ && !reachable_(absolute)) {
      // PMS keeps the URL and shows it through images.plex.tv, which gets nothing from here.
      ProviderCall call;
      call.method = "GET";
      call.url = absolute;
      call.status = 400;
      call.error = "Plex's image service (images.plex.tv) cannot reach this host (a private or local address)";
      call.rating_key = std::to_string(rating_key);
      record_(call);
      m->unreachable_images[element] = absolute;
      continue;
    }
    if (std::optional<std::string> bytes = CallImage(absolute, rating_key)) m->images[element] = *bytes;
  }
}

ProviderOutcome ProviderClient::Fetch(const ProviderInfo& provider, const ProviderQuery& query,
                                      ProviderResult* out) {
  const bool show = query.type == "show";
  std::string id = query.stored_rating_key;
  if (id.empty()) {
    std::string body = fmt::format(R"({{"type":{},"title":"{}")", TypeNumber(query.type), JsonEscape(query.title));
    if (query.year) body += fmt::format(R"(,"year":{})", query.year);
    body += fmt::format(R"(,"filename":"{}")", JsonEscape(query.filename));
    if (show) body += R"(,"includeChildren":1)";
    body += "}";
    const std::optional<std::string> answer =
        CallJson("POST", provider.uri + provider.match_key, body, query.rating_key, "MediaContainer", false);
    if (!answer) return ProviderOutcome::kFailed;
    Object::Ptr best = FirstMetadata(*answer);
    if (!best || Text(best, "ratingKey").empty()) return ProviderOutcome::kNoMatch;  // the next provider's turn
    id = Text(best, "ratingKey");
  }
  const std::optional<std::string> answer =
      CallJson("GET", provider.uri + provider.metadata_key + "/" + EncodedSegment(id) + (show ? "?includeChildren=1" : ""),
               "", query.rating_key, "MediaContainer", true);
  if (!answer) return ProviderOutcome::kFailed;
  ProviderMetadata m = ParseMetadata(FirstMetadata(*answer));
  if (m.rating_key.empty()) m.rating_key = id;
  if (show) {
    if (m.children.empty() && !Children(provider, m.rating_key, query.rating_key, &m.children)) {
      return ProviderOutcome::kFailed;
    }
    for (ProviderMetadata& season : m.children) {
      if (season.rating_key.empty()) continue;
      season.children.clear();
      if (!Children(provider, season.rating_key, query.rating_key, &season.children)) return ProviderOutcome::kFailed;
    }
  }
  out->identifier = provider.identifier;
  DownloadImages(provider, query.rating_key, &m);
  for (ProviderMetadata& season : m.children) {
    DownloadImages(provider, query.rating_key, &season);
    for (ProviderMetadata& episode : season.children) DownloadImages(provider, query.rating_key, &episode);
  }
  out->metadata = std::move(m);
  return ProviderOutcome::kMatched;
}

}  // namespace pms_emulator

namespace pms_emulator {

bool ImageServiceReaches(const std::string& url, const std::vector<std::string>& public_hosts) {
  std::string host;
  try {
    host = Poco::URI(url).getHost();
  } catch (const Poco::Exception&) {
    return false;
  }
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (std::find(public_hosts.begin(), public_hosts.end(), host) != public_hosts.end()) return true;
  if (host.empty() || host == "localhost" || host.find_first_of(".:") == std::string::npos) return false;
  for (const char* suffix : {".local", ".lan", ".home", ".internal", ".localdomain", ".home.arpa"}) {
    const std::string s(suffix);
    if (host.size() > s.size() && host.compare(host.size() - s.size(), s.size(), s) == 0) return false;
  }
  unsigned a = 0, b = 0, c = 0, d = 0;
  char tail = 0;
  if (std::sscanf(host.c_str(), "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) == 4) {
    return !(a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && b >= 16 && b <= 31) ||
             (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127));
  }
  if (host.find(':') != std::string::npos) {  // IPv6: loopback, unique local, link-local
    return !(host == "::1" || host.rfind("fc", 0) == 0 || host.rfind("fd", 0) == 0 || host.rfind("fe80", 0) == 0);
  }
  return true;
}

}  // namespace pms_emulator
