// tests/runtime: damaged bundles. With the full check every damage is reported; without it the
// runtime never faults, never reads outside the bundle, and a record is an error or the exact
// original, never different text. Run under ASan/UBSan in CI to catch stray reads.
#include <cstdio>

#include <sheaf/sheaf.hpp>

#include "runtime/fixture.hpp"
#include "support/catch.hpp"

using sheaf::Bundle;
using sheaf::Decoder;
using sheaf::Errc;
using sheaf::MutableByteSpan;
using sheaf::test::AlignedBytes;
using sheaf::test::Bundles;

namespace {

struct Outcome {
  bool full_check_failed = false;  // open, verify_all, decoder init or verify_bodies said no
  size_t wrong_bodies = 0;         // a read or lookup returned text different from the original
  size_t exact_bodies = 0;
  size_t body_errors = 0;
};

bool full_check_fails(const AlignedBytes& bytes) {
  const auto b = Bundle::open(bytes.span());
  if (!b.ok() || sheaf::verify_all(b.value()) != Errc::ok) {
    return true;
  }
  std::vector<uint64_t> ws((Decoder::workspace_size(b.value()) + 7) / 8);
  auto d = Decoder::init(b.value(),
                         MutableByteSpan(reinterpret_cast<uint8_t*>(ws.data()), ws.size() * 8));
  if (!d.ok()) {
    return true;
  }
  std::vector<uint8_t> buffer(b.value().info().max_read_size);
  Decoder decoder = d.value();
  return sheaf::verify_bodies(b.value(), decoder, MutableByteSpan(buffer.data(), buffer.size())) !=
         Errc::ok;
}

// Without the full check: open, list, read every `stride`-th article; compare with originals.
void read_without_full_check(const AlignedBytes& bytes, const std::vector<std::string>& originals,
                             uint32_t stride, Outcome& outcome) {
  const auto b = Bundle::open(bytes.span());
  if (!b.ok()) {
    return;
  }
  std::vector<uint64_t> ws((Decoder::workspace_size(b.value()) + 7) / 8);
  auto d = Decoder::init(b.value(),
                         MutableByteSpan(reinterpret_cast<uint8_t*>(ws.data()), ws.size() * 8));
  if (!d.ok()) {
    return;
  }
  Decoder decoder = d.value();
  // Size the buffer from the undamaged bundle's needs, never from damaged header values.
  std::vector<uint8_t> buffer(1 << 20);
  for (uint32_t i = 0; i < b.value().size() && i < originals.size(); i += stride) {
    const auto a = b.value().article(i);
    if (!a.ok()) {
      continue;
    }
    const MutableByteSpan out(buffer.data(), buffer.size());
    const auto record = decoder.read_bytes(a.value(), out);
    if (!record.ok()) {
      ++outcome.body_errors;
    } else if (record.value() == originals[i]) {
      ++outcome.exact_bodies;
    } else {
      ++outcome.wrong_bodies;
    }
    // Lookups walk the damaged tables too: an error or the right article, never a fault.
    const auto parsed = decoder.read(a.value(), out);
    if (parsed.ok()) {
      const std::string id(parsed.value().id);
      const std::string title(parsed.value().title);
      (void)parsed.value().category(0);
      const auto by_id = decoder.find(id, out);
      if (by_id.ok() && by_id.value().record.id != id) {
        ++outcome.wrong_bodies;
      }
      const auto by_title = decoder.find_title(title, out);
      if (by_title.ok() && by_title.value().record.title != title) {
        ++outcome.wrong_bodies;
      }
    }
  }
}

struct Totals {
  size_t cases = 0;
  size_t detected = 0;      // the full check returned an error
  size_t exact_bodies = 0;  // without the full check: reads that gave the original record
  size_t body_errors = 0;   // without the full check: reads that returned an error
  size_t wrong_bodies = 0;  // without the full check: different text (must stay 0)

  void add(const Totals& t) {
    cases += t.cases;
    detected += t.detected;
    exact_bodies += t.exact_bodies;
    body_errors += t.body_errors;
    wrong_bodies += t.wrong_bodies;
  }

