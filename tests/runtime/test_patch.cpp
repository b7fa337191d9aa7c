// tests/runtime: apply_patch on patches crafted byte by byte (SPEC: "Patches"), and every way
// one can fail, with no compressor (zstd blocks are hand-made raw frames); then on patches the
// host's `sheaf diff` writes between real bundles. The cross-architecture runs test both.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <sheaf/patch.hpp>

#include "runtime/fixture.hpp"
#include "support/catch.hpp"

namespace {

using sheaf::ByteSpan;
using sheaf::Errc;
using sheaf::MutableByteSpan;
namespace pf = sheaf::patch_format;

void put_le(std::vector<uint8_t>& out, size_t at, uint64_t v, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    out[at + i] = static_cast<uint8_t>(v >> (8 * i));
  }
}

void put_number(std::vector<uint8_t>& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}

uint64_t zigzag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}

/// A base "bundle": the applier reads only its file_size and header_checksum fields.
std::vector<uint8_t> make_base(size_t size, uint64_t checksum) {
  std::vector<uint8_t> b(size);
  for (size_t i = 0; i < size; ++i) {
    b[i] = static_cast<uint8_t>(i * 7 + 3);
  }
  put_le(b, 8, checksum, 8);
  put_le(b, 24, size, 8);
  return b;
}

/// A zstd frame holding `raw` as one raw block (content size stated, no checksum): what any
/// zstd decoder reads, made without a compressor. At most 255 bytes.
std::vector<uint8_t> raw_zstd_frame(const std::vector<uint8_t>& raw) {
  std::vector<uint8_t> f = {0x28, 0xB5, 0x2F, 0xFD, 0x20, static_cast<uint8_t>(raw.size())};
  const uint32_t block_header = 1u | (static_cast<uint32_t>(raw.size()) << 3);  // last, raw
  f.push_back(static_cast<uint8_t>(block_header));
  f.push_back(static_cast<uint8_t>(block_header >> 8));
  f.push_back(static_cast<uint8_t>(block_header >> 16));
  f.insert(f.end(), raw.begin(), raw.end());
  return f;
}

/// Writes the body of a patch, op by op, as a differ would.
struct Ops {
  std::vector<uint8_t> bytes;
  uint64_t source_end = 0;

  Ops& copy(uint64_t from, uint64_t length) {
    bytes.push_back(static_cast<uint8_t>(pf::Op::copy));
    source(from, length);
    return *this;
  }

  Ops& add_stored(uint64_t from, const std::vector<uint8_t>& delta) {
    bytes.push_back(static_cast<uint8_t>(pf::Op::add));
    source(from, delta.size());
    stored(delta);
    return *this;
  }

  Ops& add_zstd(uint64_t from, const std::vector<uint8_t>& delta) {
    bytes.push_back(static_cast<uint8_t>(pf::Op::add));
    source(from, delta.size());
    zstd(delta);
    return *this;
  }

  Ops& insert_stored(const std::vector<uint8_t>& raw) {
    bytes.push_back(static_cast<uint8_t>(pf::Op::insert));
    stored(raw);
    return *this;
  }

  Ops& insert_zstd(const std::vector<uint8_t>& raw) {
    bytes.push_back(static_cast<uint8_t>(pf::Op::insert));
    zstd(raw);
    return *this;
  }

  Ops& end() {
    bytes.push_back(static_cast<uint8_t>(pf::Op::end));
    return *this;
  }

  void source(uint64_t from, uint64_t length) {
    put_number(bytes, zigzag(static_cast<int64_t>(from) - static_cast<int64_t>(source_end)));
    put_number(bytes, length);
    source_end = from + length;
  }

  void stored(const std::vector<uint8_t>& raw) {
    put_number(bytes, raw.size());
    bytes.push_back(static_cast<uint8_t>(pf::BlockMode::stored));
    bytes.insert(bytes.end(), raw.begin(), raw.end());
  }

