// Shared by the firmware example's programs (main.cpp, patch_main.cpp): output over semihosting
// one line at a time, FNV-1a, instruction counts from SysTick, and an article read frame by
// frame as the host reader lists it. Included by one source file per program.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <sheaf/sheaf.hpp>

#include "semihost.h"

#ifndef SHEAF_FW_PICO_NS_PER_TICK
#define SHEAF_FW_PICO_NS_PER_TICK 0  // SysTick period in 1/1000 ns; 0: no instruction counts
#endif

namespace firmware {

// Output, one line at a time (newlib-nano's printf would allocate). The text goes out in
// pieces of a static buffer, which keeps it off the stack whose peak is measured.
inline char line_bytes[96];

class Line {
 public:
  Line& text(std::string_view s) {
    for (const char c : s) {
      put(c);
    }
    return *this;
  }

  Line& number(uint32_t v) {
    char digits[10];
    int n = 0;
    do {
      digits[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0);
    while (n > 0) {
      put(digits[--n]);
    }
    return *this;
  }

  Line& hex8(uint32_t v) {
    for (int shift = 28; shift >= 0; shift -= 4) {
      put("0123456789abcdef"[(v >> shift) & 0xF]);
    }
    return *this;
  }

  void end() {
    put('\n');
    flush();
  }

 private:
  void put(char c) {
    if (size_ == sizeof(line_bytes) - 1) {
      flush();
    }
    line_bytes[size_++] = c;
  }

  void flush() {
    line_bytes[size_] = '\0';
    sh_write(line_bytes);
    size_ = 0;
  }

  size_t size_ = 0;
};

struct Fnv1a {
  uint32_t h = 2166136261u;

  void add(std::string_view bytes) {
    for (const char c : bytes) {
      h = (h ^ static_cast<uint8_t>(c)) * 16777619u;
    }
  }
};

// SysTick as a 24-bit down-counter at the core clock. Under QEMU with -icount shift=0 one
// instruction takes 1 ns of virtual time, so ticks times the tick period in ns count
// instructions.
struct SysTick {
  static volatile uint32_t& csr() { return *reinterpret_cast<volatile uint32_t*>(0xE000E010u); }

  static volatile uint32_t& rvr() { return *reinterpret_cast<volatile uint32_t*>(0xE000E014u); }

  static volatile uint32_t& cvr() { return *reinterpret_cast<volatile uint32_t*>(0xE000E018u); }

  static void start() {
    rvr() = 0xFFFFFFu;
    cvr() = 0;
    csr() = 5;  // enabled, core clock, no interrupt
    while (cvr() == 0) {
      // QEMU reads 0 until the first reload
    }
  }

  static uint32_t now() { return cvr(); }

  // Instructions between two readings a and b (b later), or 0 when the counter wrapped.
  static uint32_t instructions(uint32_t a, uint32_t b, bool wrapped) {
    if (wrapped || SHEAF_FW_PICO_NS_PER_TICK == 0) {
      return 0;
    }
    const uint64_t ticks = (a - b) & 0xFFFFFFu;
    return static_cast<uint32_t>(ticks * SHEAF_FW_PICO_NS_PER_TICK / 1000u);
  }

  static bool wrapped() { return (csr() & (1u << 16)) != 0; }  // COUNTFLAG, cleared on read
};

// Reads article `i` frame by frame (read_part) through `buffer` (max_frame_size bytes), checks
// its record checksum, and prints its T and A lines (when `print`). Returns false on any error.
inline bool list_article(const sheaf::Bundle& bundle, sheaf::Decoder& decoder, uint32_t i,
                         sheaf::MutableByteSpan buffer, uint32_t& parts, bool print = true) {
  const sheaf::Result<sheaf::ArticleView> a = bundle.article(i);
  const sheaf::Result<sheaf::RecordPlan> plan =
      a.ok() ? bundle.record_plan(a.value()) : sheaf::Result<sheaf::RecordPlan>(a.error());
  if (!plan.ok()) {
    Line().text("FAIL: article ").number(i).text(": ").text(sheaf::to_string(plan.error())).end();
    return false;
  }
  sheaf::RecordCheck check;
  Fnv1a body_hash;
  uint32_t body_size = 0;
  parts = plan.value().frame_count;
  for (uint32_t k = 0; k < parts; ++k) {
    const sheaf::Result<std::string_view> part = decoder.read_part(a.value(), k, buffer);
    if (!part.ok()) {
      Line()
          .text("FAIL: article ")
          .number(i)
          .text(" part ")
          .number(k)
          .text(": ")
          .text(sheaf::to_string(part.error()))
          .end();
      return false;
    }
    check.add(part.value());
    std::string_view body = part.value();
    if (k == 0) {  // the fields, then the start of the body
      const sheaf::Result<sheaf::Record> r = sheaf::parse_record(part.value());
      if (!r.ok()) {
        Line().text("FAIL: article ").number(i).text(": ").text(sheaf::to_string(r.error())).end();
        return false;
      }
      if (print) {
        Line()
            .text("T ")
            .number(i)
            .text(" ")
            .text(r.value().id)
            .text(" ")
            .text(r.value().title)
            .end();
      }
      body = r.value().body;
    }
    body_hash.add(body);
    body_size += static_cast<uint32_t>(body.size());
  }
  if (!check.matches(a.value())) {
    Line().text("FAIL: article ").number(i).text(": record checksum mismatch").end();
    return false;
  }
  if (print) {
    Line().text("A ").number(i).text(" ").number(body_size).text(" ").hex8(body_hash.h).end();
  }
  return true;
}

}  // namespace firmware
