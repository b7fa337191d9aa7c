/* Semihosting (ARM "Angel" interface, bkpt 0xAB) for the firmware example: text out to the
 * debugger's console (QEMU's stdout) and an exit status that QEMU returns as its own. */
#ifndef SHEAF_FIRMWARE_SEMIHOST_H
#define SHEAF_FIRMWARE_SEMIHOST_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Writes a NUL-terminated string. */
void sh_write(const char* s);
/* Ends the program; QEMU exits with `code` (SYS_EXIT_EXTENDED, ADP_Stopped_ApplicationExit). */
__attribute__((noreturn)) void sh_exit(int code);

#ifdef __cplusplus
}
#endif

#endif
