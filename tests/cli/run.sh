#!/usr/bin/env bash
# Command-line tests for sheaf: exit codes, messages, atomic output, determinism, damage
# detection, unpack/rebuild round trip. In the spirit of zstd's tests/cli-tests: every case runs
# the real binary and checks its exit code and what it printed.
#
# Usage: run.sh SHEAF_BINARY SOURCE_DIR CORPUS_DIR WORK_DIR   (CTest test "cli")
#
# Prints one line per case ("ok   - name" / "FAIL - name: details" / "skip - name: why"),
# then "cli: N passed, M failed"; exits 1 if any case failed. Needs bash, python3 and
# coreutils; never the network.
#
# Exit codes under test (compiler/cli/commands.hpp): 0 ok, 1 failure (bad input, damaged
# bundle, I/O error), 2 usage error. Anything >= 128 is a crash (killed by a signal).
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

# Helpers: fresh_work_dir, run, begin/end, check, expect_rc, expect_err, ... (tests/cli/lib.sh)
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
fresh_work_dir 120
export PYTHONIOENCODING=utf-8

BUNDLE=$W/ex.sheaf  # the examples bundle most cases read

# ---------------------------------------------------------------------------------------------
# 1. Help and version: exit 0 and print usage, for the top level and every subcommand.

begin "help: sheaf --help"
run --help
expect_rc 0
expect_out "Usage:"
end

for sub in build info ls cat verify unpack charset categories diff patch; do
  begin "help: sheaf $sub --help"
  run "$sub" --help
  expect_rc 0
  expect_out "Usage:"
  expect_out "$sub"
  end
done

begin "version: sheaf --version"
run --version
expect_rc 0
check "stdout is not 'sheaf <version>': $(head -c 80 "$OUT")" grep -qE '^sheaf [0-9]+\.[0-9]+' "$OUT"
end

# ---------------------------------------------------------------------------------------------
# 2. Usage errors exit 2 (not 1: scripts tell "you called me wrong" from "your data is bad").

begin "usage: no subcommand"
run
expect_rc 2
check "no message on stderr" test -s "$ERR"
end

begin "usage: unknown subcommand"
run frobnicate
expect_rc 2
check "no message on stderr" test -s "$ERR"
end

begin "usage: unknown option"
run build "$EX" -o "$W/never.sheaf" --no-such-option
expect_rc 2
expect_err "--no-such-option"
check "output written despite the usage error" test ! -e "$W/never.sheaf"
end

begin "usage: build without -o"
run build "$EX"
expect_rc 2
expect_err "--output"
end

begin "usage: cat without id"
run cat "$W/whatever.sheaf"
expect_rc 2
expect_err "id"
end

begin "usage: --dict-size 1X is not a size"
run build "$EX" -o "$W/never.sheaf" --dict-size 1X
expect_rc 2
expect_err "--dict-size"
check "output written despite the usage error" test ! -e "$W/never.sheaf"
end

begin "usage: --block-size 10 is out of range"
run build "$EX" -o "$W/never.sheaf" --block-size 10
expect_rc 2
expect_err "--block-size"
check "output written despite the usage error" test ! -e "$W/never.sheaf"
end

# ---------------------------------------------------------------------------------------------
# 3. Build the examples and read them back with every read command.

begin "build: examples"
run build "$EX" -o "$BUNDLE"
expect_rc 0
check "$BUNDLE not written" test -s "$BUNDLE"
expect_err "wrote"
end

begin "verify: good bundle prints OK"
run verify "$BUNDLE"
expect_rc 0
expect_out "OK"
end

# The article count everything else is compared with.
run ls "$BUNDLE"
LS_RC=$RC
N=$(wc -l <"$OUT" | tr -d ' ')

begin "ls: one line per article"
RC=$LS_RC
expect_rc 0
check "ls printed no articles" test "$N" -gt 0
end

begin "info: articles count equals ls"
run info "$BUNDLE"
expect_rc 0
INFO_N=$(awk '$1 == "articles:" { print $2 }' "$OUT")
check "info says '${INFO_N}' articles, ls lists $N" equals "$INFO_N" "$N"
end

begin "info --json: valid JSON, articles count equals ls"
run info --json "$BUNDLE"
expect_rc 0
check "stdout is not valid JSON" is_json "$OUT"
INFO_N=$(json_get "$OUT" articles 2>/dev/null)
check "info --json says '${INFO_N}' articles, ls lists $N" equals "$INFO_N" "$N"
end

