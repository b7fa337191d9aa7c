#!/usr/bin/python3
"""bench/update/scenario.py: the inputs of a nightly update, made from one JSONL corpus.

    scenario.py CORPUS.jsonl OUT_DIR --added-days N | --added-share F  --edited-share E [--seed S]

Writes OUT_DIR/old.jsonl (the corpus without its newest articles: the last N dates of the ids'
date prefix, or as many newest dates as make up the share F of the records) and OUT_DIR/new.jsonl
(every record, with a share E of the old ones edited: one sentence of the body changed, chosen
by a hash of the id and the seed, so the same arguments give the same files). Prints one JSON
line: records, added, edited, and the text bytes added and changed.
"""
import argparse
import hashlib
import json
import sys


def date_of(record):
    # The bulk corpus's ids start with the date (20220924-000000); fall back to the date field.
    rid = record.get("id", "")
    return rid[:8] if rid[:8].isdigit() else record.get("date", "")


def chosen(rid, seed, share):
    digest = hashlib.sha256(f"{seed}:{rid}".encode()).digest()
    return int.from_bytes(digest[:8], "little") < share * 2**64


def edit(body, rid):
    # Change one sentence in the middle of the body: what a correction to a published item does.
    cut = body.find("。", len(body) // 2)
    note = f"（{rid} 更正：此处数据已根据最新通报修订。）"
    return body + note if cut < 0 else body[: cut + 1] + note + body[cut + 1 :]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus")
    ap.add_argument("out")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--added-days", type=int)
    group.add_argument("--added-share", type=float)
    ap.add_argument("--edited-share", type=float, default=0.0)
    ap.add_argument("--seed", default="sheaf")
    args = ap.parse_args()

    with open(args.corpus, encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    records = [json.loads(line) for line in lines]
    dates = sorted({date_of(r) for r in records}, reverse=True)
    if args.added_days is not None:
        new_dates = set(dates[: args.added_days])
    else:
        new_dates, count = set(), 0
        for d in dates:
            if count >= args.added_share * len(records):
                break
            new_dates.add(d)
            count += sum(1 for r in records if date_of(r) == d)

    added = edited = added_bytes = edited_bytes = 0
    with open(f"{args.out}/old.jsonl", "w", encoding="utf-8") as old, \
         open(f"{args.out}/new.jsonl", "w", encoding="utf-8") as new:
        for line, record in zip(lines, records):
            if date_of(record) in new_dates:
                added += 1
                added_bytes += len(record.get("body", "").encode())
                new.write(line)
                continue
            old.write(line)
            if args.edited_share and chosen(record.get("id", ""), args.seed, args.edited_share):
                before = record.get("body", "")
                record["body"] = edit(before, record.get("id", ""))
                edited += 1
                edited_bytes += len(record["body"].encode()) - len(before.encode())
                new.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                new.write(line)
    json.dump({"records": len(records), "added": added, "edited": edited,
               "added_text_bytes": added_bytes, "edited_text_bytes": edited_bytes,
               "added_dates": sorted(new_dates)[:1] + sorted(new_dates)[-1:]}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
