// The firmware example's update program (issue 15): an A/B update of the bundle on a Cortex-M
// with no heap. The old bundle (slot A) and a patch made on the host by `sheaf diff` sit in
// flash; sheaf::apply_patch writes the new bundle into slot B, a RAM region standing in for a
// second flash slot (section .slot_b), which is erased (0xFF) first and then programmed in
// 256-byte pages through a one-page buffer, each page once, as flash is written. The new bundle
// is then verified before it would be switched to: apply_patch has checked its size and XXH64,
// verify_all() checks its layout, every section checksum and its index, every article is read
// frame by frame with its record checksum (the T and A lines, compared with the host reader on
// the new bundle), and, when the board has RAM for a max_read_size buffer beside slot B
// (SHEAF_FW_READ_BYTES), verify_bodies() checks every record as `sheaf verify` does. Last, the
// patch applied to slot B's bundle (not its base) must give wrong_base before writing a byte.
//
//   S <bundle bytes> <FNV-1a 32 of them, 8 hex digits>   slot B's bundle
//   T <index> <id> <title>, A <index> <body bytes> <FNV-1a 32 of the body>   as main.cpp
//   # ...   figures (sizes, RAM, stack, instructions), ignored by the comparison
//
// Exit status: 0 when all of this holds, 1 when a check fails, 2 when the patch or the old
// bundle is unusable; the startup code exits 97 to 99 on a fault or a heap allocation.
#include <cstdint>
#include <cstring>

#include <sheaf/sheaf.hpp>

#include "firmware.hpp"
#include "semihost.h"

extern "C" const uint8_t sheaf_bundle_start[];
extern "C" const uint8_t sheaf_bundle_end[];
extern "C" const uint8_t sheaf_patch_start[];
extern "C" const uint8_t sheaf_patch_end[];
extern "C" uint32_t stack_peak_bytes(void);
extern "C" void stack_repaint(void);

#ifndef SHEAF_FW_BUFFER_BYTES
#error "define SHEAF_FW_BUFFER_BYTES: the new bundle's max_frame_size (sheaf info)"
#endif
#ifndef SHEAF_FW_SLOT_BYTES
#error "define SHEAF_FW_SLOT_BYTES: slot B's size, at least the new bundle's"
#endif
#ifndef SHEAF_FW_WORKSPACE_BYTES
#error "define SHEAF_FW_WORKSPACE_BYTES: at least sheaf::patch_workspace_size() and 32 KiB"
#endif
#ifndef SHEAF_FW_BOARD
#define SHEAF_FW_BOARD "unknown"
#endif

namespace {

using namespace firmware;  // Line, Fnv1a, SysTick, list_article (firmware.hpp)

// Slot B: the second flash slot's stand-in, in its own section, not zeroed at reset.
alignas(16) __attribute__((section(".slot_b"))) uint8_t slot_b[SHEAF_FW_SLOT_BYTES];

// One workspace, used in turn: by apply_patch (zstd context + max_chunk buffer), then by the
// decoder that verifies the new bundle (zstd context). Plus the reader's frame buffer.
alignas(8) uint8_t workspace[SHEAF_FW_WORKSPACE_BYTES];
alignas(8) uint8_t frame_buffer[SHEAF_FW_BUFFER_BYTES];
#ifdef SHEAF_FW_READ_BYTES
alignas(8) uint8_t read_buffer[SHEAF_FW_READ_BYTES];  // verify_bodies: max_read_size
#endif

constexpr size_t kPageBytes = 256;  // the flash's program unit

// Slot B as flash: erased to 0xFF, then programmed a whole page at a time, front to back, each
// page once (programming a page that is not erased is an error, as on flash).
struct FlashSlot {
  uint8_t* base = nullptr;
  size_t size = 0;
  size_t programmed = 0;  // bytes programmed from the start: whole pages
  uint32_t pages = 0;
  bool fault = false;  // a page programmed twice or past the end

  void erase() {
    std::memset(base, 0xFF, size);
    programmed = 0;
    pages = 0;
    fault = false;
  }

  bool program(const uint8_t* page) {
    if (kPageBytes > size - programmed) {
      fault = true;
      return false;
    }
    uint8_t* to = base + programmed;
    for (size_t i = 0; i < kPageBytes; ++i) {
      if (to[i] != 0xFF) {
        fault = true;
        return false;
      }
    }
    std::memcpy(to, page, kPageBytes);
    programmed += kPageBytes;
    ++pages;
    return true;
  }
};

// The sink: gathers apply_patch's pieces into one page buffer and programs each page as it
// fills; finish() pads the last page with 0xFF (erased bytes) and programs it.
struct PageWriter {
  FlashSlot* slot = nullptr;
  uint8_t page[kPageBytes];
  size_t fill = 0;
  uint64_t received = 0;

