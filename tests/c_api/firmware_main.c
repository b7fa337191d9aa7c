/* tests/c_api: the C interface check on the MCU (examples/firmware with C_APP): the bundle
 * linked into flash, the check's lines written through semihosting, then the stack's peak. */
#include <stdint.h>

#include "c_api_check.h"
#include "semihost.h"

extern const uint8_t sheaf_bundle_start[];
extern const uint8_t sheaf_bundle_end[];

extern uint32_t stack_peak_bytes(void);

int main(void) {
  char text[32] = "# stack peak ";
  char digits[10];
  size_t at = 13;
  int n = 0;
  uint32_t peak;
  const int status =
      sheaf_c_check(sheaf_bundle_start, (size_t)(sheaf_bundle_end - sheaf_bundle_start), sh_write);
  /* The stack's peak, which run.sh checks against the region it gave the check (STACK_BYTES). */
  peak = stack_peak_bytes();
  do {
    digits[n++] = (char)('0' + peak % 10);
    peak /= 10;
  } while (peak != 0);
  while (n > 0) {
    text[at++] = digits[--n];
  }
  text[at++] = '\n';
  text[at] = '\0';
  sh_write(text);
  return status;
}
