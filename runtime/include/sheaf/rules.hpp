// sheaf runtime: the validation rules of schema/SPEC.md ("Validation") as values, and the one
// path every check of untrusted bytes fails through.
//
// Every check of bundle bytes is written `SHEAF_CHECK(cond, Rule::F3)`: when `cond` is false the
// enclosing function returns the rule's Errc (SPEC gives each rule exactly one). A test compares
// this list with SPEC's rule tables, both ways, and checks one crafted bundle per rule.
//
// Define SHEAF_TRACE_RULES (in every translation unit of a program, like any ODR-affecting
// option) to have a hook called with the rule on each failure: tests and debug builds use it to
// see which rule a bundle broke. Without it the funnel compiles to a plain `return Errc::...`.
#pragma once

#include <cstddef>
#include <cstdint>

#include <sheaf/error.hpp>

namespace sheaf {

// One line per SPEC rule, in SPEC order: its id and the Errc it gives (SPEC's `Errc` column).
// Retired ids (I5, I8, V5, V6) are not listed; new rules get new ids.
// clang-format off
#define SHEAF_RULES(X) \
  X(H1, truncated)           \
  X(H2, misaligned)          \
  X(H3, bad_magic)           \
  X(H4, unsupported_version) \
  X(H5, corrupt_header)      \
  X(H6, truncated)           \
  X(H7, corrupt_header)      \
  X(H8, unsupported_feature) \
  X(H9, corrupt_header)      \
  X(H10, corrupt_header)     \
  X(H11, too_large)          \
  X(H12, truncated)          \
  X(S1, corrupt_header)      \
  X(S2, unsupported_feature) \
  X(S3, corrupt_header)      \
  X(S4, corrupt_header)      \
  X(S5, corrupt_header)      \
  X(S6, corrupt_header)      \
  X(S7, corrupt_header)      \
  X(I1, corrupt_index)       \
  X(I2, corrupt_index)       \
  X(I3, corrupt_index)       \
  X(I4, corrupt_index)       \
  X(I6, corrupt_index)       \
  X(I7, corrupt_index)       \
  X(I9, corrupt_index)       \
  X(I10, corrupt_index)      \
  X(I11, corrupt_index)      \
  X(I12, corrupt_index)      \
  X(I13, corrupt_index)      \
  X(F1, corrupt_index)       \
  X(F2, corrupt_body)        \
  X(F3, corrupt_body)        \
  X(F4, corrupt_index)       \
  X(B1, corrupt_index)       \
  X(B2, corrupt_index)       \
  X(B3, corrupt_body)        \
  X(B4, too_large)           \
  X(B5, corrupt_index)       \
  X(R1, corrupt_body)        \
  X(R2, corrupt_body)        \
  X(R3, corrupt_body)        \
  X(R4, corrupt_body)        \
  X(R5, corrupt_body)        \
  X(R6, corrupt_body)        \
  X(D1, checksum_mismatch)   \
  X(D2, corrupt_body)        \
  X(D3, corrupt_body)        \
  X(D4, corrupt_body)        \
  X(C1, corrupt_index)       \
  X(C2, corrupt_index)       \
  X(C3, corrupt_index)       \
  X(C4, corrupt_index)       \
  X(N1, corrupt_index)       \
  X(N2, corrupt_index)       \
  X(N3, corrupt_index)       \
  X(N4, corrupt_index)       \
  X(N5, corrupt_index)       \
  X(N6, corrupt_index)       \
  X(N7, corrupt_index)       \
  X(N8, corrupt_index)       \
  X(N9, corrupt_index)       \
  X(N10, corrupt_index)      \
  X(L1, corrupt_index)       \
  X(L2, corrupt_index)       \
  X(L3, corrupt_body)        \
  X(L4, corrupt_index)       \
  X(L5, corrupt_index)       \
  X(L6, corrupt_index)       \
  X(Q1, corrupt_index)       \
  X(Q2, corrupt_index)       \
  X(Q3, corrupt_index)       \
  X(Q4, corrupt_index)       \
  X(Q5, corrupt_index)       \
  X(Q6, corrupt_index)       \
  X(V1, corrupt_header)      \
  X(V2, checksum_mismatch)   \
  X(V3, corrupt_header)      \
  X(V4, corrupt_index)       \
  X(V7, corrupt_index)       \
  X(V8, corrupt_index)       \
  X(V9, corrupt_index)       \
  X(V10, corrupt_index)      \
  X(V11, corrupt_index)      \
  X(V12, corrupt_index)      \
  X(V13, corrupt_index)      \
  X(V14, corrupt_index)      \
  X(V15, corrupt_index)      \
  X(V16, corrupt_index)      \
  X(V17, corrupt_index)
// clang-format on

/// A rule of SPEC "Validation". The values are positions in SHEAF_RULES, not pinned: log the
/// id (rule_id()), not the number.
enum class Rule : uint8_t {
#define SHEAF_RULE_ENUMERATOR(id, errc) id,
  SHEAF_RULES(SHEAF_RULE_ENUMERATOR)
#undef SHEAF_RULE_ENUMERATOR
};

namespace detail {
#define SHEAF_RULE_ERRC(id, errc) Errc::errc,
inline constexpr Errc kRuleErrc[] = {SHEAF_RULES(SHEAF_RULE_ERRC)};
#undef SHEAF_RULE_ERRC
#define SHEAF_RULE_ID(id, errc) #id,
inline constexpr const char* kRuleId[] = {SHEAF_RULES(SHEAF_RULE_ID)};
#undef SHEAF_RULE_ID
}  // namespace detail

/// Number of rules; Rule values are 0 to kRuleCount - 1.
inline constexpr size_t kRuleCount = sizeof(detail::kRuleErrc) / sizeof(detail::kRuleErrc[0]);

/// The error a bundle breaking `rule` gives (SPEC's `Errc` column).
constexpr Errc errc_of(Rule rule) noexcept {
  return detail::kRuleErrc[static_cast<size_t>(rule)];
}

/// The rule's SPEC id, such as "F3". A static string.
constexpr const char* rule_id(Rule rule) noexcept {
  return detail::kRuleId[static_cast<size_t>(rule)];
}

#ifdef SHEAF_TRACE_RULES
/// Called with the rule on every failed check, before the error is returned. Process-wide and
/// not thread safe: set it before reading, from one thread (a test, a debug session).
using RuleHook = void (*)(Rule rule);

namespace detail {
inline RuleHook& rule_hook() noexcept {
  static RuleHook hook = nullptr;
  return hook;
}
}  // namespace detail

/// Installs `hook` (null removes it) and returns the previous one.
inline RuleHook set_rule_hook(RuleHook hook) noexcept {
  const RuleHook previous = detail::rule_hook();
  detail::rule_hook() = hook;
  return previous;
}
#endif

namespace detail {
/// The funnel: every failed check of bundle bytes passes here (one breakpoint catches them all).
inline Errc fail(Rule rule) noexcept {
#ifdef SHEAF_TRACE_RULES
  if (RuleHook hook = rule_hook()) {
    hook(rule);
  }
#endif
  return errc_of(rule);
}
}  // namespace detail

}  // namespace sheaf

/// Returns the Errc of `rule` (a sheaf::Rule) from the enclosing function when `cond` is false.
/// The function must return Errc or a Result<T>.
#define SHEAF_CHECK(cond, rule)           \
  do {                                    \
    if (!(cond)) {                        \
      return ::sheaf::detail::fail(rule); \
    }                                     \
  } while (0)