begin "ls --json: JSON Lines, same count"
run ls --json "$BUNDLE"
expect_rc 0
check "a line is not valid JSON" is_json_lines "$OUT"
LS_JSON_N=$(wc -l <"$OUT" | tr -d ' ')
check "ls --json has $LS_JSON_N lines, ls has $N" equals "$LS_JSON_N" "$N"
end

begin "cat: seed shows its title"
run cat "$BUNDLE" seed
expect_rc 0
expect_out "习近平"
end

begin "cat --json: valid JSON with paragraphs"
run cat --json "$BUNDLE" seed
expect_rc 0
check "stdout is not valid JSON" is_json "$OUT"
check "no non-empty \"paragraphs\" list" python3 -c '
import json, sys
a = json.load(sys.stdin)
assert a["id"] == "seed"
assert isinstance(a["paragraphs"], list) and len(a["paragraphs"]) > 0
' <"$OUT"
end

begin "cat: missing id exits 1 naming bundle and id"
run cat "$BUNDLE" no-such-article
expect_rc 1
expect_err "$BUNDLE"
expect_err "no-such-article"
end

# ---------------------------------------------------------------------------------------------
# 4. An input of unknown type is skipped with a warning; --strict makes warnings fatal.

mkdir -p "$W/md"
cp "$EX/seed.txt" "$W/md/seed.txt"
echo "# not an article" >"$W/md/notes.md"

begin "build: unknown file type warns and still builds"
run build "$W/md" -o "$W/md.sheaf"
expect_rc 0
expect_err "notes.md"
check "$W/md.sheaf not written" test -s "$W/md.sheaf"
end

begin "build --strict: unknown file type fails, nothing written"
run build --strict "$W/md" -o "$W/md-strict.sheaf"
expect_rc 1
expect_err "notes.md"
check "$W/md-strict.sheaf written despite the failure" test ! -e "$W/md-strict.sheaf"
end

# ---------------------------------------------------------------------------------------------
# 5. Duplicate ids: a/x.txt and b/x.txt, given as two folders, both get id "x". The message
#    must let the user find both files, so it has to name both paths, not just "x.txt".

mkdir -p "$W/dup/a" "$W/dup/b"
cp "$EX/seed.txt" "$W/dup/a/x.txt"
cp "$EX/quake-report.txt" "$W/dup/b/x.txt"

begin "build: duplicate ids fail and name both inputs"
run build "$W/dup/a" "$W/dup/b" -o "$W/dup.sheaf"
expect_rc 1
expect_err "duplicate"
expect_err "dup/a/x.txt"
expect_err "dup/b/x.txt"
check "$W/dup.sheaf written despite the failure" test ! -e "$W/dup.sheaf"
end

# ---------------------------------------------------------------------------------------------
# 6. A malformed JSON Lines record is an error pointing at its file and line.

mkdir -p "$W/badjson"
{
  echo '{"id": "r1", "title": "one", "paragraphs": ["first"]}'
  echo '{"id": "r2", "title": "two", "paragraphs": ["second"]}'
  echo '{"id": "r3", "title": broken'
} >"$W/badjson/records.jsonl"

begin "build: malformed JSONL names file and line"
run build "$W/badjson" -o "$W/badjson.sheaf"
expect_rc 1
expect_err "records.jsonl:3"
check "$W/badjson.sheaf written despite the failure" test ! -e "$W/badjson.sheaf"
end

# ---------------------------------------------------------------------------------------------
# 7. Inputs that give nothing to build.

begin "build: missing input path"
run build "$W/no-such-input" -o "$W/missing.sheaf"
expect_rc 1
expect_err "no-such-input"
check "$W/missing.sheaf written despite the failure" test ! -e "$W/missing.sheaf"
end

mkdir -p "$W/empty"
begin "build: zero articles (empty folder)"
run build "$W/empty" -o "$W/empty.sheaf"
expect_rc 1
expect_err "no articles"
check "$W/empty.sheaf written despite the failure" test ! -e "$W/empty.sheaf"
end

# ---------------------------------------------------------------------------------------------
# 8. Atomic output: a failed build never touches the old file and leaves no temp file behind.

