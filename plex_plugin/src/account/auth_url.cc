#include "account/auth_url.h"

#include "planning/url_encoding.h"

namespace plexdriver {

std::string BuildAuthUrl(std::string_view auth_app_url, std::string_view client_identifier,
                         std::string_view code, std::string_view product) {
  std::string url(auth_app_url);
  url += "#?clientID=" + PercentEncode(client_identifier);
  url += "&code=" + PercentEncode(code);
  url += "&context%5Bdevice%5D%5Bproduct%5D=" + PercentEncode(product);
  return url;
}

}  // namespace plexdriver
