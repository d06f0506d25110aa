// SPDX-License-Identifier: MIT
// Custom metadata providers as PMS 1.43+ serves them: GET/POST /media/providers/metadata (list,
// register by ?uri=), DELETE …/{id}, GET/POST …/group; older versions answer 404, as an old
// server does. And the control API's share: /__emulator/providers (register, the call log) and
// /__emulator/sections/{key}/agent.
#include <Poco/JSON/Parser.h>
#include <fmt/format.h>

#include "router.h"

namespace pms_emulator {
namespace {

Element& AddProvider(Element& mc, const ProviderInfo& p) {
  return mc.Child("MetadataAgentProvider")
      .Int("id", p.id)
      .Str("identifier", p.identifier)
      .Str("title", p.title)
      .Str("uri", p.uri);
}

Element& AddGroup(Element& mc, const ProviderGroup& g) {
  Element& e = mc.Child("MetadataAgentProviderGroup");
  e.Int("id", g.id).Str("title", g.title).Str("primaryIdentifier", g.identifiers.empty() ? "" : g.identifiers.front());
  for (const std::string& identifier : g.identifiers) e.Child("MetadataAgentProvider").Str("identifier", identifier);
  return e;
}

}  // namespace

Reply Router::MetadataProviders(const Call& call) {
  // parts: media, providers, metadata, [{id}|group]
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
  if (call.parts.size() == 3 && call.method == "GET") {
    mc.Int("size", static_cast<int64_t>(impl_->providers.size()));
    for (const ProviderInfo& p : impl_->providers) AddProvider(mc, p);
    return Container(call, mc);
  }
  if (call.parts.size() == 4 && call.part(3) == "group") {
    if (call.method == "GET") {
      mc.Int("size", static_cast<int64_t>(impl_->provider_groups.size()));
      for (const ProviderGroup& g : impl_->provider_groups) AddGroup(mc, g);
      return Container(call, mc);
    }
    if (call.method != "POST") return Html(405, "");
    const std::string primary = param("primaryIdentifier");
    if (param("title").empty()) return BadRequest("title: the group's title is missing");
    bool known = false;
    for (const ProviderInfo& p : impl_->providers) known = known || p.identifier == primary;
    if (!known) return BadRequest("primaryIdentifier: no registered provider \"" + primary + "\"");
    ProviderGroup g;
    g.id = impl_->next_provider_group_id++;
    g.title = param("title");
    g.identifiers = {primary};
    impl_->provider_groups.push_back(g);
    mc.Int("size", 1);
    AddGroup(mc, g);
    return Container(call, mc);
  }
  if (call.parts.size() == 4 && call.method == "DELETE" && IsNumber(call.part(3))) {
    auto& list = impl_->providers;
    const int64_t id = std::stoll(call.part(3));
    for (auto it = list.begin(); it != list.end(); ++it) {
      if (it->id != id) continue;
      list.erase(it);
      return Html(200, "");
    }
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
