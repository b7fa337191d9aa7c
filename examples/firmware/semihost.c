/* Semihosting calls (see semihost.h). */
#include "semihost.h"

enum { SYS_WRITE0 = 0x04, SYS_EXIT_EXTENDED = 0x20, ADP_STOPPED_APPLICATION_EXIT = 0x20026 };

static int semihost_call(int op, const void* arg) {
  register int r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

void sh_write(const char* s) {
  (void)semihost_call(SYS_WRITE0, s);
}

void sh_exit(int code) {
  /* With SYS_EXIT_EXTENDED the full code reaches QEMU; plain SYS_EXIT can only say 0 or 1 on
   * 32-bit ARM. */
  const uint32_t block[2] = {ADP_STOPPED_APPLICATION_EXIT, (uint32_t)code};
  (void)semihost_call(SYS_EXIT_EXTENDED, block);
  for (;;) {
  }
}