  void zstd(const std::vector<uint8_t>& raw) {
    const std::vector<uint8_t> frame = raw_zstd_frame(raw);
    put_number(bytes, raw.size());
    bytes.push_back(static_cast<uint8_t>(pf::BlockMode::zstd));
    put_number(bytes, frame.size());
    bytes.insert(bytes.end(), frame.begin(), frame.end());
  }
};

uint64_t hash(const std::vector<uint8_t>& b) {
  return sheaf::detail::xxh64(b.data(), b.size());
}

void seal_header(std::vector<uint8_t>& p) {
  put_le(p, pf::kOffHeaderChecksum, sheaf::detail::xxh64(p.data() + 16, pf::kHeaderSize - 16), 8);
}

/// The patch: header (checksums computed) and body.
std::vector<uint8_t> make_patch(const std::vector<uint8_t>& base,
                                const std::vector<uint8_t>& target, const Ops& ops,
                                uint32_t max_chunk) {
  // Sized once and filled by index: gcc 12 (armhf, -O3) flags vector::insert at offset 80.
  std::vector<uint8_t> p(pf::kHeaderSize + ops.bytes.size());
  std::memcpy(p.data(), pf::kMagic, sizeof(pf::kMagic));
  for (size_t i = 0; i < ops.bytes.size(); ++i) {
    p[pf::kHeaderSize + i] = ops.bytes[i];
  }
  put_le(p, pf::kOffVersionMajor, pf::kVersionMajor, 2);
  put_le(p, pf::kOffVersionMinor, pf::kVersionMinor, 2);
  put_le(p, pf::kOffPatchSize, p.size(), 8);
  put_le(p, pf::kOffBodyChecksum, sheaf::detail::xxh64(p.data() + 80, p.size() - 80), 8);
  put_le(p, pf::kOffBaseSize, base.size(), 8);
  put_le(p, pf::kOffBaseChecksum, sheaf::detail::load_le64(base.data() + 8), 8);
  put_le(p, pf::kOffTargetSize, target.size(), 8);
  put_le(p, pf::kOffTargetChecksum, hash(target), 8);
  put_le(p, pf::kOffMaxChunk, max_chunk, 4);
  seal_header(p);
  return p;
}

struct Collected {
  std::vector<uint8_t> bytes;
  size_t calls = 0;
  size_t refuse_after = SIZE_MAX;  // calls accepted before the sink refuses
};

bool collect(void* context, const uint8_t* data, size_t size) {
  auto* c = static_cast<Collected*>(context);
  if (c->calls++ >= c->refuse_after) {
    return false;
  }
  c->bytes.insert(c->bytes.end(), data, data + size);
  return true;
}

/// Applies with an exactly sized, aligned workspace (or none when the patch needs none).
Errc apply(const std::vector<uint8_t>& base, const std::vector<uint8_t>& patch, Collected& out,
           size_t workspace_shortfall = 0, size_t misalign = 0) {
  size_t need = 0;
  const sheaf::Result<sheaf::PatchHeader> h =
      sheaf::read_patch_header(ByteSpan(patch.data(), patch.size()));
  if (h.ok()) {
    need = sheaf::patch_workspace_size(h.value());
  }
  std::vector<uint64_t> ws(need / 8 + 2);
  auto* start = reinterpret_cast<uint8_t*>(ws.data()) + misalign;
  return sheaf::apply_patch(ByteSpan(base.data(), base.size()),
                            ByteSpan(patch.data(), patch.size()),
                            MutableByteSpan(start, need - workspace_shortfall), collect, &out);
}

/// Flips bits of byte `at`. Out of line: gcc (-Wnull-dereference) suspects a fresh vector copy.
[[gnu::noinline]] void flip(std::vector<uint8_t>& bytes, size_t at, uint8_t bits) {
  if (at < bytes.size()) {
    bytes.data()[at] ^= bits;
  }
}

std::vector<uint8_t> slice(const std::vector<uint8_t>& b, size_t from, size_t n) {
  return std::vector<uint8_t>(b.begin() + static_cast<std::ptrdiff_t>(from),
                              b.begin() + static_cast<std::ptrdiff_t>(from + n));
}

void append(std::vector<uint8_t>& out, const std::vector<uint8_t>& more) {
  out.insert(out.end(), more.begin(), more.end());
}

