/* tests/c_api: the C interface check on the host: c_api_check BUNDLE. Reads the bundle into
 * 8-byte aligned memory (the check itself allocates nothing) and prints the check's lines. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "c_api_check.h"

static void print(const char* text) {
  fputs(text, stdout);
}

int main(int argc, char** argv) {
  FILE* f;
  long size;
  uint64_t* bytes;
  int status;
  if (argc != 2) {
    fprintf(stderr, "usage: c_api_check BUNDLE\n");
    return 2;
  }
  f = fopen(argv[1], "rb");
  if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
    fprintf(stderr, "c_api_check: cannot read %s\n", argv[1]);
    return 2;
  }
  bytes = malloc(((size_t)size / 8 + 1) * 8);
  if (bytes == NULL || fread(bytes, 1, (size_t)size, f) != (size_t)size) {
    fprintf(stderr, "c_api_check: cannot read %s\n", argv[1]);
    return 2;
  }
  fclose(f);
  status = sheaf_c_check(bytes, (size_t)size, print);
  free(bytes);
  return status;
}