begin "atomic: failed build keeps the old output intact"
run build "$EX" -o "$W/keep.sheaf"
KEEP_RC=$RC
cp "$W/keep.sheaf" "$W/keep.orig" 2>/dev/null
run build "$W/dup/a" "$W/dup/b" -o "$W/keep.sheaf"
check "first build of keep.sheaf failed (exit $KEEP_RC)" test "$KEEP_RC" -eq 0
expect_rc 1
check "keep.sheaf changed by a failed build" same_files "$W/keep.sheaf" "$W/keep.orig"
check "temp file left in $W: $(cd "$W" && ls -d .keep.sheaf.tmp.* 2>/dev/null)" no_temp_files "$W"
end

if [ "$(id -u)" -eq 0 ]; then
  skip "atomic: read-only output directory: running as root, which ignores directory permissions"
else
  mkdir -p "$W/ro"
  chmod 555 "$W/ro"
  begin "atomic: read-only output directory fails"
  run build "$EX" -o "$W/ro/out.sheaf"
  expect_rc 1
  expect_err "ro/out.sheaf"
  check "output appeared in the read-only directory" test ! -e "$W/ro/out.sheaf"
  end
  chmod 755 "$W/ro"
fi

if [ -w /dev/full ]; then
  # /dev/full is not a regular file, so it is written in place; every write fails with ENOSPC.
  begin "atomic: -o /dev/full reports no space"
  run build "$EX" -o /dev/full
  expect_rc 1
  expect_err "No space left on device"
  end
else
  skip "atomic: -o /dev/full: no writable /dev/full on this system"
fi

mkdir -p "$W/outdir"
begin "atomic: output path is a directory"
run build "$EX" -o "$W/outdir"
expect_rc 1
expect_err "outdir"
check "$W/outdir is no longer a directory" test -d "$W/outdir"
check "temp file left in $W" no_temp_files "$W"
end

# ---------------------------------------------------------------------------------------------
# 9. Determinism: the same inputs give the same bytes, whatever the thread count or the order
#    in which the OS lists the input files.

begin "determinism: -j 1 and -j 2 give identical bundles"
run build -q -j 1 "$EX" -o "$W/j1.sheaf"
RC1=$RC
run build -q -j 2 "$EX" -o "$W/j2.sheaf"
check "-j 1 build failed (exit $RC1)" test "$RC1" -eq 0
expect_rc 0
check "j1.sheaf and j2.sheaf differ" same_files "$W/j1.sheaf" "$W/j2.sheaf"
end

# Small frames make several frames per thread, so the threads really split the work. The
# second build spells the size with a unit (4K: 4096, K and M are 1024s).
begin "determinism: --block-size 4096 with -j 1 and 4K with -j 4"
run build -q --block-size 4096 -j 1 "$EX" -o "$W/b1.sheaf"
RC1=$RC
run build -q --block-size 4K -j 4 "$EX" -o "$W/b4.sheaf"
check "-j 1 build failed (exit $RC1)" test "$RC1" -eq 0
expect_rc 0
check "b1.sheaf and b4.sheaf differ" same_files "$W/b1.sheaf" "$W/b4.sheaf"
end

# The same files created in reverse order (directory listing order often follows creation).
mkdir -p "$W/reversed"
(cd "$EX" && find . -type f -print | LC_ALL=C sort -r) | while IFS= read -r f; do
  mkdir -p "$W/reversed/$(dirname "$f")"
  cp -p "$EX/$f" "$W/reversed/$f"
done

begin "determinism: files created in reverse order give the same bundle"
check "the reversed copy has other files than examples" \
  diff -r "$EX" "$W/reversed"
run build -q "$W/reversed" -o "$W/reversed.sheaf"
expect_rc 0
check "reversed.sheaf differs from j1.sheaf" same_files "$W/reversed.sheaf" "$W/j1.sheaf"
end

begin "determinism: SOURCE_DATE_EPOCH sets created"
SOURCE_DATE_EPOCH=1700000000 run build -q "$EX" -o "$W/epoch.sheaf"
expect_rc 0
run info --json "$W/epoch.sheaf"
expect_rc 0
CREATED=$(json_get "$OUT" created 2>/dev/null)
check "created is '$CREATED', expected 1700000000" equals "$CREATED" 1700000000
# Without it the time is 0, not the clock: builds stay reproducible by default.
run info --json "$W/j1.sheaf"
CREATED=$(json_get "$OUT" created 2>/dev/null)
check "created without SOURCE_DATE_EPOCH is '$CREATED', expected 0" equals "$CREATED" 0
end

# ---------------------------------------------------------------------------------------------
# 10. Damage: verify must notice any flipped byte; readers fail cleanly (exit 1, not a crash).