/// A target made of every op kind: a copy, an add (stored and zstd), inserts, and a copy that
/// goes backwards.
struct Mixed {
  std::vector<uint8_t> base = make_base(300, 0x1122334455667788ULL);
  std::vector<uint8_t> target;
  Ops ops;

  Mixed() {
    append(target, slice(base, 100, 50));  // COPY 100..150
    ops.copy(100, 50);
    std::vector<uint8_t> delta(40, 0);
    delta[3] = 1;
    delta[39] = 0xFF;
    std::vector<uint8_t> added = slice(base, 160, 40);  // ADD 160..200, stored
    for (size_t i = 0; i < added.size(); ++i) {
      added[i] = static_cast<uint8_t>(added[i] + delta[i]);
    }
    append(target, added);
    ops.add_stored(160, delta);
    const std::vector<uint8_t> fresh = {'n', 'e', 'w', ' ', 't', 'e', 'x', 't'};
    append(target, fresh);
    ops.insert_stored(fresh);
    append(target, slice(base, 0, 100));  // COPY 0..100: a negative delta
    ops.copy(0, 100);
    std::vector<uint8_t> framed(120);
    for (size_t i = 0; i < framed.size(); ++i) {
      framed[i] = static_cast<uint8_t>(i * i);
    }
    append(target, framed);
    ops.insert_zstd(framed);
    std::vector<uint8_t> added2 = slice(base, 250, 50);  // ADD 250..300, zstd
    std::vector<uint8_t> delta2(50, 2);
    for (size_t i = 0; i < added2.size(); ++i) {
      added2[i] = static_cast<uint8_t>(added2[i] + 2);
    }
    append(target, added2);
    ops.add_zstd(250, delta2);
    ops.end();
  }

  std::vector<uint8_t> patch(uint32_t max_chunk = 120) const {
    return make_patch(base, target, ops, max_chunk);
  }
};

}  // namespace

TEST_CASE("apply_patch: a copy of the whole base needs no workspace", "[runtime][patch]") {
  const std::vector<uint8_t> base = make_base(1000, 42);
  Ops ops;
  ops.copy(0, 1000).end();
  const std::vector<uint8_t> patch = make_patch(base, base, ops, 0);
  const sheaf::Result<sheaf::PatchHeader> h =
      sheaf::read_patch_header(ByteSpan(patch.data(), patch.size()));
  REQUIRE(h.ok());
  CHECK(sheaf::patch_workspace_size(h.value()) == 0);
  CHECK(h.value().base_size == 1000);
  CHECK(h.value().target_checksum == hash(base));
  Collected out;
  CHECK(sheaf::apply_patch(ByteSpan(base.data(), base.size()), ByteSpan(patch.data(), patch.size()),
                           MutableByteSpan(), collect, &out) == Errc::ok);
  CHECK(out.bytes == base);
}

TEST_CASE("apply_patch: every op kind, stored and zstd blocks", "[runtime][patch]") {
  const Mixed m;
  Collected out;
  REQUIRE(apply(m.base, m.patch(), out) == Errc::ok);
  CHECK(out.bytes == m.target);
  const sheaf::Result<sheaf::PatchHeader> h =
      sheaf::read_patch_header(ByteSpan(m.patch().data(), m.patch().size()));
  REQUIRE(h.ok());
  CHECK(sheaf::patch_workspace_size(h.value()) >= ZSTD_estimateDCtxSize() + 120);
}

TEST_CASE("apply_patch: a base longer than its bundle (a flash slot) is fine", "[runtime][patch]") {
  const Mixed m;
  std::vector<uint8_t> slot = m.base;
  slot.resize(4096, 0xFF);
  Collected out;
  CHECK(apply(slot, m.patch(), out) == Errc::ok);
  CHECK(out.bytes == m.target);
}

