// The "skip_active" vocabulary (config key and sync_request option): when a scan or refresh
// must wait because someone is watching. The decision itself is playback/skip_policy.h.
#ifndef PLEXDRIVER_CORE_SKIP_ACTIVE_H_
#define PLEXDRIVER_CORE_SKIP_ACTIVE_H_

#include <string_view>

#include "core/status.h"

namespace plexdriver {

// never: scan regardless; any: not while anything plays on the server; section: not while
// something in the same library section plays; item: not while that very item plays (its
// rating key, its show/season, or its file inside the folder to be scanned).
enum class SkipActive { kNever, kAny, kSection, kItem };

const char* SkipActiveName(SkipActive policy);
// `status_code` with a message naming `field` when `text` is not one of the four names.
Result<SkipActive> ParseSkipActive(std::string_view text, std::string_view field,
                                   pd_status status_code = PD_ERR_INVALID_ARGUMENT);

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_SKIP_ACTIVE_H_
