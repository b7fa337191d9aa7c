#!/bin/sh
# Reads one article of a sheaf 3.x bundle with stock tools: od, dd, flatc, jq, zstd, xxhsum.
# Usage: sheaf-read.sh BUNDLE ARTICLE_ID > body.txt   (SCHEMA: the schema; by default the
# schema/sheaf.fbs beside this script's folder)
# Writes its scratch files (index.bin, index.json, dict.bin, ...) in the current directory.
set -eu
B=$1 ID=$2 SCHEMA=${SCHEMA:-$(dirname "$0")/../schema/sheaf.fbs}

die() { echo "sheaf-read: $*" >&2; exit 1; }
u() { od -An -t u"$1" -j "$2" -N "$1" --endian=little "$B" | tr -d ' '; }  # LEN OFFSET
piece() { dd if="$B" of="$3" iflag=skip_bytes,count_bytes skip="$1" count="$2" status=none; }
sum_ok() { [ "$(xxhsum -H64 < "$1" | cut -c1-16)" = "$2" ]; }                  # FILE HEX

# 1. Header and section table: keep INDEX and the dictionary (kind 2 as is, kind 5 unpacked),
#    note where DATA starts.
[ "$(od -An -tx1 -N 8 "$B" | tr -d ' \n')" = 8953484541460d0a ] || die "not a sheaf bundle"
[ "$(u 2 16)" = 3 ] || die "format $(u 2 16).x; this script reads 3.x"
rm -f index.bin dict.bin
n=$(u 4 32) k=0 data=
while [ "$k" -lt "$n" ]; do
  e=$((40 + 32 * k))
  off=$(u 8 $((e + 8))) size=$(u 8 $((e + 16)))
  sum=$(od -An -tx8 -j $((e + 24)) -N 8 --endian=little "$B" | tr -d ' ')
  case $(u 4 "$e") in
    1) piece "$off" "$size" index.bin; sum_ok index.bin "$sum" || die "INDEX checksum" ;;
    2) piece "$off" "$size" dict.bin; sum_ok dict.bin "$sum" || die "DICTIONARY checksum" ;;
    5) piece "$off" "$size" dict.zst; sum_ok dict.zst "$sum" || die "DICTIONARY checksum"
       zstd -q -d -f dict.zst -o dict.bin ;;
    3) data=$off ;;
  esac
  k=$((k + 1))
done
[ -f index.bin ] && [ -n "$data" ] || die "no INDEX or no DATA section"
D=; [ -s dict.bin ] && D="-D dict.bin"

# 2. The index as JSON (index.json). --defaults-json keeps fields whose value is 0.
flatc --json --strict-json --defaults-json --raw-binary "$SCHEMA" -- index.bin
frames=$(jq '.frame_ends | length' index.json)
# Past 4 GiB of DATA the frame ends wrap (SPEC: "Frame table"); this script reads only bundles
# whose DATA is under 4 GiB.
[ "$(jq '.frame_wraps // [] | length' index.json)" = 0 ] || die "DATA of 4 GiB or more: not handled here"

# 3. record I: decompresses the frames that hold article I's record into content.bin
#    (reusing them when the previous record started in the same frame), cuts the record out
#    into record.bin and checks it against Article.checksum.
at=
record() {
  a=$(jq -c ".articles[$1]" index.json)
  f0=$(echo "$a" | jq .first_frame) o=$(echo "$a" | jq .offset) s=$(echo "$a" | jq .size)
  if [ "$f0" != "$at" ]; then : > content.bin; at=$f0 next=$f0; fi
  while [ "$(wc -c < content.bin)" -lt $((o + s)) ]; do
    [ "$next" -lt "$frames" ] || die "record $1 runs past the last frame"
    start=$(jq "if $next == 0 then 0 else .frame_ends[$next - 1] end" index.json)
    end=$(jq ".frame_ends[$next]" index.json)
    piece $((data + start)) $((end - start)) frame.zst
    zstd -q -d -c $D frame.zst >> content.bin
    next=$((next + 1))
  done
  dd if=content.bin of=record.bin iflag=skip_bytes,count_bytes skip="$o" count="$s" status=none
  [ "$(xxhsum -H64 < record.bin | cut -c9-16)" = "$(printf %08x "$(echo "$a" | jq .checksum)")" ] ||
    die "record $1 fails its checksum"
}

# 4. fields: walks record.bin's header (tag, LEB128 length, bytes; tag 0 ends it), sets
#    rid to the id field (tag 1) and body to the offset just past the end tag.
byte() { od -An -tu1 -j "$1" -N 1 record.bin | tr -d ' '; }
fields() {
  p=0 rid= end=$(wc -c < record.bin)
  while :; do
    [ "$p" -lt "$end" ] || die "record without an end tag"
    t=$(byte $p)
    p=$((p + 1))
    [ "$t" -eq 0 ] && break
    len=0 bits=0
    while :; do
      [ "$p" -lt "$end" ] && [ "$bits" -le 28 ] || die "bad field length"
      c=$(byte $p)
      p=$((p + 1)) len=$((len + (c % 128 << bits))) bits=$((bits + 7))
      [ "$c" -lt 128 ] && break
    done
    [ "$len" -le $((end - p)) ] || die "field runs past the record"
    [ "$t" -eq 1 ] && rid=$(dd if=record.bin iflag=skip_bytes,count_bytes skip=$p count="$len" status=none)
    p=$((p + len))
  done
  body=$p
}

# 5. Lookup by id: the id keys whose hash is the low 32 bits of XXH64 of ID, then their
#    records in turn, comparing the ids.
h=$((0x$(printf %s "$ID" | xxhsum -H64 | cut -c9-16)))
[ "$(jq '(.id_keys | length) == (.articles | length)' index.json)" = true ] ||
  die "id_keys and articles differ in length"
for i in $(jq ".id_keys[] | select(.hash == $h) | .article" index.json); do
  record "$i"
  fields
  if [ "$rid" = "$ID" ]; then
    dd if=record.bin iflag=skip_bytes skip="$body" status=none   # the body, to the end
    exit 0
  fi
done
die "$ID: not found"
