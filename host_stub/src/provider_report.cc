// SPDX-License-Identifier: MIT
#include "provider_report.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <fmt/format.h>

#include "cli_options.h"
#include "json_document.h"

namespace host_stub {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

constexpr size_t kSummaryWidth = 100;

// At most `width` bytes of `text` on one line, cut at a UTF-8 boundary, "..." when shortened.
std::string Shorten(std::string text, size_t width) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  if (text.size() <= width) return text;
  size_t cut = width;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "...";
}

// Plex lists tags as [{"tag": "Crime"}, ...]; plain strings are read too.
std::string Tags(const Array::Ptr& a) {
  std::string out;
  for (size_t i = 0; a && i < a->size(); ++i) {
    const Poco::Dynamic::Var v = a->get(static_cast<unsigned>(i));
    std::string tag;
    if (v.isString()) {
      tag = v.extract<std::string>();
    } else if (Object::Ptr o = a->getObject(static_cast<unsigned>(i))) {
      tag = Str(o, "tag", "");
    }
    if (tag.empty()) continue;
    if (!out.empty()) out += ", ";
    out += tag;
  }
  return out;
}

size_t Count(const Array::Ptr& a) { return a ? a->size() : 0; }

std::string Bytes(const Object::Ptr& o) {
  if (!o || !o->has("bytes") || o->isNull("bytes")) return "? bytes";
  return Str(o, "bytes") + " bytes";
}

}  // namespace

std::string RenderProviderCheck(const std::string& json) {
  Object::Ptr doc = ParseObject(json);
  if (!doc) return "(the driver returned a document that is not JSON)\n" + json + "\n";
  std::string out = fmt::format("provider check  {}\n", Str(doc, "path"));
  out += fmt::format("kind            {}  (root {})\n", Str(doc, "kind"), Str(doc, "root"));
  const std::string identifier = Str(doc, "identifier", "");
  if (!identifier.empty()) out += fmt::format("provider        {}\n", identifier);
  out += fmt::format("rating key      {}  guid {}\n", Str(doc, "rating_key", "(none)"),
                     Str(doc, "guid", "(none)"));
  if (Object::Ptr nfo = doc->getObject("nfo")) {
    out += fmt::format("nfo             {}: {}\n", Str(nfo, "path", "(none)"), Str(nfo, "status"));
    const std::string message = Str(nfo, "message", "");
    if (!message.empty()) out += fmt::format("                {}\n", message);
  } else {
    out += "nfo             (none)\n";
  }
  Object::Ptr m = doc->getObject("metadata");
  const std::string year = Str(m, "year", "");
  out += fmt::format("title           {}{}\n", Str(m, "title", "(none)"),
                     year.empty() ? "" : " (" + year + ")");
  const std::string summary = Str(m, "summary", "");
  if (!summary.empty()) out += fmt::format("summary         {}\n", Shorten(summary, kSummaryWidth));
  const std::string genres = Tags(m ? m->getArray("Genre") : nullptr);
  if (!genres.empty()) out += fmt::format("genres          {}\n", genres);
  const std::string collections = Tags(m ? m->getArray("Collection") : nullptr);
  if (!collections.empty()) out += fmt::format("collections     {}\n", collections);
  out += fmt::format("actors          {}\n", Count(m ? m->getArray("Role") : nullptr));

  Array::Ptr artwork = doc->getArray("artwork");
  if (doc->has("image_links")) {
    out += doc->optValue<bool>("image_links", false)
               ? "images          linked in the answers (Plex fetches them from the provider)\n"
               : "images          not linked (Plex could not show a LAN link); the sync uploads and locks them\n";
  }
  if (Count(artwork) == 0) out += "artwork         none\n";
  for (size_t i = 0; i < Count(artwork); ++i) {
    Object::Ptr a = artwork->getObject(static_cast<unsigned>(i));
    out += fmt::format("{:<16}{:<14} {}  {}  {}\n", i == 0 ? "artwork" : "", Str(a, "role"),
                       Str(a, "file"), Str(a, "content_type"), Bytes(a));
    const std::string problem = Str(a, "problem", "");
    if (!problem.empty()) out += fmt::format("{:<16}  problem: {}\n", "", problem);
  }
  Array::Ptr problems = doc->getArray("problems");
  if (Count(problems) == 0) {
    out += "problems        none\n";
  } else {
    out += fmt::format("problems        {}\n", Count(problems));
    for (size_t i = 0; i < Count(problems); ++i) {
      out += "  - " + problems->get(static_cast<unsigned>(i)).convert<std::string>() + "\n";
    }
  }
  return out;
}

int ProviderCheckExitCode(const std::string& json) {
  Object::Ptr doc = ParseObject(json);
  if (!doc) return kExitProviderProblems;
  if (Count(doc->getArray("problems")) > 0) return kExitProviderProblems;
  if (Str(doc->getObject("nfo"), "status", "") == "refused") return kExitProviderProblems;
  Array::Ptr artwork = doc->getArray("artwork");
  for (size_t i = 0; i < Count(artwork); ++i) {
    if (!Str(artwork->getObject(static_cast<unsigned>(i)), "problem", "").empty())
      return kExitProviderProblems;
  }
  return kExitOk;
}

}  // namespace host_stub
