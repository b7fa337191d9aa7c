#!/usr/bin/env bash
# Command-line tests for sheaf in pipelines: '-' for standard input and output, --files-from,
# -q and -v on every command, usage errors, the input type table behind `build --help`, and
# the progress lines written for CI logs.
#
# Usage: pipelines.sh SHEAF_BINARY SOURCE_DIR CORPUS_DIR WORK_DIR   (CTest test "cli_pipelines")
#
# Prints one line per case ("ok   - name" / "FAIL - name: details" / "skip - name: why"), then
# "cli_pipelines: N passed, M failed"; exits 1 if any case failed. Needs bash, python3 and
# coreutils; never the network.
set -u

if [ $# -ne 4 ]; then
  echo "usage: $0 SHEAF_BINARY SOURCE_DIR CORPUS_DIR WORK_DIR" >&2
  exit 2
fi
SHEAF=$1
SRC=$2
CORPUS=$3
W=$4
EX=$SRC/examples/articles

# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
fresh_work_dir 600
mkdir -p "$W/tmp" || exit 2
# Temporary files of '-' (stdin spooling, build -o -) go here, where the tests can see them.
export TMPDIR=$W/tmp


# sh CMD: runs a shell pipeline; stdout to $OUT, stderr to $ERR, the pipeline's status in RC.
sh() {
  "${TIMEOUT[@]}" bash -o pipefail -c "$1" >"$OUT" 2>"$ERR"
  RC=$?
}

empty() {
  [ ! -s "$1" ]
}

no_tmp_files() {
  [ -z "$(ls -A "$TMPDIR")" ]
}

BUNDLE=$W/ex.sheaf
run build -q "$EX" -o "$BUNDLE"
if [ "$RC" -ne 0 ]; then
  echo "FAIL - setup: build of the examples exited $RC: $(first_err)"
  exit 1
fi
export SHEAF BUNDLE W EX CORPUS

# ---------------------------------------------------------------------------------------------
# 1. '-' is standard input for every command that reads a bundle: a pipe (spooled) or a file.

run ls "$BUNDLE"
cp "$OUT" "$W/ls.expected"

begin "stdin: cat bundle | sheaf ls - equals sheaf ls bundle"
sh 'cat "$BUNDLE" | "$SHEAF" ls -'
expect_rc 0
check "listings differ" same_files "$OUT" "$W/ls.expected"
check "stderr not empty: $(first_err)" empty "$ERR"
check "a temporary file was left in $TMPDIR" no_tmp_files
end

begin "stdin: sheaf ls - < bundle (a regular file, mapped) equals sheaf ls bundle"
sh '"$SHEAF" ls - <"$BUNDLE"'
expect_rc 0
check "listings differ" same_files "$OUT" "$W/ls.expected"
end

run info --json "$BUNDLE"
cp "$OUT" "$W/info.expected"
run cat --json "$BUNDLE" seed
cp "$OUT" "$W/cat.expected"

begin "stdin: info, cat, verify and unpack read '-'"
sh 'cat "$BUNDLE" | "$SHEAF" info --json -'
expect_rc 0
check "info --json - names another file than 'standard input'" \
  equals "$(json_get "$OUT" file 2>/dev/null)" "standard input"
check "info of stdin and of the file differ beyond the name" python3 -c '
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
a.pop("file"); b.pop("file")
assert a == b
' "$OUT" "$W/info.expected"
sh 'cat "$BUNDLE" | "$SHEAF" cat --json - seed'
expect_rc 0
check "cat of stdin differs from cat of the file" same_files "$OUT" "$W/cat.expected"
sh 'cat "$BUNDLE" | "$SHEAF" verify -'
expect_rc 0
expect_out "standard input: OK"
sh 'cat "$BUNDLE" | "$SHEAF" unpack -q - -o "$W/unpacked"'
expect_rc 0
check "unpack - wrote $(ls "$W/unpacked" 2>/dev/null | wc -l) files, expected $(wc -l <"$W/ls.expected")" \
  equals "$(find "$W/unpacked" -name '*.json' | wc -l)" "$(wc -l <"$W/ls.expected")"
end

begin "stdin: a damaged bundle on a pipe fails verify naming standard input"
cp "$BUNDLE" "$W/damaged.sheaf"
flip "$W/damaged.sheaf" -16
sh 'cat "$W/damaged.sheaf" | "$SHEAF" verify -'
expect_rc 1
expect_err "sheaf: error: standard input: damaged"
check "a temporary file was left in $TMPDIR" no_tmp_files
end

begin "stdin: bytes after the bundle on a pipe fail verify"
sh '{ cat "$BUNDLE"; echo trailing; } | "$SHEAF" verify -'
expect_rc 1
expect_err "file size differs"
end

begin "stdin: empty input is an error, not a hang or a crash"
sh '"$SHEAF" ls - </dev/null'
expect_rc 1
expect_err "sheaf: error: standard input:"
sh ': | "$SHEAF" info -'
expect_rc 1
expect_err "sheaf: error: standard input:"
end

# ---------------------------------------------------------------------------------------------
# 2. build -o -: the bundle on standard output, verified before its first byte is written.

begin "stdout: sheaf build ... -o - | sheaf verify -"
sh '"$SHEAF" build -q "$EX" -o - | "$SHEAF" verify -'
expect_rc 0
expect_out "standard input: OK"
check "a temporary file was left in $TMPDIR" no_tmp_files
end

begin "stdout: -o - gives the same bytes as -o FILE"
sh '"$SHEAF" build -q "$EX" -o - >"$W/stdout.sheaf"'
expect_rc 0
check "stdout.sheaf differs from ex.sheaf" same_files "$W/stdout.sheaf" "$BUNDLE"
check "-q printed on stderr: $(first_err)" empty "$ERR"
end

begin "stdout: the summary says where the bundle went"
sh '"$SHEAF" build "$EX" -o - >/dev/null'
expect_rc 0
expect_err "sheaf: wrote standard output:"
end

mkdir -p "$W/dup/a" "$W/dup/b"
cp "$EX/seed.txt" "$W/dup/a/x.txt"
cp "$EX/quake-report.txt" "$W/dup/b/x.txt"
begin "stdout: a failed build writes no byte to stdout"
sh '"$SHEAF" build "$W/dup/a" "$W/dup/b" -o - >"$W/failed.out"'
expect_rc 1
check "failed build wrote $(wc -c <"$W/failed.out") bytes to stdout" empty "$W/failed.out"
expect_err "not written"
check "a temporary file was left in $TMPDIR" no_tmp_files
end

begin "stdout: --json with -o - is a usage error (both want stdout)"
sh '"$SHEAF" build --json "$EX" -o - >"$W/json.out"'
expect_rc 2
expect_err "sheaf: error: --json"
check "wrote to stdout" empty "$W/json.out"
end

# A terminal never gets a binary bundle, and is never read as one (script(1) gives a terminal,
# when the system can make one: a chroot without /dev/pts cannot).
if ! command -v script >/dev/null; then
  skip "terminal: no script(1) to make a terminal with"
elif ! script -qec true /dev/null </dev/null >/dev/null 2>&1; then
  skip "terminal: script(1) cannot make a pseudo-terminal here (is /dev/pts mounted?)"
else
  begin "terminal: build -o - to a terminal exits 2; ls - from a terminal exits 1"
  sh 'script -qec "\"$SHEAF\" build -q \"$EX\" -o -" /dev/null </dev/null'
  expect_rc 2
  expect_out "sheaf: error: -o - would write a binary bundle to a terminal"
  sh 'script -qec "\"$SHEAF\" ls -" /dev/null </dev/null'
  expect_rc 1
  expect_out "sheaf: error: standard input is a terminal"
  end

  begin "terminal: build's progress rewrites one line with \\r and keeps each stage's end"
  sh 'script -qec "\"$SHEAF\" build \"$EX\" -o \"$W/tty.sheaf\"" /dev/null </dev/null'
  expect_rc 0
  check "no progress line drawn with \\r" grep -qF $'\rsheaf: compression: 0/' "$OUT"
  for stage in reading extraction "dictionary training" compression verification; do
    check "no end line for '$stage'" grep -qE "sheaf: $stage: .* in [0-9.]+ s" "$OUT"
  done
  end
fi

# ---------------------------------------------------------------------------------------------
# 3. --files-from: one name a line (spaces kept), or NUL-separated with -0 (newlines kept).

mkdir -p "$W/names/with space"
cp "$EX/seed.txt" "$W/names/with space/my seed.txt"
cp "$EX/quake-report.txt" "$W/names/"$'two\nlines.txt'
cp "$EX/emergency-shelters.txt" "$W/names/plain.txt"

begin "files-from: a list file with a name holding spaces"
printf '%s\n' "$W/names/with space/my seed.txt" "" "$W/names/plain.txt" >"$W/list.txt"
run build -q --files-from "$W/list.txt" -o "$W/list.sheaf"
expect_rc 0
run ls "$W/list.sheaf"
expect_out "my seed"
expect_out "plain"
check "ls lists $(wc -l <"$OUT") articles, expected 2" equals "$(wc -l <"$OUT" | tr -d ' ')" 2
end

begin "files-from: - reads the list from stdin, with inputs on the command line too"
sh 'printf "%s\n" "$W/names/with space/my seed.txt" |
  "$SHEAF" build -q --files-from - "$W/names/plain.txt" -o "$W/stdin-list.sheaf"'
expect_rc 0
run ls "$W/stdin-list.sheaf"
check "ls lists $(wc -l <"$OUT") articles, expected 2" equals "$(wc -l <"$OUT" | tr -d ' ')" 2
end

begin "files-from: -0 takes NUL-separated names, one holding a newline"
sh 'printf "%s\0" "$W/names/"$'"'"'two\nlines.txt'"'"' "$W/names/plain.txt" |
  "$SHEAF" build -q -0 --files-from - -o "$W/nul.sheaf"'
expect_rc 0
run ls --json "$W/nul.sheaf"
check "the article from the file named 'two<newline>lines.txt' is missing" python3 -c '
import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1])]
assert "two\nlines" in ids and "plain" in ids and len(ids) == 2, ids
' "$OUT"
end