  void add(const Outcome& o) {
    ++cases;
    detected += o.full_check_failed ? 1 : 0;
    exact_bodies += o.exact_bodies;
    body_errors += o.body_errors;
    wrong_bodies += o.wrong_bodies;
  }
};

// One line per damage kind, for the record (run the test binary to see them).
void report(const char* what, const Totals& t) {
  std::printf(
      "damage %s: %zu cases, %zu detected by the full check, %zu not; without it %zu "
      "exact reads, %zu read errors, %zu wrong reads\n",
      what, t.cases, t.detected, t.cases - t.detected, t.exact_bodies, t.body_errors,
      t.wrong_bodies);
}

// Both checks on one damaged copy: with the full check, then reading without it.
Outcome try_damaged(const AlignedBytes& bad, const std::vector<std::string>& originals,
                    uint32_t stride) {
  Outcome o;
  o.full_check_failed = full_check_fails(bad);
  read_without_full_check(bad, originals, stride, o);
  return o;
}

Totals damage(const AlignedBytes& good, const std::vector<size_t>& offsets, uint8_t mask,
              uint32_t stride) {
  const std::vector<std::string> originals =
      sheaf::test::read_all_records(Bundle::open(good.span()).value());
  Totals t;
  AlignedBytes bad = good;
  for (size_t off : offsets) {
    bad.data()[off] ^= mask;
    const Outcome o = try_damaged(bad, originals, stride);
    t.add(o);
    if (!o.full_check_failed) {
      FAIL_CHECK("damage at offset " << off << " (mask " << int{mask} << ") not detected");
    }
    bad.data()[off] ^= mask;
  }
  return t;
}

// Reports the counts, then requires every damage detected and no wrong read.
void expect_all_detected(const char* what, const Totals& t) {
  report(what, t);
  CHECK(t.detected == t.cases);
  CHECK(t.wrong_bodies == 0);
}

// Offsets from..to (exclusive) in steps of `step`.
std::vector<size_t> offsets_every(size_t from, size_t to, size_t step) {
  std::vector<size_t> offsets;
  for (size_t off = from; off < to; off += step) {
    offsets.push_back(off);
  }
  return offsets;
}

size_t index_end(const AlignedBytes& bytes) {
  const Bundle b = Bundle::open(bytes.span()).value();
  return static_cast<size_t>(b.index_bytes().data() - bytes.span().data()) + b.index_bytes().size();
}

}  // namespace

TEST_CASE("every byte of header and index, flipped, is detected, and bodies stay exact or errors",
          "[runtime][corrupt]") {
  const AlignedBytes& good = Bundles::get().examples;
  const Totals t = damage(good, offsets_every(0, index_end(good), 1), 0xFF, 1);
  expect_all_detected("header+index, one value (xor 0xFF) at every offset", t);
}

TEST_CASE("every other value of sampled header and index bytes is detected",
          "[runtime][corrupt][slow]") {
  // All 255 other values at every 47th offset of header and index (and at the offsets of the
  // header's own fields: magic, version, flags, file size, section table).
  const AlignedBytes& good = Bundles::get().examples;
  std::vector<size_t> offsets = offsets_every(0, index_end(good), 47);
  for (size_t off : {size_t{0}, size_t{7}, size_t{16}, size_t{20}, size_t{24}, size_t{32},
                     size_t{40}, size_t{63}}) {
    offsets.push_back(off);
  }
  Totals all;
  for (unsigned v = 1; v < 256; ++v) {
    all.add(damage(good, offsets, static_cast<uint8_t>(v), 1));
  }
  expect_all_detected("header+index, all 255 other values at sampled offsets", all);
}

TEST_CASE("truncation at every length is detected, and reads stay exact or errors",
          "[runtime][corrupt]") {
  // A bundle cut short (an interrupted copy, a short flash write) at every length: open refuses
  // it; readers given the cut bytes as if whole never read different text.
  const AlignedBytes& good = Bundles::get().examples;
  const std::vector<std::string> originals =
      sheaf::test::read_all_records(Bundle::open(good.span()).value());
  Totals t;
  for (size_t n = 0; n < good.size; ++n) {
    AlignedBytes cut = good;
    cut.size = n;
    t.add(try_damaged(cut, originals, 1));
  }
  expect_all_detected("truncation at every length", t);
}

TEST_CASE("single-bit flips sampled across every section are detected",
          "[runtime][corrupt][slow]") {
  Totals all;
  for (const AlignedBytes* good : {&Bundles::get().examples, &Bundles::get().dict,
                                   &Bundles::get().small, &Bundles::get().packed}) {
    const std::vector<size_t> offsets = offsets_every(3, good->size, 61);
    for (uint8_t bit : {uint8_t{0x01}, uint8_t{0x10}, uint8_t{0x80}}) {
      all.add(damage(*good, offsets, bit, 37));
    }
  }
  expect_all_detected("every section of four bundles, bits 0, 4 and 7 at every 61st byte", all);
}

TEST_CASE("a damaged frame reads as an error, never as different text",
          "[runtime][corrupt][slow]") {
  const AlignedBytes& good = Bundles::get().small;
  const Bundle b = Bundle::open(good.span()).value();
  const size_t data_start = static_cast<size_t>(b.data().data() - good.span().data());
  const Totals t = damage(good, offsets_every(data_start, good.size, 7), 0x04, 1);
  expect_all_detected("data, bit 2 flipped at every 7th byte", t);
}
