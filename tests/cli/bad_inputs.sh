#!/usr/bin/env bash
# CLI test: hostile inputs and hostile output conditions (issue 6). Every bad input gets a
# message naming the file and the reason, and the documented exit code; nothing is lost
# silently; a failed or interrupted build never leaves a partial bundle, keeps an existing
# bundle of that name intact, and leaves no temporary file. Each case prints the message sheaf
# gave ("says: ..."), so the log documents what users see.
#
#   bad_inputs.sh SHEAF SOURCE_DIR WORK_DIR [--heavy]
# --heavy adds 100,000 tiny files and a 200 MB single file (a few minutes); CTest passes it in
# the build without sanitizers only.
# Exit codes of `sheaf build`: 0 written, 1 failed (nothing written), 3 written without the
# inputs named by errors (--keep-going).

SHEAF=$1
SRC=$2
W=$3
HEAVY=0
[ "${4:-}" = "--heavy" ] && HEAVY=1

EX=$SRC/examples/articles
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
fresh_work_dir 600

# says: prints the diagnostics of the last run (the messages users see), indented.
says() {
  grep -E '^sheaf: (error|warning)' "$ERR" | grep -v 'build failed' | head -3 | sed 's/^/    says: /'
}

# finish: end the case and show what sheaf said.
finish() {
  end
  says
}

# A good article next to each bad input: the build must keep it or fail as a whole, never
# drop it quietly.
good() {
  mkdir -p "$1"
  printf 'Shelter notice\n\nShelter 3 opens at 8:00.\n' >"$1/good.txt"
}

# as_user CMD...: runs CMD as an unprivileged user when we are root (root ignores file modes),
# else as is. Fails when that is not possible here.
as_user() {
  if [ "$(id -u)" -ne 0 ]; then
    "$@"
  elif command -v setpriv >/dev/null; then
    setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
  else
    return 125
  fi
}

# run_as_user ARGS...: `run`, as that user.
run_as_user() {
  as_user "${TIMEOUT[@]}" "$SHEAF" "$@" >"$OUT" 2>"$ERR"
  RC=$?
}

# ---------------------------------------------------------------------------------------------
# 1. Encodings

good "$W/utf8"
printf 'Title\n\nBody \xff\xfe text.\n' >"$W/utf8/bad.txt"
begin "invalid UTF-8: kept with U+FFFD, a warning with line and byte offset, exit 0"
run build "$W/utf8" -o "$W/utf8.sheaf"
expect_rc 0
expect_err "bad.txt:3: invalid UTF-8 at byte offset 12"
check "bundle missing" test -f "$W/utf8.sheaf"
run build --strict "$W/utf8" -o "$W/utf8-strict.sheaf"
expect_rc 1
check "--strict wrote a bundle" test ! -e "$W/utf8-strict.sheaf"
finish

good "$W/gbk"
# 地震局提醒 ... cut in the middle of a two-byte character
printf '\xb5\xd8\xd5\xf0\xbe\xd6\xcc\xe1\xd0\xd1\n\n\xb5\xd8\xd5\xf0\xbe\xd6\xcc\xe1\xd0\xd1\xa3\xba\xb5' \
  >"$W/gbk/cut.txt"
begin "truncated GBK: decoded, the cut character reported with its offset, exit 0"
run build "$W/gbk" -o "$W/gbk.sheaf"
expect_rc 0
expect_err "cut.txt:3: undecodable GB18030 at byte offset"
run cat "$W/gbk.sheaf" cut
expect_out "地震局提醒"
finish

good "$W/utf16"
python3 -c "import sys; open(sys.argv[1], 'wb').write('标题\n\n正文。\n'.encode('utf-16-le'))" \
  "$W/utf16/nobom.txt"
begin "UTF-16 without BOM: an error naming the file, nothing written, exit 1"
run build "$W/utf16" -o "$W/utf16.sheaf"
expect_rc 1
expect_err "nobom.txt: binary file, or UTF-16/UTF-32 without a byte order mark"
check "bundle written" test ! -e "$W/utf16.sheaf"
check "a second, misleading 'empty file' warning" sh -c "! grep -q 'nobom.txt: empty file' '$ERR'"
finish

