#!/usr/bin/env python3
"""Generate compiler/extract/text/entities_table.inc, the HTML5 named character reference table.

The source is Python's standard library `html.entities.html5`, which mirrors the WHATWG
list (https://html.spec.whatwg.org/entities.json). Names keep their trailing ';'. The
legacy names that may appear without ';' (e.g. "amp", "nbsp", "not") are listed a second
time without it, exactly as in the WHATWG table.

Usage:
  scripts/gen_entities.py            rewrite compiler/extract/text/entities_table.inc
  scripts/gen_entities.py --check    exit 1 if the committed file is out of date
  scripts/gen_entities.py --stdout   print the table instead of writing it

The output depends only on the table, not on the Python version or the time, so it can be
regenerated and diffed in CI.
"""

import argparse
import html.entities
import pathlib
import sys

OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "compiler" / "extract" / "text" / "entities_table.inc"


# The table is the HTML Standard's, whose footer says: "This work is licensed under a Creative
# Commons Attribution 4.0 International License. To the extent portions of it are incorporated
# into source code, such portions in the source code are licensed under the BSD 3-Clause License
# instead." The generated file carries that license (THIRD-PARTY.md).
WHATWG_NOTICE = """\
The named character references are from the WHATWG HTML Standard
(html.spec.whatwg.org/entities.json). Copyright (c) WHATWG (Apple, Google, Mozilla, Microsoft).
As portions of the Standard incorporated into source code, they are licensed under the BSD
3-Clause License:

Redistribution and use in source and binary forms, with or without modification, are permitted
provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this list of
   conditions and the following disclaimer.
2. Redistributions in binary form must reproduce the above copyright notice, this list of
   conditions and the following disclaimer in the documentation and/or other materials provided
   with the distribution.
3. Neither the name of the copyright holder nor the names of its contributors may be used to
   endorse or promote products derived from this software without specific prior written
   permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR
IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND
FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR
CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE,
DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY,
WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY
WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
"""


def c_string(data: bytes) -> str:
    """A C++ string literal for any bytes: every byte as \\xNN, so no escape can run on."""
    return '"' + "".join("\\x%02X" % b for b in data) + '"'


def render() -> str:
    entries = sorted(html.entities.html5.items(), key=lambda kv: kv[0].encode("ascii"))
    names = [name.encode("ascii") for name, _ in entries]
    if names != sorted(set(names)):
        raise SystemExit("gen_entities: names are not unique and sorted")
    for name in names:
        if not name.replace(b";", b"").isalnum() or b";" in name[:-1]:
            raise SystemExit("gen_entities: unexpected name %r" % name)
    max_len = max(len(n) for n in names)
    lines = [
        "// GENERATED FILE, DO NOT EDIT. Made by scripts/gen_entities.py from Python's",
        "// html.entities.html5 (the WHATWG named character references); regenerate with",
        "//   python3 scripts/gen_entities.py",
        "// and check with `python3 scripts/gen_entities.py --check`.",
        "//",
    ] + ["// " + line if line else "//" for line in WHATWG_NOTICE.splitlines()] + [
        "//",
        "// %d names, sorted byte-wise for binary search; legacy names appear with and without ';'."
        % len(entries),
        "// Included by compiler/extract/text/entities.cpp, which defines NamedEntity.",
        "// clang-format off",
        "constexpr size_t kMaxEntityNameLength = %d;" % max_len,
        "",
        "constexpr NamedEntity kNamedEntities[] = {",
    ]
    for name, value in entries:
        code_points = " ".join("U+%04X" % ord(ch) for ch in value)
        lines.append('    {"%s", %s},  // %s' % (name, c_string(value.encode("utf-8")), code_points))
    lines.append("};")
    lines.append("// clang-format on")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="fail if the committed table differs")
    group.add_argument("--stdout", action="store_true", help="print instead of writing")
    args = parser.parse_args()
    text = render()
    if args.stdout:
        sys.stdout.write(text)
        return 0
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print("gen_entities: %s is out of date; run scripts/gen_entities.py" % OUTPUT,
                  file=sys.stderr)
            return 1
        return 0
    OUTPUT.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