SIZE=$(wc -c <"$BUNDLE" | tr -d ' ')
for spot in "header:20" "section table:48" "index:200" "near the end:-16"; do
  where=${spot%%:*}
  offset=${spot##*:}
  damaged=$W/damaged-${offset#-}.sheaf
  cp "$BUNDLE" "$damaged"
  begin "damage: one byte flipped in the $where (offset $offset of $SIZE) fails verify"
  check "could not flip the byte" flip "$damaged" "$offset"
  check "the copy is not damaged (test bug)" differ "$BUNDLE" "$damaged"
  run verify "$damaged"
  expect_rc 1
  expect_err "$damaged"
  end
done

HALF=$W/half.sheaf
cp "$BUNDLE" "$HALF"
truncate -s $((SIZE / 2)) "$HALF"
for cmd in verify ls info; do
  begin "damage: $cmd of a file truncated to half fails cleanly"
  run "$cmd" "$HALF"
  expect_rc 1
  expect_err "$HALF"
  end
done

begin "damage: cat of a file truncated to half fails cleanly"
run cat "$HALF" seed
expect_rc 1
expect_err "$HALF"
end

# Bytes appended after a good bundle: the header's size no longer matches.
cp "$BUNDLE" "$W/trailing.sheaf"
echo "garbage" >>"$W/trailing.sheaf"
begin "damage: trailing bytes fail verify"
run verify "$W/trailing.sheaf"
expect_rc 1
expect_err "trailing.sheaf"
end

NOT_BUNDLE=$SRC/runtime/README.md
[ -f "$NOT_BUNDLE" ] || NOT_BUNDLE=$SRC/CMakeLists.txt
begin "damage: a text file is not a bundle"
run verify "$NOT_BUNDLE"
expect_rc 1
expect_err "not a readable bundle"
expect_err "bad magic"
end

begin "damage: a directory given as bundle"
run verify "$W/outdir"
expect_rc 1
expect_err "outdir"
end

begin "damage: missing bundle file"
run info "$W/no-such.sheaf"
expect_rc 1
expect_err "no-such.sheaf"
end

# A zero-byte file (e.g. from an interrupted copy) must be called what it is: too short.
: >"$W/zero.sheaf"
begin "damage: empty file is reported as truncated"
run verify "$W/zero.sheaf"
expect_rc 1
expect_err "zero.sheaf"
check "message does not say truncated/empty: $(first_err)" grep -qiE 'truncated|empty' "$ERR"
end

# ---------------------------------------------------------------------------------------------
# 11. Unpack, rebuild from the unpacked JSON, and get the same articles back.

begin "unpack: one JSON file per article"
run unpack "$BUNDLE" -o "$W/un"
expect_rc 0
UN_N=$(find "$W/un" -type f -name '*.json' 2>/dev/null | wc -l | tr -d ' ')
check "unpacked $UN_N files, ls lists $N articles" equals "$UN_N" "$N"
check "an unpacked file is not JSON or has no \"id\"" python3 -c '
import json, pathlib, sys
for p in pathlib.Path(sys.argv[1]).rglob("*.json"):
    with open(p, encoding="utf-8") as f:
        a = json.load(f)
    assert isinstance(a.get("id"), str) and a["id"], p
' "$W/un"
end

begin "unpack: rebuilt bundle has the same ids, titles and paragraphs"
run build "$W/un" -o "$W/re.sheaf"
expect_rc 0
# Compares ls --json (id, title) and cat --json (paragraphs) of every article of both bundles.
if ! python3 - "$SHEAF" "$BUNDLE" "$W/re.sheaf" >"$W/.compare" 2>&1 <<'PY'; then
import json, subprocess, sys

sheaf, first, second = sys.argv[1:4]

def run(*args):
    p = subprocess.run([sheaf, *args], stdout=subprocess.PIPE, timeout=120)
    if p.returncode != 0:
        sys.exit("sheaf %s exited %d" % (" ".join(args), p.returncode))
    return p.stdout.decode("utf-8")

def listing(bundle):
    return [(a["id"], a["title"]) for a in map(json.loads, run("ls", "--json", bundle).splitlines())]

a, b = listing(first), listing(second)
if a != b:
    sys.exit("ls differs: %r vs %r" % (sorted(set(a) ^ set(b))[:3], len(b)))
for id_, _ in a:
    pa = json.loads(run("cat", "--json", first, id_))
    pb = json.loads(run("cat", "--json", second, id_))
    if pa != pb:
        sys.exit("article %r differs: %r" % (id_, [k for k in pa if pa[k] != pb.get(k)]))
PY
  PROBLEMS+=("$(tail -n 1 "$W/.compare" | cut -c 1-300)")
fi
end

# ---------------------------------------------------------------------------------------------
# 12. The real-world corpus, when this checkout has it.

if [ -d "$CORPUS/text-zh" ]; then
  begin "corpus: text-zh builds and verifies"
  run build -q "$CORPUS/text-zh" -o "$W/corpus.sheaf"
  expect_rc 0
  run verify "$W/corpus.sheaf"
  expect_rc 0
  expect_out "OK"
  end
else
  skip "corpus absent ($CORPUS/text-zh)"
fi

# ---------------------------------------------------------------------------------------------
# 13. Output errors on stdout must not be silent: `sheaf cat id > file` on a full disk has to
#     fail, or a script believes it has the article.

if [ -w /dev/full ]; then
  for cmd in ls cat info; do
    case $cmd in
      ls) args=(ls "$BUNDLE") ;;
      cat) args=(cat "$BUNDLE" seed) ;;
      info) args=(info --json "$BUNDLE") ;;
    esac
    begin "stdout: write error (>/dev/full) in $cmd exits 1"
    STDOUT_TO=/dev/full run "${args[@]}"
    expect_rc 1
    end
  done
