// SPDX-License-Identifier: MIT
#include "provider/provider_http.h"

#include "core/json_util.h"
#include "core/text.h"
#include "core/utf8.h"
#include "planning/url_encoding.h"

namespace plexdriver {

std::string ProviderRequest::Header(std::string_view name) const {
  const std::string wanted = ToLowerAscii(name);
  for (const auto& [key, value] : headers) {
    if (ToLowerAscii(key) == wanted) return value;
  }
  return "";
}

std::string ProviderRequest::Param(std::string_view name) const {
  size_t start = 0;
  while (start < query.size()) {
    const size_t end = std::min(query.find('&', start), query.size());
    const std::string_view pair = std::string_view(query).substr(start, end - start);
    const size_t eq = pair.find('=');
    if (PercentDecode(pair.substr(0, eq)) == name) {
      return eq == std::string_view::npos ? "" : PercentDecode(pair.substr(eq + 1));
    }
    start = end + 1;
  }
  return Header(name);
}

ProviderResponse JsonResponse(int status, const Poco::JSON::Object::Ptr& document) {
  ProviderResponse r;
  r.status = status;
  r.body = ToJson(document);
  r.headers = {{"Content-Type", "application/json; charset=utf-8"}, {"Cache-Control", "no-cache"}};
  return r;
}

ProviderResponse ErrorResponse(int status, std::string_view message) {
  Poco::JSON::Object::Ptr doc = NewJsonObject();
  doc->set("error", ToValidUtf8(std::string(message)));
  return JsonResponse(status, doc);
}

}  // namespace plexdriver