begin "files-from: without -0 that name is two names, and both are missing inputs"
sh 'printf "%s\n" "$W/names/"$'"'"'two\nlines.txt'"'"' | "$SHEAF" build -q --files-from - -o "$W/nl.sheaf"'
expect_rc 1
expect_err "missing-input"
end

begin "files-from: a missing list file is an error naming it"
run build --files-from "$W/no-such-list" -o "$W/never.sheaf"
expect_rc 1
expect_err "sheaf: error: $W/no-such-list: cannot open the --files-from list"
end

begin "usage: build with no inputs and no --files-from exits 2"
run build -o "$W/never.sheaf"
expect_rc 2
expect_err "sheaf: error: no inputs"
end

# ---------------------------------------------------------------------------------------------
# 4. -q: nothing printed on success, by any command (what a command exists to print, ls's list
#    or cat's article, still goes to stdout); -v adds detail.

begin "quiet: build -q prints nothing"
run build -q "$EX" -o "$W/q.sheaf"
expect_rc 0
check "stdout: $(head -c 100 "$OUT")" empty "$OUT"
check "stderr: $(first_err)" empty "$ERR"
end

begin "quiet: verify -q and unpack -q print nothing"
run verify -q "$BUNDLE"
expect_rc 0
check "verify stdout: $(head -c 100 "$OUT")" empty "$OUT"
check "verify stderr: $(first_err)" empty "$ERR"
run unpack -q "$BUNDLE" -o "$W/q-unpack"
expect_rc 0
check "unpack stdout: $(head -c 100 "$OUT")" empty "$OUT"
check "unpack stderr: $(first_err)" empty "$ERR"
run unpack -q --source "$W/q.sheaf" -o "$W/q-src"
expect_rc 1  # an error still prints under -q
expect_err "keeps no source files"
end

