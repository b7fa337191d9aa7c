#!/usr/bin/env bash
# CLI test: names and text that don't fit (issue 13). An output that is one of the inputs,
# ids and kept-source names that are not valid file names, control characters in what cat and
# ls print, long output names, a bundle that shrinks while it is read, signals during a write,
# a pipe given as the bundle. Each case prints the message sheaf gave ("says: ...").
#
#   names.sh SHEAF SOURCE_DIR WORK_DIR

SHEAF=$1
SRC=$2
W=$3
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
fresh_work_dir 300

says() {
  grep -E '^sheaf: (error|warning|note)' "$ERR" | grep -v 'build failed' | head -3 |
    sed 's/^/    says: /'
}

finish() {
  end
  says
}

# --- an output that is one of the inputs -------------------------------------------------------
mkdir -p "$W/in"
printf 'Notes\n\nSome text.\n' >"$W/in/notes.txt"
cp "$W/in/notes.txt" "$W/notes.copy"
ln "$W/in/notes.txt" "$W/hardlink.sheaf"

begin "build in/notes.txt -o in/notes.txt: refused, the input unchanged"
run build "$W/in/notes.txt" -o "$W/in/notes.txt"
expect_rc 1
expect_err "the output is the input file $W/in/notes.txt"
check "input changed" same_files "$W/in/notes.txt" "$W/notes.copy"
check "temp file left" no_temp_files "$W/in"
finish

begin "build in -o (a hard link to an input): refused by device and inode"
run build "$W/in" -o "$W/hardlink.sheaf"
expect_rc 1
expect_err "the output is the input file"
check "input changed" same_files "$W/in/notes.txt" "$W/notes.copy"
finish

begin "build in --keep-source -o in/../in/notes.txt: refused under another spelling"
run build "$W/in" --keep-source -o "$W/in/../in/notes.txt"
expect_rc 1
expect_err "the output is the input file"
check "input changed" same_files "$W/in/notes.txt" "$W/notes.copy"
finish

echo "names: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
