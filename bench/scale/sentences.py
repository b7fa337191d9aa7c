#!/usr/bin/env python3
"""bench/scale/sentences.py: the phrase pool for the synthetic scale corpora.

Reads the news items of ../shared/corpus/bulk/xinwenlianbo/xwlb_items.jsonl (bodies are HTML
fragments), strips the tags, decodes entities and splits the text into sentences (ending in
。！？ or at a paragraph end). Keeps only sentences that sheaf's record cleaning leaves exactly
as they are (no '&', '<', '>', no control characters, no whitespace other than single interior
ASCII spaces, no NBSP or U+3000), so a generated body is byte for byte what sheaf stores.

Writes two files, one entry a line, sorted and deduplicated (deterministic):
  OUT_DIR/sentences.txt  body sentences
  OUT_DIR/titles.txt     the items' titles (cleaned the same way)
Python 3 standard library only.
"""

import argparse
import html
import json
import os
import re
import sys

TAG = re.compile(r"<[^>]*>")
PARAGRAPH_BREAK = re.compile(r"</p>|<br\s*/?>|</div>|</h\d>", re.IGNORECASE)
SENTENCE = re.compile(r"[^。！？]*[。！？]+[”’」』）]*|[^。！？]+$")
SPACES = re.compile(r"[ \t\r\n\f]+")
FORBIDDEN = re.compile(r"[&<>\x00-\x1f\x7f\u0080-\u00a0\u3000\u2000-\u200f\u2028-\u202f\ufeff\ufffd]")


def clean(text):
    """One value as sheaf's clean_line would leave it, or None when it might change it."""
    text = SPACES.sub(" ", text).strip(" ")
    if not text or FORBIDDEN.search(text):
        return None
    return text


def sentences_of(body):
    for paragraph in PARAGRAPH_BREAK.split(body):
        text = html.unescape(TAG.sub("", paragraph))
        text = SPACES.sub(" ", text).strip()
        for m in SENTENCE.finditer(text):
            s = clean(m.group(0))
            if s is not None and 4 <= len(s) <= 400:
                yield s


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_source = os.path.normpath(
        os.path.join(here, "..", "..", "..", "shared", "corpus", "bulk", "xinwenlianbo",
                     "xwlb_items.jsonl"))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=default_source, help="xwlb_items.jsonl")
    parser.add_argument("--out-dir", required=True)
    args = parser.parse_args()

    sentences = set()
    titles = set()
    with open(args.source, encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            sentences.update(sentences_of(item.get("body", "")))
            t = clean(html.unescape(item.get("title", "")))
            if t is not None:
                titles.add(t)
    if len(sentences) < 1000 or len(titles) < 100:
        sys.exit(f"sentences.py: too few sentences ({len(sentences)}) or titles ({len(titles)})")
    os.makedirs(args.out_dir, exist_ok=True)
    for name, values in (("sentences.txt", sentences), ("titles.txt", titles)):
        with open(os.path.join(args.out_dir, name), "w", encoding="utf-8", newline="\n") as f:
            for v in sorted(values):
                f.write(v + "\n")
    print(f"sentences.py: {len(sentences)} sentences, {len(titles)} titles", file=sys.stderr)


if __name__ == "__main__":
    main()
