# ctest helper: asserts a module's dynamic symbol table exports exactly EXPECTED.
#   cmake -DNM=nm -DMODULE=lib.so -DEXPECTED=player_driver_entry -P check_exports.cmake
execute_process(COMMAND ${NM} -D --defined-only ${MODULE}
                OUTPUT_VARIABLE out RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm failed on ${MODULE}")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(exported "")
foreach(line IN LISTS lines)
  # "<address> <type> <name>"; version nodes show as type A (absolute) and are not code.
  if(line MATCHES "^[0-9a-fA-F]+ ([A-Za-z]) (.+)$")
    if(NOT CMAKE_MATCH_1 STREQUAL "A")
      list(APPEND exported "${CMAKE_MATCH_2}")
    endif()
  endif()
endforeach()
if(NOT exported STREQUAL "${EXPECTED}")
  message(FATAL_ERROR "${MODULE} exports [${exported}], expected exactly [${EXPECTED}]")
endif()
message(STATUS "${MODULE}: exports exactly ${exported}")
