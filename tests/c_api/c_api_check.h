/* tests/c_api: the C interface check, shared by the host program and the firmware. */
#ifndef SHEAF_C_API_CHECK_H
#define SHEAF_C_API_CHECK_H

#include <stddef.h>

/* Opens the bundle at `bytes` (8-byte aligned) and runs every check, passing each output line
 * (with its '\n') to `print`. Returns 0 when every call succeeded. */
int sheaf_c_check(const void* bytes, size_t size, void (*print)(const char* text));

#endif