TEST_CASE("apply_patch: the wrong base is refused before a byte is written", "[runtime][patch]") {
  const Mixed m;
  const std::vector<uint8_t> patch = m.patch();
  Collected out;
  SECTION("another header checksum") {
    std::vector<uint8_t> other = m.base;
    flip(other, 9, 1);
    CHECK(apply(other, patch, out) == Errc::wrong_base);
  }
  SECTION("another file size") {
    std::vector<uint8_t> other = make_base(299, 0x1122334455667788ULL);
    CHECK(apply(other, patch, out) == Errc::wrong_base);
  }
  SECTION("a base cut short") {
    CHECK(apply(slice(m.base, 0, 299), patch, out) == Errc::wrong_base);
    CHECK(apply(slice(m.base, 0, 20), patch, out) == Errc::wrong_base);
    CHECK(apply(std::vector<uint8_t>(), patch, out) == Errc::wrong_base);
  }
  CHECK(out.calls == 0);
}

TEST_CASE("apply_patch: a damaged or cut patch is refused before a byte is written",
          "[runtime][patch]") {
  const Mixed m;
  std::vector<uint8_t> patch = m.patch();
  Collected out;
  SECTION("every single body byte flipped") {
    for (size_t i = pf::kHeaderSize; i < patch.size(); ++i) {
      std::vector<uint8_t> bad = patch;
      flip(bad, i, 0x10);
      INFO("byte " << i);
      CHECK(apply(m.base, bad, out) == Errc::corrupt_patch);
    }
  }
  SECTION("every header byte flipped") {
    for (size_t i = 0; i < pf::kHeaderSize; ++i) {
      std::vector<uint8_t> bad = patch;
      flip(bad, i, 0x01);
      INFO("byte " << i);
      const Errc e = apply(m.base, bad, out);
      CHECK(e != Errc::ok);
      if (i < 8) {
        CHECK(e == Errc::bad_magic);
      }
    }
  }
  SECTION("cut anywhere") {
    for (size_t n = 0; n < patch.size(); ++n) {
      INFO("size " << n);
      CHECK(apply(m.base, slice(patch, 0, n), out) == Errc::truncated);
    }
  }
  CHECK(out.calls == 0);
}

TEST_CASE("read_patch_header: version, flags, reserved, sizes", "[runtime][patch]") {
  const Mixed m;
  const std::vector<uint8_t> good = m.patch();
  const auto header_error = [](std::vector<uint8_t> p, size_t at, uint64_t v, size_t n) {
    put_le(p, at, v, n);
    seal_header(p);
    return sheaf::read_patch_header(ByteSpan(p.data(), p.size())).error();
  };
  CHECK(header_error(good, pf::kOffVersionMajor, 2, 2) == Errc::unsupported_version);
  CHECK(header_error(good, pf::kOffVersionMinor, 7, 2) == Errc::ok);
  CHECK(header_error(good, pf::kOffFlags, 1, 4) == Errc::unsupported_feature);
  CHECK(header_error(good, pf::kOffReserved, 1, 4) == Errc::corrupt_patch);
  CHECK(header_error(good, pf::kOffPatchSize, 80, 8) == Errc::corrupt_patch);
  CHECK(header_error(good, pf::kOffPatchSize, good.size() + 1, 8) == Errc::truncated);
  CHECK(header_error(good, pf::kOffMaxChunk, (64u << 20) + 1, 4) == Errc::corrupt_patch);
  CHECK(sheaf::read_patch_header(ByteSpan()).error() == Errc::truncated);
  // Trailing bytes past patch_size are not part of the patch (a partition, a padded file).
  std::vector<uint8_t> padded = good;
  padded.resize(good.size() + 100, 0xFF);
  Collected out;
  CHECK(apply(m.base, padded, out) == Errc::ok);
  CHECK(out.bytes == m.target);
}

