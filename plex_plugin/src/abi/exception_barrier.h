// The exception barrier every exported function runs its body behind: no C++ exception may
// cross the C ABI, so each becomes PD_ERR_INTERNAL with a message naming the function. Shared
// by the Plex driver's shim and the ABI tests' throwing driver, so the tests exercise this code.
#ifndef PLEXDRIVER_ABI_EXCEPTION_BARRIER_H_
#define PLEXDRIVER_ABI_EXCEPTION_BARRIER_H_

#include <exception>
#include <new>
#include <string>

#include "core/status.h"

namespace plexdriver {

// Runs `body` (returning Status) and returns its Status, or PD_ERR_INTERNAL for anything thrown:
// std::bad_alloc ("out of memory"), std::exception (its what()), or anything else.
template <typename Body>
Status RunGuarded(const char* function, Body&& body) noexcept {
  try {
    try {
      return body();
    } catch (const std::bad_alloc&) {
      return Status(PD_ERR_INTERNAL, std::string(function) + ": out of memory");
    } catch (const std::exception& e) {
      return Status(PD_ERR_INTERNAL, std::string(function) + ": internal error: " + e.what());
    } catch (...) {
      return Status(PD_ERR_INTERNAL, std::string(function) + ": internal error (unknown exception)");
    }
  } catch (...) {
    // Building the message itself failed (no memory left): a static status still gets out.
    return Status(PD_ERR_INTERNAL, std::string());
  }
}

}  // namespace plexdriver

#endif  // PLEXDRIVER_ABI_EXCEPTION_BARRIER_H_
