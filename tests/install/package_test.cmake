# cmake -P: builds the .deb packages with CPack and inspects them (see tests/install/
# CMakeLists.txt for the variables): package fields, dependencies, file lists, and the driver
# loaded from the unpacked package.
cmake_minimum_required(VERSION 3.20)

include(${CMAKE_CURRENT_LIST_DIR}/run_command.cmake)

function(expect_match text regex what)
  if(NOT text MATCHES "${regex}")
    message(FATAL_ERROR "${what}: expected /${regex}/ in:\n${text}")
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
run(${CMAKE_COMMAND} -E chdir "${BUILD_DIR}" cpack -G DEB -B "${WORK_DIR}")
file(GLOB debs RELATIVE "${WORK_DIR}" "${WORK_DIR}/*.deb")
list(SORT debs)
string(REGEX MATCH "plexdriver_${DRIVER_VERSION}_[a-z0-9]+\\.deb" driver_deb "${debs}")
string(REGEX MATCH "player-driver-dev_${DRIVER_VERSION}_all\\.deb" sdk_deb "${debs}")
if(NOT driver_deb OR NOT sdk_deb)
  message(FATAL_ERROR "expected plexdriver_${DRIVER_VERSION}_<arch>.deb and player-driver-dev_${DRIVER_VERSION}_all.deb, got: ${debs}")
endif()

# The driver package: its fields, runtime dependencies computed from the library, one file.
run(${DPKG_DEB} -f "${WORK_DIR}/${driver_deb}")
set(fields "${OUT}")
expect_match("${fields}" "Package: plexdriver\n" "driver package name")
expect_match("${fields}" "Maintainer: ${MAINTAINER}" "maintainer")
expect_match("${fields}" "Description: Plex Media Server driver" "description")
expect_match("${fields}" "Depends:[^\n]*libpoconet[0-9]+" "Depends on the Poco Net runtime")
expect_match("${fields}" "Depends:[^\n]*libpoconetssl[0-9]+" "Depends on the Poco NetSSL runtime")
expect_match("${fields}" "Depends:[^\n]*libpocofoundation[0-9]+" "Depends on the Poco Foundation runtime")
expect_match("${fields}" "Depends:[^\n]*libfmt[0-9]+" "Depends on the fmt runtime")
run(${DPKG_DEB} -c "${WORK_DIR}/${driver_deb}")
expect_match("${OUT}" "\\./usr/${PLUGIN_DIR}/libplex_driver\\.so\n" "the driver in the plugins directory")
string(REGEX MATCHALL "\\./usr/[^\n]*[^/]\n" files "${OUT}")
list(LENGTH files file_count)
if(NOT file_count EQUAL 3)
  message(FATAL_ERROR "the driver package should hold the driver, its copyright and changelog, it holds:\n${OUT}")
endif()
# Both packages: the license (Debian's machine-readable format) and the changelog.
foreach(deb ${driver_deb} ${sdk_deb})
  string(REGEX MATCH "^[^_]+" package "${deb}")
  run(${DPKG_DEB} -c "${WORK_DIR}/${deb}")
  expect_match("${OUT}" "\\./usr/share/doc/${package}/copyright\n" "${package}: copyright file")
  expect_match("${OUT}" "\\./usr/share/doc/${package}/changelog\\.gz\n" "${package}: changelog")
endforeach()
file(READ "${SOURCE_DIR}/packaging/copyright" copyright)
expect_match("${copyright}" "^Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"
             "machine-readable copyright")
expect_match("${copyright}" "\nLicense: Expat\n" "the MIT (Expat) license")

# lintian, Debian's package checker: no error and no warning on either package.
if(LINTIAN)
  run(${LINTIAN} --fail-on error,warning --tag-display-limit 0 "${WORK_DIR}/${driver_deb}" "${WORK_DIR}/${sdk_deb}")
  message(STATUS "lintian: ${OUT}")
else()
  message(FATAL_ERROR "lintian is missing (scripts/setup.sh installs it)")
endif()

# The SDK package: any architecture, the header, CMake and pkg-config packages, schemas, docs.
run(${DPKG_DEB} -f "${WORK_DIR}/${sdk_deb}")
expect_match("${OUT}" "Package: player-driver-dev\n" "SDK package name")
expect_match("${OUT}" "Architecture: all\n" "SDK architecture")
run(${DPKG_DEB} -c "${WORK_DIR}/${sdk_deb}")
foreach(file include/player_driver/player_driver.h share/cmake/PlayerDriver/PlayerDriverConfig.cmake
             share/pkgconfig/player-driver.pc share/player-driver/schemas/v1/sync_result.schema.json
             share/player-driver/schemas/v1/event.schema.json share/doc/player-driver-dev/WRITING_A_DRIVER.md
             share/doc/player-driver-dev/examples/minimal_c_driver.c)
  string(REPLACE "." "\\." pattern "./usr/${file}")
  expect_match("${OUT}" "${pattern}\n" "SDK file list")
endforeach()
if(OUT MATCHES "\\.so\n")
  message(FATAL_ERROR "the SDK package holds a library:\n${OUT}")
endif()

# The packaged driver is stripped, and a host loads it.
run(${DPKG_DEB} -x "${WORK_DIR}/${driver_deb}" "${WORK_DIR}/root")
set(packaged "${WORK_DIR}/root/usr/${PLUGIN_DIR}/libplex_driver.so")
run(${READELF} -S --wide "${packaged}")
if(OUT MATCHES "\\.debug_info")
  message(FATAL_ERROR "the packaged driver is not stripped")
endif()
run("${HOST_STUB}" info --driver "${packaged}")
expect_match("${OUT}" "tv\\.plex" "host_stub info on the packaged driver")

file(REMOVE_RECURSE "${WORK_DIR}")
message(STATUS "package test: ${driver_deb} and ${sdk_deb} ok")
