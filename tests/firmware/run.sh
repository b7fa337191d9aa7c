#!/usr/bin/env bash
# The firmware test (issue 5): builds bundles from examples/articles/ with the host's `sheaf`, links each
# into the firmware example (examples/firmware), runs it under QEMU on the netduinoplus2
# (STM32F405: 1 MiB flash, 192 KiB RAM) and mps2-an386 boards, and compares every title and
# body checksum it prints with the host reader's (list_articles), and its home screen (the 10
# newest headlines, read from the NAVIGATION and HEADLINES sections) with `sheaf ls --newest`, and
# its search (a two-term query over the SEARCH section: the bundles are built with --search, so
# that every optional table is in place) with `sheaf search` and `sheaf search --json`. Prints the
# budgets measured on the MCU and fails when one is exceeded:
#   RAM to read any article (decoder workspace + frame buffer), and that plus the search's
#   scratch and hits, and plus the home screen's lines: <= 96 KiB at the default --block-size,
#   < 64 KiB at 16K; runtime + zstd decoder code <= 48 KiB of flash; peak stack <= 2 KiB; no heap
#   (the startup code's _sbrk ends the run with status 98).
# Also compiles the minimal firmware of runtime/README.md ("Firmware integration") for the MCU.
# The update (issue 15): a patch made by `sheaf diff` from an older bundle of the examples (two
# articles fewer, one edited) to the current one, applied on both boards by the update program
# (examples/firmware/patch_main.cpp) from the old bundle in flash into slot B, then verified and
# listed: its bytes and articles compared with the host's new bundle. Fails when the update takes
# more than 96 KiB of RAM (workspace + page buffer + stack) or 2 KiB of stack, when reading slot
# B takes more than 2 KiB of stack on netduinoplus2, or when the patch applied to another bundle
# is not refused with wrong_base before writing a byte.
#
#   run.sh SHEAF LIST_ARTICLES REPO WORK
# Skips (status 77) when the toolchain is missing, unless CI is set: CI installs it
# (scripts/setup --embedded) and must run this.
set -euo pipefail
sheaf=$1 list=$2 repo=$3 work=$4

