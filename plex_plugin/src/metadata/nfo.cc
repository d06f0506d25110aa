#include "metadata/nfo.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <map>

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/Node.h>
#include <Poco/Exception.h>
#include <Poco/SAX/XMLReader.h>
#include <fmt/format.h>

#include "core/text.h"
#include "core/utf8.h"

namespace plexdriver {
namespace {

using Poco::XML::Element;
using Poco::XML::Node;

Status Refused(std::string_view source, const std::string& why) {
  return Status(PD_ERR_INVALID_ARGUMENT, fmt::format("{}: {}", source, why));
}

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}


// The encoding an XML declaration names ("" when none).
std::string DeclaredEncoding(std::string_view text) {
  if (!StartsWith(text, "<?xml")) return "";
  const size_t end = text.find("?>");
  const std::string_view decl = text.substr(0, end);
  const size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  const size_t quote = decl.find_first_of("\"'", at);
  if (quote == std::string_view::npos) return "";
  const size_t close = decl.find(decl[quote], quote + 1);
  if (close == std::string_view::npos) return "";
  return ToLowerAscii(decl.substr(quote + 1, close - quote - 1));
}

// What a file must be before it is parsed at all: small, UTF-8, no DTD. `text` loses a UTF-8
// BOM.
Status CheckRawText(std::string_view* text, std::string_view source) {
  if (text->size() > kMaxNfoBytes) {
    return Refused(source, fmt::format("{} bytes, more than the {} an NFO may have; this is not an NFO the "
                                       "driver reads", text->size(), kMaxNfoBytes));
  }
  if (StartsWith(*text, "\xFF\xFE") || StartsWith(*text, "\xFE\xFF")) {
    return Refused(source, "saved as UTF-16; save the NFO as UTF-8");
  }
  if (StartsWith(*text, "\xEF\xBB\xBF")) text->remove_prefix(3);
  const std::string encoding = DeclaredEncoding(*text);
  if (!encoding.empty() && encoding != "utf-8" && encoding != "utf8") {
    return Refused(source, fmt::format("declares encoding \"{}\"; save the NFO as UTF-8", encoding));
  }
  if (auto bad = FirstInvalidUtf8(*text)) {
    return Refused(source, fmt::format("not valid UTF-8 at byte {} (Latin-1 or another 8-bit encoding?); save the "
                                       "NFO as UTF-8", *bad));
  }
  if (text->find("<!DOCTYPE") != std::string_view::npos || text->find("<!ENTITY") != std::string_view::npos) {
    return Refused(source, "has a DOCTYPE or entity declaration; NFO files need none, and the driver expands no "
                           "entity (remove the <!DOCTYPE ...> part)");
  }
  if (text->find('\0') != std::string_view::npos) return Refused(source, "contains NUL bytes; not a text file");
  return Status::Ok();
}

// The root element's name: the first element after the declaration and comments.
std::string RootName(std::string_view text) {
  size_t at = 0;
  for (;;) {
    at = text.find('<', at);
    if (at == std::string_view::npos || at + 1 >= text.size()) return "";
    const char next = text[at + 1];
    if (std::isalpha(static_cast<unsigned char>(next)) || next == '_') break;
    at += 1;
  }
  size_t end = at + 1;
  while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end])) && text[end] != '>' &&
         text[end] != '/') {
    ++end;
  }
  return std::string(text.substr(at + 1, end - at - 1));
}

std::string TextOf(const Element& e) { return Trim(ToValidUtf8(e.innerText())); }

std::vector<const Element*> ChildElements(const Element& parent) {
  std::vector<const Element*> out;
  for (Node* n = parent.firstChild(); n; n = n->nextSibling()) {
    if (n->nodeType() == Node::ELEMENT_NODE) out.push_back(static_cast<const Element*>(n));
  }
  return out;
}

std::string ChildText(const Element& parent, const std::string& name) {
  for (const Element* c : ChildElements(parent)) {
    if (c->nodeName() == name) return TextOf(*c);
  }
  return "";
}

std::optional<int64_t> ParseInt(const std::string& s, int64_t min, int64_t max) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  char* end = nullptr;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (*end != '\0' || v < min || v > max) return std::nullopt;
  return v;
}