good "$W/binary"
head -c 4096 "$SHEAF" >"$W/binary/program.txt"
begin "binary file: an error naming the file and its first NUL byte, exit 1"
run build "$W/binary" -o "$W/binary.sheaf"
expect_rc 1
expect_err "program.txt: binary file"
expect_err "NUL bytes, the first at byte offset"
check "bundle written" test ! -e "$W/binary.sheaf"
finish

begin "binary file with --keep-going: the rest is built, exit 3"
run build --keep-going "$W/binary" -o "$W/binary-kg.sheaf"
expect_rc 3
expect_err "program.txt: binary file"
expect_err "was written without what the 1 errors above name"
run ls "$W/binary-kg.sheaf"
expect_out "good"
finish

# ---------------------------------------------------------------------------------------------
# 2. Empty and oversized inputs

good "$W/empty"
: >"$W/empty/zero.txt"
printf '\n \n\t\n' >"$W/empty/blank.txt"
begin "empty and blank files: a warning each, the rest built, exit 0"
run build "$W/empty" -o "$W/empty.sheaf"
expect_rc 0
expect_err "zero.txt: empty file"
expect_err "blank.txt: file has only whitespace"
finish

mkdir -p "$W/only-empty"
: >"$W/only-empty/zero.txt"
begin "only empty files: no articles, exit 1, nothing written"
run build "$W/only-empty" -o "$W/only-empty.sheaf"
expect_rc 1
expect_err "no articles found in the inputs"
check "bundle written" test ! -e "$W/only-empty.sheaf"
finish

if [ "$HEAVY" -eq 1 ]; then
  mkdir -p "$W/many"
  python3 - "$W/many" <<'EOF'
import os, sys
root = sys.argv[1]
for i in range(100000):
    d = os.path.join(root, "d%03d" % (i // 1000))
    if i % 1000 == 0:
        os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "n%06d.txt" % i), "w") as f:
        f.write("Notice %d\n\nShelter %d is open from 8:00 to 20:00.\n" % (i, i % 97))
EOF
  begin "100,000 tiny files: every one becomes an article"
  run build --level 3 "$W/many" -o "$W/many.sheaf"
  expect_rc 0
  wrote=$(grep -o 'wrote .*' "$ERR" | head -1)
  run info --json "$W/many.sheaf"
  check "not 100000 articles" equals "$(json_get "$OUT" articles)" 100000
  end
  echo "    $wrote"
  rm -rf "$W/many"

  python3 - "$W/big.txt" <<'EOF'
import random, sys
random.seed(1)
words = "shelter drill notice province earthquake bureau water kit school route map".split()
with open(sys.argv[1], "w") as f:
    f.write("A very long notice\n\n")
    n = 0
    while n < 200 * 1024 * 1024:
        line = " ".join(random.choice(words) for _ in range(40)) + ".\n\n"
        f.write(line)
        n += len(line)
EOF
  begin "a 200 MB single file: one article, built and read back whole"
  run build --level 3 "$W/big.txt" -o "$W/big.sheaf"
  expect_rc 0
  wrote=$(grep -o 'wrote .*' "$ERR" | head -1)
  run cat --json "$W/big.sheaf" big
  check "body not read back" test "$(wc -c <"$OUT")" -gt 200000000
  end
  echo "    $wrote"
  rm -f "$W/big.txt" "$W/big.sheaf"
else
  skip "100,000 tiny files and a 200 MB single file (run with --heavy: the build without sanitizers)"
fi

# ---------------------------------------------------------------------------------------------
# 3. Files that cannot be read, links, folders

good "$W/perm"
printf 'Secret\n\nHidden text.\n' >"$W/perm/locked.txt"
chmod 000 "$W/perm/locked.txt"
chmod 755 "$W" "$W/perm"
begin "unreadable file: an error with the OS reason, exit 1; --keep-going builds the rest"
if as_user true 2>/dev/null; then
  run_as_user build "$W/perm" -o /tmp/sheaf-perm-$$.sheaf
  expect_rc 1
  expect_err "locked.txt: cannot open file: Permission denied"
  run_as_user build --keep-going "$W/perm" -o /tmp/sheaf-perm-$$.sheaf
  expect_rc 3
  check "--keep-going wrote nothing" test -f /tmp/sheaf-perm-$$.sheaf
  rm -f /tmp/sheaf-perm-$$.sheaf
  finish