else
  skip "stdout write errors: no writable /dev/full on this system"
fi

# ---------------------------------------------------------------------------------------------

# 13. Kept sources: `build --keep-source` stores every input file; `unpack --source` gives them
# back byte for byte.

begin "keep-source: every input file comes back byte for byte"
run build -q --keep-source "$EX" -o "$W/src.sheaf"
expect_rc 0
run verify "$W/src.sheaf"
expect_rc 0
run unpack --source "$W/src.sheaf" -o "$W/src"
expect_rc 0
check "unpacked sources differ from examples/" diff -r "$EX" "$W/src"
end

begin "keep-source: unpack --source of a bundle without sources fails"
run unpack --source "$BUNDLE" -o "$W/nosrc"
expect_rc 1
expect_err "keeps no source files"
end

# ---------------------------------------------------------------------------------------------
# 14. `sheaf extract`: the build's extraction, as gold-format JSON.

begin "extract: one page to stdout as JSON"
run extract "$EX/seed.txt"
expect_rc 0
check "stdout is not JSON" is_json "$OUT"
check "title missing" python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); assert a["title"].startswith("习近平") and a["paragraphs"]' "$OUT"
end

begin "extract: several inputs need -o, and write one file per article"
run extract "$EX/seed.txt" "$EX/quake-report.txt"
expect_rc 2
run extract "$EX/seed.txt" "$EX/html/aftershock-advice.html" -o "$W/ex"
expect_rc 0
check "seed.json missing" test -f "$W/ex/seed.json"
check "aftershock-advice.json missing" test -f "$W/ex/aftershock-advice.json"
end

begin "extract: --json prints one summary with the counts and the seconds of the work"
run extract --json "$EX/seed.txt" "$EX/html/aftershock-advice.html" -o "$W/exj"
expect_rc 0
check "stdout is not JSON" is_json "$OUT"
check "summary fields wrong" python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
assert (s["inputs"], s["articles"], s["written"], s["errors"]) == (2, 2, 2, 0), s
assert isinstance(s["seconds"], float) and 0 < s["seconds"] < 60, s
' "$OUT"
check "seed.json missing" test -f "$W/exj/seed.json"
run extract --json "$EX/seed.txt"
expect_rc 2
expect_err "--json requires --output"
end

begin "extract: --explain names every dropped block and its rule"
run extract --explain "$EX/html/aftershock-advice.html"
expect_rc 0
check "no drop lines on stderr" grep -q "drop \[" "$ERR"
expect_err "aftershock-advice.html:"
end

# ---------------------------------------------------------------------------------------------
# 15. `sheaf charset`: the code points the articles use, for subsetting a display font.

begin "charset: the three formats agree, and the text form holds the seed's title"
run charset --format json "$BUNDLE"
expect_rc 0
check "not JSON" is_json "$OUT"
cp "$OUT" "$W/charset.json"
run charset --format ranges "$BUNDLE"
expect_rc 0
cp "$OUT" "$W/charset.ranges"
run charset "$BUNDLE"
expect_rc 0
cp "$OUT" "$W/charset.txt"
check "formats disagree" python3 -c '
import json, sys
j = json.load(open(sys.argv[1]))
cps = set()
for a, b in j["ranges"]:
    cps.update(range(a, b + 1))
