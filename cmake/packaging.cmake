# Installing the Plex driver into a host's plugins directory and packaging it (CPack, .deb).
#   cmake --install build --prefix /usr     # or: cmake --install build --component driver|sdk
#   (cd build && cpack -G DEB)              # plexdriver_<v>_<arch>.deb and player-driver-dev_<v>_all.deb
# Component "driver": <prefix>/lib/<host>/plugins/libplex_driver.so (PD_INSTALL_PLUGINDIR, set in
# plugin_api/sdk.cmake). Component "sdk": the ABI header, CMake package, pkg-config file, schemas
# and docs (plugin_api/sdk.cmake).

install(TARGETS plex_driver LIBRARY DESTINATION ${PD_INSTALL_PLUGINDIR} COMPONENT driver)

# Every package carries the license (Debian's machine-readable copyright format, the MIT license
# as Debian names it, "Expat") and a changelog compressed as Debian policy asks (gzip -9n: no
# name or time stamp in the header), in share/doc/<package>/ (lintian checks both).
configure_file(${PROJECT_SOURCE_DIR}/packaging/changelog.in ${CMAKE_BINARY_DIR}/packaging/changelog @ONLY)
execute_process(COMMAND gzip -9n -c ${CMAKE_BINARY_DIR}/packaging/changelog
                OUTPUT_FILE ${CMAKE_BINARY_DIR}/packaging/changelog.gz RESULT_VARIABLE gzip_result)
if(NOT gzip_result EQUAL 0)
  message(FATAL_ERROR "gzip failed (${gzip_result}) compressing the package changelog")
endif()
foreach(component_package driver:plexdriver sdk:player-driver-dev)
  string(REPLACE ":" ";" pair ${component_package})
  list(GET pair 0 component)
  list(GET pair 1 package)
  install(FILES ${PROJECT_SOURCE_DIR}/packaging/copyright ${CMAKE_BINARY_DIR}/packaging/changelog.gz
          DESTINATION share/doc/${package} COMPONENT ${component}
          PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ WORLD_READ)
endforeach()

set(PD_PACKAGE_MAINTAINER "plexdriver maintainers <plexdriver@example.org>"
    CACHE STRING "Maintainer field of the Debian packages")

set(CPACK_PACKAGE_NAME plexdriver)
set(CPACK_PACKAGE_VENDOR "plexdriver")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${PD_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_COMPONENTS_ALL driver sdk)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${PD_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# gzip: quick to build (the test builds the packages on every run) and read by every dpkg.
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)

# The driver: Depends computed by dpkg-shlibdeps from what libplex_driver.so links (the Poco
# libraries, fmt, OpenSSL, libstdc++), so the package names follow the distribution.
set(CPACK_DEBIAN_DRIVER_PACKAGE_NAME plexdriver)
set(CPACK_DEBIAN_DRIVER_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_DRIVER_PACKAGE_SECTION video)
# Descriptions: the first line is the synopsis (no package-wide summary is set, so CPack does
# not prepend one), the rest the extended description.
# (lintian: extended description lines of at most 80 characters.)
set(CPACK_DEBIAN_DRIVER_DESCRIPTION "Plex Media Server driver for media managers (Metarr and its peers)
A PlayerDriver module: media managers load libplex_driver.so from their plugins
directory (/usr/lib/${PD_PLUGIN_HOST}/plugins) through the PlayerDriver C ABI
${PD_ABI_VERSION}. It maps the manager's paths to the server's, requests partial
scans and item refreshes, follows them on the server's websocket until Plex has
finished, and reports honestly per change. It also uploads and locks artwork
and NFO fields so Plex's agents keep what the manager curated.")

# The SDK: header only, for any architecture.
set(CPACK_DEBIAN_SDK_PACKAGE_NAME player-driver-dev)
set(CPACK_DEBIAN_SDK_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_SDK_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_SDK_DESCRIPTION "PlayerDriver SDK: the C ABI for media-server drivers and hosts
The player_driver.h header (C99, ABI ${PD_ABI_VERSION}), a CMake package
(find_package(PlayerDriver), target PlayerDriver::api), a pkg-config file
(player-driver), the JSON Schemas of the documents that cross the ABI, and a
guide with a minimal driver in plain C as the worked example.")

include(CPack)
cpack_add_component(driver DISPLAY_NAME "Plex driver" DESCRIPTION "libplex_driver.so in the host's plugins directory")
cpack_add_component(sdk DISPLAY_NAME "PlayerDriver SDK" DESCRIPTION "ABI header, CMake and pkg-config packages, JSON Schemas")