else
  skip "unreadable file: running as root without setpriv"
fi
chmod 644 "$W/perm/locked.txt"

good "$W/links"
ln -s nowhere.txt "$W/links/dangling.txt"
ln -s loop2 "$W/links/loop1"
ln -s loop1 "$W/links/loop2"
begin "dangling links and link loops inside a folder: skipped with a warning each, exit 0"
run build "$W/links" -o "$W/links.sheaf"
expect_rc 0
expect_err "dangling.txt: skipped: dangling symbolic link: target 'nowhere.txt' does not exist"
expect_err "loop1: skipped: symbolic link loop"
finish

begin "a dangling link given as an input: an error, exit 1"
run build "$W/links/dangling.txt" -o "$W/dangling.sheaf"
expect_rc 1
expect_err "dangling.txt"
check "bundle written" test ! -e "$W/dangling.sheaf"
finish

mkdir -p "$W/dir-as-file/notes.txt"
printf 'Inside\n\nA file in a folder named like a file.\n' >"$W/dir-as-file/notes.txt/a.txt"
begin "a folder named like a file is walked as a folder"
run build "$W/dir-as-file/notes.txt" -o "$W/dir-as-file.sheaf"
expect_rc 0
run ls "$W/dir-as-file.sheaf"
expect_out "Inside"
finish

begin "a folder given where a bundle is expected: exit 1 naming it"
run cat "$W/dir-as-file" x
expect_rc 1
expect_err "dir-as-file"
finish

# ---------------------------------------------------------------------------------------------
# 4. Records

mkdir -p "$W/jsonl"
{
  echo '{"id": "r1", "title": "one", "paragraphs": ["first"]}'
  echo '{"id": "r2", "title": broken'
  echo '[1, 2]'
  echo '{"id": "r4", "title": "four", "body": "fourth"}'
} >"$W/jsonl/records.jsonl"
begin "malformed JSONL lines: each named by line, exit 1, nothing written"
run build "$W/jsonl" -o "$W/jsonl.sheaf"
expect_rc 1
expect_err "records.jsonl:2: "
expect_err "records.jsonl:3: "
check "bundle written" test ! -e "$W/jsonl.sheaf"
finish

begin "malformed JSONL lines with --keep-going: the other lines build, exit 3"
run build --keep-going "$W/jsonl" -o "$W/jsonl.sheaf"
expect_rc 3
expect_err "records.jsonl:2: "
run ls "$W/jsonl.sheaf"
check "r1 missing" grep -q "^r1" "$OUT"
check "r4 missing" grep -q "^r4" "$OUT"
check "not exactly 2 articles" equals "$(wc -l <"$OUT")" 2
finish

mkdir -p "$W/dup/a" "$W/dup/b"
printf 'One\n\nFirst.\n' >"$W/dup/a/x.txt"
printf 'Two\n\nSecond.\n' >"$W/dup/b/x.txt"
begin "duplicate ids: an error naming both inputs, exit 1 (also with --keep-going)"
run build --keep-going "$W/dup/a" "$W/dup/b" -o "$W/dup.sheaf"
expect_rc 1
expect_err "a/x.txt"
expect_err "b/x.txt"
check "bundle written" test ! -e "$W/dup.sheaf"
finish

# ---------------------------------------------------------------------------------------------
# 5. Output: full disk, read-only folder, interruption

mkdir -p "$W/in"
cp -R "$EX"/. "$W/in/"  # a bundle of about 46 KB
begin "-o /dev/full: 'No space left on device', exit 1, the device left alone"
run build "$W/in" -o /dev/full
expect_rc 1
expect_err "/dev/full"
expect_err "No space left on device"
check "/dev/full is no longer a character device" test -c /dev/full
finish

