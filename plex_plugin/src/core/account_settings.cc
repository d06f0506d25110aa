#include "core/account_settings.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include "core/utf8.h"

namespace plexdriver {

std::string PlexTvUrl::ToString() const {
  const bool default_port = port == (https ? 443 : 80);
  const bool ipv6 = host.find(':') != std::string::npos;
  return fmt::format("{}://{}{}{}{}{}", https ? "https" : "http", ipv6 ? "[" : "", host,
                     ipv6 ? "]" : "", default_port ? "" : ":" + std::to_string(port), base_path);
}

Result<PlexTvUrl> ParsePlexTvUrl(std::string_view url, std::string_view key, pd_status error_code) {
  auto invalid = [&](const std::string& what) {
    return Status(error_code, fmt::format("{}: \"{}\" {}; expected a URL like https://plex.tv", key,
                                          url, what));
  };
  Poco::URI uri;
  try {
    uri = Poco::URI(std::string(url));
  } catch (const Poco::Exception& e) {
    return invalid("is not a URL (" + e.message() + ")");
  }
  PlexTvUrl out;
  if (uri.getScheme() != "https" && uri.getScheme() != "http")
    return invalid("is not an http(s) URL");
  if (uri.getHost().empty()) return invalid("has no host");
  if (!uri.getUserInfo().empty()) return invalid("must not contain credentials");
  if (!uri.getRawQuery().empty() || !uri.getFragment().empty()) {
    return invalid("must not contain a query or fragment");
  }
  out.https = uri.getScheme() == "https";
  out.host = uri.getHost();
  out.port = uri.getPort();
  out.base_path = uri.getPath();
  while (!out.base_path.empty() && out.base_path.back() == '/') out.base_path.pop_back();
  return out;
}

Status ReadAccountSettings(const Poco::JSON::Object& config, AccountSettings* out) {
  AccountSettings s;
  Result<PlexTvUrl> url =
      ParsePlexTvUrl(kDefaultPlexTvUrl, "config.plex_tv_url", PD_ERR_INVALID_CONFIG);
  s.plex_tv_url = *url;
  if (config.has("plex_tv_url") && !config.get("plex_tv_url").isEmpty()) {
    const Poco::Dynamic::Var v = config.get("plex_tv_url");
    if (!v.isString()) {
      return InvalidConfigField("plex_tv_url", "expected a string such as \"https://plex.tv\"");
    }
    url = ParsePlexTvUrl(v.extract<std::string>(), "config.plex_tv_url", PD_ERR_INVALID_CONFIG);
    if (!url.ok()) return url.status();
    s.plex_tv_url = *url;
  }
  if (config.has("token_keepalive") && !config.get("token_keepalive").isEmpty()) {
    const Poco::Dynamic::Var v = config.get("token_keepalive");
    if (!v.isBoolean())
      return InvalidConfigField("token_keepalive", "expected true or false");
    s.token_keepalive = v.convert<bool>();
  }
  if (config.has("plex_account_token") && !config.get("plex_account_token").isEmpty()) {
    const Poco::Dynamic::Var v = config.get("plex_account_token");
    if (!v.isString())
      return InvalidConfigField("plex_account_token", "expected a string");
    s.plex_account_token = v.extract<std::string>();
    if (!IsVisibleAscii(s.plex_account_token)) {
      return InvalidConfigField("plex_account_token",
                                "contains spaces or non-printable characters; write the token exactly as "
                                "plex.tv returned it");
    }
  }
  *out = std::move(s);
  return Status::Ok();
}

}  // namespace plexdriver
