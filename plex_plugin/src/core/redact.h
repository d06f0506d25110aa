// Keeps the token out of everything a person can read: logs, error messages, printed URLs.
#ifndef PLEXDRIVER_CORE_REDACT_H_
#define PLEXDRIVER_CORE_REDACT_H_

#include <string>
#include <string_view>
#include <vector>

namespace plexdriver {

inline constexpr std::string_view kRedacted = "<redacted>";

// Returns `text` with every occurrence of `secret` (if non-empty) and the value of every
// `X-Plex-Token=` query parameter or `X-Plex-Token:` header line replaced by "<redacted>".
std::string Redact(std::string_view text, std::string_view secret);
// The same for several secrets at once (empty ones are skipped).
std::string Redact(std::string_view text, const std::vector<std::string>& secrets);

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_REDACT_H_
