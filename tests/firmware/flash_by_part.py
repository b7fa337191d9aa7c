#!/usr/bin/env python3
"""Flash bytes of a firmware build, by part, from the GNU ld map file: the zstd decoder, the
sheaf runtime with the example's main (the runtime is header-only, so it is compiled into
main.o), startup and semihosting, and libc/libgcc. The bundle itself is left out.

    flash_by_part.py firmware.map   ->  lines "PART: BYTES", then "runtime_and_decoder: BYTES"
"""
import re
import sys


def part_of(obj):
    if "/zstd/" in obj:
        return "zstd decoder"
    if obj.endswith("main.o"):
        return "sheaf runtime + main"
    if obj.endswith(("startup.o", "semihost.o")):
        return "startup + semihosting"
    return "libc + libgcc"


def main():
    text = open(sys.argv[1]).read()
    lines = text[text.index("Linker script and memory map"):].split("\n")
    parts = {}
    pending = None  # an input section whose name ld printed alone on the previous line
    for line in lines:
        alone = re.match(r"^ (\.\S+)\s*$", line)
        if alone:
            pending = alone.group(1)
            continue
        m = re.match(r"^ (\.\S+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*)$", line)
        if not m:
            continue
        name = m.group(1) or pending
        pending = None
        size = int(m.group(3), 16)
        # Code, constants and the initial values of .data live in flash; the bundle is counted
        # apart.
        if not name or size == 0 or not re.match(r"\.(text|rodata|isr_vector|ARM|data)", name):
            continue
        if name.startswith(".sheaf_bundle"):
            continue
        part = part_of(m.group(4))
        parts[part] = parts.get(part, 0) + size
    for part, n in sorted(parts.items(), key=lambda kv: -kv[1]):
        print(f"{part}: {n}")
    print(f"runtime_and_decoder: {parts.get('zstd decoder', 0) + parts.get('sheaf runtime + main', 0)}")


if __name__ == "__main__":
    main()
