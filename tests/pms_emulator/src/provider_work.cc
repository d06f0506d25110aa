// SPDX-License-Identifier: MIT
// The server's use of custom metadata providers (PMS 1.43+): registration (the root GET), which
// providers a section's agent names, and the work a scan or refresh does with them — match each
// new movie or show (or ask a matched one's stored id again), fetch its metadata, children and
// images without holding the library mutex, then apply what came back. A failure leaves the
// item as it was; every call is recorded.
#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "emulator_impl.h"

namespace pms_emulator {
namespace {

bool Serves(const ProviderInfo& p, const std::string& type) {
  return p.types.empty() || std::find(p.types.begin(), p.types.end(), TypeNumber(type)) != p.types.end();
}

// `file` relative to the section folder holding it (in the server's own separators), or as it is
// when none does.
std::string RelativeToLibrary(const Section& section, const std::string& file) {
  for (const std::string& location : section.locations) {
    if (location.empty() || file.size() <= location.size() + 1 || file.compare(0, location.size(), location) != 0) {
      continue;
    }
    const char next = file[location.size()];
    if (next == '/' || next == '\\') return file.substr(location.size() + 1);
  }
  return file;
}

}  // namespace

void Emulator::Impl::RecordProviderCall(const ProviderCall& call) {
  std::lock_guard<std::mutex> lock(provider_calls_mutex);
  provider_calls.push_back(call);
}

int Emulator::Impl::RegisterProvider(const std::string& uri, ProviderInfo* out, std::string* error) {
  int timeout = 0;
  {
    std::lock_guard<std::mutex> lock(mutex);
    timeout = options.provider_timeout_ms;
  }
  ProviderClient client(timeout, [this](const ProviderCall& c) { RecordProviderCall(c); });
  std::optional<ProviderInfo> info = client.FetchRoot(uri, error);
  if (!info) return 400;
  std::lock_guard<std::mutex> lock(mutex);
  for (const ProviderInfo& p : providers) {
    if (p.identifier == info->identifier) {
      *error = fmt::format("a provider with identifier \"{}\" is registered already (id {}, {})", p.identifier,
                           p.id, p.uri);
      return 409;
    }
  }
  info->id = next_provider_id++;
  providers.push_back(*info);
  *out = *info;
  return 200;
}

std::vector<ProviderInfo> Emulator::Impl::AgentProviders(const std::string& section_key) const {
  std::string agent;
  for (const Section& s : library.sections()) {
    if (s.key == section_key) agent = s.agent;
  }
  std::vector<ProviderInfo> chain;
  if (agent.empty()) return chain;
  auto by_id = [&](int64_t id) -> const ProviderInfo* {
    for (const ProviderInfo& p : providers) {
      if (p.id == id) return &p;
    }
    return nullptr;
  };
  // The section's agent is the group's primary identifier (a section lists no group id).
  for (const ProviderGroup& g : provider_groups) {
    if (g.primary_identifier != agent) continue;
    for (const ProviderGroupItem& item : g.items) {
      if (const ProviderInfo* p = by_id(item.provider_id)) chain.push_back(*p);
    }
    return chain;
  }
  for (const ProviderInfo& p : providers) {
    if (p.identifier == agent) chain.push_back(p);
  }
  return chain;
}

std::vector<ProviderInfo> Emulator::Impl::ProvidersFor(const std::string& section_key) const {
  std::vector<ProviderInfo> chain = AgentProviders(section_key);
  // Plex's own agents alone ask no provider: the section works as any other (scan_worker.cc).
  if (std::all_of(chain.begin(), chain.end(), [](const ProviderInfo& p) { return p.builtin; })) chain.clear();
  return chain;
}

namespace {

// Adds what `from` has and `into` lacks (an earlier provider's values win), children by index. An
// element with an image, reachable or not, is taken.
void FillMissing(ProviderMetadata& into, const ProviderMetadata& from) {
  for (const auto& [k, v] : from.fields) into.fields.emplace(k, v);
  for (const auto& [k, v] : from.tags) into.tags.emplace(k, v);
  auto taken = [&](const std::string& element) {
    return into.images.count(element) > 0 || into.unreachable_images.count(element) > 0;
  };
  for (const auto& [k, v] : from.images) {
    if (!taken(k)) into.images.emplace(k, v);
  }
  for (const auto& [k, v] : from.unreachable_images) {
    if (!taken(k)) into.unreachable_images.emplace(k, v);
  }
  if (!into.roles) into.roles = from.roles;
  if (!into.external_guids) into.external_guids = from.external_guids;
  for (const ProviderMetadata& child : from.children) {
    auto same = std::find_if(into.children.begin(), into.children.end(),
                             [&](const ProviderMetadata& c) { return c.index == child.index; });
    if (same == into.children.end()) {
      into.children.push_back(child);
    } else {
      FillMissing(*same, child);
    }
  }
}

}  // namespace

std::vector<LibraryEvent> Emulator::Impl::RunProviders(std::unique_lock<std::mutex>& lock,
                                                       const std::string& section_key,
                                                       const std::vector<int64_t>& keys) {
  std::vector<LibraryEvent> events;
  const std::vector<ProviderInfo> chain = ProvidersFor(section_key);
  std::string agent;
  if (const Section* section = library.FindSection(section_key)) agent = section->agent;
  auto primary = std::find_if(chain.begin(), chain.end(), [&](const ProviderInfo& p) { return p.identifier == agent; });
  if (primary == chain.end()) return events;
  struct Task {
    ProviderQuery query;
    std::string matched;  // the provider that matched it before
    std::vector<ProviderResult> shown;  // what Plex's own agents in the chain show now, by rank
    std::optional<ProviderResult> result;
  };
  std::vector<Task> tasks;
  for (int64_t key : keys) {
    const Item* item = library.FindItem(key);
    if (!item || (item->type != "movie" && item->type != "show")) continue;
    Task t;
    t.query = library.QueryFor(*item, &t.matched);
    const Section* section = library.FindSection(section_key);
    if (options.provider_filename_relative && section) t.query.filename = RelativeToLibrary(*section, t.query.filename);
    for (const ProviderInfo& p : chain) {
      if (p.builtin) t.shown.push_back(library.ShownValues(key, p.identifier));
    }
    tasks.push_back(std::move(t));
  }
  const int timeout = options.provider_timeout_ms;
  const std::vector<std::string> public_hosts = options.public_image_hosts;
  lock.unlock();  // network I/O: requests keep being answered meanwhile
  ProviderClient client(timeout, [this](const ProviderCall& c) { RecordProviderCall(c); },
                        [public_hosts](const std::string& url) { return ImageServiceReaches(url, public_hosts); });
  for (Task& t : tasks) {
    if (!running.load()) break;
    // The primary gives the item its guid: PMS reuses the id it gave before (no match again); an
    // empty match or a failure leaves the item as it was, and nobody else is asked (observed by
    // a third party, docs/metadata-provider.md §3).
    std::optional<ProviderResult> primary_result;
    if (primary->builtin) {
      primary_result.emplace();  // Plex's agent matched it, as it always does here
      primary_result->identifier = primary->identifier;
    } else {
      ProviderQuery q = t.query;
      if (t.matched != primary->identifier) q.stored_rating_key.clear();  // the agent changed since: match anew
      ProviderResult r;
      if (client.Fetch(*primary, q, &r) != ProviderOutcome::kMatched) continue;
      primary_result = std::move(r);
    }
    // Then every provider in rank order, earlier values winning; Plex's own agents give what the
    // item shows now, so a provider ranked below them fills only what they lack.
    ProviderResult merged;
    merged.identifier = primary->identifier;
    merged.metadata.rating_key = primary_result->metadata.rating_key;
    merged.metadata.guid = primary_result->metadata.guid;
    size_t shown = 0;
    for (const ProviderInfo& p : chain) {
      const ProviderResult* from = nullptr;
      ProviderResult asked;
      if (p.builtin) {
        from = &t.shown[shown++];
      } else if (p.identifier == primary->identifier) {
        from = &*primary_result;
      } else if (Serves(p, t.query.type)) {
        ProviderQuery q = t.query;
        q.stored_rating_key.clear();  // a contributor's ids are not stored: it matches each time
        if (client.Fetch(p, q, &asked) == ProviderOutcome::kMatched) from = &asked;
      }
      if (!from) continue;
      FillMissing(merged.metadata, from->metadata);
    }
    std::map<std::string, std::string>& images = merged.metadata.images;
    for (auto it = images.begin(); it != images.end();) {
      it = it->second.empty() ? images.erase(it) : std::next(it);  // Plex's own image: a claim, not an image
    }
    if (primary->builtin) merged.metadata.rating_key.clear();  // the item keeps its Plex guid
    t.result = std::move(merged);
  }
  lock.lock();
  if (stopping) return {};
  for (const Task& t : tasks) {
    if (!t.result) continue;  // no match or a failure: the item keeps what it has
    std::vector<LibraryEvent> changed = library.ApplyProvider(t.query.rating_key, *t.result, UnixNow());
    events.insert(events.end(), changed.begin(), changed.end());
  }
  return events;
}

// --- the public API ---

std::string Emulator::RegisterMetadataProvider(const std::string& uri) {
  if (!SupportsMetadataProviders(impl_->options.version)) {
    throw std::runtime_error("custom metadata providers need PMS 1.43.0 or later; the emulator's version is " +
                             impl_->options.version + " (set EmulatorOptions::version)");
  }
  ProviderInfo info;
  std::string error;
  if (impl_->RegisterProvider(uri, &info, &error) != 200) {
    throw std::runtime_error("cannot register metadata provider " + uri + ": " + error);
  }
  return info.identifier;
}

void Emulator::SetSectionAgent(const std::string& section_key, const std::string& agent) {
  std::lock_guard<std::mutex> lock(impl_->mutex);
  Section* s = impl_->library.FindSection(section_key);
  if (!s) throw std::invalid_argument("no section " + section_key);
  s->agent = agent;
}

std::vector<ProviderCall> Emulator::ProviderCalls() const {
  std::lock_guard<std::mutex> lock(impl_->provider_calls_mutex);
  return impl_->provider_calls;
}

void Emulator::ClearProviderCalls() {
  std::lock_guard<std::mutex> lock(impl_->provider_calls_mutex);
  impl_->provider_calls.clear();
}

}  // namespace pms_emulator