begin "quiet: extract -q -o DIR prints nothing"
run extract -q "$EX/seed.txt" "$EX/html/aftershock-advice.html" -o "$W/q-extract"
expect_rc 0
check "stdout: $(head -c 100 "$OUT")" empty "$OUT"
check "stderr: $(first_err)" empty "$ERR"
end

for args in "info -q BUNDLE" "ls -q BUNDLE" "cat -q BUNDLE seed"; do
  begin "quiet: ${args%% *} -q prints its answer and nothing on stderr"
  # shellcheck disable=SC2086
  run ${args/BUNDLE/$BUNDLE}
  expect_rc 0
  check "stdout empty" test -s "$OUT"
  check "stderr: $(first_err)" empty "$ERR"
  end
done

begin "verbose: build -v gives each stage's duration and a line per input file"
run build -v "$EX" -o "$W/v.sheaf"
expect_rc 0
for stage in reading extraction "dictionary training" compression verification; do
  check "no end line for stage '$stage'" grep -qE "^sheaf: $stage: .* in [0-9.]+ s" "$ERR"
done
expect_err "records/bulletins.jsonl: jsonl, 5 articles"
expect_err "html/aftershock-advice.html: html, 1 article"
end

begin "verbose: info -v and verify -v list every frame"
FRAMES=$(json_get "$W/info.expected" frames)
run info -v "$BUNDLE"
expect_rc 0
check "info -v frame rows differ from $FRAMES frames" \
  equals "$(grep -cE '^ +[0-9]+ +[0-9]+ +[0-9]+ +[0-9]+$' "$OUT")" "$FRAMES"