bool IsDate(const std::string& s) {
  return s.size() == 10 && s[4] == '-' && s[7] == '-' &&
         std::all_of(s.begin(), s.end(), [](char c) { return c == '-' || std::isdigit(static_cast<unsigned char>(c)); });
}

// "Action / Adventure" in one element (some tools write that) is two genres.
void AddSplit(const std::string& text, std::vector<std::string>* out) {
  size_t start = 0;
  while (start <= text.size()) {
    const size_t cut = std::min(text.find(" / ", start), text.size());
    const std::string part = Trim(text.substr(start, cut - start));
    if (!part.empty() && std::find(out->begin(), out->end(), part) == out->end()) out->push_back(part);
    start = cut + 3;
  }
}

void AddUniqueId(NfoDocument* doc, std::string type, std::string value, bool is_default) {
  type = ToLowerAscii(type);
  if (type.empty() || value.empty()) return;
  for (const NfoUniqueId& id : doc->unique_ids) {
    if (id.type != type) continue;
    if (id.value != value) {
      doc->conflicting_ids = true;
      doc->problems.push_back(fmt::format("two {} ids (\"{}\" and \"{}\"); the first is used", type, id.value, value));
    }
    return;
  }
  doc->unique_ids.push_back({std::move(type), std::move(value), is_default});
}

NfoActor ReadActor(const Element& e) {
  NfoActor a;
  a.name = ChildText(e, "name");
  a.role = ChildText(e, "role");
  a.thumb = ChildText(e, "thumb");
  if (auto order = ParseInt(ChildText(e, "order"), 0, 1 << 20)) a.order = static_cast<int>(*order);
  return a;
}

void ReadRatings(const Element& e, NfoDocument* doc) {
  for (const Element* r : ChildElements(e)) {
    if (r->nodeName() != "rating") continue;
    NfoRating rating;
    rating.name = ToLowerAscii(r->getAttribute("name"));
    rating.is_default = ToLowerAscii(r->getAttribute("default")) == "true";
    const std::string value = ChildText(*r, "value");
    char* end = nullptr;
    rating.value = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0') continue;
    if (auto max = ParseInt(r->getAttribute("max"), 1, 1000)) rating.max = static_cast<double>(*max);
    rating.votes = ParseInt(ChildText(*r, "votes"), 0, INT64_MAX / 2).value_or(0);
    doc->ratings.push_back(std::move(rating));
  }
}

// One child element of the root.
void ReadField(const Element& e, NfoDocument* doc) {
  const std::string& name = e.nodeName();
  const std::string text = TextOf(e);
  if (name == "title") doc->title = text;
  else if (name == "originaltitle") doc->original_title = text;
  else if (name == "sorttitle") doc->sort_title = text;
  else if (name == "plot") doc->plot = text;
  else if (name == "outline") doc->outline = text;
  else if (name == "tagline") doc->tagline = text;
  else if (name == "mpaa") doc->mpaa = text;
  else if (name == "premiered" || name == "aired") {
    if (IsDate(text)) doc->premiered = text;
    else if (!text.empty()) doc->problems.push_back(fmt::format("<{}> \"{}\" is not a date YYYY-MM-DD; ignored", name, text));
  } else if (name == "year") {
    if (auto year = ParseInt(text, 1, 9999)) doc->year = static_cast<int>(*year);
    else if (!text.empty()) doc->problems.push_back(fmt::format("<year> \"{}\" is not a year; ignored", text));
  } else if (name == "studio") AddSplit(text, &doc->studios);
  else if (name == "genre") AddSplit(text, &doc->genres);
  else if (name == "director") AddSplit(text, &doc->directors);
  else if (name == "credits") AddSplit(text, &doc->writers);
  else if (name == "tag") AddSplit(text, &doc->tags);
  else if (name == "set") {
    const std::string set = ChildElements(e).empty() ? text : ChildText(e, "name");
    if (!set.empty() && std::find(doc->collections.begin(), doc->collections.end(), set) == doc->collections.end()) {
      doc->collections.push_back(set);
    }
  } else if (name == "actor") {
    NfoActor actor = ReadActor(e);
    if (!actor.name.empty()) doc->actors.push_back(std::move(actor));
  } else if (name == "uniqueid") {
    AddUniqueId(doc, e.getAttribute("type"), text, ToLowerAscii(e.getAttribute("default")) == "true");
  } else if (name == "imdbid" || name == "tmdbid" || name == "tvdbid") {
    AddUniqueId(doc, name.substr(0, 4), text, false);
  } else if (name == "id") {
    // The legacy <id>: an IMDb id ("tt..."), else the scraper's own (TMDB for movies, TVDB for shows).
    AddUniqueId(doc, StartsWith(text, "tt") ? "imdb" : doc->kind == NfoKind::kMovie ? "tmdb" : "tvdb", text, false);
  } else if (name == "ratings") {
    ReadRatings(e, doc);
  } else if (name == "season") {
    if (auto v = ParseInt(text, 0, 100000)) doc->season = static_cast<int>(*v);
  } else if (name == "episode") {
    if (auto v = ParseInt(text, 0, 1000000)) doc->episode = static_cast<int>(*v);
  }
}

