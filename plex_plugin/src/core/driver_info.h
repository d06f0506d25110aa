// Identity of this driver, shared by the ABI entry and the documents it writes.
#ifndef PLEXDRIVER_CORE_DRIVER_INFO_H_
#define PLEXDRIVER_CORE_DRIVER_INFO_H_

namespace plexdriver {

inline constexpr const char* kDriverId = "tv.plex";
inline constexpr const char* kDriverName = "Plex Media Server";
inline constexpr const char* kDriverVersion = PLEXDRIVER_VERSION;  // from CMake

}  // namespace plexdriver

#endif  // PLEXDRIVER_CORE_DRIVER_INFO_H_
