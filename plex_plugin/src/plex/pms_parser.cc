#include "plex/pms_parser.h"

#include <fmt/format.h>

#include "plex/media_container.h"

namespace plexdriver {

Result<ServerIdentity> ParseIdentity(std::string_view body) {
  Result<PmsNode> node = ParseMediaContainer(body);
  if (!node.ok()) return node.status();
  ServerIdentity id;
  id.machine_identifier = node->Get("machineIdentifier");
  id.version = node->Get("version");
  id.claimed = node->GetBool("claimed");
  if (id.machine_identifier.empty()) {
    return Status(PD_ERR_PROTOCOL, "the /identity answer has no machineIdentifier");
  }
  return id;
}

Result<ServerInfo> ParseServerInfo(std::string_view body) {
  Result<PmsNode> node = ParseMediaContainer(body);
  if (!node.ok()) return node.status();
  ServerInfo info;
  info.friendly_name = node->Get("friendlyName");
  info.machine_identifier = node->Get("machineIdentifier");
  info.version = node->Get("version");
  info.platform = node->Get("platform");
  info.platform_version = node->Get("platformVersion");
  info.my_plex = node->GetBool("myPlex");
  info.my_plex_username = node->Get("myPlexUsername");
  info.my_plex_subscription = node->GetBool("myPlexSubscription");
  if (info.machine_identifier.empty()) {
    return Status(PD_ERR_PROTOCOL, "the server root (/) has no machineIdentifier");
  }
  return info;
}

Result<std::vector<LibrarySection>> ParseSections(std::string_view body) {
  Result<PmsNode> node = ParseMediaContainer(body);
  if (!node.ok()) return node.status();
  std::vector<LibrarySection> sections;
  for (const PmsNode* dir : node->Children("Directory")) {
    LibrarySection s;
    s.key = dir->Get("key");
    s.type = dir->Get("type");
    s.title = dir->Get("title");
    s.agent = dir->Get("agent");
    s.scanner = dir->Get("scanner");
    s.language = dir->Get("language");
    s.uuid = dir->Get("uuid");
    s.refreshing = dir->GetBool("refreshing");
    s.updated_at = dir->GetInt("updatedAt");
    s.scanned_at = dir->GetInt("scannedAt");
    if (s.key.empty()) {
      return Status(PD_ERR_PROTOCOL,
                    fmt::format("library section \"{}\" has no key", s.title));
    }
    for (const PmsNode* loc : dir->Children("Location")) {
      s.locations.push_back({loc->GetInt("id"), loc->Get("path")});
    }
    sections.push_back(std::move(s));
  }
  return sections;
}

}  // namespace plexdriver
