// The "artwork_mode" vocabulary (config key and sync_request option): how an updated image of an
// item Plex has reaches Plex. auto: an item refresh where the library's agent reads local
// artwork, an upload (push) where it does not or cannot be told; refresh: only item refreshes
// (local assets must be on); push: always upload, select and lock.
#ifndef PLEXDRIVER_CORE_ARTWORK_MODE_H_
#define PLEXDRIVER_CORE_ARTWORK_MODE_H_

#include <string_view>

#include "core/status.h"

namespace plexdriver {

enum class ArtworkMode { kAuto, kRefresh, kPush };

const char* ArtworkModeName(ArtworkMode mode);  // "auto", "refresh", "push"
// `status_code` with a message naming `field` when `text` is not one of the names.
Result<ArtworkMode> ParseArtworkMode(std::string_view text, std::string_view field,
                                     pd_status status_code = PD_ERR_INVALID_ARGUMENT);

// Uploads larger than this are refused naming the file (config max_upload_bytes).
inline constexpr int kDefaultMaxUploadBytes = 20 << 20;

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_ARTWORK_MODE_H_
