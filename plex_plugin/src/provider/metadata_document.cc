// SPDX-License-Identifier: MIT
#include "provider/metadata_document.h"

#include <fmt/format.h>

#include "core/json_util.h"
#include "core/text.h"

namespace plexdriver {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

void SetIf(Object::Ptr o, const char* key, const std::string& value) {
  if (!value.empty()) o->set(key, value);
}

void Tags(Object::Ptr o, const char* key, const std::vector<std::string>& values) {
  if (values.empty()) return;
  Array::Ptr arr = new Array;
  for (const std::string& v : values) {
    Object::Ptr tag = NewJsonObject();
    tag->set("tag", v);
    arr->add(tag);
  }
  o->set(key, arr);
}

// Kodi writes "Rated PG-13" or "US:PG-13"; Plex wants "PG-13" (others: "de/12").
std::string ContentRating(const std::string& mpaa) {
  std::string r = mpaa;
  if (StartsWith(r, "Rated ")) r = r.substr(6);
  const size_t colon = r.find(':');
  if (colon != std::string::npos) {
    const std::string country = ToLowerAscii(r.substr(0, colon));
    r = country == "us" ? r.substr(colon + 1) : country + "/" + r.substr(colon + 1);
  }
  return r;
}

void ExternalIds(Object::Ptr o, const NfoDocument& nfo) {
  Array::Ptr ids = new Array;
  for (const NfoUniqueId& id : nfo.unique_ids) {
    if (id.type != "imdb" && id.type != "tmdb" && id.type != "tvdb") continue;
    Object::Ptr g = NewJsonObject();
    g->set("id", fmt::format("{}://{}", id.type, id.value));
    ids->add(g);
  }
  if (ids->size() > 0) o->set("Guid", ids);
}

void Ratings(Object::Ptr o, const NfoDocument& nfo) {
  Array::Ptr out = new Array;
  for (const NfoRating& r : nfo.ratings) {
    const char* image = r.name == "imdb" ? "imdb://image.rating"
                        : r.name == "themoviedb" || r.name == "tmdb" ? "themoviedb://image.rating" : nullptr;
    if (!image || r.max <= 0) continue;
    Object::Ptr rating = NewJsonObject();
    rating->set("image", image);
    rating->set("type", "audience");
    rating->set("value", r.value * 10.0 / r.max);
    out->add(rating);
  }
  if (out->size() > 0) o->set("Rating", out);
}

void Roles(Object::Ptr o, const MetadataInput& in) {
  if (in.nfo->actors.empty()) return;
  Array::Ptr roles = new Array;
  int order = 0;
  for (const NfoActor& a : in.nfo->actors) {
    Object::Ptr role = NewJsonObject();
    role->set("tag", a.name);
    if (!a.role.empty()) role->set("role", a.role);
    auto local = in.actor_thumbs.find(a.name);
    if (local != in.actor_thumbs.end()) role->set("thumb", local->second);
    else if (StartsWith(a.thumb, "http://") || StartsWith(a.thumb, "https://")) role->set("thumb", a.thumb);
    role->set("order", a.order >= 0 ? a.order : order);
    ++order;
    roles->add(role);
  }
  o->set("Role", roles);
}

void Parent(Object::Ptr o, const char* prefix, const ParentRef& p) {
  o->set(fmt::format("{}RatingKey", prefix), p.key);
  o->set(fmt::format("{}Key", prefix), "/library/metadata/" + p.key);
  o->set(fmt::format("{}Guid", prefix), p.guid);
  o->set(fmt::format("{}Type", prefix), ProvidedTypeName(p.type));
  o->set(fmt::format("{}Title", prefix), p.title);
  SetIf(o, fmt::format("{}Thumb", prefix).c_str(), p.thumb);
}

}  // namespace