assert len(cps) == j["code_points"], "count"
r = set()
for item in open(sys.argv[2]).read().strip().split(","):
    a, _, b = item.partition("-")
    r.update(range(int(a, 16), int(b or a, 16) + 1))
assert r == cps, "ranges"
t = open(sys.argv[3], encoding="utf-8").read()
assert t.endswith("\n")
assert set(map(ord, t[:-1])) == {c for c in cps if c >= 0x20 and not 0x7F <= c <= 0x9F}, "text"
assert 0x4E60 in cps and 0x8FD1 in cps  # 习 and 近, from the seed page title
' "$W/charset.json" "$W/charset.ranges" "$W/charset.txt"
end

begin "charset: a bundle built with --no-charset is read article by article, with a note"
run build -q --no-charset "$EX" -o "$W/nocharset.sheaf"
expect_rc 0
STDOUT_TO=$W/charset-scan.json run charset --json "$W/nocharset.sheaf"
expect_rc 0
expect_err "has no CHARSET section"
check "the scan differs from the section" python3 -c '
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert a["ranges"] == b["ranges"] and a["from"] == "section" and b["from"] == "articles"
' "$W/charset.json" "$W/charset-scan.json"
end

begin "charset: a damaged CHARSET section is an error naming the rule"
cp "$BUNDLE" "$W/badcharset.sheaf"
damage_section "$W/badcharset.sheaf" 6 4 "w1 + 1"  # code_point_count, one more than its bitmaps hold
run charset "$W/badcharset.sheaf"
expect_rc 1
expect_err "badcharset.sheaf"
end

# ---------------------------------------------------------------------------------------------
# 16. Navigation: `ls --newest`, `ls --category 'A > B'`, `categories`, from the NAVIGATION
# section, or computed from every article when a bundle has none.

# The expected answers, from `ls --json` (every article, id order): python3 nav.py MODE ...
cat >"$W/nav.py" <<'PY'
import json, sys
mode, all_path, got_path = sys.argv[1], sys.argv[2], sys.argv[3]
arts = [json.loads(l) for l in open(all_path, encoding="utf-8")]
def key(a):
    d = a["date"]
    c = 2 if len(d) == 10 else 1 if len(d) == 7 and d.startswith("--") else 0
    return (c, d if c else "")
order = sorted(range(len(arts)), key=lambda i: key(arts[i]), reverse=True)
# sorted(reverse=True) keeps equal items in their original order: a stable descending sort.
want_ids = [arts[i]["id"] for i in order]
if mode == "newest":
    got = [json.loads(l)["id"] for l in open(got_path, encoding="utf-8")]
    assert got == want_ids, (got, want_ids)
elif mode == "category":
    path = sys.argv[4].split(" > ")
    want = [i for i in want_ids if next(a for a in arts if a["id"] == i)["categories"][:len(path)] == path]
    got = [json.loads(l)["id"] for l in open(got_path, encoding="utf-8")]
    assert got == want and want, (got, want)
else:
    tree = {}
    for a in arts:
        node = tree
        for c in a["categories"]:
            node = node.setdefault(c, {"count": 0, "children": {}})
            node["count"] += 1
            node = node["children"]
    def as_list(t):
        return [{"name": n, "count": v["count"], "children": as_list(v["children"])}
                for n, v in sorted(t.items(), key=lambda kv: kv[0].encode())]
    def strip(l):
        return [{"name": n["name"], "count": n["count"], "children": strip(n["children"])} for n in l]
    j = json.load(open(got_path, encoding="utf-8"))
    assert j["articles"] == len(arts)
    assert j["uncategorized"] == sum(1 for a in arts if not a["categories"])
    assert strip(j["categories"]) == as_list(tree)
    def lines(l, depth):
        for n in l:
            yield "  " * depth + n["name"] + " (" + str(n["count"]) + ")"
            yield from lines(n["children"], depth + 1)
    text = open(sys.argv[4], encoding="utf-8").read().splitlines()
    assert text == list(lines(as_list(tree), 0)), text
PY
run ls --json "$BUNDLE"
cp "$OUT" "$W/all.jsonl"