void CheckDocument(NfoDocument* doc) {
  if (doc->title.empty()) doc->problems.push_back("no <title>: Plex keeps its own title");
  if (!doc->year && doc->premiered.size() == 10) doc->year = std::atoi(doc->premiered.substr(0, 4).c_str());
  const size_t defaults = static_cast<size_t>(std::count_if(doc->unique_ids.begin(), doc->unique_ids.end(),
                                                            [](const NfoUniqueId& id) { return id.is_default; }));
  if (defaults > 1) doc->problems.push_back(fmt::format("{} unique ids are marked default; the first is used", defaults));
  if (doc->kind == NfoKind::kEpisode && (!doc->season || !doc->episode)) {
    doc->problems.push_back("an episode without <season> and <episode> numbers");
  }
}

}  // namespace

const char* NfoKindName(NfoKind kind) {
  switch (kind) {
    case NfoKind::kMovie: return "movie";
    case NfoKind::kShow: return "tvshow";
    case NfoKind::kEpisode: return "episodedetails";
  }
  return "movie";
}

std::string NfoDocument::UniqueId(std::string_view type) const {
  for (const NfoUniqueId& id : unique_ids) {
    if (id.type == type) return id.value;
  }
  return "";
}

const NfoUniqueId* NfoDocument::DefaultId() const {
  for (const NfoUniqueId& id : unique_ids) {
    if (id.is_default) return &id;
  }
  return unique_ids.empty() ? nullptr : &unique_ids.front();
}

Result<NfoDocument> ParseNfo(std::string_view text, std::string_view source) {
  if (Status s = CheckRawText(&text, source); !s.ok()) return s;
  NfoDocument doc;
  const std::string root = RootName(text);
  if (root == "movie") doc.kind = NfoKind::kMovie;
  else if (root == "tvshow") doc.kind = NfoKind::kShow;
  else if (root == "episodedetails") doc.kind = NfoKind::kEpisode;
  else if (root.empty()) return Refused(source, "holds no XML element; an NFO is an XML document like <movie>...</movie>");
  else return Refused(source, fmt::format("the root element is <{}>; expected <movie>, <tvshow> or <episodedetails>", root.substr(0, 40)));
  // Kodi allows text after the document (a scraper URL line) and several <episodedetails> in one
  // file: the first document is read, the rest noted.
  const std::string close = "</" + root + ">";
  const size_t end = text.find(close);
  if (end != std::string_view::npos) {
    const std::string rest = Trim(std::string(text.substr(end + close.size())));
    if (!rest.empty()) {
      doc.problems.push_back(fmt::format("text after {} was ignored{}", close,
                                         rest.find("<" + root) != std::string::npos ? " (a second document)" : ""));
    }
    text = text.substr(0, end + close.size());
  }
  try {
    Poco::XML::DOMParser parser;
    parser.setFeature(Poco::XML::XMLReader::FEATURE_NAMESPACES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
    parser.setFeature(Poco::XML::XMLReader::FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
    Poco::AutoPtr<Poco::XML::Document> dom = parser.parseMemory(text.data(), text.size());
    const Element* top = dom->documentElement();
    if (!top) return Refused(source, "holds no XML element");
    for (const Element* e : ChildElements(*top)) ReadField(*e, &doc);
  } catch (const Poco::Exception& e) {
    return Refused(source, fmt::format("not well-formed XML ({}); fix the file or let the media manager write it "
                                       "again", ToValidUtf8(e.message().empty() ? e.displayText() : e.message())));
  }
  CheckDocument(&doc);
  return doc;
}

}  // namespace plexdriver
