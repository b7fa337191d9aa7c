#!/usr/bin/env bash
# The README's font-subset workflow, run for real: `sheaf charset --format text` feeds fonttools'
# pyftsubset (--text-file), and the subset font maps exactly the code points the bundle shows
# (control characters aside: the text form leaves them out, and fonts draw none). The font is
# made here (fonttools' FontBuilder): a glyph for every code point of the bundle and for 1,000
# more that it does not use, so the test sees both what the subset keeps and what it drops.
# `--format ranges` (lv_font_conv's --range syntax) must name the same set as the text form.
#
#   font_subset.sh SHEAF ARTICLES_DIR WORK_DIR
#
# Skips (status 77) without pyftsubset, unless CI is set: `scripts/setup --checks` installs it.
set -euo pipefail
sheaf=$(realpath "$1")
articles=$(realpath "$2")
work=$3

if ! command -v pyftsubset >/dev/null; then
  if [[ -n ${CI:-} ]]; then
    echo "FAIL: CI must run the font-subset test (scripts/setup --checks installs fonttools)"
    exit 1
  fi
  echo "SKIP: pyftsubset not found (scripts/setup --checks installs fonttools)"
  exit 77
fi
# The Python that fonttools is installed for (Debian's), which need not be the first python3.
py=$(sed -n '1s/^#! *//p' "$(command -v pyftsubset)")

rm -rf "$work"
mkdir -p "$work"
cd "$work"
"$sheaf" build -q "$articles" -o news.sheaf
"$sheaf" charset news.sheaf --format ranges >news.ranges
"$sheaf" charset news.sheaf --format text >news.txt
"$sheaf" charset news.sheaf --format json >news.json

"$py" - news.json full.ttf <<'PY'
import json, sys
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen

used = {cp for first, last in json.load(open(sys.argv[1]))["ranges"] for cp in range(first, last + 1)}
unused = [cp for cp in range(0x4E00, 0xA000) if cp not in used][:1000]
cmap = {cp: "u%04X" % cp for cp in sorted(used | set(unused))}
names = [".notdef"] + sorted(set(cmap.values()))
pen = TTGlyphPen(None)
pen.moveTo((100, 0)); pen.lineTo((100, 700)); pen.lineTo((900, 700)); pen.lineTo((900, 0))
pen.closePath()
box = pen.glyph()
font = FontBuilder(1000, isTTF=True)
font.setupGlyphOrder(names)
font.setupCharacterMap(cmap)
font.setupGlyf({name: box for name in names})
font.setupHorizontalMetrics({name: (1000, 100) for name in names})
font.setupHorizontalHeader(ascent=880, descent=-120)
font.setupNameTable({"familyName": "SheafTest", "styleName": "Regular"})
font.setupOS2()
font.setupPost()
font.save(sys.argv[2])
PY

pyftsubset full.ttf --text-file=news.txt --output-file=news-subset.ttf

"$py" - news.json full.ttf news-subset.ttf news.ranges <<'PY'
import json, os, sys
from fontTools.ttLib import TTFont

used = {cp for first, last in json.load(open(sys.argv[1]))["ranges"] for cp in range(first, last + 1)}
def mapped(path):
    return set(TTFont(path).getBestCmap())
full, subset = (mapped(p) for p in sys.argv[2:4])
failures = 0
def check(ok, what):
    global failures
    if not ok:
        failures += 1
        print("FAIL:", what)
# lv_font_conv's --range syntax: 0xFIRST-0xLAST or 0xONE, comma-separated.
ranged = set()
for item in open(sys.argv[4]).read().strip().split(","):
    first, _, last = item.partition("-")
    check(first.startswith("0x") and (not last or last.startswith("0x")), "range item " + item)
    ranged.update(range(int(first, 16), int(last or first, 16) + 1))
check(ranged == used, "--format ranges and --format json name different sets")
shown = {cp for cp in used if cp >= 0x20 and cp != 0x7F}
check(used <= full, "the made font lacks code points of the bundle")
check(subset == shown, "the subset maps %d code points, the bundle shows %d (missing %s, extra %s)"
      % (len(subset), len(shown), sorted(shown - subset)[:5], sorted(subset - shown)[:5]))
sizes = [os.path.getsize(p) for p in sys.argv[2:4]]
print("font_subset: the bundle shows %d code points (%d of them control characters); the font "
      "maps %d (%d bytes), its subset %d (%d bytes)" %
      (len(used), len(used - shown), len(full), sizes[0], len(subset), sizes[1]))
sys.exit(1 if failures else 0)
PY