begin "ls --newest: full dates newest first, then --MM-DD, then undated; ties in id order"
STDOUT_TO=$W/newest.jsonl run ls --newest --json "$BUNDLE"
expect_rc 0
check "order differs from the dates" python3 "$W/nav.py" newest "$W/all.jsonl" "$W/newest.jsonl"
run ls --newest "$BUNDLE"
expect_rc 0
check "the seed (--01-20) is not just before the undated article" \
  sh -c "tail -n 2 '$OUT' | head -n 1 | grep -q '	--01-20	'"
end

begin "ls --category 'A > B': that category and below, newest first, as cat prints the path"
STDOUT_TO=$W/cat.jsonl run ls --category '新闻资讯 > 防震减灾' --json "$BUNDLE"
expect_rc 0
check "wrong articles" python3 "$W/nav.py" category "$W/all.jsonl" "$W/cat.jsonl" '新闻资讯 > 防震减灾'
STDOUT_TO=$W/cat.jsonl run ls --category '通知公告' --json "$BUNDLE"
check "wrong articles (top level)" python3 "$W/nav.py" category "$W/all.jsonl" "$W/cat.jsonl" '通知公告'
end

begin "ls --category: an unknown category is an error naming it"
run ls --category '新闻资讯 > nope' "$BUNDLE"
expect_rc 1
expect_err "no category '新闻资讯 > nope'"
end

begin "categories: the tree with counts, text and JSON"
STDOUT_TO=$W/cats.txt run categories "$BUNDLE"
expect_rc 0
STDOUT_TO=$W/cats.json run categories --json "$BUNDLE"
expect_rc 0
check "tree differs from the breadcrumbs" python3 "$W/nav.py" tree "$W/all.jsonl" "$W/cats.json" "$W/cats.txt"
check "JSON not from the section" grep -q '"from":"section"' "$W/cats.json"
end

begin "navigation: a bundle built with --no-navigation gives the same answers, with a note"
run build -q --no-navigation "$EX" -o "$W/nonav.sheaf"
expect_rc 0
STDOUT_TO=$W/newest2.jsonl run ls --newest --json "$W/nonav.sheaf"
expect_rc 0
expect_err "has no NAVIGATION section"
check "newest differs" cmp "$W/newest.jsonl" "$W/newest2.jsonl"
STDOUT_TO=$W/cats2.txt run categories "$W/nonav.sheaf"
expect_rc 0
expect_err "has no NAVIGATION section"
check "tree differs" cmp "$W/cats.txt" "$W/cats2.txt"
end

begin "search: hits as lines and JSON, the same without a SEARCH section (with a note), --help"
run build -q --search "$EX" -o "$W/search.sheaf"
expect_rc 0
STDOUT_TO=$W/search.txt run search "$W/search.sheaf" "地震 应急"
expect_rc 0
expect_err "matching articles"
check "no hit for 地震 应急" test -s "$W/search.txt"
STDOUT_TO=$W/search.jsonl run search --json --limit 2 "$W/search.sheaf" "地震"
expect_rc 0
check "--limit 2 not two JSON hits with id, title and date" python3 -c '
import json, sys
hits = [json.loads(l) for l in open(sys.argv[1])]
sys.exit(len(hits) != 2 or any(not {"id", "title", "date"} <= set(h) for h in hits))' "$W/search.jsonl"
STDOUT_TO=$W/search2.txt run search "$BUNDLE" "地震 应急"
expect_rc 0
expect_err "has no SEARCH section"
check "hits differ without the section" cmp "$W/search.txt" "$W/search2.txt"
STDOUT_TO=$W/search-help.txt run search --help
expect_rc 0
check "--help does not name --limit" grep -q -- "--limit" "$W/search-help.txt"
STDOUT_TO=$W/info-search.json run info --json "$W/search.sheaf"
STDOUT_TO=$W/info-nosearch.json run info --json "$BUNDLE"
check "info --json: search_bytes not above 0 with the section, 0 without" python3 -c '
import json, sys
with_it, without = (json.load(open(p))["search_bytes"] for p in sys.argv[1:3])
sys.exit(not (with_it > 0 and without == 0))' "$W/info-search.json" "$W/info-nosearch.json"
end

begin "search: a damaged SEARCH section is an error naming the file and the rule, and verify fails"
cp "$W/search.sheaf" "$W/badsearch.sheaf"
damage_section "$W/badsearch.sheaf" 9 0 "w0 + 1"  # article_count (rule Q1)
run search "$W/badsearch.sheaf" "地震"
expect_rc 1
expect_err "badsearch.sheaf"
expect_err "Q1"
run verify "$W/badsearch.sheaf"
expect_rc 1
end

