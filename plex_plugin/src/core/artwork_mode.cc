#include "core/artwork_mode.h"

#include <fmt/format.h>

namespace plexdriver {

const char* ArtworkModeName(ArtworkMode mode) {
  switch (mode) {
    case ArtworkMode::kAuto: return "auto";
    case ArtworkMode::kRefresh: return "refresh";
    case ArtworkMode::kPush: return "push";
  }
  return "auto";
}

Result<ArtworkMode> ParseArtworkMode(std::string_view text, std::string_view field, pd_status status_code) {
  for (ArtworkMode m : {ArtworkMode::kAuto, ArtworkMode::kRefresh, ArtworkMode::kPush}) {
    if (text == ArtworkModeName(m)) return m;
  }
  return Status(status_code, fmt::format("{}: expected one of auto, refresh, push, got \"{}\"", field,
                                         text.substr(0, 40)));
}

}  // namespace plexdriver
