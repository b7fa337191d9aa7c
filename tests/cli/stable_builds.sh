#!/usr/bin/env bash
# Command-line tests for stable builds (CTest test "cli_stable_builds"): `sheaf build --base`
# keeps the base's dictionary unless the text drifted, copies the frames whose content did not
# change, gives the same bytes at any -j and file order, and refuses a base it cannot read.
# Same conventions as run.sh (tests/cli/lib.sh).
#
# Usage: stable_builds.sh SHEAF_BINARY SOURCE_DIR WORK_DIR
set -u

if [ $# -ne 3 ]; then
  echo "usage: $0 SHEAF_BINARY SOURCE_DIR WORK_DIR" >&2
  exit 2
fi
SHEAF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
W=$3
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
fresh_work_dir 120

# articles.py OUT FIRST COUNT [EDIT...]: writes COUNT articles, ids FIRST.. (one per line of
# JSONL), bodies of pseudo-random words from a fixed vocabulary (the same on every run, enough
# text for a dictionary); each EDIT id gets a changed sentence. With SEED=N the vocabulary is
# drawn anew: text that drifted from the base.
cat >"$W/articles.py" <<'PY'
import json, random, sys
out, first, count, edits = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), set(sys.argv[4:])
import os
vocab_rng = random.Random(int(os.environ.get("SEED", "7")))
letters = "abcdefghijklmnopqrstuvwxyz"
vocab = ["".join(vocab_rng.choice(letters) for _ in range(vocab_rng.randint(2, 9)))
         for _ in range(400)]
with open(out, "w") as f:
    for n in range(first, first + count):
        rng = random.Random(n)
        words = [rng.choice(vocab) for _ in range(rng.randint(60, 400))]
        ident = "a%05d" % n
        if ident in edits:
            words[5:9] = ["edited", "sentence", "here", str(n)]
        f.write(json.dumps({"id": ident, "title": "Article %d" % n, "date": "2024-01-01",
                            "body": " ".join(words)}) + "\n")
PY

# common_frames A B: how many of B's DATA frames (as stored: zstd bytes) A holds too. Walks
# the zstd frames of each DATA section (SPEC "Frame table": back to back, 8-aligned).
common_frames() {
  python3 - "$1" "$2" <<'PY'
import struct, sys

def frames(path):
    data = open(path, "rb").read()
    for k in range(struct.unpack_from("<I", data, 32)[0]):
        kind, _, off, size, _ = struct.unpack_from("<IIQQQ", data, 40 + 32 * k)
        if kind == 3:
            break
    out, at, end = [], off, off + size
    while at + 4 <= end and data[at:at + 4] == b"\x28\xb5\x2f\xfd":
        start = at
        fhd = data[at + 4]
        dict_bytes = [0, 1, 2, 4][fhd & 3]
        fcs_bytes = [0, 2, 4, 8][fhd >> 6]
        single = (fhd >> 5) & 1
        if fcs_bytes == 0 and single:
            fcs_bytes = 1
        at += 5 + (0 if single else 1) + dict_bytes + fcs_bytes
        while True:
            header = int.from_bytes(data[at:at + 3], "little")
            last, btype, bsize = header & 1, (header >> 1) & 3, header >> 3
            at += 3 + (1 if btype == 1 else bsize)
            if last:
                break
        at += 4 if (fhd >> 2) & 1 else 0
        out.append(data[start:at])  # format 3: the next frame follows at once
    return out

old = set(frames(sys.argv[1]))
new = frames(sys.argv[2])
print(sum(1 for f in new if f in old), len(new))
PY
}

python3 "$W/articles.py" "$W/base.jsonl" 0 300
python3 "$W/articles.py" "$W/new.jsonl" 0 303 a00150
python3 "$W/articles.py" "$W/drift.jsonl" 0 300
SEED=99 python3 "$W/articles.py" "$W/drift_add.jsonl" 300 300
mkdir -p "$W/split"
head -n 150 "$W/new.jsonl" >"$W/split/b.jsonl"
tail -n +151 "$W/new.jsonl" >"$W/split/a.jsonl"

