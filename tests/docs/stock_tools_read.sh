#!/usr/bin/env bash
# CTest "stock_tools_read": tools/sheaf-read.sh, the SPEC's reader made of stock tools, gives
# byte for byte the body `sheaf cat` gives: for every article of the examples bundle as built
# by default, and for every fourth article and the largest one (the record spanning most frames)
# as built with --no-pack-dictionary (the default packs it), with --dict-size 0 and with --block-size 1024. (The script
# spawns a process per byte of a record's header: every article of every variant takes
# minutes on a loaded machine.)
#
# Usage: stock_tools_read.sh SHEAF_BINARY SOURCE_DIR WORK_DIR
# Prints "ok   - VARIANT ID" or "FAIL - VARIANT ID: why" per article, then a count; exits 1 on
# any failure, 2 when a tool the recipe needs is missing.
set -u
if [ $# -ne 3 ]; then
  echo "usage: $0 SHEAF_BINARY SOURCE_DIR WORK_DIR" >&2
  exit 2
fi
SHEAF=$(realpath "$1") SRC=$(realpath "$2") W=$(realpath -m "$3")
for tool in od dd flatc jq zstd xxhsum; do
  command -v "$tool" >/dev/null || { echo "stock_tools_read: $tool is missing (scripts/setup installs it)" >&2; exit 2; }
done
rm -rf "$W" && mkdir -p "$W" || exit 2

passed=0 failed=0
for variant in default no-pack-dictionary dict-size-0 block-size-1024; do
  case $variant in
    default) flags=() ;;
    no-pack-dictionary) flags=(--no-pack-dictionary) ;;
    dict-size-0) flags=(--dict-size 0) ;;
    block-size-1024) flags=(--block-size 1024) ;;
  esac
  bundle=$W/$variant.sheaf
  if ! "$SHEAF" build -q "${flags[@]}" "$SRC/examples/articles" -o "$bundle" 2>"$W/$variant.err"; then
    echo "FAIL - $variant: sheaf build: $(head -n 1 "$W/$variant.err")"
    failed=$((failed + 1))
    continue
  fi
  frames=$("$SHEAF" info --json "$bundle" | jq .frames)
  echo "# $variant: $("$SHEAF" ls "$bundle" | wc -l) articles, $frames frames"
  if [ "$variant" = default ]; then
    "$SHEAF" ls "$bundle" | cut -f1 >"$W/$variant.ids"
  else
    { "$SHEAF" ls "$bundle" | cut -f1 | awk 'NR % 4 == 1'
      "$SHEAF" ls --json "$bundle" | jq -rs 'max_by(.size) | .id'; } | sort -u >"$W/$variant.ids"
  fi
  while IFS= read -r id; do
    scratch=$W/$variant.scratch
    rm -rf "$scratch" && mkdir -p "$scratch"
    "$SHEAF" cat --json "$bundle" "$id" | jq -j '.paragraphs | join("\n")' >"$W/expected"
    if ! (cd "$scratch" && sh "$SRC/tools/sheaf-read.sh" "$bundle" "$id") >"$W/got" 2>"$W/why"; then
      echo "FAIL - $variant $id: sheaf-read.sh: $(head -n 1 "$W/why")"
      failed=$((failed + 1))
    elif ! cmp -s "$W/expected" "$W/got"; then
      echo "FAIL - $variant $id: the body differs from sheaf cat's ($(wc -c <"$W/got") vs $(wc -c <"$W/expected") bytes)"
      failed=$((failed + 1))
    else
      echo "ok   - $variant $id"
      passed=$((passed + 1))
    fi
  done <"$W/$variant.ids"
done
echo "stock_tools_read: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
