/* The ABI header compiled as strict C11 (see CMakeLists.txt for the flags). */
#include "header_layout_check.h"

int pd_header_c11_check(void) { return PD_ABI_MAJOR; }
