// SPDX-License-Identifier: MIT
// One HTTP exchange as the provider sees it, independent of the host's server (the ABI shim
// fills these from pd_http_request). Pure helpers for the answers.
#ifndef PLEXDRIVER_PROVIDER_PROVIDER_HTTP_H_
#define PLEXDRIVER_PROVIDER_PROVIDER_HTTP_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <Poco/JSON/Object.h>

namespace plexdriver {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct ProviderRequest {
  std::string method = "GET";
  std::string path;   // below the mount point, still percent-encoded
  std::string query;  // raw, without '?'
  HttpHeaders headers;
  std::string body;
  std::string base_url;  // mount point URL, no trailing '/'; "" → config or Host header

  // The header's value (name compared ignoring ASCII case), "" when absent.
  std::string Header(std::string_view name) const;
  // The decoded query parameter, else the header of the same name (Plex sends paging both
  // ways: X-Plex-Container-Start), "" when neither.
  std::string Param(std::string_view name) const;
};

struct ProviderResponse {
  int status = 200;
  HttpHeaders headers;
  std::string body;
};

ProviderResponse JsonResponse(int status, const Poco::JSON::Object::Ptr& document);
// {"error": message} with `status`; messages say what was wrong and never echo a query string.
ProviderResponse ErrorResponse(int status, std::string_view message);

}  // namespace plexdriver

#endif  // PLEXDRIVER_PROVIDER_PROVIDER_HTTP_H_