run verify -v "$BUNDLE"
expect_rc 0
check "verify -v frame lines differ from $FRAMES frames" \
  equals "$(grep -cE '^frame [0-9]+: .*OK$' "$OUT")" "$FRAMES"
end

begin "verbose: extract -v and unpack -v name each file written"
run extract -v "$EX/seed.txt" "$EX/quake-report.txt" -o "$W/v-extract"
expect_rc 0
expect_err "sheaf: wrote $W/v-extract/seed.json"
expect_err "sheaf: wrote $W/v-extract/quake-report.json"
run unpack -v "$BUNDLE" -o "$W/v-unpack"
expect_rc 0
check "unpack -v named $(grep -c '^sheaf: wrote ' "$ERR") files, expected $(wc -l <"$W/ls.expected")" \
  equals "$(grep -c '^sheaf: wrote ' "$ERR")" "$(wc -l <"$W/ls.expected" | tr -d ' ')"
end

# ---------------------------------------------------------------------------------------------
# 5. Usage errors: "sheaf: error:" like every other error, a hint, exit 2.

begin "usage: unknown subcommand with --help exits 2"
run nosuch --help
expect_rc 2
check "stderr is not the one expected line: $(head -c 200 "$ERR")" \
  equals "$(cat "$ERR")" "sheaf: error: unknown command 'nosuch' (see sheaf --help)"
check "help printed on stdout" empty "$OUT"
end

begin "usage: unknown subcommand exits 2"
run frobnicate "$BUNDLE"
expect_rc 2
expect_err "sheaf: error: unknown command 'frobnicate'"
end

