#!/usr/bin/env bash
# tests/downstream/run.sh: sheaf as its users get it. Installs the build tree into a temporary
# prefix and checks the installed files (CLI, headers, CMake package, sheaf.pc, a man page for
# sheaf and each command, bash completion, license files); then builds the small reader
# (runtime/examples/list_articles.cpp) as the project in tests/downstream/ three ways and
# compares each one's listing of a bundle (made by the installed sheaf from examples/articles)
# with `sheaf ls --json`:
#   1. find_package(sheaf) with CMAKE_PREFIX_PATH=the prefix;
#   2. add_subdirectory(the source tree), which must define only the runtime's targets and
#      leave the parent's build type, flags and warnings alone;
#   3. g++ $(pkg-config --cflags --libs sheaf), with PKG_CONFIG_PATH in the prefix.
#
# Usage: run.sh BUILD_DIR SOURCE_DIR WORK_DIR CMAKE GENERATOR CXX
# Exit 0 when all pass, 1 with every failure named.
set -uo pipefail
if (($# != 6)); then
  echo "usage: run.sh BUILD_DIR SOURCE_DIR WORK_DIR CMAKE GENERATOR CXX" >&2
  exit 2
fi
build=$1 source=$(cd "$2" && pwd) work=$3 cmake=$4 generator=$5 cxx=$6
mkdir -p "$work" && work=$(cd "$work" && pwd)
prefix=$work/prefix
failures=()

step() { echo; echo "== $*"; }
fail() {
  echo "FAIL: $*"
  failures+=("$*")
}
# quietly LOG COMMAND...: runs COMMAND with its output in LOG; on failure shows the log's end.
quietly() {
  local log=$1
  shift
  if "$@" >"$log" 2>&1; then
    return 0
  fi
  echo "   \$ $*"
  tail -n 30 "$log" | sed 's/^/   | /'
  return 1
}

rm -rf "$work"
mkdir -p "$work"

step "1. cmake --install $build --prefix $prefix"
if ! quietly "$work/install.log" "$cmake" --install "$build" --prefix "$prefix"; then
  fail "cmake --install"
  printf 'downstream: %d failure(s)\n' "${#failures[@]}"
  exit 1
fi
(cd "$prefix" && find . -type f | sort | sed 's|^\./|   |')

# expect_file PATH...: the first of the PATHs (alternatives: plain or gzip) exists in the prefix.
expect_file() {
  local p
  for p in "$@"; do
    [[ -f $prefix/$p ]] && return 0
  done
  fail "not installed: $1"
}
expect_file bin/sheaf
[[ -x $prefix/bin/sheaf ]] || fail "bin/sheaf is not executable"
for header in sheaf.hpp posix_file.hpp detail/sheaf_generated.h; do
  expect_file "include/sheaf/$header"
done
# Every runtime header the source tree has, installed.
while read -r header; do
  expect_file "include/sheaf/$header"
done < <(cd "$source/runtime/include/sheaf" && find . -type f | sed 's|^\./||')
expect_file share/cmake/sheaf/sheafConfig.cmake
expect_file share/cmake/sheaf/sheafConfigVersion.cmake
expect_file share/pkgconfig/sheaf.pc
expect_file share/bash-completion/completions/sheaf
expect_file share/doc/sheaf/LICENSE
expect_file share/doc/sheaf/THIRD-PARTY.md

step "   man pages: sheaf(1) and one per command that \`sheaf --help\` lists"
sheaf=$prefix/bin/sheaf
mapfile -t commands < <("$sheaf" --help |
  awk '/^[^ ]/ { s = (toupper($0) == "SUBCOMMANDS:"); next } s && /^  [a-z]/ { print $1 }')
((${#commands[@]})) || fail "\`sheaf --help\` lists no commands"
for page in sheaf "${commands[@]/#/sheaf-}"; do
  man=share/man/man1/$page.1
  expect_file "$man" "$man.gz"
  # The title line names the page (help2man's .TH), so each page is about its command.
  if [[ -f $prefix/$man ]] && ! grep -q "^\.TH ${page^^} \"1\"" "$prefix/$man"; then
    fail "$man has no .TH ${page^^} line"
  fi
done
echo "   $(cd "$prefix/share/man/man1" && printf '%s ' *)"
# sheaf(1) documents every exit code and diagnostic code, from the registry (`sheaf codes`).
page_text=$(sed 's/\\-/-/g' "$prefix/share/man/man1/sheaf.1" 2>/dev/null || true)
for section in 'EXIT STATUS' DIAGNOSTICS; do
  grep -Eq "^\.SH \"?$section\"?\$" <<<"$page_text" || fail "sheaf.1 has no $section section"
done
for code in $("$sheaf" codes --json | python3 -c 'import json, sys
print(" ".join(c["code"] for c in json.load(sys.stdin)["diagnostics"]))'); do
  grep -Fq -- "$code" <<<"$page_text" || fail "sheaf.1 does not list the diagnostic code $code"
done

step "   bash completion: commands and options from the installed sheaf's --help"
# complete WORD...: what the installed completion offers for the last WORD.
complete_words() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _sheaf
           printf "%s\n" "${COMPREPLY[@]}"' x "$prefix/share/bash-completion/completions/sheaf" \
    "$sheaf" "$@"
}
got=$(complete_words bu)
echo "   sheaf bu<TAB>: $got"
[[ $got == build ]] || fail "completion of 'sheaf bu' gave '$got', not 'build'"
got=$(complete_words build --out)
echo "   sheaf build --out<TAB>: $got"
[[ $got == --output ]] || fail "completion of 'sheaf build --out' gave '$got', not '--output'"
got=$(complete_words diff --max)
echo "   sheaf diff --max<TAB>: $got"
[[ $got == --max-chunk ]] || fail "completion of 'sheaf diff --max' gave '$got', not '--max-chunk'"
got=$(complete_words "" | tr '\n' ' ')
[[ $got == "${commands[*]} " ]] || fail "completion of 'sheaf ' gave '$got', not every command"

# With --search: the C interface check (run_c_reader) runs searches.
step "   a bundle from examples/articles, made by the installed sheaf"
bundle=$work/news.sheaf
if ! quietly "$work/sheaf-build.log" "$sheaf" build -q --search "$source/examples/articles" \
    -o "$bundle"; then
  fail "installed sheaf build"
fi
# The reader is the project's small reader; its "T <index> <id> <title>" lines, one an article,
# are expected to match `sheaf ls --json`.
reader_source=$source/runtime/examples/list_articles.cpp
"$sheaf" ls --json "$bundle" |
  python3 -c 'import json, sys
for i, line in enumerate(sys.stdin):
    a = json.loads(line)
    print("T %d %s %s" % (i, a["id"], a["title"]))' >"$work/expected.txt" || fail "sheaf ls --json"
echo "   $(wc -l <"$work/expected.txt") articles"

# run_reader NAME BINARY: runs a built reader and compares its listing with the expected one.
run_reader() {
  local name=$1 binary=$2
  if ! "$binary" "$bundle" >"$work/$name.out" 2>"$work/$name.err"; then
    fail "$name: the reader failed: $(head -n 1 "$work/$name.err")"
    return
  fi
  grep '^T ' "$work/$name.out" >"$work/$name.txt"
  sed 's/^/   /' "$work/$name.txt"
  diff -u "$work/expected.txt" "$work/$name.txt" >"$work/$name.diff" ||
    fail "$name: the reader's listing differs from sheaf ls (see $work/$name.diff)"
}

# run_c_reader NAME BINARY: the C interface's check (tests/c_api) on the bundle, its output
# compared with the installed CLI's answers.
run_c_reader() {
  local name=$1 binary=$2
  if ! "$binary" "$bundle" >"$work/$name-c.out" 2>"$work/$name-c.err"; then
    fail "$name: the C reader failed: $(head -n 1 "$work/$name-c.out" "$work/$name-c.err")"
    return
  fi
  if python3 "$source/tests/c_api/compare.py" "$sheaf" "$bundle" "$work/$name-c.out" \
      >"$work/$name-c.compare" 2>&1; then
    echo "   C reader (sheaf::c): $(cat "$work/$name-c.compare")"
  else
    fail "$name: the C reader's output differs: $(cat "$work/$name-c.compare")"
  fi
}

step "2. find_package(sheaf), CMAKE_PREFIX_PATH=$prefix"
if quietly "$work/package.log" "$cmake" -S "$source/tests/downstream" -B "$work/package" \
    -G "$generator" -DSHEAF_VIA=package -DREADER_SOURCE="$reader_source" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_CXX_COMPILER="$cxx" \
    -DC_CHECK_DIR="$source/tests/c_api" &&
  quietly "$work/package-build.log" "$cmake" --build "$work/package"; then
  grep 'downstream:' "$work/package.log" | sed 's/^-- /   /'
  run_reader package "$work/package/reader"
  run_c_reader package "$work/package/c_reader"
else
  fail "find_package(sheaf): configure or build"
fi

step "3. add_subdirectory($source) from a parent project"
# The parent's own flags, which must reach its reader unchanged and alone.
parent_flags="-O1 -DPARENT_FLAG"
if quietly "$work/subdirectory.log" "$cmake" -S "$source/tests/downstream" -B "$work/subdirectory" \
    -G "$generator" -DSHEAF_VIA=subdirectory -DREADER_SOURCE="$reader_source" -DSHEAF_SOURCE="$source" -DCMAKE_CXX_COMPILER="$cxx" \
    -DC_CHECK_DIR="$source/tests/c_api" \
    -DCMAKE_CXX_FLAGS="$parent_flags" &&
  quietly "$work/subdirectory-build.log" "$cmake" --build "$work/subdirectory"; then
  grep 'downstream:' "$work/subdirectory.log" | sed 's/^-- /   /'
  build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$work/subdirectory/CMakeCache.txt")
  echo "   parent's CMAKE_BUILD_TYPE in its cache: '$build_type'"
  [[ -z $build_type ]] ||
    fail "add_subdirectory(sheaf) set the parent's CMAKE_BUILD_TYPE to $build_type"
  # The reader's compile line: the parent's flags, none of sheaf's warnings or -Werror.
  line=$(grep -o '"command": "[^"]*list_articles.cpp[^"]*"' "$work/subdirectory/compile_commands.json")
  echo "   reader compiled with: ${line#\"command\": }"
  [[ $line == *"$parent_flags"* ]] ||
    fail "the parent's CMAKE_CXX_FLAGS are not on its reader's compile line"
  for flag in -Werror -Wold-style-cast -Wconversion -Wshadow; do
    [[ $line == *" $flag"* ]] && fail "sheaf's $flag reached the parent's reader"
  done
  # Only the readers are built: the C++ reader, the C reader's two files and the C interface's
  # source it links (sheaf::c); nothing else of sheaf's compiles in the parent's build.
  mapfile -t compiled < <(grep -o '"file": "[^"]*"' "$work/subdirectory/compile_commands.json")
  for f in "${compiled[@]}"; do
    case $f in
      *'/list_articles.cpp"' | *'/host_main.c"' | *'/c_api_check.c"' | *'/runtime/src/sheaf_c.cpp"') ;;
      *) fail "the parent's build compiles $f, not one of its readers' files" ;;
    esac
  done
  ((${#compiled[@]} == 4)) || fail "the parent's build compiles ${#compiled[@]} files, not 4"
  run_reader subdirectory "$work/subdirectory/reader"
  run_c_reader subdirectory "$work/subdirectory/c_reader"
else
  fail "add_subdirectory(sheaf): configure or build (a FATAL_ERROR above names a leak)"
fi

step "4. $cxx list_articles.cpp \$(pkg-config --cflags --libs sheaf)," \
  "PKG_CONFIG_PATH=$prefix/share/pkgconfig"
if flags=$(PKG_CONFIG_PATH=$prefix/share/pkgconfig pkg-config --cflags --libs sheaf); then
  echo "   pkg-config: $flags"
  # shellcheck disable=SC2086  # the flags are words
  if quietly "$work/pkg-config-build.log" "$cxx" -std=c++17 -fno-exceptions -fno-rtti -Wall \
      -Wextra -Wpedantic "$reader_source" $flags \
      -o "$work/pkg-config-reader"; then
    run_reader pkg-config "$work/pkg-config-reader"
  else
    fail "pkg-config: compile"
  fi
else
  fail "pkg-config --cflags --libs sheaf"
fi

echo
if ((${#failures[@]})); then
  printf 'downstream: %d failure(s):\n' "${#failures[@]}"
  printf '  %s\n' "${failures[@]}"
  exit 1
fi
echo "downstream: installed tree, find_package, add_subdirectory and pkg-config all pass"