missing=()
for tool in arm-none-eabi-g++ arm-none-eabi-size qemu-system-arm make python3; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
[[ -f $repo/build-deps/zstd/lib/zstd.h ]] || missing+=("zstd source (build-deps/zstd)")
if ((${#missing[@]})); then
  echo "SKIP: missing ${missing[*]}; run scripts/setup --embedded"
  [[ -n ${CI:-} ]] && { echo "FAIL: CI must run the firmware test"; exit 1; }
  exit 77
fi

rm -rf "$work"
mkdir -p "$work"
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}

json_field() {  # json_field FILE KEY
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}

here=$(cd "$(dirname "$0")" && pwd)

# build_firmware OUT LABEL MAKE_VARIABLE...: builds examples/firmware into OUT; on failure shows
# the log, fails "LABEL: firmware does not build" and returns 1.
build_firmware() {
  local out=$1 label=$2
  shift 2
  if make -s -C "$repo/examples/firmware" ZSTD_SRC="$repo/build-deps/zstd" OUT="$out" "$@" \
      >"$out.make.log" 2>&1; then
    return 0
  fi
  cat "$out.make.log"
  fail "$label: firmware does not build"
  return 1
}

# run_firmware BOARD OUT LABEL SECONDS: runs OUT/firmware.elf under QEMU, its semihosting output
# (stderr) into OUT.txt; on a non-zero exit shows its last lines, fails "LABEL: firmware exited
# with status N" and returns 1.
run_firmware() {
  local board=$1 out=$2 label=$3 seconds=$4
  local status=0
  timeout "$seconds" qemu-system-arm -M "$board" -nographic -monitor none -serial null \
    -semihosting-config enable=on,target=native -icount shift=0 \
    -kernel "$out/firmware.elf" >"$out.txt" 2>&1 || status=$?
  if ((status == 0)); then
    return 0
  fi
  grep -v '^[TA] ' "$out.txt" | tail -20 || true
  fail "$label: firmware exited with status $status"
  return 1
}

# run_board BOARD TAG BUNDLE: builds and runs the firmware; checks its output against the host.
run_board() {
  local board=$1 tag=$2 bundle=$3
  local out=$work/$board-$tag
  local frame
  frame=$(json_field "$work/$tag.info.json" max_frame_size)
  build_firmware "$out" "$board $tag" BOARD="$board" BUNDLE="$bundle" BUFFER_BYTES="$frame" ||
    return
  run_firmware "$board" "$out" "$board $tag" 300 || return
  if ! grep '^[TA] ' "$out.txt" | diff -u "$work/$tag.host.txt" - >"$out.diff"; then
    head -40 "$out.diff"
    fail "$board $tag: titles or bodies differ from the host reader"
    return
  fi
  if ! grep '^H ' "$out.txt" | diff -u "$work/$tag.home.txt" - >"$out.home.diff"; then
    head -20 "$out.home.diff"
    fail "$board $tag: the home screen differs from sheaf ls --newest"
    return
  fi
  # The search: its query from the firmware's Q line, its hits against the CLI's.
  local query
  query=$(sed -n 's/^Q \([^\t]*\)\t.*/\1/p' "$out.txt")
  if [[ -z $query ]]; then
    fail "$board $tag: no search result (Q line)"
    return
  fi
  local counts
  counts=$("$sheaf" search "$bundle" "$query" --limit 10 2>&1 >/dev/null |
    sed -n 's/^\([0-9]*\) matching articles, \([0-9]*\) shown$/\1\t\2/p')
  {
    printf 'Q %s\t%s\n' "$query" "$counts"
    "$sheaf" search "$bundle" "$query" --limit 10 --json | python3 -c '
import json, sys
for l in sys.stdin:
    h = json.loads(l)
    print("R %s\t%s\t%s" % (h["id"], h["title_terms"], h["frequency"]))'
  } >"$out.search.txt"
  if ! grep '^[QR] ' "$out.txt" | diff -u "$out.search.txt" - >"$out.search.diff"; then
    head -20 "$out.search.diff"
    fail "$board $tag: the search differs from sheaf search"
    return
  fi
  local articles
  articles=$(grep -c '^A ' "$out.txt")
  local ram stack flash search_ram list_ram
  ram=$(sed -n 's/^# ram .* read_any_article \([0-9]*\).*/\1/p' "$out.txt")
  search_ram=$(sed -n 's/^# search .* ram \([0-9]*\).*/\1/p' "$out.txt")
  list_ram=$(sed -n 's/^# home screen .* ram \([0-9]*\).*/\1/p' "$out.txt")
  stack=$(sed -n 's/^# stack peak \([0-9]*\)/\1/p' "$out.txt")
  python3 "$here/flash_by_part.py" "$out/firmware.map" >"$out.flash"
  flash=$(sed -n 's/^runtime_and_decoder: //p' "$out.flash")
  echo "$board $tag: $articles articles, the home screen and the search ($(grep -c '^R ' "$out.txt") hits) match the host"
  if [[ -z $search_ram || -z $list_ram ]]; then
    fail "$board $tag: no search or home screen figures"
    return
  fi
  grep '^# ' "$out.txt" | sed "s/^# /  /"
  echo "  flash bytes: $(grep -v runtime_and_decoder "$out.flash" | paste -sd, | sed 's/,/, /g')"
  grep -q '^# misaligned +1: refused' "$out.txt" || fail "$board $tag: bundle at +1 not refused"
  grep -q '^# misaligned +4: refused' "$out.txt" || fail "$board $tag: bundle at +4 not refused"
  local expected
  expected=$(json_field "$work/$tag.info.json" firmware_ram_bytes)
  [[ $ram == "$expected" ]] ||
    fail "$board $tag: RAM to read $ram bytes, sheaf info says firmware_ram_bytes $expected"
  if [[ $board == netduinoplus2 ]]; then
    ((stack <= 2048)) || fail "$board $tag: peak stack $stack bytes > 2048"
    ((flash <= 49152)) || fail "$board $tag: runtime + decoder $flash bytes of flash > 48 KiB"
    # Reading, then a search or a list screen beside it: the firmware's RAM at its peak.
    local all=$((ram + search_ram + list_ram))
    echo "  ram read_any_article $ram + search $search_ram + list_screen $list_ram = $all"
    case $tag in
      default) ((all <= 98304)) || fail "$board $tag: RAM to read, search and list $all > 96 KiB" ;;
      bs16k) ((all < 65536)) || fail "$board $tag: RAM to read, search and list $all >= 64 KiB" ;;
    esac
  fi
}

