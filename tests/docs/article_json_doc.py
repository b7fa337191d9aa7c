#!/usr/bin/env python3
"""CTest "article_json_doc": docs/article-json.md is enough to write what `sheaf unpack` writes.

1. The page's example: its records, built and unpacked, give exactly the files the page shows.
2. A reader written from the page and SPEC alone: for every article of the examples bundle and
   of the page's example, tools/sheaf-read.sh (stock tools) cuts out the record and the index;
   this script makes the article's file name and JSON by the page's rules and compares them,
   byte for byte, with the file `sheaf unpack` wrote.

Usage: article_json_doc.py SHEAF_BINARY SOURCE_DIR WORK_DIR. Prints one line per check and a
count; exits 1 on any failure."""
import json
import os
import re
import shutil
import subprocess
import sys

SITE_KEYS = ["name", "copyright", "icp", "public_security_record", "email", "address", "phone",
             "organizer", "tech_support"]
STRING_FIELDS = {1: "id", 2: "title", 3: "subtitle", 4: "date", 5: "source", 6: "author",
                 7: "location", 8: "url"}


def leb128(data, p):
    value, shift = 0, 0
    while True:
        c = data[p]
        value |= (c & 0x7F) << shift
        shift += 7
        p += 1
        if c < 0x80:
            return value, p


def article_from_record(record, sites):
    """The page's table: keys in order, absent fields as "" or [], the body cut at every \\n."""
    fields, categories, site, p = {}, [], 0, 0
    while record[p] != 0:
        tag = record[p]
        length, p = leb128(record, p + 1)
        value = record[p:p + length]
        p += length
        if tag in STRING_FIELDS:
            fields[STRING_FIELDS[tag]] = value.decode("utf-8", "replace")
        elif tag == 9:
            categories.append(value.decode("utf-8", "replace"))
        elif tag == 10:
            site, _ = leb128(value, 0)
    body = record[p + 1:].decode("utf-8", "replace")
    out = {}
    for key in ["id", "title", "subtitle", "date", "source", "location"]:
        out[key] = fields.get(key, "")
    out["categories"] = categories
    out["author"] = fields.get("author", "")
    out["url"] = fields.get("url", "")
    out["paragraphs"] = body.split("\n") if body else []
    facts = sites[site - 1] if site >= 1 else {}
    out["site"] = {k: facts[k] for k in SITE_KEYS if facts.get(k)}
    return out


def file_name(article_id):
    """The page's "File names": each '/'-separated segment encoded on its own, plus .json."""
    def segment(s):
        if s == "":
            return "%"
        if s in (".", ".."):
            return "%2E" * len(s)
        return "".join("%%%02X" % b if b < 0x20 or b in b"%\\" else chr(b) for b in s.encode())
    parts = [segment(s) for s in article_id.split("/")]
    # chr(b) above kept UTF-8 bytes as Latin-1 characters: back to the id's own bytes.
    return "/".join(p.encode("latin-1").decode("utf-8") for p in parts) + ".json"


def dump(article):
    """The page's "Bytes": UTF-8, two-space indent, ": ", lower-case \\u00XX, one final \\n."""
    return (json.dumps(article, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


class Checks:
    def __init__(self):
        self.passed = self.failed = 0

    def report(self, ok, what, why=""):
        print(("ok   - %s" % what) if ok else ("FAIL - %s: %s" % (what, why)))
        if ok:
            self.passed += 1
        else:
            self.failed += 1


def run(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, **kw)


def page_example(doc):
    """The example's records and the files the page shows for them."""
    records = re.search(r"The records\n\n```json\n(.*?)```", doc, re.S).group(1)
    files = dict(re.findall(r"`DIR/([^`]+)`:?\n\n```json\n(.*?)```", doc, re.S))
    return records, files


def check_bundle(checks, sheaf, source, bundle, work, name):
    unpacked = os.path.join(work, name + ".unpacked")
    run(sheaf, "unpack", "-q", bundle, "-o", unpacked)
    ids = [line.split("\t")[0] for line in run(sheaf, "ls", bundle).stdout.decode().splitlines()]
    scratch = os.path.join(work, name + ".scratch")
    for article_id in ids:
        shutil.rmtree(scratch, ignore_errors=True)
        os.makedirs(scratch)
        r = subprocess.run(["sh", os.path.join(source, "tools/sheaf-read.sh"), bundle, article_id],
                           cwd=scratch, capture_output=True)
        if r.returncode != 0:
            checks.report(False, "%s %s" % (name, article_id), "sheaf-read.sh: " + r.stderr.decode())
            continue
        index = json.load(open(os.path.join(scratch, "index.json"), encoding="utf-8"))
        record = open(os.path.join(scratch, "record.bin"), "rb").read()
        article = article_from_record(record, index.get("sites", []))
        path = os.path.join(unpacked, file_name(article_id))
        if not os.path.exists(path):
            checks.report(False, "%s %s" % (name, article_id), "unpack wrote no " + file_name(article_id))
            continue
        got = open(path, "rb").read()
        checks.report(got == dump(article), "%s %s -> %s" % (name, article_id, file_name(article_id)),
                      "the JSON made by the page's rules differs from unpack's")


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: article_json_doc.py SHEAF_BINARY SOURCE_DIR WORK_DIR")
    sheaf, source, work = (os.path.abspath(a) for a in sys.argv[1:])
    for tool in ["od", "dd", "flatc", "jq", "zstd", "xxhsum"]:
        if not shutil.which(tool):
            sys.exit("article_json_doc: %s is missing (scripts/setup installs it)" % tool)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    checks = Checks()

    doc = open(os.path.join(source, "docs/article-json.md"), encoding="utf-8").read()
    records, files = page_example(doc)
    with open(os.path.join(work, "example.jsonl"), "w", encoding="utf-8") as f:
        f.write(records)
    example = os.path.join(work, "example.sheaf")
    run(sheaf, "build", "-q", os.path.join(work, "example.jsonl"), "-o", example)
    run(sheaf, "unpack", "-q", example, "-o", os.path.join(work, "page"))
    written = sorted(os.path.relpath(os.path.join(d, f), os.path.join(work, "page"))
                     for d, _, fs in os.walk(os.path.join(work, "page")) for f in fs)
    checks.report(written == sorted(files), "the page's example writes the files it shows",
                  "%s, the page shows %s" % (written, sorted(files)))
    for rel, shown in sorted(files.items()):
        path = os.path.join(work, "page", rel)
        got = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        checks.report(got == shown, "the page's DIR/%s is what unpack writes" % rel,
                      "differs; unpack wrote:\n" + (got or "nothing"))

    examples = os.path.join(work, "examples.sheaf")
    run(sheaf, "build", "-q", os.path.join(source, "examples/articles"), "-o", examples)
    check_bundle(checks, sheaf, source, example, work, "page-example")
    check_bundle(checks, sheaf, source, examples, work, "examples")
    print("article_json_doc: %d passed, %d failed" % (checks.passed, checks.failed))
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
