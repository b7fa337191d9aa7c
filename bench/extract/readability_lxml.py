#!/usr/bin/python3
"""bench/extract: readability-lxml (Debian python3-readability) as a competitor to `sheaf extract`.

Usage: /usr/bin/python3 readability_lxml.py OUTDIR FILE...
Writes OUTDIR/<basename>.json per input in the gold format (title, date, categories,
paragraphs) and prints one JSON summary line on stdout:
  {"tool": "readability-lxml", "pages": N, "seconds": S, "pages_per_s": R, "failed": K}
One process, pages in sequence. `seconds` covers only the per-page loop (read, parse,
extract, split into paragraphs, write), not interpreter start-up or imports.
Run it with Debian's /usr/bin/python3: that is the interpreter python3-readability installs for.
"""

import html
import json
import re
import sys
import time
from pathlib import Path

import lxml.html
from readability import Document

# Elements that end one visual paragraph and start the next (HTML's block-level and table
# elements); <br> ends one too. Text in between, at any depth, joins the current paragraph.
# The same set as readability.mjs, so both competitors are split alike.
BLOCK_TAGS = frozenset("""
    address article aside blockquote caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre
    section summary table tbody td tfoot th thead tr ul
""".split())
SKIP_TAGS = frozenset(("script", "style", "noscript", "template"))

_WS = re.compile(r"[\t\n\f\r \u00a0]+")


def fold(text):
    """Gold format: runs of ASCII whitespace and NBSP become one space; trim space, U+3000, NBSP."""
    return _WS.sub(" ", text).strip(" \u3000\u00a0")


def text_to_html(text):
    """A text dump becomes minimal HTML: the first line is the <title>, each further line a <p>.

    `&` is left alone on purpose: text dumps such as the seed carry entities (`&gt;`, `&nbsp;`)
    and the HTML parser decodes them, as the gold does.
    """
    def esc(line):
        return line.replace("<", "&lt;").replace(">", "&gt;")

    lines = text.splitlines()
    title = esc(lines[0].strip()) if lines else ""
    body = "\n".join(f"<p>{esc(line)}</p>" for line in lines[1:] if line.strip())
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title></head>'
            f"<body>\n{body}\n</body></html>")


def paragraphs_of(summary_html):
    """Paragraphs of doc.summary(), split the way the gold splits a page: one per block element
    or <br>-ended run of text (gold/README.md, "Paragraph rules"); folded, trimmed, empty dropped."""
    out = []
    buf = []

    def flush():
        text = fold("".join(buf))
        if text:
            out.append(text)
        buf.clear()

    def walk(el):
        tag = el.tag if isinstance(el.tag, str) else None  # comments and PIs have no text of ours
        if tag in SKIP_TAGS or tag is None:
            return
        if tag == "br":
            flush()
            return
        block = tag in BLOCK_TAGS
        if block:
            flush()
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if block:
            flush()

    if summary_html.strip():
        walk(lxml.html.document_fromstring(summary_html))
    flush()
    return out


def read_input(path):
    """Valid UTF-8 (BOM stripped) is handed over as str, so a lying <meta charset> cannot garble
    it; anything else goes to readability-lxml as bytes and it sniffs the encoding itself."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if path.suffix.lower() == ".txt":
        return text_to_html(text if text is not None else data.decode("latin-1"))
    return text if text is not None else data


def extract_one(path):
    doc = Document(read_input(path), url=path.resolve().as_uri())
    title = doc.short_title() or doc.title()
    if title == "[no-title]":
        title = ""
    return {
        "title": fold(html.unescape(title)),
        "date": "",
        "categories": [],
        "paragraphs": paragraphs_of(doc.summary()),
    }


def main(argv):
    if len(argv) < 3:
        print("usage: readability_lxml.py OUTDIR FILE...", file=sys.stderr)
        return 2
    out_dir = Path(argv[1])
    files = [Path(f) for f in argv[2:]]
    out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    start = time.perf_counter()
    for path in files:
        try:
            result = extract_one(path)
        except Exception as err:  # noqa: BLE001 -- one bad page must not end the benchmark run
            print(f"readability-lxml: {path}: {err}", file=sys.stderr)
            result = {"title": "", "date": "", "categories": [], "paragraphs": []}
        if not result["paragraphs"]:
            failed += 1
            print(f"readability-lxml: {path}: no article", file=sys.stderr)
        with open(out_dir / (path.stem + ".json"), "w", encoding="utf-8") as f:
            json.dump(result, f, ensure_ascii=False, indent=1)
            f.write("\n")
    seconds = time.perf_counter() - start
    print(json.dumps({"tool": "readability-lxml", "pages": len(files), "seconds": seconds,
                      "pages_per_s": len(files) / seconds, "failed": failed}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
