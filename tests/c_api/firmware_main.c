/* tests/c_api: the C interface check on the MCU (examples/firmware with C_APP): the bundle
 * linked into flash, the check's lines written through semihosting. */
#include <stdint.h>

#include "c_api_check.h"
#include "semihost.h"

extern const uint8_t sheaf_bundle_start[];
extern const uint8_t sheaf_bundle_end[];

int main(void) {
  return sheaf_c_check(sheaf_bundle_start, (size_t)(sheaf_bundle_end - sheaf_bundle_start),
                       sh_write);
}
