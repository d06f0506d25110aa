// Content digests: an uploaded image is compared with what Plex serves by SHA-256; Plex names an
// upload after the SHA-1 of its bytes (upload://posters/<sha1>).
#ifndef PLEXDRIVER_CORE_DIGEST_H_
#define PLEXDRIVER_CORE_DIGEST_H_

#include <string>
#include <string_view>

namespace plexdriver {

// Lower-case hex SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);
// Lower-case hex SHA-1 of `bytes`.
std::string Sha1Hex(std::string_view bytes);

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_DIGEST_H_
