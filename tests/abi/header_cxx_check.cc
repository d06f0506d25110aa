// The ABI header compiled as C++ (11, 17 and 20: see CMakeLists.txt).
#include "header_layout_check.h"

extern "C" int PD_CXX_CHECK_NAME() { return PD_ABI_MAJOR; }
