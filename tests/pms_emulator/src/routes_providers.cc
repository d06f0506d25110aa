// SPDX-License-Identifier: MIT
// Custom metadata providers as PMS 1.43+ serves them (Plex's API documentation, 1.2.x): list and
// register providers (GET/POST /media/providers/metadata, ?uri=), one by id (GET, PUT ?uri=,
// DELETE: 403 while a group holds it), and agents built from them (…/group: GET, POST
// ?title=&primaryIdentifier=; …/group/{id}: GET, PUT ?title=, DELETE; …/group/{id}/items/{providerId}:
// PUT adds or moves with ?after=<item id>|-1, DELETE removes, 403 for the primary). Older
// versions answer 404, as an old server does. And the control API's share: /__emulator/providers
// (register, the call log) and /__emulator/sections/{key}/agent.
#include <algorithm>

#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "router.h"

namespace pms_emulator {
namespace {

constexpr const char* kForbiddenBody =
    "<html><head><title>Forbidden</title></head><body><h1>403 Forbidden</h1></body></html>";

Element& AddProvider(Element& mc, const ProviderInfo& p) {
  Element& e = mc.Child("MetadataAgentProvider")
                   .Int("id", p.id)
                   .Str("identifier", p.identifier)
                   .Str("title", p.title)
                   .Str("uri", p.uri)
                   .Str("agentType", "primary");
  for (int type : p.types) e.Child("MetadataType").Int("type", type);
  return e;
}

void AddGroupItem(Element& parent, const ProviderGroup& g, const ProviderGroupItem& item) {
  // The element name of Plex's examples (its schema says MetadataAgentGroupItem; the driver reads both).
  parent.Child("MetadataAgentProviderGroupItem")
      .Int("id", item.id)
      .Int("metadataAgentProviderGroupId", g.id)
      .Int("metadataAgentProviderId", item.provider_id)
      .Int("order", item.order);
}

Element& AddGroup(Element& mc, const ProviderGroup& g) {
  Element& e = mc.Child("MetadataAgentProviderGroup");
  e.Int("id", g.id).Str("title", g.title).Str("primaryIdentifier", g.primary_identifier);
  for (const ProviderGroupItem& item : g.items) AddGroupItem(e, g, item);
  return e;
}

// Numbers the items 1000, 2000, … in their current order (as PMS's examples show them).
void Renumber(ProviderGroup& g) {
  for (size_t i = 0; i < g.items.size(); ++i) g.items[i].order = static_cast<int64_t>(i + 1) * 1000;
}

}  // namespace

// PUT …/group/{groupId}/items/{providerId}[?after=]: adds the provider at the end, or moves an
// existing item after the item `after` names (-1: first). Needs `mutex`.
Reply Router::PutGroupItem(const Call& call, ProviderGroup& g, int64_t provider_id) {
  const auto& providers = impl_->providers;
  if (std::none_of(providers.begin(), providers.end(), [&](const ProviderInfo& p) { return p.id == provider_id; })) {
    return BadRequest(fmt::format("providerId: no provider {}", provider_id));
  }
  auto it = std::find_if(g.items.begin(), g.items.end(), [&](const ProviderGroupItem& i) { return i.provider_id == provider_id; });
  if (it == g.items.end()) {
    g.items.push_back({impl_->next_provider_group_item_id++, provider_id, 0});
    it = g.items.end() - 1;
  }
  auto after = call.params.find("after");
  if (after != call.params.end()) {
    const int64_t after_id = std::stoll(after->second);
    ProviderGroupItem moved = *it;
    g.items.erase(it);
    auto anchor = std::find_if(g.items.begin(), g.items.end(), [&](const ProviderGroupItem& i) { return i.id == after_id; });
    if (after_id != -1 && anchor == g.items.end()) {
      g.items.push_back(moved);
      Renumber(g);
      return BadRequest(fmt::format("after: no item {} in group {}", after_id, g.id));
    }
    g.items.insert(after_id == -1 ? g.items.begin() : anchor + 1, moved);
  }
  Renumber(g);
  Element mc("MediaContainer");
  mc.Int("size", 1);
  for (const ProviderGroupItem& item : g.items) {
    if (item.provider_id == provider_id) AddGroupItem(mc, g, item);
  }
  return Container(call, mc);
}

Reply Router::MetadataProviders(const Call& call) {
  // parts: media, providers, metadata, [{id}|group], [{groupId}], [items], [{providerId}]
  if (!SupportsMetadataProviders(impl_->options.version)) return Html(404, kNotFoundBody);
  auto param = [&](const char* name) {
    auto it = call.params.find(name);
    return it == call.params.end() ? std::string() : it->second;
  };
  Element mc("MediaContainer");
  if (call.parts.size() == 3 && call.method == "POST") {
    if (param("uri").empty()) return BadRequest("uri: the provider's URL is missing");
    ProviderInfo info;
    std::string error;
    const int status = impl_->RegisterProvider(param("uri"), &info, &error);  // network: no lock held
    if (status == 409) return Html(409, "<html><head><title>Conflict</title></head><body><h1>409 Conflict</h1><p>" +
                                            XmlEscape(error) + "</p></body></html>");
    if (status != 200) return BadRequest(error);
    mc.Int("size", 1);
    AddProvider(mc, info);
    return Container(call, mc);
  }
  std::lock_guard<std::mutex> lock(impl_->mutex);
  auto& providers = impl_->providers;
  auto& groups = impl_->provider_groups;
  if (call.parts.size() == 3 && call.method == "GET") {
    mc.Int("size", static_cast<int64_t>(providers.size()));
    for (const ProviderInfo& p : providers) AddProvider(mc, p);
    return Container(call, mc);
  }
  if (call.parts.size() == 4 && call.part(3) == "group") {
    if (call.method == "GET") {
      mc.Int("size", static_cast<int64_t>(groups.size()));
      for (const ProviderGroup& g : groups) AddGroup(mc, g);
      return Container(call, mc);
    }
    if (call.method != "POST") return Html(405, "");
    const std::string primary = param("primaryIdentifier");
    if (param("title").empty()) return BadRequest("title: the group's title is missing");
    auto p = std::find_if(providers.begin(), providers.end(), [&](const ProviderInfo& i) { return i.identifier == primary; });
    if (p == providers.end()) return BadRequest("primaryIdentifier: no registered provider \"" + primary + "\"");
    ProviderGroup g;
    g.id = impl_->next_provider_group_id++;
    g.title = param("title");
    g.primary_identifier = primary;
    g.items.push_back({impl_->next_provider_group_item_id++, p->id, 1000});
    groups.push_back(g);
    mc.Int("size", 1);
    AddGroup(mc, g);
    return Container(call, mc);
  }
  if (call.parts.size() >= 5 && call.part(3) == "group" && IsNumber(call.part(4))) {
    const int64_t group_id = std::stoll(call.part(4));
    auto g = std::find_if(groups.begin(), groups.end(), [&](const ProviderGroup& x) { return x.id == group_id; });
    if (g == groups.end()) return Html(404, kNotFoundBody);
    if (call.parts.size() == 5) {
      if (call.method == "DELETE") {
        groups.erase(g);  // and its items with it
        return Html(200, "");
      }
      if (call.method == "PUT" && !param("title").empty()) g->title = param("title");
      if (call.method != "GET" && call.method != "PUT") return Html(405, "");
      mc.Int("size", 1);
      AddGroup(mc, *g);
      return Container(call, mc);
    }
    if (call.parts.size() == 7 && call.part(5) == "items" && IsNumber(call.part(6))) {
      const int64_t provider_id = std::stoll(call.part(6));
      if (call.method == "PUT") return PutGroupItem(call, *g, provider_id);
      if (call.method != "DELETE") return Html(405, "");
      auto item = std::find_if(g->items.begin(), g->items.end(),
                               [&](const ProviderGroupItem& i) { return i.provider_id == provider_id; });
      if (item == g->items.end()) return Html(404, kNotFoundBody);
      auto p = std::find_if(providers.begin(), providers.end(), [&](const ProviderInfo& i) { return i.id == provider_id; });
      if (p != providers.end() && p->identifier == g->primary_identifier) return Html(403, kForbiddenBody);
      g->items.erase(item);
      Renumber(*g);
      return Html(200, "");
    }
    return Html(404, kNotFoundBody);
  }
  if (call.parts.size() == 4 && IsNumber(call.part(3))) {
    const int64_t id = std::stoll(call.part(3));
    auto p = std::find_if(providers.begin(), providers.end(), [&](const ProviderInfo& i) { return i.id == id; });
    if (p == providers.end()) return Html(404, kNotFoundBody);
    if (call.method == "GET") {
      mc.Int("size", 1);
      AddProvider(mc, *p);
      return Container(call, mc);
    }
    if (call.method == "DELETE") {
      // A provider an agent uses cannot go (Plex's documentation); nor can Plex's own (inferred).
      const bool used = std::any_of(groups.begin(), groups.end(), [&](const ProviderGroup& g) {
        return std::any_of(g.items.begin(), g.items.end(), [&](const ProviderGroupItem& i) { return i.provider_id == id; });
      });
      if (used || p->builtin) return Html(403, kForbiddenBody);
      providers.erase(p);
      return Html(200, "");
    }
    return Html(405, "");
  }
  return Html(404, kNotFoundBody);
}

Reply Router::ControlProviders(const Call& call) {
  Poco::JSON::Object::Ptr body;
  try {
    if (!call.body.empty()) body = Poco::JSON::Parser().parse(call.body).extract<Poco::JSON::Object::Ptr>();
  } catch (const std::exception& e) {
    return Json(400, fmt::format(R"({{"error":"body is not a JSON object: {}"}})", JsonEscape(e.what())));
  }
  // POST /__emulator/sections/{key}/agent {"agent": "…"}
  if (call.part(1) == "sections" && call.part(3) == "agent" && call.method == "POST") {
    const std::string agent = body ? body->optValue<std::string>("agent", "") : "";
    if (agent.empty()) return Json(400, R"({"error":"expected a JSON body {\"agent\": \"<identifier>\"}"})");
    std::lock_guard<std::mutex> lock(impl_->mutex);
    Section* s = impl_->library.FindSection(call.part(2));
    if (!s) return Json(404, R"({"error":"no such section"})");
    s->agent = agent;
    return Json(200, R"({"ok":true})");
  }
  // POST /__emulator/providers {"uri": "…"}: registers as POST /media/providers/metadata does.
  if (call.part(1) == "providers" && call.parts.size() == 2 && call.method == "POST") {
    const std::string uri = body ? body->optValue<std::string>("uri", "") : "";
    if (uri.empty()) return Json(400, R"({"error":"expected a JSON body {\"uri\": \"http://…\"}"})");
    if (!SupportsMetadataProviders(impl_->options.version)) {
      return Json(400, R"({"error":"custom metadata providers need a server version of 1.43.0 or later"})");
    }
    ProviderInfo info;
    std::string error;
    const int status = impl_->RegisterProvider(uri, &info, &error);
    if (status != 200) return Json(status, fmt::format(R"({{"error":"{}"}})", JsonEscape(error)));
    return Json(200, fmt::format(R"({{"id":{},"identifier":"{}"}})", info.id, JsonEscape(info.identifier)));
  }
  // GET /__emulator/providers/calls (DELETE clears it)
  if (call.part(1) == "providers" && call.part(2) == "calls" && call.parts.size() == 3) {
    std::lock_guard<std::mutex> lock(impl_->provider_calls_mutex);
    if (call.method == "DELETE") {
      impl_->provider_calls.clear();
      return Json(200, R"({"ok":true})");
    }
    std::string out = "[";
    for (size_t i = 0; i < impl_->provider_calls.size(); ++i) {
      const ProviderCall& c = impl_->provider_calls[i];
      out += fmt::format(
          R"({}{{"method":"{}","url":"{}","body":"{}","status":{},"error":"{}","durationMs":{},"ratingKey":"{}"}})",
          i ? "," : "", c.method, JsonEscape(c.url), JsonEscape(c.body), c.status, JsonEscape(c.error),
          c.duration_ms, c.rating_key);
    }
    return Json(200, out + "]");
  }
  return Json(404, R"({"error":"unknown control endpoint; see tests/pms_emulator/README.md"})");
}

}  // namespace pms_emulator
