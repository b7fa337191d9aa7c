#!/usr/bin/env bash
# Extraction quality guard: extracts the shared corpus's gold pages and fails when a score drops
# below the issues' targets: the Chinese pages and the seed against gold/ (issue 3), the English
# pages of html/en against gold-en/ (issue 16). Skips, visibly, without the corpus.
# Usage: extract_gold.sh SHEAF_BINARY CORPUS_DIR WORK_DIR
set -u
SHEAF=$1
CORPUS=$2
W=$3
SCORER=$CORPUS/../tools/score-extraction
if [ ! -d "$CORPUS/gold" ] || [ ! -x "$SCORER" ]; then
  echo "SKIPPED: shared corpus or scorer not found at $CORPUS"
  exit 0
fi
rm -rf "$W" && mkdir -p "$W"
failed=0

# guard NAME GOLD_DIR TARGETS INPUT...: extracts INPUT into $W/NAME, scores it against GOLD_DIR
# and checks every score against TARGETS ("body_f1=0.98 title_exact=0.95 ...").
guard() {
  local name=$1 gold=$2 targets=$3
  shift 3
  "$SHEAF" extract "$@" -o "$W/$name" 2>"$W/$name.stderr" || {
    echo "$name: sheaf extract failed:"; cat "$W/$name.stderr"; failed=1; return; }
  local line
  line=$("$SCORER" "$gold" "$W/$name" -q)
  echo "$name: $line"
  python3 - "$name" "$line" "$targets" <<'PY' || failed=1
import sys
name, line, targets = sys.argv[1:4]
scores = dict(kv.split("=") for kv in line.split()[1:])
want = dict(kv.split("=") for kv in targets.split())
low = {k: v for k, v in want.items() if float(scores[k]) < float(v)}
if low:
    sys.exit("%s: below target: " % name + ", ".join("%s=%s < %s" % (k, scores[k], v) for k, v in low.items()))
print("%s: all extraction targets met" % name)
PY
}

guard zh "$CORPUS/gold" "body_f1=0.98 para_exact=0.98 title_exact=0.95 date_exact=0.90 cat_exact=0.90" \
  "$CORPUS"/html-zh/*.html "$CORPUS/text-zh/seed.txt"
if [ -d "$CORPUS/gold-en" ]; then
  guard en "$CORPUS/gold-en" "body_f1=0.97 para_exact=0.95 title_exact=0.95 date_exact=0.90 cat_exact=0.90" \
    "$CORPUS/html/en"
else
  echo "en: SKIPPED: $CORPUS/gold-en not found"
fi
exit "$failed"