# The README's minimal firmware and its update example must compile with the firmware's flags.
readme_example() {  # readme_example MARKER: the first cpp block after <!-- MARKER -->
  local marker=$1
  local src=$work/readme_$marker.cpp
  awk -v marker="<!-- $marker -->" '$0 == marker {on = 1; next} on && /^```cpp/ {code = 1; next}
       code && /^```/ {exit} code {print}' "$repo/runtime/README.md" >"$src"
  if [[ ! -s $src ]]; then
    fail "runtime/README.md has no $marker"
    return
  fi
  mkdir -p "$work/include" && ln -sfn /usr/include/flatbuffers "$work/include/flatbuffers"
  if arm-none-eabi-g++ -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -Os -std=c++17 \
      -fno-exceptions -fno-rtti -Wall -Wextra -Werror -I"$repo/runtime/include" -I"$work/include" \
      -I"$repo/build-deps/zstd/lib" -c "$src" -o "$work/readme_$marker.o"; then
    echo "runtime/README.md $marker: compiles for Cortex-M4"
  else
    fail "runtime/README.md $marker does not compile"
  fi
}
readme_example firmware-example
readme_example patch-example

for tag in default bs16k bs64k; do
  args=()
  case $tag in
    bs16k) args=(--block-size 16384) ;;
    bs64k) args=(--block-size 65536) ;;
  esac
  bundle=$work/$tag.sheaf
  # Flash bundles keep the dictionary as is, used in place (packed is for hosts).
  "$sheaf" build -q --no-pack-dictionary --search "${args[@]}" -o "$bundle" "$repo/examples/articles"
  "$sheaf" info --json "$bundle" >"$work/$tag.info.json"
  "$list" "$bundle" >"$work/$tag.host.txt"
  # The home screen the firmware must show: the 10 newest headlines, date and title.
  "$sheaf" ls --newest "$bundle" | head -n 10 | awk -F '\t' '{print "H " $2 "\t" $3}' \
    >"$work/$tag.home.txt"
  # The flash the SEARCH section costs: the same bundle without it.
  "$sheaf" build -q --no-pack-dictionary "${args[@]}" -o "$work/$tag.no-search.sheaf" \
    "$repo/examples/articles"
  echo "== $tag: $(stat -c %s "$bundle") bytes ($(stat -c %s "$work/$tag.no-search.sheaf") without --search), max_frame_size $(json_field "$work/$tag.info.json" max_frame_size), max_read_size $(json_field "$work/$tag.info.json" max_read_size)"
  run_board netduinoplus2 "$tag" "$bundle"
  [[ $tag == default ]] && run_board mps2-an386 "$tag" "$bundle"
done

# The C interface on the MCU: tests/c_api's C99 check linked with runtime/src/sheaf_c.cpp (no
# main.cpp), its output compared with the CLI's answers as on the host (tests/c_api/compare.py).
# It reads whole articles (a max_read_size buffer, 138 KiB for the longest example) beside the
# decoder workspace and a search scratch, so it runs with a 4 KiB stack to fit in 192 KiB, and
# fails when its stack peak comes within 1 KiB of that.
c_api_board() {
  local board=netduinoplus2 bundle=$work/default.sheaf out=$work/c-api
  local read_size
  read_size=$(json_field "$work/default.info.json" max_read_size)
  local stack_bytes=4096
  build_firmware "$out" "$board C interface" BOARD="$board" BUNDLE="$bundle" BUFFER_BYTES=8192 \
    STACK_BYTES=$stack_bytes \
    C_APP="$repo/tests/c_api/firmware_main.c $repo/tests/c_api/c_api_check.c" \
    C_APP_FLAGS="-I$repo/tests/c_api -DSHEAF_C_WORKSPACE_BYTES=32768 -DSHEAF_C_SEARCH_BYTES=14336 -DSHEAF_C_BUFFER_BYTES=$(((read_size + 7) / 8 * 8))" ||
    return
  run_firmware "$board" "$out" "$board C interface" 600 || return
  local peak
  peak=$(sed -n 's/^# stack peak \([0-9]*\)/\1/p' "$out.txt")
  if [[ -z $peak ]] || ((peak > stack_bytes - 1024)); then
    fail "$board C interface: stack peak '$peak' bytes, too close to its $stack_bytes"
  fi
  if python3 "$repo/tests/c_api/compare.py" "$sheaf" "$bundle" "$out.txt" >"$out.compare" 2>&1; then
    echo "$board C interface: $(cat "$out.compare"); stack peak $peak of $stack_bytes bytes"
  else
    cat "$out.compare"
    fail "$board C interface: output differs from the CLI's answers"
  fi
}
c_api_board

# The update's bundles and patch: OLD lacks two articles and has a sentence of a third edited;
# NEW is examples/articles, built as a nightly job does, with --base OLD (its dictionary and the
# frames of unchanged articles kept), so the patch is mostly copies. Built without --search, so
# that slot B (NEW) fits the netduinoplus2's RAM beside the workspaces.
patch_inputs() {
  local src=$work/patch-old-articles
  rm -rf "$src"
  cp -r "$repo/examples/articles" "$src"
  rm "$src/notices/school-safety-week.txt" "$src/en/visitor-guide.txt"
  sed -i 's/震源深度10千米/震源深度12千米/' "$src/quake-report.txt"
  if cmp -s "$src/quake-report.txt" "$repo/examples/articles/quake-report.txt"; then
    fail "update: the edit of quake-report.txt no longer applies"
    return 1
  fi
  "$sheaf" build -q --no-pack-dictionary -o "$work/patch-old.sheaf" "$src"
  "$sheaf" build -q --no-pack-dictionary --base "$work/patch-old.sheaf" -o "$work/patch-new.sheaf" \
    "$repo/examples/articles"
  "$sheaf" info --json "$work/patch-new.sheaf" >"$work/patch-new.info.json"
  "$sheaf" diff "$work/patch-old.sheaf" "$work/patch-new.sheaf" -o "$work/update.patch"
  # What slot B must hold: NEW's size and FNV-1a (the S line), then its articles.
  python3 -c '
import sys
data = open(sys.argv[1], "rb").read()
h = 2166136261
for b in data:
    h = ((h ^ b) * 16777619) & 0xFFFFFFFF
print("S %d %08x" % (len(data), h))' "$work/patch-new.sheaf" >"$work/patch-new.host.txt"
  "$list" "$work/patch-new.sheaf" >>"$work/patch-new.host.txt"
  echo "== update: old $(stat -c %s "$work/patch-old.sheaf") bytes, new $(stat -c %s "$work/patch-new.sheaf") bytes, patch $(stat -c %s "$work/update.patch") bytes"
}

# patch_board BOARD: builds and runs the update program; checks slot B against NEW and the budgets.
# On mps2-an386 (4 MiB of RAM) verify_bodies() runs too, with a max_read_size buffer (141 KiB
# for the examples' longest article), which does not fit the netduinoplus2's 192 KiB beside
# slot B: there, slot B is checked by verify_all() and every record's checksum, read frame by
# frame.
patch_board() {
  local board=$1
  local out=$work/update-$board
  local new=$work/patch-new.sheaf
  local frame max_chunk read_args=()
  frame=$(json_field "$work/patch-new.info.json" max_frame_size)
  max_chunk=$(python3 -c 'import struct,sys; print(struct.unpack_from("<I", open(sys.argv[1], "rb").read(), 72)[0])' "$work/update.patch")
  local size
  size=$(stat -c %s "$new")
  [[ $board == mps2-an386 ]] && read_args=(READ_BYTES="$(json_field "$work/patch-new.info.json" max_read_size)")
  # Slot B: NEW rounded up to whole 256-byte pages. The workspace: 32 KiB for the zstd context
  # (31,280 B on this MCU) plus the patch's chunk buffer.
  build_firmware "$out" "$board update" BOARD="$board" BUNDLE="$work/patch-old.sheaf" \
    PATCH="$work/update.patch" SLOT_BYTES=$(((size + 255) / 256 * 256)) \
    WORKSPACE_BYTES=$((32768 + (max_chunk + 7) / 8 * 8)) BUFFER_BYTES="$frame" \
    "${read_args[@]}" || return
  run_firmware "$board" "$out" "$board update" 300 || return
  if ! grep '^[STA] ' "$out.txt" | diff -u "$work/patch-new.host.txt" - >"$out.diff"; then
    head -40 "$out.diff"
    fail "$board update: slot B differs from the new bundle"
    return
  fi
  echo "$board update: slot B holds the new bundle ($(grep -c '^A ' "$out.txt") articles match the host)"
  grep '^# ' "$out.txt" | grep -v '^# OK' | sed "s/^# /  /"
  local ram stack verify_stack
  ram=$(sed -n 's/^# ram apply .* total \([0-9]*\).*/\1/p' "$out.txt")
  stack=$(sed -n 's/^# ram apply .* stack \([0-9]*\).*/\1/p' "$out.txt")
  verify_stack=$(sed -n 's/^# verify .* stack \([0-9]*\).*/\1/p' "$out.txt")
  if [[ -z $ram || -z $stack || -z $verify_stack ]]; then
    fail "$board update: no RAM or stack figures"
    return
  fi
  ((ram <= 98304)) || fail "$board update: RAM to apply $ram bytes > 96 KiB"
  ((stack <= 2048)) || fail "$board update: stack to apply $stack bytes > 2048"
  if [[ $board == netduinoplus2 ]]; then
    ((verify_stack <= 2048)) || fail "$board update: stack to verify $verify_stack bytes > 2048"
  fi
  grep -q '^# wrong base: refused' "$out.txt" || fail "$board update: a wrong base not refused"
}

if patch_inputs; then
  patch_board netduinoplus2
  patch_board mps2-an386
fi

if ((failures)); then
  echo "firmware: $failures failure(s)"
  exit 1
fi
echo "firmware: all boards match the host"
