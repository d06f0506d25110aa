# The PlayerDriver SDK: what `cmake --install` puts in place for other driver and host authors
# (component "sdk", the player-driver-dev .deb):
#   include/player_driver/player_driver.h              the ABI (C99, header only)
#   share/cmake/PlayerDriver/                          find_package(PlayerDriver) -> PlayerDriver::api
#   share/pkgconfig/player-driver.pc                   pkg-config --cflags player-driver
#   share/player-driver/schemas/v1/*.schema.json       JSON Schemas of the documents
#   share/doc/player-driver-dev/                       schemas.md, WRITING_A_DRIVER.md, examples/
# and the plugins directory layout hosts load drivers from: lib/<host>/plugins (PD_PLUGIN_HOST).
include(CMakePackageConfigHelpers)

# The SDK's version is the ABI's, read from the header so the two cannot drift apart.
file(STRINGS ${CMAKE_CURRENT_SOURCE_DIR}/include/player_driver/player_driver.h _pd_abi_defines
     REGEX "^#define PD_ABI_(MAJOR|MINOR) [0-9]+")
string(REGEX MATCH "PD_ABI_MAJOR ([0-9]+)" _ "${_pd_abi_defines}")
set(PD_ABI_VERSION_MAJOR ${CMAKE_MATCH_1})
string(REGEX MATCH "PD_ABI_MINOR ([0-9]+)" _ "${_pd_abi_defines}")
set(PD_ABI_VERSION_MINOR ${CMAKE_MATCH_1})
set(PD_ABI_VERSION "${PD_ABI_VERSION_MAJOR}.${PD_ABI_VERSION_MINOR}.0" CACHE INTERNAL "PlayerDriver ABI version")

# Where hosts find drivers: <prefix>/lib/<host>/plugins (not multiarch: one directory per host,
# as Metarr's plugins directory). Documented in README ("Installing and packaging").
set(PD_PLUGIN_HOST "metarr" CACHE STRING "the host whose plugins directory drivers install into")
set(PD_INSTALL_PLUGINDIR "lib/${PD_PLUGIN_HOST}/plugins" CACHE STRING "plugins directory, relative to the prefix")
set(PD_INSTALL_CMAKEDIR "${CMAKE_INSTALL_DATADIR}/cmake/PlayerDriver")
set(PD_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_DATADIR}/pkgconfig")
set(PD_INSTALL_SCHEMADIR "${CMAKE_INSTALL_DATADIR}/player-driver/schemas/v1")
set(PD_INSTALL_SDKDOCDIR "${CMAKE_INSTALL_DATADIR}/doc/player-driver-dev")

install(DIRECTORY include/player_driver DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT sdk)
install(TARGETS player_driver_api EXPORT PlayerDriverTargets COMPONENT sdk)
install(EXPORT PlayerDriverTargets NAMESPACE PlayerDriver:: DESTINATION ${PD_INSTALL_CMAKEDIR} COMPONENT sdk)

configure_package_config_file(cmake/PlayerDriverConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/PlayerDriverConfig.cmake
  INSTALL_DESTINATION ${PD_INSTALL_CMAKEDIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR PD_INSTALL_SCHEMADIR PD_INSTALL_PLUGINDIR)
# A header-only package: any architecture; a 1.x consumer accepts any 1.y >= x.
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/PlayerDriverConfigVersion.cmake
  VERSION ${PD_ABI_VERSION} COMPATIBILITY SameMajorVersion ARCH_INDEPENDENT)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/PlayerDriverConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/PlayerDriverConfigVersion.cmake
        DESTINATION ${PD_INSTALL_CMAKEDIR} COMPONENT sdk)

# pkg-config: relocatable (${pcfiledir}), so an unpacked prefix works as well as /usr.
file(RELATIVE_PATH PD_PC_PREFIX_FROM_PCDIR "/prefix/${PD_INSTALL_PKGCONFIGDIR}" "/prefix")
string(REGEX REPLACE "/$" "" PD_PC_PREFIX_FROM_PCDIR "${PD_PC_PREFIX_FROM_PCDIR}")
configure_file(cmake/player-driver.pc.in ${CMAKE_CURRENT_BINARY_DIR}/player-driver.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/player-driver.pc DESTINATION ${PD_INSTALL_PKGCONFIGDIR} COMPONENT sdk)

install(DIRECTORY schemas/v1/ DESTINATION ${PD_INSTALL_SCHEMADIR} COMPONENT sdk FILES_MATCHING PATTERN "*.schema.json")
install(FILES schemas.md WRITING_A_DRIVER.md DESTINATION ${PD_INSTALL_SDKDOCDIR} COMPONENT sdk)
install(FILES ${PROJECT_SOURCE_DIR}/tests/abi/drivers/minimal_c_driver.c
        DESTINATION ${PD_INSTALL_SDKDOCDIR}/examples COMPONENT sdk)
