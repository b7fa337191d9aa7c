/* The bundle, linked into flash as is and read in place. SHEAF_BUNDLE_FILE is its path (a string
 * literal, set by the Makefile). */
  .section .sheaf_bundle, "a"
  .balign 16
  .global sheaf_bundle_start
sheaf_bundle_start:
  .incbin SHEAF_BUNDLE_FILE
  .global sheaf_bundle_end
sheaf_bundle_end:
