#!/usr/bin/env bash
# Command-line tests for `sheaf diff` and `sheaf patch` (CTest test "cli_patches"): a patch
# reproduces the new bundle byte for byte, is tiny for an unchanged bundle and never much
# larger than the new bundle for unrelated ones; a wrong base, a damaged patch or a failed
# check writes nothing and leaves an existing output as it was. Conventions of tests/cli/lib.sh.
#
# Usage: patches.sh SHEAF_BINARY SOURCE_DIR WORK_DIR
set -u

if [ $# -ne 3 ]; then
  echo "usage: $0 SHEAF_BINARY SOURCE_DIR WORK_DIR" >&2
  exit 2
fi
SHEAF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
SRC=$2
W=$3
EX=$SRC/examples/articles
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
fresh_work_dir 120

size_of() {
  wc -c <"$1" | tr -d ' '
}

# OLD: the examples; SAME: built again; NEW: one article edited and one added; OTHER: a
# different corpus altogether (the English examples only).
cp -r "$EX" "$W/edited"
sed -i 's/the /THE /' "$W/edited/quake-report.txt"
printf 'A new notice\n\nThe kiosk fleet now takes nightly patches over the slow link.\n' \
  >"$W/edited/new-notice.txt"
"$SHEAF" build -q -o "$W/old.sheaf" "$EX"
"$SHEAF" build -q -o "$W/same.sheaf" "$EX"
"$SHEAF" build -q -o "$W/new.sheaf" "$W/edited"
"$SHEAF" build -q -o "$W/other.sheaf" "$EX/en"

# roundtrip NAME OLD NEW: diff then patch gives NEW byte for byte.
roundtrip() {
  run diff "$2" "$3" -o "$W/$1.patch"
  expect_rc 0
  expect_out "$1.patch: "
  expect_out " ops; "
  run patch "$2" "$W/$1.patch" -o "$W/$1.out"
  expect_rc 0
  expect_out "verified"
  check "patched result equals the new bundle" same_files "$W/$1.out" "$3"
  check "no temporary files" no_temp_files "$W"
}

begin "diff and patch: an unchanged bundle gives a tiny patch"
roundtrip same "$W/old.sheaf" "$W/same.sheaf"
check "patch under 200 bytes" test "$(size_of "$W/same.patch")" -lt 200
end

begin "diff and patch: one article edited and one added"
roundtrip edited "$W/old.sheaf" "$W/new.sheaf"
check "patch smaller than the new bundle" \
  test "$(size_of "$W/edited.patch")" -lt "$(size_of "$W/new.sheaf")"
end

begin "diff and patch: unrelated bundles, the patch at most the new bundle + 1%"
roundtrip unrelated "$W/other.sheaf" "$W/new.sheaf"
check "patch <= 1.01 x new" \
  test "$(size_of "$W/unrelated.patch")" -le "$(($(size_of "$W/new.sheaf") * 101 / 100))"
roundtrip backwards "$W/new.sheaf" "$W/other.sheaf"
end

begin "diff --json and patch --json: one object each"
run diff "$W/old.sheaf" "$W/new.sheaf" -o "$W/json.patch" --json
expect_rc 0
check "diff --json is JSON" is_json "$OUT"
check "patch_size is the file's" test "$(json_get "$OUT" patch_size)" = "$(size_of "$W/json.patch")"
check "the same patch as without --json" same_files "$W/json.patch" "$W/edited.patch"
run patch "$W/old.sheaf" "$W/json.patch" -o "$W/json.out" --json
expect_rc 0
check "patch --json is JSON" is_json "$OUT"
check "verified" test "$(json_get "$OUT" verified)" = True
end

# header_max_chunk PATCH: the header's max_chunk (u32 at offset 72).
header_max_chunk() {
  python3 -c 'import struct,sys; print(struct.unpack_from("<I", open(sys.argv[1], "rb").read(), 72)[0])' "$1"
}

begin "diff --max-chunk: a smaller chunk, the same bundle once applied"
for pair in "edited old new" "unrelated other new"; do
  read -r name from to <<<"$pair"
  run diff "$W/$from.sheaf" "$W/$to.sheaf" -o "$W/$name-4k.patch" --max-chunk 4096 --json
  expect_rc 0
  check "$name: diff --json is JSON" is_json "$OUT"
  chunk=$(json_get "$OUT" max_chunk)
  check "$name: max_chunk $chunk <= 4096" test "$chunk" -le 4096
  check "$name: chunk_limit 4096" test "$(json_get "$OUT" chunk_limit)" = 4096
  check "$name: the header's max_chunk is the one printed" \
    test "$(header_max_chunk "$W/$name-4k.patch")" = "$chunk"
  run patch "$W/$from.sheaf" "$W/$name-4k.patch" -o "$W/$name-4k.out"
  expect_rc 0
  check "$name: patched result equals the new bundle" same_files "$W/$name-4k.out" "$W/$to.sheaf"
done
run diff "$W/other.sheaf" "$W/new.sheaf" -o "$W/default.patch" --json
check "by default the unrelated patch's chunk is larger" test "$(json_get "$OUT" max_chunk)" -gt 4096
run diff "$W/other.sheaf" "$W/new.sheaf" -o "$W/min.patch" --max-chunk 1024 --json
expect_rc 0
check "--max-chunk 1024: max_chunk <= 1024" test "$(json_get "$OUT" max_chunk)" -le 1024
run patch "$W/other.sheaf" "$W/min.patch" -o "$W/min.out"
expect_rc 0
check "--max-chunk 1024: patched result equals the new bundle" same_files "$W/min.out" "$W/new.sheaf"
run diff "$W/other.sheaf" "$W/new.sheaf" -o "$W/max.patch" --max-chunk 67108864
expect_rc 0
run patch "$W/other.sheaf" "$W/max.patch" -o "$W/max.out"
expect_rc 0
check "--max-chunk 64 MiB: patched result equals the new bundle" same_files "$W/max.out" "$W/new.sheaf"
end

begin "diff --max-chunk: out of range or not a number, refused, nothing written"
for bad in 0 1023 67108865 4294967296 -1 4x 65M; do
  run diff "$W/old.sheaf" "$W/new.sheaf" -o "$W/bad.patch" --max-chunk "$bad"
  expect_rc 2
  expect_err "--max-chunk"
  check "$bad: no patch written" test ! -e "$W/bad.patch"
done
run diff "$W/old.sheaf" "$W/new.sheaf" -o "$W/bad.patch" --max-chunk 1023
expect_err "sheaf: error: --max-chunk: Value 1023 not in range 1024 to 67108864"
run diff --help
expect_out "--max-chunk"
run diff "$W/old.sheaf" "$W/new.sheaf" -o "$W/k.patch" --max-chunk 4K
expect_rc 0
run diff "$W/old.sheaf" "$W/new.sheaf" -o "$W/n.patch" --max-chunk 4096
expect_rc 0
check "--max-chunk 4K and 4096 give the same patch" same_files "$W/k.patch" "$W/n.patch"
end

begin "diff: deterministic, and '-o -' writes the patch to stdout"
STDOUT_TO=$W/stdout.patch run diff "$W/old.sheaf" "$W/new.sheaf" -o -
expect_rc 0
check "stdout patch equals the file" same_files "$W/stdout.patch" "$W/edited.patch"
end

begin "patch: the wrong base is refused, nothing written"
printf 'keep me\n' >"$W/kept.sheaf"
run patch "$W/other.sheaf" "$W/edited.patch" -o "$W/kept.sheaf"
expect_rc 1
expect_err "sheaf: error: $W/edited.patch: the patch is for another bundle (base checksum 0x"
expect_err "); $W/other.sheaf is 0x"
check "existing output unchanged" test "$(cat "$W/kept.sheaf")" = "keep me"
run patch "$W/other.sheaf" "$W/edited.patch" -o "$W/absent.sheaf"
expect_rc 1
check "no output made" test ! -e "$W/absent.sheaf"
check "no temporary files" no_temp_files "$W"
end

begin "patch: a damaged patch is refused, nothing written"
cp "$W/edited.patch" "$W/damaged.patch"
flip "$W/damaged.patch" -10
run patch "$W/old.sheaf" "$W/damaged.patch" -o "$W/kept.sheaf"
expect_rc 1
expect_err "damaged.patch: cannot apply: corrupt patch"
check "existing output unchanged" test "$(cat "$W/kept.sheaf")" = "keep me"
head -c 100 "$W/edited.patch" >"$W/cut.patch"
run patch "$W/old.sheaf" "$W/cut.patch" -o "$W/kept.sheaf"
expect_rc 1
expect_err "cut.patch: damaged patch: truncated"
run patch "$W/old.sheaf" "$W/old.sheaf" -o "$W/kept.sheaf"
expect_rc 1
expect_err "old.sheaf: not a sheaf patch"
check "existing output unchanged" test "$(cat "$W/kept.sheaf")" = "keep me"
check "no temporary files" no_temp_files "$W"
end

begin "patch: -o onto an existing file (OLD itself) replaces it on success"
cp "$W/old.sheaf" "$W/inplace.sheaf"
run patch "$W/inplace.sheaf" "$W/edited.patch" -o "$W/inplace.sheaf"
expect_rc 0
check "replaced by the new bundle" same_files "$W/inplace.sheaf" "$W/new.sheaf"
end

begin "patch: a base damaged inside (header intact) fails the target checksum"
cp "$W/old.sheaf" "$W/rotten.sheaf"
flip "$W/rotten.sheaf" -100
run patch "$W/rotten.sheaf" "$W/same.patch" -o "$W/kept.sheaf"  # copies every old byte
expect_rc 1
expect_err "the result differs from the bundle the patch makes"
check "existing output unchanged" test "$(cat "$W/kept.sheaf")" = "keep me"
end

begin "usage: diff and patch need their arguments and -o"
run diff "$W/old.sheaf" "$W/new.sheaf"
expect_rc 2
run patch "$W/old.sheaf"
expect_rc 2
run diff --help
expect_rc 0
expect_out "Usage:"
run patch --help
expect_rc 0
expect_out "Usage:"
end

echo "cli_patches: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
