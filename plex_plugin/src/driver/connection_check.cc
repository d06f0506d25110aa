#include "driver/connection_check.h"

#include <chrono>

#include <fmt/format.h>

#include "core/json_util.h"
#include "driver/mapping_coverage.h"
#include "plex/server_version.h"

namespace plexdriver {
namespace {

using Clock = std::chrono::steady_clock;

int64_t MillisSince(Clock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
}

// Runs one step, records it, and returns its result.
template <typename Fn>
auto RunStep(ConnectionReport* report, const char* name, Fn&& fn) {
  const auto start = Clock::now();
  auto result = fn();
  report->steps.push_back({name, result.ok(), MillisSince(start)});
  return result;
}

void CheckVersion(ConnectionReport* report, const std::string& version) {
  auto parsed = ServerVersion::Parse(version);
  if (!parsed) {
    report->warnings.push_back(fmt::format(
        "could not read the server version \"{}\"; partial scans are assumed unsupported", version));
    return;
  }
  report->partial_scan_supported = parsed->AtLeast(kPartialScanMinimum);
  if (!report->partial_scan_supported) {
    report->warnings.push_back(fmt::format(
        "Plex Media Server {} is older than {}: it cannot scan single folders, so every sync "
        "would rescan whole libraries. Update Plex Media Server.", version,
        kPartialScanMinimumText));
  }
}

// The providers and agents the server lists (PMS 1.43+), then each library's use of ours.
void CheckProviderUse(PmsClient& client, const DriverConfig& config, const std::vector<LibrarySection>& sections,
                      ConnectionReport* report) {
  const std::string version = report->identity ? report->identity->version : "";
  auto parsed = ServerVersion::Parse(version);
  report->providers_supported = parsed && parsed->AtLeast(kMetadataProviderMinimum);
  std::optional<std::vector<RegisteredProvider>> providers;
  std::optional<std::vector<ProviderGroup>> groups;
  if (report->providers_supported) {
    const auto start = Clock::now();
    Result<HttpResponse> listed = client.Get("/media/providers/metadata");
    Result<std::vector<RegisteredProvider>> parsed_list =
        listed.ok() ? ParseRegisteredProviders(listed->body) : Result<std::vector<RegisteredProvider>>(listed.status());
    Result<HttpResponse> grouped = client.Get("/media/providers/metadata/group");
    Result<std::vector<ProviderGroup>> parsed_groups =
        grouped.ok() ? ParseProviderGroups(grouped->body) : Result<std::vector<ProviderGroup>>(grouped.status());
    if (parsed_list.ok()) providers = std::move(parsed_list).value();
    if (parsed_groups.ok()) groups = std::move(parsed_groups).value();
    if (providers && groups) NameGroupMembers(*providers, &*groups);  // members are listed by provider id
    for (const Status& s : {parsed_list.status(), parsed_groups.status()}) {
      if (!s.ok()) report->warnings.push_back("could not read the server's metadata providers: " + s.message());
    }
    report->steps.push_back({"metadata_providers", providers && groups, MillisSince(start)});
  }
  const ProviderRegistry registry{report->providers_supported, version, providers ? &*providers : nullptr,
                                  groups ? &*groups : nullptr};
  for (const RegisteredProvider& p : providers ? *providers : std::vector<RegisteredProvider>{}) {
    if (p.identifier == config.provider.MoviesIdentifier() || p.identifier == config.provider.ShowsIdentifier()) {
      report->our_providers.push_back(p);
    }
  }
  for (const LibrarySection& section : sections) {
    ProviderUseAssessment a = AssessProviderUse(section, config.provider.name, registry);
    if (a.state == ProviderUse::kNotRegistered || a.state == ProviderUse::kUsedAfterOther) {
      report->warnings.push_back(a.advice);
    }
    if (a.state == ProviderUse::kUsed) {  // the provider serves the manager's artwork itself
      report->local_artwork[section.key] = {LocalArtwork::kRead, "this driver's metadata provider", "", ""};
    }
    report->provider_use[section.key] = std::move(a);
  }
}

}  // namespace

ConnectionReport CheckConnection(PmsClient& client, const DriverConfig& config,
                                 const Operation& op, bool read_library_settings) {
  const auto start = Clock::now();
  ConnectionReport report;
  report.url = client.transport().BaseUrl();
  auto finish = [&](Status error) {
    report.error = std::move(error);
    report.elapsed_ms = MillisSince(start);
    return report;
  };
  auto cancelled = [&] { return Status(PD_ERR_CANCELLED, "test-connection cancelled by the host"); };

  op.Progress(0.0, "checking that the server is Plex (/identity)");
  Result<ServerIdentity> identity = RunStep(&report, "identity", [&] { return client.Identity(); });
  if (!identity.ok()) return finish(identity.status());
  report.identity = *identity;
  CheckVersion(&report, identity->version);
  if (op.Cancelled()) return finish(cancelled());

  op.Progress(0.33, "checking the token (/)");
  Result<ServerInfo> info = RunStep(&report, "root", [&] { return client.Root(); });
  if (!info.ok()) return finish(info.status());
  report.info = *info;
  if (info->machine_identifier != identity->machine_identifier) {
    return finish(Status(PD_ERR_PROTOCOL,
                         fmt::format("{} changed identity between requests ({} then {}): a proxy "
                                     "or load balancer is mixing servers; point host at one server",
                                     report.url, identity->machine_identifier,
                                     info->machine_identifier)));
  }
  if (op.Cancelled()) return finish(cancelled());

  op.Progress(0.66, "reading the libraries (/library/sections)");
  Result<std::vector<LibrarySection>> sections =
      RunStep(&report, "sections", [&] { return client.Sections(); });
  if (!sections.ok()) return finish(sections.status());
  report.sections = *sections;
  if (sections->empty()) {
    report.warnings.push_back("the server has no libraries: add one in Plex before syncing");
  }
  ComputeMappingCoverage(config.path_mappings, *sections, info->platform, &report);
  if (read_library_settings) {
    op.Progress(0.8, "reading the libraries' settings (/library/sections/{key}/prefs)");
    const auto step_start = Clock::now();
    bool all_read = true;
    for (const LibrarySection& section : *sections) {
      if (!LocalArtworkApplies(section)) continue;
      if (op.Cancelled()) return finish(cancelled());
      Result<std::vector<SectionSetting>> settings = client.SectionSettings(section.key);
      if (!settings.ok()) {
        all_read = false;
        report.warnings.push_back(fmt::format("could not read the settings of library \"{}\": {}",
                                              section.title, settings.status().message()));
      }
      LocalArtworkAssessment a = AssessLocalArtwork(section, settings.ok() ? &*settings : nullptr);
      if (a.state == LocalArtwork::kIgnored) report.warnings.push_back(a.advice);
      report.local_artwork[section.key] = std::move(a);
    }
    report.steps.push_back({"library_settings", all_read, MillisSince(step_start)});
    if (op.Cancelled()) return finish(cancelled());
    op.Progress(0.9, "reading the metadata providers (/media/providers/metadata)");
    CheckProviderUse(client, config, *sections, &report);
  }
  op.Progress(1.0, "connected");
  return finish(Status::Ok());
}

std::string ConnectionReportToJson(const ConnectionReport& report) {
  using Poco::JSON::Array;
  using Poco::JSON::Object;
  Object::Ptr doc = NewJsonObject();
  doc->set("schema_version", 1);
  doc->set("ok", report.error.ok());
  doc->set("elapsed_ms", report.elapsed_ms);
  if (report.identity) {
    Object::Ptr server = NewJsonObject();
    server->set("name", report.info ? report.info->friendly_name : std::string());
    server->set("machine_identifier", report.identity->machine_identifier);
    server->set("version", report.identity->version);
    server->set("platform", report.info ? report.info->platform : std::string());
    server->set("claimed", report.identity->claimed);
    server->set("plex_pass", report.info && report.info->my_plex_subscription);
    server->set("partial_scan_supported", report.partial_scan_supported);
    doc->set("server", server);
  } else {
    doc->set("server", Poco::Dynamic::Var());
  }
  doc->set("url", report.url);
  Array::Ptr sections = new Array();
  if (report.sections) {
    for (const LibrarySection& s : *report.sections) {
      Object::Ptr o = NewJsonObject();
      o->set("key", s.key);
      o->set("title", s.title);
      o->set("type", s.type);
      o->set("agent", s.agent);
      std::vector<std::string> paths;
      for (const SectionLocation& l : s.locations) paths.push_back(l.path);
      o->set("locations", ToJsonArray(paths));
      auto artwork = report.local_artwork.find(s.key);
      if (artwork != report.local_artwork.end()) {
        Object::Ptr a = NewJsonObject();
        a->set("state", LocalArtworkName(artwork->second.state));
        a->set("agent", artwork->second.agent_name);
        a->set("setting", artwork->second.setting);
        a->set("advice", artwork->second.advice);
        o->set("local_artwork", a);
      }
      auto use = report.provider_use.find(s.key);
      if (use != report.provider_use.end()) {
        Object::Ptr a = NewJsonObject();
        a->set("state", ProviderUseName(use->second.state));
        a->set("identifier", use->second.identifier);
        a->set("advice", use->second.advice);
        o->set("metadata_provider", a);
      }
      sections->add(o);
    }
  }
  doc->set("sections", sections);
  if (!report.provider_use.empty()) {
    Object::Ptr p = NewJsonObject();
    p->set("supported", report.providers_supported);
    Array::Ptr registered = new Array();
    for (const RegisteredProvider& r : report.our_providers) {
      Object::Ptr o = NewJsonObject();
      o->set("identifier", r.identifier);
      o->set("title", r.title);
      o->set("uri", r.uri);
      registered->add(o);
    }
    p->set("registered", registered);
    doc->set("metadata_provider", p);
  }
  Array::Ptr mappings = new Array();
  for (const MappingCoverage& m : report.mappings) {
    Object::Ptr o = NewJsonObject();
    o->set("metarr_path", m.mapping.metarr_path);
    o->set("player_path", m.mapping.player_path);
    o->set("sections", ToJsonArray(m.section_keys));
    mappings->add(o);
  }
  doc->set("mappings", mappings);
  doc->set("unmapped_locations", ToJsonArray(report.unmapped_locations));
  doc->set("warnings", ToJsonArray(report.warnings));
  Array::Ptr steps = new Array();
  for (const ConnectionStep& step : report.steps) {
    Object::Ptr o = NewJsonObject();
    o->set("name", step.name);
    o->set("ok", step.ok);
    o->set("elapsed_ms", step.elapsed_ms);
    steps->add(o);
  }
  doc->set("steps", steps);
  if (report.token) {
    Object::Ptr t = NewJsonObject();
    t->set("state", TokenStateName(report.token->state));
    t->set("rejected_request", report.token->rejected_request);
    t->set("rejected_at", report.token->rejected_at);
    t->set("accepted_at", report.token->accepted_at);
    doc->set("token", t);
  }
  if (report.error.ok()) {
    doc->set("error", Poco::Dynamic::Var());
  } else {
    Object::Ptr e = NewJsonObject();
    e->set("status", StatusName(report.error.code()));
    e->set("code", report.error.code());
    e->set("http_status", report.error.detail());
    e->set("message", report.error.message());
    doc->set("error", e);
  }
  return ToJson(doc);
}

}  // namespace plexdriver
