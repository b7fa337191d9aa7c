#!/usr/bin/env python3
"""tests/c_api: checks the C interface's output (c_api_check) against the sheaf CLI's answers for
the same bundle: every article (id, date, title, breadcrumb, body size and FNV-1a), the home
screen (ls --newest), the category tree (categories), a title prefix (ls --title-prefix), the
charset's size (charset --format json), a sound layout, and a few searches (search, its match
count, and search --json for the best 5 hits: id, title terms, frequency, in order). Also used for
the MCU's output. The bundle must be built with --search.

    compare.py SHEAF BUNDLE OUTPUT
"""
import json
import re
import subprocess
import sys

# The queries of c_api_check.c's search(), in its order.
QUERIES = ["震", "地震", "地震 预警", "应急 响应", "避难场所", "earthquake", "２０２４",
           "Kiosk 维护", "Shelter", "qqqzzzunfound"]
SEARCH_HITS = 5


def run(*args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def fnv1a(data):
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def expected(sheaf, bundle):
    lines = []
    arts = [json.loads(l) for l in run(sheaf, "ls", "--json", bundle).splitlines()]
    lines.append(f"count {len(arts)}")
    for i, a in enumerate(arts):
        full = json.loads(run(sheaf, "cat", "--json", bundle, a["id"]))
        body = "\n".join(full["paragraphs"]).encode()
        lines.append(f"A {i}\t{a['id']}\t{a['date']}\t{a['title']}\t"
                     f"{' > '.join(a['categories'])}\t{len(body)}\t{fnv1a(body)}")
    for l in run(sheaf, "ls", "--newest", bundle).splitlines()[:10]:
        _, date, title = l.split("\t", 2)
        lines.append(f"H {date}\t{title}")
    lines += ["C " + l for l in run(sheaf, "categories", bundle).splitlines()]
    prefix = arts[0]["title"].encode()[:3]
    matches = [a for a in arts if a["title"].encode().startswith(prefix)]
    lines.append(f"P {prefix.decode(errors='surrogateescape')} {len(matches)}")
    charset = json.loads(run(sheaf, "charset", "--format", "json", bundle))
    lines.append(f"S {charset['code_points']} covers yes")
    for q in QUERIES:
        counted = subprocess.run([sheaf, "search", bundle, q, "--limit", str(SEARCH_HITS)],
                                 check=True, capture_output=True, text=True).stderr
        m = re.search(r"^(\d+) matching articles, (\d+) shown$", counted, re.M)
        if not m:
            sys.exit(f"c_api: sheaf search {q!r} printed no match count: {counted!r}")
        lines.append(f"Q {q}\t{m.group(1)}\t{m.group(2)}")
        hits = run(sheaf, "search", bundle, q, "--limit", str(SEARCH_HITS), "--json")
        for h in map(json.loads, hits.splitlines()):
            lines.append(f"R {h['id']}\t{h['title_terms']}\t{h['frequency']}")
    return lines


def main():
    sheaf, bundle, output = sys.argv[1:4]
    got = open(output, encoding="utf-8", errors="surrogateescape").read().splitlines()
    errors = [l for l in got if l.startswith("E ")]
    if errors:
        sys.exit(f"c_api: the C check failed: {errors[0]}")
    want = expected(sheaf, bundle)
    got = [l for l in got if not l.startswith("# ")]  # figures (the MCU's stack peak)
    layout = [l for l in got if l.startswith("L ")]
    got = [l for l in got if not l.startswith("L ")]
    if got != want:
        for k, (g, w) in enumerate(zip(got + [""] * len(want), want + [""] * len(got))):
            if g != w:
                sys.exit(f"c_api: line {k + 1} differs:\n  C:   {g!r}\n  CLI: {w!r}")
    if len(layout) != 1 or not layout[0].endswith(" yes"):
        sys.exit(f"c_api: layout line wrong: {layout}")
    searches = sum(1 for l in want if l.startswith("Q "))
    hits = sum(1 for l in want if l.startswith("R "))
    print(f"c_api: {len(want)} lines equal to the CLI's answers ({searches} searches, {hits} "
          f"hits); {layout[0]}")


if __name__ == "__main__":
    main()