begin "navigation: a damaged NAVIGATION section is an error naming the file, and verify fails"
cp "$BUNDLE" "$W/badnav.sheaf"
damage_section "$W/badnav.sheaf" 7 "12 + 20 * w0 + 20" "w0 + 1"  # the root's count (rule N6)
run categories "$W/badnav.sheaf"
expect_rc 1
expect_err "badnav.sheaf"
expect_err "N6"
run verify "$W/badnav.sheaf"
expect_rc 1
end

# 17. Titles: `ls --title-prefix P` from the HEADLINES section (SPEC: "Headlines section"),
# checked against the titles `ls --json` prints; the same answers from a bundle without it.

cat > "$W/titles.py" <<'PY'
import json, sys
mode, all_path, got_path, prefix = sys.argv[1:5]
arts = [json.loads(l) for l in open(all_path, encoding="utf-8")]
got = [json.loads(l)["id"] for l in open(got_path, encoding="utf-8")]
match = [a for a in arts if a["title"].encode().startswith(prefix.encode())]
newest = [json.loads(l)["id"] for l in open(sys.argv[5], encoding="utf-8")]
slot = {i: s for s, i in enumerate(newest)}
if mode == "title":  # title bytes ascending, ties newest first (the order of ls --newest)
    want = [a["id"] for a in sorted(match, key=lambda a: (a["title"].encode(), slot[a["id"]]))]
else:  # newest: the order of ls --newest, filtered
    ids = {a["id"] for a in match}
    want = [i for i in newest if i in ids]
assert got == want, (got, want)
assert len(want) > 0 or prefix == "nothing-starts-so", "a prefix that should match did not"
PY

begin "ls --title-prefix: the articles whose title starts with P, in title byte order"
for prefix in '某' '某县' '2024' 'Community' ''; do
  STDOUT_TO=$W/prefix.jsonl run ls --title-prefix "$prefix" --json "$BUNDLE"
  expect_rc 0
  check "wrong articles for '$prefix'" python3 "$W/titles.py" title "$W/all.jsonl" "$W/prefix.jsonl" "$prefix" "$W/newest.jsonl"
done
STDOUT_TO=$W/prefix.jsonl run ls --title-prefix 'nothing-starts-so' --json "$BUNDLE"
expect_rc 0
check "articles for a prefix no title has" test ! -s "$W/prefix.jsonl"
STDOUT_TO=$W/prefix.jsonl run ls --title-prefix '某' --newest --json "$BUNDLE"
expect_rc 0
check "wrong order with --newest" python3 "$W/titles.py" newest "$W/all.jsonl" "$W/prefix.jsonl" '某' "$W/newest.jsonl"
run ls --title-prefix '某' --category '通知公告' "$BUNDLE"
expect_rc 2
expect_err "excludes"
STDOUT_TO=$W/info.json run info --json "$BUNDLE"
check "info gives no headlines_bytes" python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['headlines_bytes'] > 0" "$W/info.json"
end

begin "titles: a bundle built with --no-titles gives the same answers, with a note"
run build -q --no-titles "$EX" -o "$W/notitles.sheaf"
expect_rc 0
STDOUT_TO=$W/prefix.jsonl run ls --title-prefix '某' --json "$BUNDLE"
STDOUT_TO=$W/prefix2.jsonl run ls --title-prefix '某' --json "$W/notitles.sheaf"
expect_rc 0
expect_err "has no HEADLINES section"
check "answers differ" cmp "$W/prefix.jsonl" "$W/prefix2.jsonl"
STDOUT_TO=$W/info.json run info --json "$W/notitles.sheaf"
check "info gives headlines_bytes" python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['headlines_bytes'] == 0" "$W/info.json"
end

begin "titles: a damaged HEADLINES section is an error naming the file and the rule, and verify fails"
cp "$BUNDLE" "$W/badtitles.sheaf"
damage_section "$W/badtitles.sheaf" 10 20 "w0"  # sorted[0] past the last slot (rule L2)
run ls --title-prefix '' "$W/badtitles.sheaf"
expect_rc 1
expect_err "badtitles.sheaf"
expect_err "L2"
run verify "$W/badtitles.sheaf"
expect_rc 1
end

# ---------------------------------------------------------------------------------------------

echo "cli: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
