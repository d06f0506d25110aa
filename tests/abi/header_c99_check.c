/* The ABI header compiled as strict C99. */
#include "header_layout_check.h"

int pd_header_c99_check(void) { return PD_ABI_MAJOR; }
