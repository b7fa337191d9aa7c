// sheaf runtime: compile-time configuration hooks. Define these before including <sheaf/sheaf.hpp>.
//
//   SHEAF_ASSERT(cond)        Called on API misuse only (e.g. Result::value() on an error), never
//                             on bad bundle bytes. Default: assert(). Firmware may route it to a
//                             fault handler, or define it empty.
//   SHEAF_NO_ERROR_STRINGS    to_string(Errc) returns "" (saves flash).
//   SHEAF_TRACE_RULES         sheaf::set_rule_hook() installs a hook called with the SPEC rule
//                             (sheaf::Rule) of every failed check of bundle bytes (rules.hpp).
//                             For tests and debugging; off, the checks cost nothing extra.
#pragma once

#ifndef SHEAF_ASSERT
#include <cassert>
#define SHEAF_ASSERT(cond) assert(cond)
#endif

// The zstd static-allocation API (ZSTD_initStaticDCtx and friends) is part of the runtime contract.
#ifndef ZSTD_STATIC_LINKING_ONLY
#define ZSTD_STATIC_LINKING_ONLY
#endif

// Internal: forces a function inline where one more call frame would raise the peak stack.
#if defined(__GNUC__)
#define SHEAF_ALWAYS_INLINE __attribute__((always_inline))
#else
#define SHEAF_ALWAYS_INLINE
#endif