TEST_CASE("apply_patch: malformed ops with a valid body checksum", "[runtime][patch]") {
  const Mixed m;
  Collected out;
  const auto run = [&](const Ops& ops, const std::vector<uint8_t>& target, uint32_t max_chunk) {
    out = Collected();
    return apply(m.base, make_patch(m.base, target, ops, max_chunk), out);
  };
  const std::vector<uint8_t> all = m.base;
  SECTION("a copy past the base's end") {
    Ops ops;
    ops.copy(200, 101).end();
    CHECK(run(ops, slice(all, 200, 100), 0) == Errc::corrupt_patch);
  }
  SECTION("a copy before the base's start") {
    Ops ops;
    ops.copy(10, 10);
    ops.bytes.push_back(static_cast<uint8_t>(pf::Op::copy));
    put_number(ops.bytes, zigzag(-21));
    put_number(ops.bytes, 5);
    ops.end();
    CHECK(run(ops, slice(all, 10, 15), 0) == Errc::corrupt_patch);
  }
  SECTION("a zero-length copy") {
    Ops ops;
    ops.copy(0, 0).end();
    CHECK(run(ops, {}, 0) == Errc::corrupt_patch);
  }
  SECTION("output longer than target_size") {
    Ops ops;
    ops.copy(0, 300).end();
    CHECK(run(ops, slice(all, 0, 299), 0) == Errc::corrupt_patch);
    CHECK(out.bytes.empty());  // the op that would overrun writes nothing
  }
  SECTION("output shorter than target_size") {
    Ops ops;
    ops.copy(0, 299).end();
    CHECK(run(ops, all, 0) == Errc::corrupt_patch);
  }
  SECTION("output of the right size but other bytes") {
    Ops ops;
    ops.copy(0, 300).end();
    std::vector<uint8_t> other = all;
    flip(other, 150, 1);
    CHECK(run(ops, other, 0) == Errc::checksum_mismatch);
  }
  SECTION("no END, or bytes after it, or an unknown op") {
    Ops no_end;
    no_end.copy(0, 300);
    CHECK(run(no_end, all, 0) == Errc::corrupt_patch);
    Ops after;
    after.copy(0, 300).end().end();
    CHECK(run(after, all, 0) == Errc::corrupt_patch);
    Ops unknown;
    unknown.bytes.push_back(4);
    unknown.end();
    CHECK(run(unknown, all, 0) == Errc::corrupt_patch);
  }
  SECTION("a number longer than 64 bits") {
    Ops ops;
    ops.bytes.push_back(static_cast<uint8_t>(pf::Op::copy));
    for (int i = 0; i < 9; ++i) {
      ops.bytes.push_back(0x80);
    }
    ops.bytes.push_back(0x02);  // bit 64
    put_number(ops.bytes, 1);
    ops.end();
    CHECK(run(ops, all, 0) == Errc::corrupt_patch);
  }
  SECTION("blocks: empty, unknown mode, past the end, beyond max_chunk") {
    Ops empty;
    empty.insert_stored({}).end();
    CHECK(run(empty, {}, 16) == Errc::corrupt_patch);
    Ops mode;
    mode.insert_stored({1, 2, 3});
    mode.bytes[2] = 7;
    mode.end();
    CHECK(run(mode, {1, 2, 3}, 16) == Errc::corrupt_patch);
    Ops past;
    past.bytes = {static_cast<uint8_t>(pf::Op::insert), 50, 0, 1, 2, 3, 0};
    CHECK(run(past, {1, 2, 3}, 16) == Errc::corrupt_patch);
    Ops big;
    big.insert_zstd(std::vector<uint8_t>(20, 9)).end();
    CHECK(run(big, std::vector<uint8_t>(20, 9), 19) == Errc::corrupt_patch);
    CHECK(run(big, std::vector<uint8_t>(20, 9), 20) == Errc::ok);
    Ops add;
    add.add_stored(0, std::vector<uint8_t>(20, 0)).end();
    CHECK(run(add, slice(all, 0, 20), 19) == Errc::corrupt_patch);
    CHECK(run(add, slice(all, 0, 20), 20) == Errc::ok);
  }
  SECTION("an ADD whose block is not its length") {
    Ops ops;
    ops.bytes.push_back(static_cast<uint8_t>(pf::Op::add));
    ops.source(0, 10);
    ops.stored(std::vector<uint8_t>(9, 0));
    ops.end();
    CHECK(run(ops, slice(all, 0, 10), 16) == Errc::corrupt_patch);
  }
}

