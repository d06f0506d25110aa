# SPDX-License-Identifier: MIT
# How GoogleTest binaries become ctest tests. pd_add_gtests(target LABEL label SHARDS n):
# - PD_TEST_SHARDS=OFF (the default): every test case is its own ctest test (gtest_discover_tests),
#   so a failure is named by ctest and any one case runs alone with `ctest -R`.
# - PD_TEST_SHARDS=ON: the binary runs as `n` ctest tests, each one process running its share
#   of the cases through GoogleTest's own sharding (GTEST_TOTAL_SHARDS / GTEST_SHARD_INDEX; the
#   failing case is named in the shard's output). The sanitizer trees use it: a process start
#   there costs about half a second, so 720 one-case processes spent most of their time starting
#   (ASan tree: the 459 unit cases took 113 s as processes, 4.5 s as two binaries). `n` spreads
#   the binaries that wait on sockets and clocks over ctest's parallel jobs.
option(PD_TEST_SHARDS "Run each GoogleTest binary as a few sharded ctest tests, not one per case" OFF)

function(pd_add_gtests target)
  cmake_parse_arguments(ARG "" "LABEL;SHARDS" "" ${ARGN})
  if(NOT ARG_LABEL OR NOT ARG_SHARDS)
    message(FATAL_ERROR "pd_add_gtests(${target}): give LABEL and SHARDS")
  endif()
  if(NOT PD_TEST_SHARDS)
    gtest_discover_tests(${target} PROPERTIES LABELS ${ARG_LABEL} DISCOVERY_TIMEOUT 60)
    return()
  endif()
  math(EXPR last "${ARG_SHARDS} - 1")
  foreach(i RANGE 0 ${last})
    set(name "${target}.shard${i}of${ARG_SHARDS}")
    add_test(NAME ${name} COMMAND ${target})
    set_tests_properties(${name} PROPERTIES LABELS ${ARG_LABEL}
      ENVIRONMENT "GTEST_TOTAL_SHARDS=${ARG_SHARDS};GTEST_SHARD_INDEX=${i}")
  endforeach()
endfunction()