begin "build: the base builds, with a dictionary"
run build "$W/base.jsonl" -o "$W/base.sheaf" --json
expect_rc 0
check "no dictionary" test "$(json_get "$OUT" dictionary_bytes)" -gt 0
end

begin "build --base: an edit and 3 new articles copy every other frame; the summary says so"
run build "$W/new.jsonl" -o "$W/new.sheaf" --base "$W/base.sheaf" -j1
expect_rc 0
expect_err "sheaf: base $W/base.sheaf: dictionary kept (changed text"
expect_err "so keeping it costs about"
expect_err "limit 1%;"
expect_err "frames copied from the base"
read -r common total < <(common_frames "$W/base.sheaf" "$W/new.sheaf")
check "too few frames identical to the base's ($common of $total)" test "$common" -ge $((total - 4))  # the edited one, and a frame for each new article
check "every frame identical: the edit and the new articles are missing" test "$common" -lt "$total"
end

begin "build --base: the same inputs and base give the same bytes at -j1, -j2 and any file order"
run build "$W/new.jsonl" -o "$W/new-j2.sheaf" --base "$W/base.sheaf" -j2
expect_rc 0
check "-j2 differs from -j1" same_files "$W/new.sheaf" "$W/new-j2.sheaf"
run build "$W/split/b.jsonl" "$W/split/a.jsonl" -o "$W/new-order.sheaf" --base "$W/base.sheaf"
expect_rc 0
check "another file order differs" same_files "$W/new.sheaf" "$W/new-order.sheaf"
end

tail -n +2 "$W/split/a.jsonl" >"$W/split/c.jsonl"  # a.jsonl without its first article

begin "build --base --keep-source: a file the base keeps is copied, a changed one compressed"
run build "$W/split/b.jsonl" "$W/split/a.jsonl" -o "$W/kept-base.sheaf" --keep-source -q
expect_rc 0
run build "$W/split/b.jsonl" "$W/split/c.jsonl" -o "$W/kept.sheaf" --keep-source \
  --base "$W/kept-base.sheaf" --json -j1
expect_rc 0
check "b.jsonl not copied, or c.jsonl copied" python3 -c '
import json, sys
b = json.load(sys.stdin)["base"]
assert b["sources_copied"] == 1 and b["sources_compressed"] == 1, b
' <"$OUT"
run build "$W/split/b.jsonl" "$W/split/c.jsonl" -o "$W/kept-j2.sheaf" --keep-source \
  --base "$W/kept-base.sheaf" -j2
expect_rc 0
expect_err "frames, 1 of 2 kept sources copied from the base"
check "-j2 differs from -j1" same_files "$W/kept.sheaf" "$W/kept-j2.sheaf"
run verify "$W/kept.sheaf"
expect_rc 0
end

begin "build --base --json: the decision, its figures and the frame counts"
run build "$W/new.jsonl" -o "$W/new-json.sheaf" --base "$W/base.sheaf" --json
expect_rc 0
check "dictionary not kept" equals "$(python3 -c 'import json,sys; print(json.load(sys.stdin)["base"]["dictionary"])' <"$OUT")" kept
check "frames_copied + frames_compressed != frames" python3 -c '
import json, sys
d = json.load(sys.stdin)
b = d["base"]
assert b["frames_copied"] + b["frames_compressed"] == d["frames"] and b["frames_copied"] > 0
assert 0 < b["new_share"] < 0.25 and b["changed_factor"] > 0
assert b["keep_cost"] <= b["keep_cost_limit"] == 0.01
assert b["new_since_training_share"] == b["new_share"] and b["dictionary_new_raw"] > 0
' <"$OUT"
run info --json "$W/new-json.sheaf"
NEW_RAW=$(json_get "$OUT" dictionary_new_raw)
check "the index does not record the untrained text ($NEW_RAW)" test "$NEW_RAW" -gt 0
run info --json "$W/base.sheaf"
check "a fresh bundle records untrained text" equals "$(json_get "$OUT" dictionary_new_raw)" 0
check "--json bundle differs from the summary's" same_files "$W/new.sheaf" "$W/new-json.sheaf"
end