  static bool sink(void* context, const uint8_t* data, size_t size) {
    PageWriter& w = *static_cast<PageWriter*>(context);
    w.received += size;
    while (size > 0) {
      const size_t n = size < kPageBytes - w.fill ? size : kPageBytes - w.fill;
      std::memcpy(w.page + w.fill, data, n);
      w.fill += n;
      data += n;
      size -= n;
      if (w.fill == kPageBytes) {
        if (!w.slot->program(w.page)) {
          return false;
        }
        w.fill = 0;
      }
    }
    return true;
  }

  bool finish() {
    if (fill == 0) {
      return true;
    }
    std::memset(page + fill, 0xFF, kPageBytes - fill);
    fill = 0;
    return slot->program(page);
  }
};

FlashSlot slot;
PageWriter writer;

// A sink that only counts: the negative run must not write a byte.
bool count_bytes(void* context, const uint8_t* /*data*/, size_t size) {
  *static_cast<uint64_t*>(context) += size;
  return true;
}

sheaf::MutableByteSpan buffer() {
  return sheaf::MutableByteSpan(frame_buffer, sizeof(frame_buffer));
}

sheaf::ByteSpan old_bundle() {
  return sheaf::ByteSpan(sheaf_bundle_start,
                         static_cast<size_t>(sheaf_bundle_end - sheaf_bundle_start));
}

sheaf::ByteSpan patch_bytes() {
  return sheaf::ByteSpan(sheaf_patch_start,
                         static_cast<size_t>(sheaf_patch_end - sheaf_patch_start));
}

// The update: the patch applied from slot A to slot B. Not inlined, so that the stack peak
// measured around it is the applier's (plus this frame and main's).
__attribute__((noinline)) sheaf::Errc apply_to_slot_b(size_t workspace_bytes) {
  slot.base = slot_b;
  slot.size = sizeof(slot_b);
  slot.erase();
  writer.slot = &slot;
  writer.fill = 0;
  writer.received = 0;
  const sheaf::Errc e = sheaf::apply_patch(old_bundle(), patch_bytes(),
                                           sheaf::MutableByteSpan(workspace, workspace_bytes),
                                           &PageWriter::sink, &writer);
  if (e != sheaf::Errc::ok) {
    return e;
  }
  return writer.finish() ? sheaf::Errc::ok : sheaf::Errc::io_error;
}

// What verify_slot_b() measured.
struct VerifyFigures {
  uint32_t verify_insns = 0;  // open, verify_all (and verify_bodies), decoder init
  uint32_t read_insns = 0;    // every article read frame by frame
  size_t workspace = 0;       // the decoder's part of the workspace
};

// The new bundle in slot B, checked before it would be switched to: opened from the whole
// slot (a bundle ignores the bytes past its own size), verified, every article read. Prints
// its S, T and A lines. Returns false on any error.
__attribute__((noinline)) bool verify_slot_b(VerifyFigures& f) {
  const sheaf::ByteSpan bytes(slot_b, sizeof(slot_b));
  SysTick::start();
  uint32_t t0 = SysTick::now();
  const sheaf::Result<sheaf::Bundle> opened = sheaf::Bundle::open(bytes);
  if (!opened.ok()) {
    Line().text("FAIL: slot B does not open: ").text(sheaf::to_string(opened.error())).end();
    return false;
  }
  const sheaf::Bundle& bundle = opened.value();
  if (const sheaf::Errc e = sheaf::verify_all(bundle); e != sheaf::Errc::ok) {
    Line().text("FAIL: slot B: verify_all: ").text(sheaf::to_string(e)).end();
    return false;
  }
  const sheaf::Result<sheaf::Decoder> init =
      sheaf::Decoder::init(bundle, sheaf::MutableByteSpan(workspace, sizeof(workspace)));
  if (!init.ok()) {
    Line().text("FAIL: slot B: decoder: ").text(sheaf::to_string(init.error())).end();
    return false;
  }
  sheaf::Decoder decoder = init.value();
  f.workspace = sheaf::Decoder::small_workspace_size(bundle);
  if (bundle.info().max_frame_size > sizeof(frame_buffer)) {
    Line().text("FAIL: slot B: frames larger than the frame buffer").end();
    return false;
  }
#ifdef SHEAF_FW_READ_BYTES
  const sheaf::Errc bodies =
      bundle.info().max_read_size > sizeof(read_buffer)
          ? sheaf::Errc::output_too_small
          : sheaf::verify_bodies(bundle, decoder,
                                 sheaf::MutableByteSpan(read_buffer, sizeof(read_buffer)));
  if (bodies != sheaf::Errc::ok) {
    Line().text("FAIL: slot B: verify_bodies: ").text(sheaf::to_string(bodies)).end();
    return false;
  }
#endif
  uint32_t t1 = SysTick::now();
  f.verify_insns = SysTick::instructions(t0, t1, SysTick::wrapped());

  const sheaf::ByteSpan file = bundle.file();
  Fnv1a whole;
  whole.add(std::string_view(reinterpret_cast<const char*>(file.data()), file.size()));
  Line().text("S ").number(static_cast<uint32_t>(file.size())).text(" ").hex8(whole.h).end();
  bool ok = true;
  SysTick::start();
  t0 = SysTick::now();
  for (uint32_t i = 0; i < bundle.size(); ++i) {
    uint32_t parts = 0;
    ok = list_article(bundle, decoder, i, buffer(), parts) && ok;
  }
  t1 = SysTick::now();
  f.read_insns = SysTick::instructions(t0, t1, SysTick::wrapped());
  return ok;
}

}  // namespace