# A disk that fills up mid-file: a file size limit makes the write fail as a full disk does
# (EFBIG; SIGXFSZ ignored so that the error is seen, as on a real full disk).
run build "$W/in" -o "$W/old.sheaf"
cp "$W/old.sheaf" "$W/old.copy"
printf 'New\n\nA new article.\n' >"$W/in/new.txt"
begin "the disk fills during the write: exit 1, the old bundle intact, no temp file"
"${TIMEOUT[@]}" bash -c 'trap "" XFSZ; ulimit -f 16; exec "$@"' _ "$SHEAF" build "$W/in" \
  -o "$W/old.sheaf" >"$OUT" 2>"$ERR"
RC=$?
expect_rc 1
expect_err "old.sheaf"
check "old bundle changed" same_files "$W/old.sheaf" "$W/old.copy"
check "the new article got in" sh -c "! '$SHEAF' ls '$W/old.sheaf' | grep -q '^new'"
check "temp file left" no_temp_files "$W"
finish

begin "a small tmpfs that fills: exit 1, the old bundle intact, no temp file"
mkdir -p "$W/tmpfs"
if mount -t tmpfs -o size=16k tmpfs "$W/tmpfs" 2>/dev/null; then
  printf 'old bundle\n' >"$W/tmpfs/out.sheaf"
  printf 'old bundle\n' >"$W/tmpfs.copy"
  run build "$W/in" -o "$W/tmpfs/out.sheaf"
  expect_rc 1
  expect_err "No space left on device"
  check "old bundle changed" same_files "$W/tmpfs/out.sheaf" "$W/tmpfs.copy"
  check "temp file left" no_temp_files "$W/tmpfs"
  umount "$W/tmpfs"
  finish
else
  skip "a small tmpfs: mount not permitted here"
fi

mkdir -p "$W/ro"
chmod 555 "$W/ro"
begin "a read-only output folder: exit 1 with the OS reason, nothing written"
if as_user true 2>/dev/null; then
  run_as_user build "$W/in" -o "$W/ro/out.sheaf"
  expect_rc 1
  expect_err "Permission denied"
  check "bundle written" test ! -e "$W/ro/out.sheaf"
  check "temp file left" no_temp_files "$W/ro"
  finish
else
  skip "a read-only folder: running as root without setpriv"
fi
chmod 755 "$W/ro"

# Interrupted builds: a corpus whose compression takes seconds, a signal once it is under way.
python3 - "$W/slow" <<'EOF'
import os, random, sys
random.seed(7)
root = sys.argv[1]
os.makedirs(root, exist_ok=True)
words = "shelter drill notice province earthquake bureau water kit school route map open".split()
for i in range(3000):
    with open(os.path.join(root, "a%05d.txt" % i), "w") as f:
        f.write("Notice %d\n\n" % i)
        for _ in range(8):
            f.write(" ".join(random.choice(words) for _ in range(60)) + ".\n\n")
EOF
for sig in INT TERM; do
  printf 'old bundle\n' >"$W/interrupted.sheaf"
  printf 'old bundle\n' >"$W/interrupted.copy"
  begin "SIG$sig during compression: the old bundle intact, no temp file, killed by the signal"
  # A background job of a script starts with SIGINT ignored: restore the default first.
  python3 -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$SHEAF" build --progress "$W/slow" \
    -o "$W/interrupted.sheaf" --level 19 -j 1 2>"$ERR" &
  pid=$!
  # Until compression is under way (a "sheaf: compression: DONE/TOTAL" progress line on stderr):
  # at most 10 minutes, since a sanitizer build on a loaded 2-core machine can take over a minute
  # to read and train first.
  for _ in $(seq 1 6000); do
    grep -aqE "sheaf: compression: [0-9]+/" "$ERR" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  check "compression never started" grep -aqE "sheaf: compression: [0-9]+/" "$ERR"
  kill -s "$sig" "$pid"
  wait "$pid"
  RC=$?
  check "exit status $RC, not killed by SIG$sig" test "$RC" -ge 128
  check "old bundle changed" same_files "$W/interrupted.sheaf" "$W/interrupted.copy"
  check "temp file left" no_temp_files "$W"
  end
  echo "    exit status $RC"
done

echo "bad inputs: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