begin "build --base over a --base bundle: the untrained text adds up across the chain"
run build "$W/new.jsonl" -o "$W/chain.sheaf" --base "$W/new-json.sheaf" --json
expect_rc 0
check "the chain's second build does not count the first one's new text" python3 -c '
import json, sys
b = json.load(sys.stdin)["base"]
assert b["dictionary"] == "kept" and b["new_share"] == 0, b
assert b["new_since_training_share"] > 0 and b["dictionary_new_raw"] == int(sys.argv[1]), b
' "$NEW_RAW" <"$OUT"
end

begin "build without --base: the same frames, a dictionary trained anew"
run build "$W/new.jsonl" -o "$W/fresh.sheaf"
expect_rc 0
check "a build without --base printed a base line" test "$(grep -c 'sheaf: base' "$ERR")" -eq 0
check "fresh build equals the --base build (its dictionary was not retrained)" differ \
  "$W/fresh.sheaf" "$W/new.sheaf"
end

begin "build --base: text that drifted (as much new text, other words) gets a new dictionary"
cat "$W/drift.jsonl" "$W/drift_add.jsonl" >"$W/drifted.jsonl"
run build "$W/drifted.jsonl" -o "$W/drifted.sheaf" --base "$W/base.sheaf"
expect_rc 0
expect_err "dictionary retrained (changed text"
expect_err " 0 of "
end

begin "build --base: a packed dictionary (kind 5) is unpacked, kept and packed again"
run build "$W/base.jsonl" -o "$W/packed-base.sheaf" --pack-dictionary
expect_rc 0
run build "$W/new.jsonl" -o "$W/packed-new.sheaf" --pack-dictionary --base "$W/packed-base.sheaf"
expect_rc 0
expect_err "dictionary kept (changed text"
read -r common total < <(common_frames "$W/packed-base.sheaf" "$W/packed-new.sheaf")
check "too few frames identical to the packed base's ($common of $total)" \
  test "$common" -ge $((total - 4))  # the edited one, and a frame for each new article
run verify "$W/packed-new.sheaf"
expect_rc 0
run info --json "$W/packed-new.sheaf"
check "the dictionary is not stored packed" equals "$(json_get "$OUT" dictionary_packed)" True
end

begin "build --base: -o may name the base itself"
cp "$W/base.sheaf" "$W/self.sheaf"
run build "$W/new.jsonl" -o "$W/self.sheaf" --base "$W/self.sheaf"
expect_rc 0
check "-o naming the base differs from another output" same_files "$W/new.sheaf" "$W/self.sheaf"
run verify "$W/self.sheaf"
expect_rc 0
end

begin "build --base: a missing, damaged or non-bundle base is an error naming it"
run build "$W/new.jsonl" -o "$W/missing.sheaf" --base "$W/nothing.sheaf"
expect_rc 1
expect_err "$W/nothing.sheaf: --base: cannot read it"
expect_err "[bad-base]"
check "output written" test ! -e "$W/missing.sheaf"
run build "$W/new.jsonl" -o "$W/notbundle.sheaf" --base "$W/new.jsonl"
expect_rc 1
expect_err "$W/new.jsonl: --base: not a readable bundle"
check "output written" test ! -e "$W/notbundle.sheaf"
cp "$W/base.sheaf" "$W/damaged.sheaf"
flip "$W/damaged.sheaf" -200
run build "$W/new.jsonl" -o "$W/damaged-out.sheaf" --base "$W/damaged.sheaf"
expect_rc 1
expect_err "$W/damaged.sheaf: --base: "
check "output written" test ! -e "$W/damaged-out.sheaf"
cp "$W/base.sheaf" "$W/kept.sheaf"
run build "$W/new.jsonl" -o "$W/kept.sheaf" --base "$W/damaged.sheaf"
expect_rc 1
check "the output was replaced after a bad base" same_files "$W/base.sheaf" "$W/kept.sheaf"
end

begin "build --help documents --base and its drift rule"
run build --help
expect_out "--base"
expect_out "1 - 1/f"
end

echo "cli_stable_builds: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