TEST_CASE("apply_patch: bad zstd blocks", "[runtime][patch]") {
  const Mixed m;
  const std::vector<uint8_t> raw(40, 'z');
  Collected out;
  const auto run = [&](std::vector<uint8_t> frame, uint64_t raw_size) {
    Ops ops;
    ops.bytes.push_back(static_cast<uint8_t>(pf::Op::insert));
    put_number(ops.bytes, raw_size);
    ops.bytes.push_back(static_cast<uint8_t>(pf::BlockMode::zstd));
    put_number(ops.bytes, frame.size());
    ops.bytes.insert(ops.bytes.end(), frame.begin(), frame.end());
    ops.end();
    out = Collected();
    return apply(m.base, make_patch(m.base, raw, ops, 64), out);
  };
  const std::vector<uint8_t> good = raw_zstd_frame(raw);
  CHECK(run(good, 40) == Errc::ok);
  CHECK(out.bytes == raw);
  CHECK(run(good, 39) == Errc::corrupt_patch);  // content other than raw_size
  CHECK(run(good, 41) == Errc::corrupt_patch);
  std::vector<uint8_t> bad_magic = good;
  flip(bad_magic, 0, 1);
  CHECK(run(bad_magic, 40) == Errc::corrupt_patch);
  CHECK(run(slice(good, 0, good.size() - 1), 40) == Errc::corrupt_patch);  // cut
  std::vector<uint8_t> two = good;  // two frames in one block
  append(two, good);
  CHECK(run(two, 40) == Errc::corrupt_patch);
  std::vector<uint8_t> dictionary = good;  // a frame that needs a dictionary: FHD dictID 1 byte
  dictionary[4] = 0x21;
  dictionary.insert(dictionary.begin() + 5, 7);
  CHECK(run(dictionary, 40) == Errc::corrupt_patch);
  CHECK(run({}, 40) == Errc::corrupt_patch);
}

TEST_CASE("apply_patch: the workspace and the sink", "[runtime][patch]") {
  const Mixed m;
  const std::vector<uint8_t> patch = m.patch();
  Collected out;
  CHECK(apply(m.base, patch, out, 1) == Errc::workspace_too_small);
  CHECK(apply(m.base, patch, out, 8, 4) == Errc::misaligned);
  CHECK(out.calls == 0);
  Collected refusing;
  refusing.refuse_after = 2;
  CHECK(apply(m.base, patch, refusing) == Errc::io_error);
  CHECK(refusing.calls == 3);  // stops at the first refusal
}

TEST_CASE("apply_patch: patches `sheaf diff` writes between real bundles", "[runtime][patch]") {
  const sheaf::test::Bundles& b = sheaf::test::Bundles::get();
  const std::pair<const sheaf::test::AlignedBytes*, const sheaf::test::AlignedBytes*> pairs[] = {
      {&b.small, &b.packed}, {&b.examples, &b.dict}, {&b.dict, &b.dict}};
  for (const auto& [from, to] : pairs) {
    REQUIRE(from->size > 0);
    REQUIRE(to->size > 0);
    const std::string old_path = sheaf::test::temp_path("patch-old.sheaf");
    const std::string new_path = sheaf::test::temp_path("patch-new.sheaf");
    const std::string patch_path = sheaf::test::temp_path("patch.patch");
    REQUIRE(sheaf::test::save_aligned(*from, old_path));
    REQUIRE(sheaf::test::save_aligned(*to, new_path));
    const std::string command = std::string(SHEAF_BINARY) + " diff -q " + old_path + " " +
                                new_path + " -o " + patch_path + " >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    const sheaf::test::AlignedBytes patch = sheaf::test::load_aligned(patch_path);
    std::remove(old_path.c_str());
    std::remove(new_path.c_str());
    std::remove(patch_path.c_str());
    const std::vector<uint8_t> base(from->span().begin(), from->span().end());
    const std::vector<uint8_t> bytes(patch.span().begin(), patch.span().end());
    Collected out;
    CHECK(apply(base, bytes, out) == Errc::ok);
    CHECK(out.bytes == std::vector<uint8_t>(to->span().begin(), to->span().end()));
  }
}
