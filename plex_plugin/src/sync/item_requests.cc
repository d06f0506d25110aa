#include "sync/item_requests.h"

#include <fmt/format.h>

#include "planning/url_encoding.h"

namespace plexdriver {

int MetadataTypeNumber(const std::string& type) {
  if (type == "movie") return 1;
  if (type == "show") return 2;
  if (type == "season") return 3;
  if (type == "episode") return 4;
  return 0;
}

Result<ItemDetails> FetchItemDetails(PmsClient& client, const std::string& rating_key) {
  Result<HttpResponse> response = client.GetRetrying("/library/metadata/" + rating_key);
  if (!response.ok()) return response.status();
  return ParseItemDetails(response->body, rating_key);
}

Result<std::string> FetchImage(PmsClient& client, const std::string& url) {
  if (url.empty() || url[0] != '/') {
    return Status(PD_ERR_UNSUPPORTED, fmt::format("the image \"{}\" is not on the server", url.substr(0, 80)));
  }
  Result<HttpResponse> response = client.GetRetrying(url);
  if (!response.ok()) return response.status();
  return std::move(response->body);
}

Status EditItem(PmsClient& client, const std::string& section_key, const std::string& type,
                const std::string& rating_key, const std::vector<std::pair<std::string, std::string>>& params) {
  std::string target = fmt::format("/library/sections/{}/all?type={}&id={}", section_key, MetadataTypeNumber(type),
                                    rating_key);
  for (const auto& [name, value] : params) target += "&" + PercentEncode(name) + "=" + PercentEncode(value);
  Result<HttpResponse> sent = client.Call("PUT", target);
  return sent.ok() ? Status::Ok() : sent.status();
}

}  // namespace plexdriver
