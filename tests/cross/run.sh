#!/usr/bin/env bash
# Cross-architecture test (issue 5): cross-builds the runtime tests and the small reader
# (runtime/examples/list_articles.cpp) with Debian's cross compiler for TRIPLE, runs them under
# qemu-user, and compares the reader's output on bundles built on this host with the host
# reader's, byte for byte. Also the patch applier (runtime/examples/apply_patch.cpp, issue 15):
# a patch made on this host by `sheaf diff` applied under qemu must give the host's new bundle,
# byte for byte, and the patch applied to another bundle must fail with wrong_base, leaving no
# output. aarch64-linux-gnu: 64-bit ARM; arm-linux-gnueabihf: 32-bit ARM
# (32-bit size_t); s390x-linux-gnu: big-endian. zstd's decoder is compiled for the target from
# build-deps/zstd (scripts/setup --embedded), so no foreign-architecture package is needed.
#
#   run.sh TRIPLE SHEAF LIST_ARTICLES REPO WORK
# Skips (status 77) when the cross tools are missing, unless CI is set.
set -euo pipefail
triple=$1 sheaf=$2 list=$3 repo=$4 work=$5
case $triple in
  aarch64-linux-gnu) qemu=qemu-aarch64 ;;
  arm-linux-gnueabihf) qemu=qemu-arm ;;
  s390x-linux-gnu) qemu=qemu-s390x ;;
  *) echo "unknown triple $triple" >&2; exit 2 ;;
esac

missing=()
for tool in "$triple-g++" "$qemu" cmake ninja; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
zstd_source=$repo/build-deps/zstd  # zstd's decoder is compiled for the target from it
[[ -f $zstd_source/lib/zstd.h ]] || missing+=("zstd source (build-deps/zstd)")
[[ -d /usr/$triple/lib ]] || missing+=("the $triple C++ runtime (/usr/$triple)")
if ((${#missing[@]})); then
  echo "SKIP: missing ${missing[*]}; run scripts/setup --embedded"
  [[ -n ${CI:-} ]] && { echo "FAIL: CI must run the cross tests"; exit 1; }
  exit 77
fi

mkdir -p "$work"
build=$work/build
run=("$qemu" -L "/usr/$triple")  # the target's loader and libstdc++
echo "== configure and build for $triple"
cmake -S "$repo" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_TOOLCHAIN_FILE="$repo/cmake/toolchains/$triple.cmake" -DSHEAF_RUNTIME_ONLY=ON \
  -DSHEAF_WERROR=ON -DSHEAF_HOST_SHEAF="$sheaf" -DSHEAF_ZSTD_SOURCE="$zstd_source" >"$work/configure.log" ||
  { cat "$work/configure.log"; exit 1; }
cmake --build "$build" --target sheaf_runtime_tests sheaf_list_articles sheaf_apply_patch \
  >"$work/build.log" ||
  { tail -50 "$work/build.log"; exit 1; }
if command -v file >/dev/null; then
  file "$build/tests/sheaf_runtime_tests" | sed 's/^[^:]*: /  /' | cut -c1-100
fi

echo "== runtime tests under $qemu (all but [slow]: the sampled damage sweeps, 30 s natively)"
# The tests build their bundles with the host's sheaf (system() runs host programs natively).
"${run[@]}" "$build/tests/sheaf_runtime_tests" "~[slow]" | tail -2

echo "== the small reader under $qemu against bundles built on this host"
failures=0
for tag in default bs16k in-place; do
  args=()
  case $tag in
    bs16k) args=(--block-size 16384) ;;
    in-place) args=(--no-pack-dictionary --block-size 4096) ;;
  esac
  bundle=$work/$tag.sheaf
  "$sheaf" build -q "${args[@]}" -o "$bundle" "$repo/examples/articles"
  "$list" "$bundle" >"$work/$tag.host.txt"
  if "${run[@]}" "$build/runtime/sheaf_list_articles" "$bundle" >"$work/$tag.$triple.txt" &&
     cmp -s "$work/$tag.host.txt" "$work/$tag.$triple.txt"; then
    echo "  $tag: $(grep -c '^A ' "$work/$tag.host.txt") articles, output identical to the host's"
  else
    diff -u "$work/$tag.host.txt" "$work/$tag.$triple.txt" | head -20 || true
    echo "FAIL: $tag: $triple reader output differs from the host's"
    failures=$((failures + 1))
  fi
done

echo "== the patch applier under $qemu: a patch made on this host"
# OLD: the examples less two articles, with a sentence of a third edited; NEW: the examples.
src=$work/patch-old-articles
rm -rf "$src"
cp -r "$repo/examples/articles" "$src"
rm "$src/notices/school-safety-week.txt" "$src/en/visitor-guide.txt"
sed -i 's/震源深度10千米/震源深度12千米/' "$src/quake-report.txt"
"$sheaf" build -q -o "$work/patch-old.sheaf" "$src"
"$sheaf" build -q -o "$work/patch-new.sheaf" "$repo/examples/articles"
"$sheaf" diff -q "$work/patch-old.sheaf" "$work/patch-new.sheaf" -o "$work/update.patch"
rm -f "$work/patch-out.sheaf" "$work/wrong-out.sheaf"
if "${run[@]}" "$build/runtime/sheaf_apply_patch" "$work/patch-old.sheaf" "$work/update.patch" \
    "$work/patch-out.sheaf" >"$work/apply.$triple.txt" &&
   cmp "$work/patch-new.sheaf" "$work/patch-out.sheaf"; then
  echo "  old $(stat -c %s "$work/patch-old.sheaf") B + patch $(stat -c %s "$work/update.patch") B: $(sed 's/^.*: //' "$work/apply.$triple.txt"), identical to the host's new bundle"
else
  cat "$work/apply.$triple.txt"
  echo "FAIL: $triple: the patch applied under $qemu does not give the new bundle"
  failures=$((failures + 1))
fi
status=0
"${run[@]}" "$build/runtime/sheaf_apply_patch" "$work/patch-new.sheaf" "$work/update.patch" \
  "$work/wrong-out.sheaf" 2>"$work/wrong.$triple.txt" || status=$?
if ((status == 1)) && grep -q 'for another bundle' "$work/wrong.$triple.txt" &&
   [[ ! -e $work/wrong-out.sheaf ]]; then
  echo "  wrong base refused: $(cat "$work/wrong.$triple.txt")"
else
  echo "FAIL: $triple: the patch applied to the new bundle: status $status, $(cat "$work/wrong.$triple.txt")"
  failures=$((failures + 1))
fi
((failures == 0)) || exit 1
echo "cross $triple: passed"
