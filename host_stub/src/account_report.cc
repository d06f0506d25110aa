#include "account_report.h"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <fmt/format.h>

#include "json_document.h"

namespace host_stub {

using Poco::JSON::Array;
using Poco::JSON::Object;

std::string RenderServers(const std::string& json) {
  Object::Ptr doc = ParseObject(json);
  if (!doc) return "(the driver wrote no readable document)\n" + json + "\n";
  Array::Ptr servers = doc->getArray("servers");
  if (!servers || servers->size() == 0) return "the account has no Plex Media Server\n";
  std::string out;
  for (size_t i = 0; i < servers->size(); ++i) {
    Object::Ptr s = servers->getObject(static_cast<unsigned>(i));
    std::string flags = Flag(s, "owned") ? "owned" : "shared by " + Str(s, "owner", "");
    flags += Flag(s, "online") ? ", online" : ", offline";
    if (Flag(s, "https_required")) flags += ", requires https";
    out += fmt::format("{}  ({})\n  machine identifier {}  Plex {}  {}\n", Str(s, "name", ""), flags,
                       Str(s, "machine_identifier", ""), Str(s, "version", ""), Str(s, "platform", ""));
    Array::Ptr connections = s->getArray("connections");
    for (size_t j = 0; connections && j < connections->size(); ++j) {
      Object::Ptr c = connections->getObject(static_cast<unsigned>(j));
      out += fmt::format("  {:<7} {}\n", Str(c, "kind", ""), Str(c, "uri", ""));
    }
  }
  return out;
}

std::string RenderConnectionChoice(const std::string& json) {
  Object::Ptr doc = ParseObject(json);
  if (!doc) return "(the driver wrote no readable document)\n";
  std::string out;
  Object::Ptr server = doc->getObject("server");
  Object::Ptr chosen = doc->getObject("chosen");
  out +=
      fmt::format("server \"{}\" ({})\n", Str(server, "name", ""), Str(server, "machine_identifier", ""));
  if (chosen) {
    out += fmt::format("  reached at {} ({}), Plex {}\n", Str(chosen, "uri", ""), Str(chosen, "kind", ""),
                       Str(chosen, "version", ""));
  } else {
    out += "  no address answered as this server\n";
  }
  Array::Ptr candidates = doc->getArray("candidates");
  for (size_t i = 0; candidates && i < candidates->size(); ++i) {
    Object::Ptr c = candidates->getObject(static_cast<unsigned>(i));
    const std::string result = Str(c, "result", "");
    if (result == "chosen") continue;
    out += fmt::format("  {:<10} {} ({}): {}\n", result, Str(c, "uri", ""), Str(c, "kind", ""),
                       result == "skipped" || result == "not_needed"
                           ? Str(c, "reason", "")
                           : Str(c, "status", "") + ": " + Str(c, "reason", ""));
  }
  Array::Ptr others = doc->getArray("other_servers");
  if (others && others->size() > 0) {
    std::string names;
    for (size_t i = 0; i < others->size(); ++i) {
      names += (i ? ", " : "") + others->getElement<std::string>(static_cast<unsigned>(i));
    }
    out += fmt::format("  the account also has: {} (choose with --server)\n", names);
  }
  return out;
}

}  // namespace host_stub
