/* A patch for the bundle of bundle.S (the update program, patch_main.cpp), linked into flash as
 * is. SHEAF_PATCH_FILE is its path (a string literal, set by the Makefile). */
  .section .sheaf_patch, "a"
  .balign 16
  .global sheaf_patch_start
sheaf_patch_start:
  .incbin SHEAF_PATCH_FILE
  .global sheaf_patch_end
sheaf_patch_end:
