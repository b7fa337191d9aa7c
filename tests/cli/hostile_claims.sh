#!/usr/bin/env bash
# Command-line tests for issue 13's crafted bundles ("Claims a bundle makes", CTest test
# "cli_hostile_claims"): checksum-valid bundles of a few KB that claim gigabytes. Each case
# asserts the error sheaf prints and that nothing crashed; the memory and time they cost are
# figures of bench/hostile/crafted_bundles, not asserted here. Same conventions as run.sh
# (tests/cli/lib.sh).
#
# Usage: hostile_claims.sh SHEAF_BINARY CRAFT_BINARY WORK_DIR
set -u

if [ $# -ne 3 ]; then
  echo "usage: $0 SHEAF_BINARY CRAFT_BINARY WORK_DIR" >&2
  exit 2
fi
SHEAF=$1
CRAFT=$2
W=$3
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
fresh_work_dir 60
"$CRAFT" "$W" --light >/dev/null || { echo "cannot craft the bundles" >&2; exit 2; }

begin "a kept source claiming 2 GiB (and 1 TiB; and 2 GiB in a 1 MiB window): verify and unpack --source refuse it, no file left"
for b in source-2gib source-1tib source-2gib-windowed; do
  run verify "$W/$b.sheaf"
  expect_rc 1
  expect_err "$b.sheaf: damaged: in.txt: kept source of "
  expect_err " bytes does not decompress: "
  run unpack --source "$W/$b.sheaf" -o "$W/out-$b"
  expect_rc 1
  expect_err " bytes does not decompress: "
  check "unpack --source left a partial file" test ! -e "$W/out-$b/in.txt"
done
expect_err "in.txt: kept source of 2147483648 bytes does not decompress: its frame ends after 16 bytes"
end

begin "max_read_size of 2 GiB and 0xFFFFFFFF: ls, cat and unpack read with a frame buffer; verify refuses it"
for b in max-read-2gib max-read-ffffffff; do
  run ls "$W/$b.sheaf"
  expect_rc 0
  expect_out "b-2"
  run cat "$W/$b.sheaf" c-3
  expect_rc 0
  expect_out "Body of c-3."
  run unpack "$W/$b.sheaf" -o "$W/out-$b"
  expect_rc 0
  run verify "$W/$b.sheaf"
  expect_rc 1
  expect_err "$b.sheaf: damaged: corrupt index"
done
end

begin "20,000 articles alternating between two 64 MiB frames: ls and unpack stop at article 2 (V9), verify at once, cat reads one frame"
run ls "$W/alternating-64mib.sheaf"
expect_rc 1
expect_out "a0000001"
expect_err "article 2 (its record does not follow the frames in order): corrupt index (SPEC rule V9)"
run unpack "$W/alternating-64mib.sheaf" -o "$W/out-alternating"
expect_rc 1
expect_err "article 2 (its record does not follow the frames in order): corrupt index (SPEC rule V9)"
run verify "$W/alternating-64mib.sheaf"
expect_rc 1
expect_err "alternating-64mib.sheaf: damaged: corrupt index"
run cat "$W/alternating-64mib.sheaf" a0000001
expect_rc 0
expect_out "Body of a0000001."
run cat "$W/alternating-64mib.sheaf" a0019999  # its id key names it: one frame decoded
expect_rc 0
expect_out "Body of a0019999."
end

begin "two frames of 4 GiB: every command refuses the bundle at open (rule I11)"
for c in verify ls info; do
  run "$c" "$W/frames-4gib.sheaf"
  expect_rc 1
  expect_err "frames-4gib.sheaf: not a readable bundle: corrupt index"
done
end

begin "a packed dictionary claiming 1 GiB: refused before any workspace is sized (rule D3)"
for c in verify ls; do
  run "$c" "$W/packed-dictionary-1gib.sheaf"
  expect_rc 1
  expect_err "packed-dictionary-1gib.sheaf: cannot initialize the decoder: corrupt body"
done
end

begin "a valid bundle whose title runs past its first frame: cat, ls and verify read it (frame-sized buffers are enough)"
python3 -c 'import json; print(json.dumps({"id": "long-title", "title": "T" * 3000, "body": "x" * 5000}))' \
  >"$W/long.json"
run build -q --block-size 1024 "$W/long.json" -o "$W/long.sheaf"
expect_rc 0
run cat "$W/long.sheaf" long-title
expect_rc 0
expect_out "TTTTTTTTTT"
run ls "$W/long.sheaf"
expect_rc 0
expect_out "long-title"
run verify "$W/long.sheaf"
expect_rc 0
end

echo "cli_hostile_claims: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