for case in "build --no-such-option|build" "build $EX|build" "cat $BUNDLE|cat" \
  "ls|ls" "build $EX -o $W/n.sheaf --block-size 10|build" "|sheaf"; do
  args=${case%|*}
  hint=${case##*|}
  [ "$hint" = sheaf ] && hint="" || hint=" $hint"
  begin "usage: 'sheaf $args' exits 2 with 'sheaf: error:' and a hint"
  # shellcheck disable=SC2086
  run $args
  expect_rc 2
  check "stderr does not start with 'sheaf: error:': $(first_err)" grep -q '^sheaf: error: ' "$ERR"
  expect_err "(see sheaf$hint --help)"
  end
done

# ---------------------------------------------------------------------------------------------
# 6. The input type table: build --help lists every extension the binary accepts, the README
#    too, and a file of each type builds.

run build --list-input-types
TYPES=$(cat "$OUT")
begin "types: the binary lists its input types"
expect_rc 0
check "fewer than 5 types: $TYPES" test "$(echo "$TYPES" | wc -l)" -ge 5
end

run build --help
cp "$OUT" "$W/help.txt"
for ext in $TYPES; do
  begin "types: $ext is in build --help, the README, and a $ext file builds"
  check "build --help does not list $ext" grep -qE "^ +\\$ext +[a-zA-Z]" "$W/help.txt"
  check "README.md's build line does not list $ext" \
    grep -qE "^sheaf build .*[( ]\\$ext[ )]" "$SRC/README.md"
  mkdir -p "$W/types"
  f=$W/types/sample$ext
  case $ext in
    .html | .htm)
      printf '<html><head><title>Type %s</title></head><body><h1>Type %s</h1><p>%s</p></body></html>\n' \
        "$ext" "$ext" "A paragraph long enough to be the body of this test page, in a $ext file." >"$f" ;;
    .txt) printf 'Type .txt\n\nA paragraph long enough to be the body of this text page.\n' >"$f" ;;
    .md | .markdown) printf -- '---\ntitle: Type %s\n---\n\nA paragraph of Markdown text for this test.\n' "$ext" >"$f" ;;
    .jsonl) printf '{"id": "s", "title": "Type .jsonl", "paragraphs": ["A record body."]}\n' >"$f" ;;
    .json) printf '{"id": "s", "title": "Type .json", "paragraphs": ["A record body."]}\n' >"$f" ;;
    *) PROBLEMS+=("no sample for $ext in pipelines.sh: add one") ;;
  esac
  if [ -f "$f" ]; then
    run build -q "$f" -o "$W/types/sample${ext#.}.sheaf"
    expect_rc 0
    run ls --json "$W/types/sample${ext#.}.sheaf"
    check "the $ext article's title is not 'Type $ext'" grep -qF "\"title\":\"Type $ext\"" "$OUT"
    rm -f "$f"
  fi
  end
done

# ---------------------------------------------------------------------------------------------
# 7. Progress for CI logs: --progress with stderr not a terminal prints plain lines, each ending
#    in a newline, at most one a second plus one at each stage's end.

if [ -d "$CORPUS/bulk" ]; then
  begin "progress: --progress on a pipe: plain lines, at most one a second plus stage ends"
  # Each line is stamped when it arrives; the build's own duration bounds the line count.
  sh '"$SHEAF" build --progress --level 3 -o "$W/bulk.sheaf" "$CORPUS/bulk" 2>&1 >/dev/null |
    python3 -c "
import sys, time
start = time.monotonic()
data = sys.stdin.buffer.read()
sys.stdout.buffer.write(b\"%.3f\n\" % (time.monotonic() - start))
sys.stdout.buffer.write(data)
"'
  expect_rc 0
  check "the progress lines are not plain and newline-terminated" python3 -c '
import re, sys
lines = open(sys.argv[1], "rb").read().split(b"\n")
seconds = float(lines[0])
text = lines[1:]
assert text[-1] == b"", "the last line does not end in a newline"
text = [l.decode() for l in text[:-1] if l.startswith(b"sheaf: ")]
progress = [l for l in text if re.match(r"sheaf: [a-z ]+(: |\.\.\.$)", l) and "warning" not in l and "note" not in l and "wrote" not in l]
assert all("\r" not in l and "\x1b" not in l for l in progress), "terminal codes in a log"
ends = [l for l in progress if re.search(r" in [0-9.]+ s( \(.*\))?$", l)]
live = [l for l in progress if l not in ends]
stages = ["reading", "extraction", "dictionary training", "compression", "verification"]
for s in stages:
    assert any(l.startswith("sheaf: %s: " % s) for l in ends), "no end line for " + s
# One live line a second at most: no more than the whole run has seconds, plus the first.
assert len(live) <= int(seconds) + 1, "%d live lines in %.1f s" % (len(live), seconds)
assert len(live) >= 2, "only %d live lines: %r" % (len(live), live)
print("%d live lines, %d stage ends in %.1f s" % (len(live), len(ends), seconds))
' "$OUT"
  end
else
  skip "progress log mode: the bulk corpus is absent ($CORPUS/bulk)"
fi

begin "progress: without a terminal and without --progress, build prints only its summary"
run build "$EX" -o "$W/plain.sheaf"
expect_rc 0
check "more than the summary on stderr: $(head -n 3 "$ERR")" \
  equals "$(grep -vc '^sheaf: wrote ' "$ERR")" 0
end

echo "cli_pipelines: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
