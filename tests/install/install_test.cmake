# cmake -P: installs the build into a temporary prefix and uses it as a driver or host author
# outside this repository would (see tests/install/CMakeLists.txt for the variables).
cmake_minimum_required(VERSION 3.20)

include(${CMAKE_CURRENT_LIST_DIR}/run_command.cmake)

function(expect_contains haystack needle what)
  string(FIND "${haystack}" "${needle}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${what}: expected \"${needle}\" in:\n${haystack}")
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(PREFIX "${WORK_DIR}/prefix")

# 1. The layout.
run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${PREFIX}")
set(EXAMPLE "${PREFIX}/share/doc/player-driver-dev/examples/minimal_c_driver.c")
foreach(file
    "${PLUGIN_DIR}/libplex_driver.so"
    include/player_driver/player_driver.h
    share/cmake/PlayerDriver/PlayerDriverConfig.cmake
    share/cmake/PlayerDriver/PlayerDriverConfigVersion.cmake
    share/cmake/PlayerDriver/PlayerDriverTargets.cmake
    share/pkgconfig/player-driver.pc
    share/doc/player-driver-dev/WRITING_A_DRIVER.md
    share/doc/player-driver-dev/schemas.md
    share/doc/player-driver-dev/examples/minimal_c_driver.c)
  if(NOT EXISTS "${PREFIX}/${file}")
    message(FATAL_ERROR "not installed: ${file}")
  endif()
endforeach()
file(GLOB schemas RELATIVE "${SOURCE_DIR}/plugin_api/schemas/v1" "${SOURCE_DIR}/plugin_api/schemas/v1/*.schema.json")
list(LENGTH schemas schema_count)
if(schema_count LESS 9)
  message(FATAL_ERROR "expected the 9 schema files, found: ${schemas}")
endif()
foreach(pair "plugin_api/include/player_driver/player_driver.h|include/player_driver/player_driver.h"
             "tests/abi/drivers/minimal_c_driver.c|share/doc/player-driver-dev/examples/minimal_c_driver.c")
  string(REPLACE "|" ";" pair "${pair}")
  list(GET pair 0 from)
  list(GET pair 1 to)
  file(SHA256 "${SOURCE_DIR}/${from}" a)
  file(SHA256 "${PREFIX}/${to}" b)
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "${to} differs from ${from}")
  endif()
endforeach()
foreach(schema ${schemas})
  file(SHA256 "${SOURCE_DIR}/plugin_api/schemas/v1/${schema}" a)
  file(SHA256 "${PREFIX}/share/player-driver/schemas/v1/${schema}" b)
  if(NOT a STREQUAL b)
    message(FATAL_ERROR "schema ${schema} not installed as it is in the repository")
  endif()
endforeach()

# 2. find_package(PlayerDriver): the worked example and a tiny C host, outside the tree.
run(${CMAKE_COMMAND} -S "${CONSUMER_DIR}" -B "${WORK_DIR}/consumer" -G "${GENERATOR}"
    -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM} -DCMAKE_C_COMPILER=${C_COMPILER}
    -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DEXAMPLE_SOURCE=${EXAMPLE})
expect_contains("${OUT}" "PlayerDriver ${ABI_VERSION} (ABI" "find_package(PlayerDriver)")
expect_contains("${OUT}" "plugins in ${PREFIX}/${PLUGIN_DIR}" "PlayerDriver_PLUGIN_DIR")
run(${CMAKE_COMMAND} --build "${WORK_DIR}/consumer")
# The example implements the 1.0 table and says so; the installed Plex driver the 1.2 one.
run("${WORK_DIR}/consumer/consumer_host" "${WORK_DIR}/consumer/example_driver.so" "${PREFIX}/${PLUGIN_DIR}/libplex_driver.so")
expect_contains("${OUT}" "org.example.minimal-c 1.0.0 abi 1.0 table 56" "the example driver built with find_package")
string(REGEX MATCH "^[0-9]+\\.[0-9]+" abi_major_minor "${ABI_VERSION}")
expect_contains("${OUT}" "tv.plex ${DRIVER_VERSION} abi ${abi_major_minor} table" "the Plex driver from the plugins directory")
# A consumer asking for a newer major than the SDK must be refused.
file(WRITE "${WORK_DIR}/too_new/CMakeLists.txt"
  "cmake_minimum_required(VERSION 3.20)\nproject(too_new LANGUAGES NONE)\nfind_package(PlayerDriver 2 REQUIRED)\n")
execute_process(COMMAND ${CMAKE_COMMAND} -S "${WORK_DIR}/too_new" -B "${WORK_DIR}/too_new/build"
                -DCMAKE_PREFIX_PATH=${PREFIX} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "find_package(PlayerDriver 2) accepted the ${ABI_VERSION} SDK")
endif()

# 3. pkg-config: only this prefix is searched.
set(PC ${CMAKE_COMMAND} -E env PKG_CONFIG_LIBDIR=${PREFIX}/share/pkgconfig PKG_CONFIG_PATH= ${PKG_CONFIG})
run(${PC} --modversion player-driver)
string(STRIP "${OUT}" version)
if(NOT version STREQUAL ABI_VERSION)
  message(FATAL_ERROR "pkg-config --modversion player-driver: ${version}, expected ${ABI_VERSION}")
endif()
run(${PC} --atleast-version=1.0 player-driver)
foreach(variable schemadir plugindir includedir)
  run(${PC} --variable=${variable} player-driver)
  string(STRIP "${OUT}" dir)
  get_filename_component(dir "${dir}" ABSOLUTE)
  set(pc_${variable} "${dir}")
endforeach()
if(NOT pc_plugindir STREQUAL "${PREFIX}/${PLUGIN_DIR}" OR NOT EXISTS "${pc_schemadir}/event.schema.json"
   OR NOT EXISTS "${pc_includedir}/player_driver/player_driver.h")
  message(FATAL_ERROR "pkg-config variables do not point into the prefix: ${pc_plugindir} ${pc_schemadir} ${pc_includedir}")
endif()
run(${PC} --cflags player-driver)
string(STRIP "${OUT}" cflags)
separate_arguments(cflags UNIX_COMMAND "${cflags}")
run(${C_COMPILER} -std=c99 -Wall -Wextra -pedantic -Werror -fPIC -shared -fvisibility=hidden
    ${cflags} "${EXAMPLE}" -o "${WORK_DIR}/pkgconfig_example_driver.so")
run("${WORK_DIR}/consumer/consumer_host" "${WORK_DIR}/pkgconfig_example_driver.so")
expect_contains("${OUT}" "org.example.minimal-c 1.0.0 abi 1.0" "the example driver built with pkg-config")

file(REMOVE_RECURSE "${WORK_DIR}")
message(STATUS "install test: SDK, find_package, pkg-config and plugins directory ok")
