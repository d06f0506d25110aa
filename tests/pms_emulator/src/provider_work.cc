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

std::vector<ProviderInfo> Emulator::Impl::ProvidersFor(const std::string& section_key) const {
  std::vector<ProviderInfo> chain;
  std::string agent;
  for (const Section& s : library.sections()) {
    if (s.key == section_key) agent = s.agent;
  }
  if (agent.empty()) return chain;
  auto find = [&](const std::string& identifier) -> const ProviderInfo* {
    for (const ProviderInfo& p : providers) {
      if (p.identifier == identifier) return &p;
    }
    return nullptr;
  };
  if (const ProviderInfo* p = find(agent)) return {*p};
  for (const ProviderGroup& g : provider_groups) {
    if (g.identifiers.empty() || g.identifiers.front() != agent) continue;
    for (const std::string& identifier : g.identifiers) {
      if (const ProviderInfo* p = find(identifier)) chain.push_back(*p);
    }
    break;
  }
  return chain;
}

std::vector<LibraryEvent> Emulator::Impl::RunProviders(std::unique_lock<std::mutex>& lock,
                                                       const std::string& section_key,
                                                       const std::vector<int64_t>& keys) {
  std::vector<LibraryEvent> events;
  const std::vector<ProviderInfo> chain = ProvidersFor(section_key);
  if (chain.empty()) return events;
  struct Task {
    ProviderQuery query;
    std::string matched;  // the provider that matched it before
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
    tasks.push_back(std::move(t));
  }
  const int timeout = options.provider_timeout_ms;
  lock.unlock();  // network I/O: requests keep being answered meanwhile
  ProviderClient client(timeout, [this](const ProviderCall& c) { RecordProviderCall(c); });
  for (Task& t : tasks) {
    if (!running.load()) break;
    ProviderResult r;
    auto stored = std::find_if(chain.begin(), chain.end(), [&](const ProviderInfo& p) { return p.identifier == t.matched; });
    if (!t.query.stored_rating_key.empty() && stored != chain.end()) {
      // PMS reuses the provider's id: metadata again, no match.
      if (client.Fetch(*stored, t.query, &r) == ProviderOutcome::kMatched) t.result = std::move(r);
      continue;
    }
    t.query.stored_rating_key.clear();  // the agent changed since: match anew
    for (const ProviderInfo& p : chain) {
      if (!Serves(p, t.query.type)) continue;
      const ProviderOutcome outcome = client.Fetch(p, t.query, &r);
      if (outcome == ProviderOutcome::kMatched) t.result = std::move(r);
      if (outcome != ProviderOutcome::kNoMatch) break;  // no match: the next provider's turn
    }
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
