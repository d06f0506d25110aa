// PMS version strings ("1.32.7.7621-871adbd44") and the features they gate.
#ifndef PLEXDRIVER_PLEX_SERVER_VERSION_H_
#define PLEXDRIVER_PLEX_SERVER_VERSION_H_

#include <array>
#include <optional>
#include <string_view>

namespace plexdriver {

struct ServerVersion {
  std::array<int, 4> parts{};  // major, minor, patch, build

  // Parses the leading dotted numbers; the "-hash" suffix is ignored. nullopt when there are
  // fewer than two numbers.
  static std::optional<ServerVersion> Parse(std::string_view text);
  bool AtLeast(const ServerVersion& other) const { return parts >= other.parts; }
};

// Partial scans (refresh?path=) arrived in PMS 1.20.0.3125.
inline constexpr ServerVersion kPartialScanMinimum{{1, 20, 0, 3125}};
inline constexpr const char* kPartialScanMinimumText = "1.20.0.3125";

// Custom metadata providers (/media/providers/metadata) arrived in PMS 1.43.0.
inline constexpr ServerVersion kMetadataProviderMinimum{{1, 43, 0, 0}};

}  // namespace plexdriver

#endif  // PLEXDRIVER_PLEX_SERVER_VERSION_H_
