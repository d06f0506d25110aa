// Content digests: an uploaded image is compared with what Plex serves by SHA-256.
#ifndef PLEXDRIVER_CORE_DIGEST_H_
#define PLEXDRIVER_CORE_DIGEST_H_

#include <string>
#include <string_view>

namespace plexdriver {

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_DIGEST_H_