Object::Ptr BuildMetadata(const MetadataInput& in) {
  Object::Ptr o = NewJsonObject();
  o->set("ratingKey", in.key);
  o->set("key", "/library/metadata/" + in.key);
  o->set("guid", in.guid);
  o->set("type", ProvidedTypeName(in.type));
  const NfoDocument* nfo = in.nfo;
  o->set("title", nfo && !nfo->title.empty() ? nfo->title : in.title);
  if (nfo) {
    SetIf(o, "originallyAvailableAt", nfo->premiered);
    SetIf(o, "titleSort", nfo->sort_title);
    SetIf(o, "originalTitle", nfo->original_title != nfo->title ? nfo->original_title : "");
    if (nfo->year) o->set("year", *nfo->year);
    SetIf(o, "summary", nfo->plot.empty() ? nfo->outline : nfo->plot);
    SetIf(o, "tagline", nfo->tagline);
    SetIf(o, "contentRating", ContentRating(nfo->mpaa));
    if (!nfo->studios.empty()) o->set("studio", nfo->studios.front());
  }
  for (const ImageLink& image : in.images) {
    if (image.type == "coverPoster" || image.type == "snapshot") {
      if (!o->has("thumb")) o->set("thumb", image.url);
    } else if (image.type == "background" && !o->has("art")) {
      o->set("art", image.url);
    }
  }
  if (!in.images.empty()) {
    Array::Ptr arr = new Array;
    for (const ImageLink& image : in.images) {
      Object::Ptr i = NewJsonObject();
      i->set("type", image.type);
      i->set("url", image.url);
      arr->add(i);
    }
    o->set("Image", arr);
  }
  if (in.index >= 0) o->set("index", in.index);
  if (in.parent_index >= 0) o->set("parentIndex", in.parent_index);
  if (in.parent) Parent(o, "parent", *in.parent);
  if (in.grandparent) Parent(o, "grandparent", *in.grandparent);
  if (nfo) {
    Tags(o, "Genre", nfo->genres);
    if (in.type == ProvidedType::kMovie) Tags(o, "Collection", nfo->collections);
    Tags(o, "Director", nfo->directors);
    Tags(o, "Writer", nfo->writers);
    Tags(o, "Studio", nfo->studios);
    Roles(o, in);
    ExternalIds(o, *nfo);
    Ratings(o, *nfo);
  }
  return o;
}

Object::Ptr BuildContainer(const std::string& identifier, const std::vector<Object::Ptr>& items, size_t offset,
                           size_t total) {
  Object::Ptr c = NewJsonObject();
  c->set("offset", offset);
  c->set("totalSize", total);
  c->set("identifier", identifier);
  c->set("size", items.size());
  Array::Ptr arr = new Array;
  for (const Object::Ptr& item : items) arr->add(item);
  c->set("Metadata", arr);
  Object::Ptr root = NewJsonObject();
  root->set("MediaContainer", c);
  return root;
}

Object::Ptr BuildProviderRoot(const std::string& identifier, const std::string& title, const std::string& version,
                              const std::vector<ProvidedType>& types) {
  Object::Ptr p = NewJsonObject();
  p->set("identifier", identifier);
  p->set("title", title);
  p->set("version", version);
  Array::Ptr type_list = new Array;
  for (ProvidedType t : types) {
    Object::Ptr entry = NewJsonObject();
    entry->set("type", static_cast<int>(t));
    Array::Ptr schemes = new Array;
    Object::Ptr scheme = NewJsonObject();
    scheme->set("scheme", identifier);
    schemes->add(scheme);
    entry->set("Scheme", schemes);
    type_list->add(entry);
  }
  p->set("Types", type_list);
  Array::Ptr features = new Array;
  for (const auto& [type, key] : {std::pair<const char*, const char*>{"metadata", "/library/metadata"},
                                  {"match", "/library/metadata/matches"}}) {
    Object::Ptr f = NewJsonObject();
    f->set("type", type);
    f->set("key", key);
    features->add(f);
  }
  p->set("Feature", features);
  Object::Ptr root = NewJsonObject();
  root->set("MediaProvider", p);
  return root;
}

}  // namespace plexdriver
