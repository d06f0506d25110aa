#include "core/status.h"

#include "core/utf8.h"

namespace plexdriver {

Status::Status(pd_status code, std::string message, int detail)
    : code_(code), detail_(detail), message_(ToValidUtf8(std::move(message))) {}

Status InvalidConfigField(std::string_view field, std::string_view what) {
  std::string message = "config.";
  message.append(field).append(": ").append(what);
  return Status(PD_ERR_INVALID_CONFIG, std::move(message));
}

const char* StatusName(pd_status code) {
  switch (code) {
    case PD_OK: return "ok";
    case PD_ERR_INVALID_ARGUMENT: return "invalid_argument";
    case PD_ERR_INVALID_CONFIG: return "invalid_config";
    case PD_ERR_UNAUTHORIZED: return "unauthorized";
    case PD_ERR_FORBIDDEN: return "forbidden";
    case PD_ERR_UNREACHABLE: return "unreachable";
    case PD_ERR_DNS: return "dns";
    case PD_ERR_TIMEOUT: return "timeout";
    case PD_ERR_TLS: return "tls";
    case PD_ERR_NOT_FOUND: return "not_found";
    case PD_ERR_PROTOCOL: return "protocol";
    case PD_ERR_CANCELLED: return "cancelled";
    case PD_ERR_UNSUPPORTED: return "unsupported";
    case PD_ERR_INCOMPATIBLE: return "incompatible";
    case PD_ERR_BUSY: return "busy";
    case PD_ERR_SERVER: return "server";
    case PD_ERR_BUFFER: return "buffer";
    case PD_ERR_INTERNAL: return "internal";
    default: return "unknown";
  }
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  return std::string(StatusName(code_)) + ": " + message_;
}

}  // namespace plexdriver
