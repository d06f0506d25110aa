#include "account/account_options.h"

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/URI.h>
#include <fmt/format.h>

#include <cmath>
#include <random>
#include <utility>

#include "account/auth_url.h"
#include "core/utf8.h"

namespace plexdriver {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

Status Invalid(std::string_view key, std::string_view what) {
  return Status(PD_ERR_INVALID_ARGUMENT, fmt::format("options.{}: {}", key, what));
}

Status ReadString(const Object& o, const std::string& key, std::string* out) {
  if (!o.has(key) || o.get(key).isEmpty()) return Status::Ok();
  const Var v = o.get(key);
  if (!v.isString()) return Invalid(key, "expected a string");
  *out = v.extract<std::string>();
  if (out->empty()) return Invalid(key, "must not be empty (leave the key out for the default)");
  return Status::Ok();
}

Status ReadNumber(const Object& o, const std::string& key, double min, double max, double* out,
                  bool integral = false) {
  if (!o.has(key) || o.get(key).isEmpty()) return Status::Ok();
  const Var v = o.get(key);
  if (!v.isNumeric() || v.isBoolean() || !(v.convert<double>() >= min) ||
      v.convert<double>() > max ||
      (integral && std::floor(v.convert<double>()) != v.convert<double>())) {
    return Invalid(key, fmt::format("expected {} from {} to {}",
                                    integral ? "an integer" : "a number", min, max));
  }
  *out = v.convert<double>();
  return Status::Ok();
}

}  // namespace

std::string NewClientIdentifier() {
  std::random_device device;
  std::mt19937_64 random((static_cast<uint64_t>(device()) << 32) ^ device());
  return fmt::format("plexdriver-{:016x}{:016x}", random(), random());
}

Result<AccountOptions> ParseAccountOptions(std::string_view json) {
  AccountOptions out;
  out.auth_app_url = std::string(kDefaultAuthAppUrl);
  out.plex_tv_url =
      *ParsePlexTvUrl(kDefaultPlexTvUrl, "options.plex_tv_url", PD_ERR_INVALID_ARGUMENT);
  if (FirstInvalidUtf8(json)) return Status(PD_ERR_INVALID_ARGUMENT, "options: not valid UTF-8");
  Object::Ptr obj;
  if (!json.empty()) {
    try {
      Var root = Poco::JSON::Parser().parse(std::string(json));
      if (root.type() == typeid(Object::Ptr)) obj = root.extract<Object::Ptr>();
    } catch (const Poco::Exception& e) {
      return Status(PD_ERR_INVALID_ARGUMENT,
                    fmt::format("options: not valid JSON ({}); expected an object like "
                                "{{\"product\": \"Metarr\"}}",
                                e.message()));
    }
    if (!obj) return Status(PD_ERR_INVALID_ARGUMENT, "options: expected a JSON object");
  } else {
    obj = new Object();
  }
  std::string url;
  if (Status s = ReadString(*obj, "plex_tv_url", &url); !s.ok()) return s;
  if (!url.empty()) {
    Result<PlexTvUrl> parsed = ParsePlexTvUrl(url, "options.plex_tv_url", PD_ERR_INVALID_ARGUMENT);
    if (!parsed.ok()) return parsed.status();
    out.plex_tv_url = *parsed;
  }
  if (Status s = ReadString(*obj, "auth_app_url", &out.auth_app_url); !s.ok()) return s;
  try {
    const Poco::URI auth(out.auth_app_url);
    if ((auth.getScheme() != "https" && auth.getScheme() != "http") || auth.getHost().empty()) {
      return Invalid("auth_app_url", "expected an http(s) URL such as https://app.plex.tv/auth");
    }
  } catch (const Poco::Exception&) {
    return Invalid("auth_app_url", "expected an http(s) URL such as https://app.plex.tv/auth");
  }
  if (Status s = ReadString(*obj, "client_identifier", &out.client_identifier); !s.ok()) return s;
  if (out.client_identifier.size() > 128)
    return Invalid("client_identifier", "longer than 128 characters");
  if (!IsVisibleAscii(out.client_identifier))
    return Invalid("client_identifier", "only printable ASCII without spaces");
  if (out.client_identifier.empty()) {
    out.client_identifier = NewClientIdentifier();
    out.client_identifier_generated = true;
  }
  for (auto [key, value] : {std::pair{"product", &out.product}, {"device_name", &out.device_name}}) {
    if (Status s = ReadString(*obj, key, value); !s.ok()) return s;
    // Sent as X-Plex-Product / X-Plex-Device-Name: a line break would end that header.
    if (HasControlCharacter(*value)) {
      return Invalid(key, "contains a line break, tab or other control character; use one line");
    }
  }
  if (Status s = ReadNumber(*obj, "timeout_seconds", 0.1, 3600, &out.timeout_seconds); !s.ok())
    return s;
  if (Status s = ReadNumber(*obj, "probe_timeout_seconds", 0.1, 600, &out.probe_timeout_seconds);
      !s.ok()) {
    return s;
  }
  double poll_ms = static_cast<double>(out.pin_poll_interval.count());
  if (Status s = ReadNumber(*obj, "pin_poll_ms", 10, 60000, &poll_ms, /*integral=*/true); !s.ok())
    return s;
  out.pin_poll_interval = std::chrono::milliseconds(static_cast<int64_t>(std::llround(poll_ms)));
  if (obj->has("verify_tls") && !obj->get("verify_tls").isEmpty()) {
    if (!obj->get("verify_tls").isBoolean()) return Invalid("verify_tls", "expected true or false");
    out.verify_tls = obj->get("verify_tls").convert<bool>();
  }
  if (Status s = ReadString(*obj, "ca_file", &out.ca_file); !s.ok()) return s;
  return out;
}

}  // namespace plexdriver
