#!/usr/bin/env bash
# Extraction quality guard: extracts the shared corpus's gold pages (html-zh + the seed) and
# fails when a score drops below issue 3's targets. Skips, visibly, without the corpus.
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
"$SHEAF" extract "$CORPUS"/html-zh/*.html "$CORPUS/text-zh/seed.txt" -o "$W/pred" 2>"$W/stderr" || {
  echo "sheaf extract failed:"; cat "$W/stderr"; exit 1; }
line=$("$SCORER" "$CORPUS/gold" "$W/pred" -q)
echo "$line"
python3 - "$line" <<'PY'
import sys
scores = dict(kv.split("=") for kv in sys.argv[1].split()[1:])
targets = {"body_f1": 0.98, "para_exact": 0.98, "title_exact": 0.95, "date_exact": 0.90, "cat_exact": 0.90}
low = {k: v for k, v in targets.items() if float(scores[k]) < v}
if low:
    sys.exit("below target: " + ", ".join("%s=%s < %s" % (k, scores[k], v) for k, v in low.items()))
print("all extraction targets met")
PY
