// SPDX-License-Identifier: MIT
// Kodi NFO files as the metadata provider reads them from the manager's folders (metadata/nfo),
// any bytes at all. Properties: a refusal carries PD_ERR_INVALID_ARGUMENT and a UTF-8 message
// naming the file; a parsed document holds only UTF-8 text; a document that is not UTF-8, or
// that has a DOCTYPE or an entity declaration anywhere (even in a comment or CDATA: the check is
// on the raw text), is refused, so no entity is ever expanded; and no text read from a document
// is longer than the document (nothing is expanded or amplified: "billion laughs").
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "metadata/nfo.h"

namespace {

using namespace plexdriver;

constexpr std::string_view kSource = "/m/Heat (1995)/movie.nfo";

// Every piece of text the document holds, with how long it may be at most.
void CheckText(const std::string& text, size_t limit, const std::string& field) {
  FUZZ_CHECK(fuzz::IsUtf8(text), field + ": " + text);
  FUZZ_CHECK(text.size() <= limit, field + " longer than the input: " + text.substr(0, 200));
}

void CheckDocument(const NfoDocument& doc, std::string_view input) {
  const size_t n = input.size();
  CheckText(doc.title, n, "title");
  FUZZ_CHECK(doc.title.find('\0') == std::string::npos, doc.title);
  const std::vector<std::pair<const std::string*, const char*>> fields = {
      {&doc.original_title, "originaltitle"}, {&doc.sort_title, "sorttitle"}, {&doc.plot, "plot"},
      {&doc.outline, "outline"}, {&doc.tagline, "tagline"}, {&doc.mpaa, "mpaa"}, {&doc.premiered, "premiered"}};
  for (const auto& [text, name] : fields) CheckText(*text, n, name);
  for (const auto* list : {&doc.genres, &doc.studios, &doc.directors, &doc.writers, &doc.collections, &doc.tags}) {
    for (const std::string& s : *list) CheckText(s, n, "list entry");
  }
  for (const NfoActor& a : doc.actors) {
    CheckText(a.name, n, "actor name");
    CheckText(a.role, n, "actor role");
    CheckText(a.thumb, n, "actor thumb");
  }
  for (const NfoUniqueId& id : doc.unique_ids) {
    CheckText(id.type, n, "uniqueid type");
    CheckText(id.value, n, "uniqueid value");
    FUZZ_CHECK(!id.value.empty(), id.type);
  }
  for (const NfoRating& r : doc.ratings) CheckText(r.name, n, "rating name");
  // A problem quotes up to two values read from the document, plus a sentence.
  for (const std::string& p : doc.problems) CheckText(p, 2 * n + 256, "problem");
  if (doc.year) FUZZ_CHECK(*doc.year >= 0 && *doc.year <= 9999, std::to_string(*doc.year));
  if (doc.premiered.size() == 10) FUZZ_CHECK(doc.premiered[4] == '-' && doc.premiered[7] == '-', doc.premiered);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  Result<NfoDocument> nfo = ParseNfo(input, kSource);
  if (!nfo.ok()) {
    fuzz::CheckRefusal(nfo.status(), PD_ERR_INVALID_ARGUMENT);
    FUZZ_CHECK(nfo.status().message().find(kSource) != std::string::npos, nfo.status().message());
    return 0;
  }
  // Accepted: then it was UTF-8 and declared no DTD and no entity, so every "&name;" it used was
  // one of XML's own five (or a character reference), and no text came from an expansion.
  FUZZ_CHECK(fuzz::IsUtf8(input), "accepted a document that is not UTF-8");
  FUZZ_CHECK(input.find("<!ENTITY") == std::string_view::npos, "accepted an entity declaration");
  FUZZ_CHECK(input.find("<!DOCTYPE") == std::string_view::npos, "accepted a DOCTYPE");
  FUZZ_CHECK(input.size() <= kMaxNfoBytes, std::to_string(input.size()));
  CheckDocument(*nfo, input);
  // Pure: the same text reads the same.
  Result<NfoDocument> again = ParseNfo(input, kSource);
  FUZZ_CHECK(again.ok() && again->title == nfo->title && again->plot == nfo->plot &&
                 again->unique_ids.size() == nfo->unique_ids.size() && again->kind == nfo->kind,
             nfo->title);
  return 0;
}