int main() {
  const sheaf::Result<sheaf::PatchHeader> header = sheaf::read_patch_header(patch_bytes());
  if (!header.ok()) {
    Line().text("FAIL: patch header: ").text(sheaf::to_string(header.error())).end();
    return 2;
  }
  const sheaf::PatchHeader& h = header.value();
  const size_t need = sheaf::patch_workspace_size(h);
  Line()
      .text("# board ")
      .text(SHEAF_FW_BOARD)
      .text(" old_bytes ")
      .number(static_cast<uint32_t>(old_bundle().size()))
      .text(" patch_bytes ")
      .number(static_cast<uint32_t>(h.patch_size))
      .text(" new_bytes ")
      .number(static_cast<uint32_t>(h.target_size))
      .text(" max_chunk ")
      .number(h.max_chunk)
      .text(" slot_b_bytes ")
      .number(static_cast<uint32_t>(sizeof(slot_b)))
      .end();
  if (need > sizeof(workspace) || h.target_size > sizeof(slot_b)) {
    Line().text("FAIL: the patch needs a workspace of ").number(static_cast<uint32_t>(need)).end();
    return 2;
  }

  // The update, its instructions and its stack: the stack is painted again just before, so the
  // peak read after it is the update's.
  stack_repaint();
  SysTick::start();
  uint32_t t0 = SysTick::now();
  const sheaf::Errc applied = apply_to_slot_b(need);
  uint32_t t1 = SysTick::now();
  const uint32_t apply_insns = SysTick::instructions(t0, t1, SysTick::wrapped());
  const uint32_t apply_stack = stack_peak_bytes();
  if (applied != sheaf::Errc::ok) {
    Line()
        .text("FAIL: apply_patch: ")
        .text(sheaf::to_string(applied))
        .text(slot.fault ? " (slot B: page programmed twice or past its end)" : "")
        .end();
    return 1;
  }
  Line()
      .text("# apply ")
      .number(static_cast<uint32_t>(writer.received))
      .text(" bytes written in ")
      .number(slot.pages)
      .text(" pages of ")
      .number(static_cast<uint32_t>(kPageBytes))
      .text(" B: instructions ")
      .number(apply_insns)
      .end();
  const uint32_t apply_ram = static_cast<uint32_t>(need + sizeof(writer.page)) + apply_stack;
  Line()
      .text("# ram apply workspace ")
      .number(static_cast<uint32_t>(need))
      .text(" page_buffer ")
      .number(static_cast<uint32_t>(sizeof(writer.page)))
      .text(" stack ")
      .number(apply_stack)
      .text(" total ")
      .number(apply_ram)
      .end();

  stack_repaint();
  VerifyFigures v;
  bool ok = verify_slot_b(v);
  const uint32_t verify_stack = stack_peak_bytes();
  Line()
#ifdef SHEAF_FW_READ_BYTES
      .text("# verify verify_all+verify_bodies: instructions ")
#else
      .text("# verify verify_all: instructions ")
#endif
      .number(v.verify_insns)
      .text(" read_all_articles: instructions ")
      .number(v.read_insns)
      .text(" stack ")
      .number(verify_stack)
      .end();
  Line()
      .text("# ram verify workspace ")
      .number(static_cast<uint32_t>(v.workspace))
      .text(" frame_buffer ")
      .number(static_cast<uint32_t>(sizeof(frame_buffer)))
#ifdef SHEAF_FW_READ_BYTES
      .text(" read_buffer ")
      .number(static_cast<uint32_t>(sizeof(read_buffer)))
#endif
      .end();

  // The wrong base: slot B's own bundle. Refused before a byte is written.
  uint64_t written = 0;
  const sheaf::Errc wrong = sheaf::apply_patch(
      sheaf::ByteSpan(slot_b, static_cast<size_t>(writer.received)), patch_bytes(),
      sheaf::MutableByteSpan(workspace, need), &count_bytes, &written);
  const bool refused = wrong == sheaf::Errc::wrong_base && written == 0;
  Line()
      .text("# wrong base: ")
      .text(refused ? "refused: " : "NOT refused: ")
      .text(sheaf::to_string(wrong))
      .text(", bytes written ")
      .number(static_cast<uint32_t>(written))
      .end();
  ok = refused && ok;
  Line().text(ok ? "# OK" : "# FAILED").end();
  return ok ? 0 : 1;
}
