// Sync requests from the host. Either a request within the documented limits (absolute UTF-8
// paths without NUL, at most kMaxChangesPerSync changes, a sane timeout) or
// PD_ERR_INVALID_ARGUMENT naming what is wrong.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_check.h"
#include "sync/sync_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plexdriver;
  const std::string_view json(reinterpret_cast<const char*>(data), size);
  Result<SyncRequest> request = ParseSyncRequest(json);
  if (!request.ok()) {
    fuzz::CheckRefusal(request.status(), PD_ERR_INVALID_ARGUMENT);
    return 0;
  }
  FUZZ_CHECK(!request->changes.empty() && request->changes.size() <= kMaxChangesPerSync,
             "change count");
  for (const SyncChange& c : request->changes) {
    FUZZ_CHECK(!c.path.empty() && c.path.size() <= kMaxPathBytes, c.path);
    FUZZ_CHECK(c.path.find('\0') == std::string::npos, c.path);
    FUZZ_CHECK(fuzz::IsUtf8(c.path) && fuzz::IsUtf8(c.title), c.path);
  }
  const double t = request->options.timeout_seconds;
  FUZZ_CHECK(t > 0 && t <= 86400, std::to_string(t));
  return 0;
}
