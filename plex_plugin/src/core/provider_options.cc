// SPDX-License-Identifier: MIT
#include "core/provider_options.h"

#include <fmt/format.h>

#include "core/public_host.h"
#include "core/text.h"
#include "core/utf8.h"

namespace plexdriver {
namespace {

Status ReadText(const Poco::JSON::Object& obj, const std::string& key, std::string* out) {
  if (!obj.has(key) || obj.get(key).isEmpty()) return Status::Ok();
  if (!obj.get(key).isString()) return InvalidConfigField("provider." + key, "expected a string");
  *out = obj.getValue<std::string>(key);
  return Status::Ok();
}

bool IsIdentifierSuffix(std::string_view name) {
  if (name.empty() || name.size() > 64 || name.front() == '.' || name.back() == '.') return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

const char* ImageLinksName(ImageLinks mode) {
  switch (mode) {
    case ImageLinks::kAlways: return "always";
    case ImageLinks::kNever: return "never";
    case ImageLinks::kAuto: break;
  }
  return "auto";
}

bool LinksImages(ImageLinks mode, std::string_view base_url) {
  switch (mode) {
    case ImageLinks::kAlways: return !base_url.empty();
    case ImageLinks::kNever: return false;
    case ImageLinks::kAuto: break;
  }
  return IsPublicHost(HostOfUrl(base_url));
}

bool LinksImagesWithoutRequest(ImageLinks mode, std::string_view public_url) {
  return mode == ImageLinks::kAlways || LinksImages(mode, public_url);
}

Status ReadProviderOptions(const Poco::JSON::Object& root, ProviderOptions* c) {
  if (!root.has("provider") || root.get("provider").isEmpty()) return Status::Ok();
  Poco::JSON::Object::Ptr p = root.getObject("provider");
  if (!p) {
    return InvalidConfigField("provider", "expected an object {\"name\", \"title\", \"public_url\", \"image_links\"}");
  }
  Status s;
  if (!(s = ReadText(*p, "name", &c->name)).ok()) return s;
  if (!IsIdentifierSuffix(c->name)) {
    return InvalidConfigField("provider.name", fmt::format("\"{}\" may hold only ASCII letters, digits and inner dots "
                                                "(1-64 characters): Plex's rule for custom provider identifiers",
                                                c->name));
  }
  if (!(s = ReadText(*p, "title", &c->title)).ok()) return s;
  if (c->title.empty() || c->title.size() > 100 || HasControlCharacter(c->title)) {
    return InvalidConfigField("provider.title", "1-100 characters without control characters");
  }
  if (!(s = ReadText(*p, "public_url", &c->public_url)).ok()) return s;
  while (!c->public_url.empty() && c->public_url.back() == '/') c->public_url.pop_back();
  if (!c->public_url.empty() && !StartsWith(c->public_url, "http://") && !StartsWith(c->public_url, "https://")) {
    return InvalidConfigField("provider.public_url", fmt::format("\"{}\" is not an http:// or https:// URL; give the URL "
                                                      "Plex reaches the provider's mount point at", c->public_url));
  }
  if (HasControlCharacter(c->public_url) || c->public_url.find(' ') != std::string::npos) {
    return InvalidConfigField("provider.public_url", "contains spaces or control characters");
  }
  std::string links = ImageLinksName(c->image_links);
  if (!(s = ReadText(*p, "image_links", &links)).ok()) return s;
  if (links == "auto") {
    c->image_links = ImageLinks::kAuto;
  } else if (links == "always") {
    c->image_links = ImageLinks::kAlways;
  } else if (links == "never") {
    c->image_links = ImageLinks::kNever;
  } else {
    return InvalidConfigField("provider.image_links",
                              fmt::format("\"{}\" is not one of \"auto\", \"always\", \"never\"", links));
  }
  return Status::Ok();
}

}  // namespace plexdriver
