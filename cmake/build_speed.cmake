# Build time: CI builds the tree four times (normal, ASan+UBSan, TSan, fuzz) on two cores, and
# most of each translation unit's time is the same headers (the standard library, Poco, fmt,
# GoogleTest) parsed again. pd_precompile(target [TESTS]) precompiles them once per target.
# PD_PCH=OFF builds without (e.g. to check that every file includes what it uses). The ABI
# checks (tests/abi) never use it: they prove the C header stands alone.
option(PD_PCH "Precompile the common heavy headers per target" ON)

set(PD_PCH_HEADERS
  <algorithm> <chrono> <functional> <map> <memory> <mutex> <optional> <set> <string>
  <string_view> <thread> <vector>
  <fmt/format.h> <Poco/JSON/Object.h> <Poco/JSON/Parser.h> <Poco/Net/HTTPRequest.h>
  <Poco/Net/HTTPResponse.h>)

function(pd_precompile target)
  if(NOT PD_PCH)
    return()
  endif()
  set(headers ${PD_PCH_HEADERS})
  if("TESTS" IN_LIST ARGN)
    list(APPEND headers <gtest/gtest.h>)
  endif()
  foreach(h IN LISTS headers)
    target_precompile_headers(${target} PRIVATE "$<$<COMPILE_LANGUAGE:CXX>:${h}>")
  endforeach()
endfunction()
