# tests/cli/lib.sh: helpers shared by the CLI test scripts (sourced; needs SHEAF and W set).
# shellcheck shell=bash

# fresh_work_dir SECONDS: the start of every script. A hung binary must fail its case, not the
# whole CTest run: each `run` is stopped after SECONDS (where timeout(1) exists). Refuses a WORK_DIR of "" or "/", needs SHEAF to be
# an executable and python3 to be there, and empties W (a read-only folder left by an
# interrupted run would stop rm). The environment must not change what the binary does, so
# SOURCE_DATE_EPOCH is unset. Exits 2 (a usage error of the script) on any of these.
fresh_work_dir() {
  case "$W" in
    "" | "/") echo "refusing to use '$W' as WORK_DIR" >&2; exit 2 ;;
  esac
  if [ ! -x "$SHEAF" ]; then
    echo "not an executable: $SHEAF" >&2
    exit 2
  fi
  if ! command -v python3 >/dev/null; then
    echo "python3 is required" >&2
    exit 2
  fi
  chmod -R u+w "$W" 2>/dev/null
  rm -rf "$W"
  mkdir -p "$W" || exit 2
  unset SOURCE_DATE_EPOCH
  TIMEOUT=()
  if command -v timeout >/dev/null; then
    TIMEOUT=(timeout "$1")
  fi
}

OUT=$W/.stdout   # stdout of the last `run`
ERR=$W/.stderr   # stderr of the last `run`
RC=0             # exit code of the last `run`
PASSED=0
FAILED=0
CASE=""
PROBLEMS=()

# run ARGS...: runs the binary; stdout to $OUT (or $STDOUT_TO if set), stderr to $ERR, code in RC.
run() {
  "${TIMEOUT[@]}" "$SHEAF" "$@" >"${STDOUT_TO:-$OUT}" 2>"$ERR"
  RC=$?
}

# The first stderr line, for failure details.
first_err() {
  head -n 1 "$ERR" 2>/dev/null | cut -c 1-200
}

begin() {
  CASE=$1
  PROBLEMS=()
}

# check DESCRIPTION COMMAND...: records DESCRIPTION as a problem of the case if COMMAND fails.
check() {
  local what=$1
  shift
  if ! "$@" >/dev/null 2>&1; then
    PROBLEMS+=("$what")
  fi
}

# expect_rc N: the last run exited with N (so a crash, >= 128, never passes for 1).
expect_rc() {
  if [ "$RC" -ne "$1" ]; then
    PROBLEMS+=("exit code $RC, expected $1 (stderr: $(first_err))")
  fi
}

# expect_err TEXT / expect_out TEXT: the last run's stderr / stdout contains TEXT (fixed string).
expect_err() {
  check "stderr lacks '$1' (stderr: $(first_err))" grep -qF -- "$1" "$ERR"
}
expect_out() {
  check "stdout lacks '$1'" grep -qF -- "$1" "$OUT"
}

end() {
  if [ ${#PROBLEMS[@]} -eq 0 ]; then
    echo "ok   - $CASE"
    PASSED=$((PASSED + 1))
  else
    local details
    details=$(printf '%s; ' "${PROBLEMS[@]}")
    echo "FAIL - $CASE: ${details%; }"
    FAILED=$((FAILED + 1))
  fi
}

skip() {
  echo "skip - $1"
}

# is_json FILE: FILE holds one JSON document.
is_json() {
  python3 -c 'import json,sys; json.load(sys.stdin)' <"$1"
}

# is_json_lines FILE: every line of FILE is one JSON document.
is_json_lines() {
  python3 -c '
import json, sys
for n, line in enumerate(sys.stdin, 1):
    json.loads(line)
' <"$1"
}

# json_get FILE KEY: prints the value of KEY of the JSON object in FILE.
json_get() {
  python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$2" <"$1"
}

# same_files A B: byte-identical.
same_files() {
  cmp -s "$1" "$2"
}

# flip FILE OFFSET: inverts one byte in place (a negative OFFSET counts from the end).
flip() {
  python3 -c '
import sys
path, off = sys.argv[1], int(sys.argv[2])
with open(path, "r+b") as f:
    data = bytearray(f.read())
    off = off if off >= 0 else len(data) + off
    data[off] ^= 0xFF
    f.seek(0)
    f.write(data)
' "$1" "$2"
}

# no_temp_files DIR: no ".NAME.tmp.XXXXXX" left behind by an atomic write in DIR.
no_temp_files() {
  [ -z "$(find "$1" -maxdepth 1 -name '.*.tmp.*' -print)" ]
}

# differ A B: not byte-identical.
differ() {
  ! cmp -s "$1" "$2"
}

equals() {
  [ "$1" = "$2" ]
}


# damage_section FILE KIND AT VALUE: overwrites the little-endian u32 at byte AT of FILE's first
# section of KIND (SPEC "Section table") with VALUE, leaving every checksum as it is: the
# section's own rules must catch it. AT and VALUE are Python expressions over the section's
# first three words w0, w1 and w2 (`4` and `w1 + 1`: the second word, one more).
damage_section() {
  python3 - "$@" <<'PY'
import struct, sys
path, kind, at, value = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
data = bytearray(open(path, "rb").read())
for k in range(struct.unpack_from("<I", data, 32)[0]):
    kind_k, _, off, _, _ = struct.unpack_from("<IIQQQ", data, 40 + 32 * k)
    if kind_k == kind:
        w0, w1, w2 = struct.unpack_from("<III", data, off)
        words = {"w0": w0, "w1": w1, "w2": w2}
        struct.pack_into("<I", data, off + eval(at, words), eval(value, words))
        break
else:
    sys.exit("damage_section: %s has no section of kind %d" % (path, kind))
open(path, "wb").write(data)
PY
}
