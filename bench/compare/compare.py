#!/usr/bin/env python3
"""bench/compare: sheaf against ZIM, per-article zstd, SQLite and solid archives.

Run through bench/run, which installs the tools and builds the programs first. Steps:
  1. sheaf build INPUT... (timed), then sheaf unpack: the article set for every system is
     exactly what sheaf extracted (text = title + "\\n" + paragraphs joined by "\\n").
  2. The other stores are built from that set, each builder a child process (wall time and
     peak RSS from wait4).
  3. read_bench reads every random-access store in a fresh process (see read_bench.cpp), and
     reads each warm again in --warm-rounds rounds, the stores in another order each round.
  4. One table: printed, and written as compare.md, compare.json and compare.png.
"""

import argparse
import hashlib
import json
import math
import os
import platform
import re
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DEFAULT_INPUTS = [
    os.path.join(REPO, "..", "shared", "corpus", "bulk", "xinwenlianbo", "xwlb_items.jsonl"),
    os.path.join(REPO, "..", "shared", "corpus", "bulk", "zhwiki", "articles.jsonl"),
]
SHEAF_EXTENSIONS = ()  # what `sheaf build` accepts: asked of the binary in main()
MIB = 1024 * 1024


STARTED = time.time()


def log(message):
    print(f"bench: [{time.time() - STARTED:6.1f} s] {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- running and measuring


def measure(name, cmd, out_dir, stdout_path=None, shell=False):
    """Runs cmd as a child; returns wall seconds and peak RSS (KiB, largest process) via wait4."""
    logs = os.path.join(out_dir, "logs")
    os.makedirs(logs, exist_ok=True)
    stdout = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    with open(os.path.join(logs, f"{name}.stderr"), "wb") as stderr:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=stderr, shell=shell,
                                executable="/bin/bash" if shell else None)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    if stdout_path:
        stdout.close()
    if proc.returncode != 0:
        tail = open(os.path.join(logs, f"{name}.stderr"), errors="replace").read()[-2000:]
        raise RuntimeError(f"{name} failed (exit {proc.returncode}): {tail}")
    return {"wall_s": wall, "peak_rss_kib": usage.ru_maxrss}


def file_size(path):
    return os.stat(path).st_size


# ---------------------------------------------------------------- inputs


def expand(inputs):
    """(path, relative path under its input folder or None for a file given directly)."""
    for i, top in enumerate(inputs):
        if os.path.isdir(top):
            for root, dirs, files in os.walk(top):
                dirs.sort()
                for f in sorted(files):
                    if f.lower().endswith(SHEAF_EXTENSIONS):
                        path = os.path.join(root, f)
                        yield i, path, os.path.relpath(path, top)
        else:
            yield i, top, None


def quick_inputs(inputs, limit, work):
    """Every k-th record (JSONL line) or file of the inputs, about `limit` articles in all,
    written under work/quick-input with folder layouts (hence ids) kept."""
    units = []
    for i, path, rel in expand(inputs):
        if path.lower().endswith(".jsonl"):
            with open(path, "rb") as f:
                units += [(i, path, rel, n) for n, line in enumerate(f) if line.strip()]
        else:
            units.append((i, path, rel, None))
    stride = max(1, math.ceil(len(units) / limit))
    chosen = units[::stride]
    root = os.path.join(work, "quick-input")
    shutil.rmtree(root, ignore_errors=True)
    lines = {}
    for i, path, rel, n in chosen:
        target = os.path.join(root, str(i), rel if rel else os.path.basename(path))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if n is None:
            shutil.copyfile(path, target)
        else:
            lines.setdefault((path, target), set()).add(n)
    for (path, target), keep in lines.items():
        with open(path, "rb") as src, open(target, "wb") as dst:
            for n, line in enumerate(src):
                if n in keep:
                    dst.write(line if line.endswith(b"\n") else line + b"\n")
    return [os.path.join(root, str(i)) for i in sorted({c[0] for c in chosen})]


def input_bytes(inputs):
    return sum(file_size(p) for _, p, _ in expand(inputs))


# ---------------------------------------------------------------- the article set


def escape(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_page(title, text):
    """The minimal HTML page ZIM stores for an article: <title> and one <p> per paragraph."""
    body = text[len(title) + 1:]
    paragraphs = "".join(f"<p>{escape(p)}</p>\n" for p in body.split("\n")) if body else ""
    return (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{escape(title)}</title>'
            f"</head>\n<body>\n{paragraphs}</body></html>\n")


def safe_path(article_id):
    parts = article_id.split("/")
    return (article_id and "\0" not in article_id and
            all(p not in ("", ".", "..") for p in parts))


def png_48():
    def chunk(kind, data):
        return (struct.pack(">I", len(data)) + kind + data +
                struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"\x40\x80\xc0" * 48 for _ in range(48))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 48, 48, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def prepare(unpack_dir, work):
    """Reads sheaf unpack's JSON files; writes the article set (write_set) under `work`, and the
    previous night's set under work/old (old_set)."""
    articles = []
    for root, _, files in os.walk(unpack_dir):
        for f in files:
            if f.endswith(".json"):
                with open(os.path.join(root, f), encoding="utf-8") as fp:
                    a = json.load(fp)
                articles.append((a["id"], a.get("title", ""), a.get("paragraphs", [])))
    articles.sort(key=lambda a: a[0].encode("utf-8"))
    info = write_set(articles, work)
    old = old_set(articles)
    tonight = {a[0]: a for a in articles}
    old_info = write_set(old, os.path.join(work, "old"))
    info["zim_ok"] = info["zim_ok"] and old_info["zim_ok"]
    info["old_info"] = {"welcome": old_info["welcome"], "illustration": old_info["illustration"],
                        "count": len(old), "added": len(articles) - len(old),
                        "edited": sum(1 for a in old if a != tonight[a[0]])}
    return info


ADDED_SHARE = 0.01    # the nightly update: the newest 1% of the articles are new...
EDITED_SHARE = 0.001  # ... and 0.1% of the others were edited


DATED_ID = re.compile(r"[0-9]{8}")  # bulk's news ids start with the date: 20220924-000000


def old_set(articles):
    """The set as it was the night before: without the newest 1% of the articles, and with 0.1%
    of the others, chosen by a hash of the id, holding an earlier version of one paragraph. The
    newest are the last ids among those that start with a date (bulk's news items); articles
    without a dated id (bulk's encyclopedia pages, which sort after them) are never new, since
    a night does not bring them. Inputs without dated ids lose their last 1% of ids instead."""
    added = math.ceil(len(articles) * ADDED_SHARE)
    dated = [k for k, (article_id, _, _) in enumerate(articles) if DATED_ID.match(article_id)]
    newest = set(dated[-added:] if len(dated) >= added else range(len(articles) - added,
                                                                   len(articles)))
    old = []
    for article_id, title, paragraphs in (a for k, a in enumerate(articles) if k not in newest):
        digest = int.from_bytes(hashlib.sha256(article_id.encode()).digest()[:8], "little")
        if paragraphs and digest < EDITED_SHARE * 2**64:
            k = len(paragraphs) // 2
            paragraphs = paragraphs[:k] + [paragraphs[k] + "（初稿，待核实）"] + paragraphs[k + 1:]
        old.append((article_id, title, paragraphs))
    return old


def write_set(articles, work):
    """Writes one article set (id, title, paragraphs; sorted by id) in every system's input form:
    same-articles.jsonl (sheaf), articles.bin (build_stores, read_bench), pages.bin, text/ (tar)
    and html/ (zimwriterfs)."""
    os.makedirs(work, exist_ok=True)
    # What every other system stores (id, title, paragraphs), as records sheaf can build from:
    # the like-for-like sheaf bundles are built from this.
    with open(os.path.join(work, "same-articles.jsonl"), "w", encoding="utf-8") as out:
        for article_id, title, paragraphs in articles:
            out.write(json.dumps({"id": article_id, "title": title, "paragraphs": paragraphs},
                                 ensure_ascii=False) + "\n")
    articles = [(i, t, t + "\n" + "\n".join(p)) for i, t, p in articles]
    with open(os.path.join(work, "articles.bin"), "wb") as out:
        out.write(b"SHBART01" + struct.pack("<I", len(articles)))
        for fields in articles:
            for s in fields:
                b = s.encode("utf-8")
                out.write(struct.pack("<I", len(b)) + b)
    text_dir = os.path.join(work, "text")
    html_dir = os.path.join(work, "html")
    for d in (text_dir, html_dir):
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
    zim_ok = all(safe_path(a[0]) for a in articles)
    with open(os.path.join(work, "pages.bin"), "wb") as pages:
        pages.write(b"SHBPAG01" + struct.pack("<I", len(articles)))
        for k, (article_id, title, text) in enumerate(articles):
            with open(os.path.join(text_dir, f"{k:07d}.txt"), "w", encoding="utf-8") as f:
                f.write(text)
            page = html_page(title, text).encode("utf-8")
            pages.write(struct.pack("<I", len(page)) + page)
            if zim_ok:
                path = os.path.join(html_dir, article_id)
                try:
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    with open(path, "wb") as f:
                        f.write(page)
                except OSError:
                    zim_ok = False  # an id that is also a folder of other ids
    illustration = "illustration-48x48.png"
    while any(a[0] == illustration for a in articles):
        illustration = "_" + illustration
    if zim_ok:
        with open(os.path.join(html_dir, illustration), "wb") as f:
            f.write(png_48())
    return {
        "count": len(articles),
        "text_bytes": sum(len(a[2].encode("utf-8")) for a in articles),
        "welcome": articles[0][0] if articles else "",
        "illustration": illustration,
        "zim_ok": zim_ok,
    }


# ---------------------------------------------------------------- building


def build_all(args, inputs, work, stores, set_info):
    """Every store, built one after the other; returns {name: result}."""
    out = args.out
    results = {}

    def sheaf(name, block_size=None, extra=(), inputs=inputs):
        path = os.path.join(stores, f"{name}.sheaf")
        cmd = [args.sheaf, "build", "-q", "-o", path] + inputs + list(extra)
        if block_size:
            cmd += ["--block-size", str(block_size)]
        log(f"building {name}")
        r = measure(name, cmd, out)
        info = json.loads(subprocess.run([args.sheaf, "info", "--json", path], check=True,
                                         capture_output=True, text=True).stdout)
        r.update(kind="sheaf", file=path, size=file_size(path), reader="sheaf",
                 block_size=info.get("block_size", block_size or 0), info=info)
        return r

    # From the input as given (every field: ids, dates, URLs, categories): what sheaf stores.
    # Its articles, unpacked, are the set every system gets.
    results["sheaf, every field"] = sheaf("sheaf-all")
    results["sheaf, every field"]["curve"] = False
    log("unpacking the sheaf bundle: the article set of every other system")
    unpack_dir = os.path.join(work, "unpack")
    shutil.rmtree(unpack_dir, ignore_errors=True)
    measure("sheaf-unpack", [args.sheaf, "unpack", "-o", unpack_dir,
                             results["sheaf, every field"]["file"]], out)
    set_info.update(prepare(unpack_dir, work))
    # Like for like: the same id, title and paragraphs the other systems store.
    same = [os.path.join(work, "same-articles.jsonl")]
    results["sheaf"] = sheaf("sheaf", inputs=same)
    results["sheaf"]["default"] = True
    for bs in args.block_sizes:
        if bs != results["sheaf"]["block_size"]:
            results[f"sheaf bs={bs // 1024}K"] = sheaf(f"sheaf-bs{bs // 1024}k", bs, inputs=same)
    # The other side of the dictionary trade: stored as is and used in place (flash bundles),
    # no RAM for it, a larger file.
    results["sheaf --no-pack-dictionary"] = sheaf("sheaf-in-place",
                                                  extra=["--no-pack-dictionary"], inputs=same)
    results["sheaf --no-pack-dictionary"]["curve"] = False
    for name, kind, path, cmd in peer_builds(args, work, stores, set_info):
        log(f"building {name}")
        shell = isinstance(cmd, str)
        r = measure(os.path.basename(path), cmd, out, shell=shell)
        r.update(kind=kind, file=path, size=file_size(path), reader=None if shell else kind)
        if kind == "solid":
            # No random access: reading any article means decompressing up to it. We time the
            # whole archive (warm) as the worst case; half of it is the mean.
            r["decompress_all_s"] = measure(f"{os.path.basename(path)}-decompress",
                                            SOLID_DECOMPRESS[kind, path.rsplit(".", 1)[1]]
                                            + f" {quote(path)}", out, shell=True)["wall_s"]
        results[name] = r
    if not set_info["zim_ok"]:
        log("ZIM skipped: some ids cannot be file paths")
    return results


SOLID_DECOMPRESS = {("solid", "zst"): "zstd -d --long=27 -q -c", ("solid", "xz"): "xz -d -c"}


def peer_builds(args, work, stores, set_info):
    """(name, kind, store path, command) of every other system's build from the article set in
    `work` (write_set) into `stores`; a command given as a string runs in bash."""
    os.makedirs(stores, exist_ok=True)
    articles = os.path.join(work, "articles.bin")
    for name, kind, dict_size in (("zstd per article", "zstd", 0),
                                  ("zstd per article + dict", "zstd", MIB),
                                  ("SQLite + zstd dict", "sqlite", MIB)):
        path = os.path.join(stores, name.replace(" ", "-").replace("+", "") + (
            ".sqlite" if kind == "sqlite" else ".zart"))
        if os.path.exists(path):
            os.remove(path)
        yield name, kind, path, [os.path.join(args.tools, "build_stores"), kind, "--level", "19",
                                 "--dict-size", str(dict_size), articles, path]
    if set_info["zim_ok"]:
        path = os.path.join(stores, "articles.zim")
        if os.path.exists(path):
            os.remove(path)
        yield "ZIM (zimwriterfs)", "zim", path, [
            "zimwriterfs", "-w", set_info["welcome"], "-I", set_info["illustration"],
            "-l", "zho", "-t", "sheaf bench", "-d", "articles", "-c", "bench", "-p", "bench",
            "-j", os.path.join(work, "html"), path]
    threads = os.cpu_count() or 1
    tar = f"tar -c --sort=name -C {quote(os.path.join(work, 'text'))} ."
    for name, compress, ext in (("tar | zstd -19 --long=27", f"zstd -19 --long=27 -T{threads} -q -c",
                                 "tar.zst"),
                                ("tar | xz -9e", "xz -9e -T1 -c", "tar.xz")):
        path = os.path.join(stores, f"articles.{ext}")
        yield name, "solid", path, f"{tar} | {compress} > {quote(path)}"


def build_patches(args, work, stores, results, set_info):
    """The nightly update's patch for every system (results[name]["patch"]): the store is built
    again from the previous night's set (work/old, see old_set) into stores/old, and the patch
    from that to the store of tonight's set is measured. sheaf builds tonight's bundle with
    `--base` on last night's and ships `sheaf diff`; the others have no patch tool of their own
    (ZIM's zimdiff needs both archives whole and is not packaged here), so theirs is
    `zstd -19 --patch-from`, a generic delta against the old file."""
    old_work, old_stores = os.path.join(work, "old"), os.path.join(stores, "old")
    os.makedirs(old_stores, exist_ok=True)
    old_info = dict(set_info, **set_info["old_info"])

    s = results["sheaf"]
    old = os.path.join(old_stores, "sheaf.sheaf")
    tonight = os.path.join(old_stores, "sheaf-base.sheaf")
    patch = os.path.join(old_stores, "sheaf.patch")
    log("nightly update: sheaf, last night's bundle, tonight's with --base, sheaf diff")
    measure("old-sheaf", [args.sheaf, "build", "-q", "-o", old,
                          os.path.join(old_work, "same-articles.jsonl")], args.out)
    base_build = measure("sheaf-base", [args.sheaf, "build", "-q", "--base", old, "-o", tonight,
                                        os.path.join(work, "same-articles.jsonl")], args.out)
    diff = measure("sheaf-diff", [args.sheaf, "diff", old, tonight, "-o", patch], args.out)
    s["patch"] = {"bytes": file_size(patch), "new_bytes": file_size(tonight),
                  "method": "sheaf build --base, sheaf diff", "diff_s": diff["wall_s"],
                  "base_build_s": base_build["wall_s"],
                  "patch_from_bytes": patch_from(old, tonight, patch + ".zst", args.out)}

    for name, _, path, cmd in peer_builds(args, old_work, old_stores, old_info):
        if name not in results:
            continue
        log(f"nightly update: {name}, last night's store and zstd --patch-from")
        measure("old-" + os.path.basename(path), cmd, args.out, shell=isinstance(cmd, str))
        new = results[name]["file"]
        size = patch_from(path, new, path + ".patch.zst", args.out)
        results[name]["patch"] = {"bytes": size, "new_bytes": file_size(new),
                                  "method": "zstd -19 --patch-from", "patch_from_bytes": size}


def patch_from(old, new, patch, out):
    """The size of `zstd -19 --patch-from=old new`, with a window over both files."""
    window = max(27, min(31, math.ceil(math.log2(file_size(old) + file_size(new) + 1))))
    measure("patch-from-" + os.path.basename(patch),
            ["zstd", "-q", "-f", "-19", f"--long={window}", f"--patch-from={old}", new, "-o",
             patch], out)
    return file_size(patch)


def quote(s):
    return "'" + s.replace("'", "'\\''") + "'"


# ---------------------------------------------------------------- reading


def read_all(args, work, results):
    """Round 1 reads every store warm, then its opens and cold reads; rounds 2 to
    --warm-rounds read every store warm again, the stores in another order each round. A
    store's warm figures are then the median of its rounds (read_rounds)."""
    subprocess.run(["sync"], check=True)
    readers = [name for name, r in results.items() if r.get("reader")]
    for name in readers:
        r = results[name]
        log(f"reading {name}: {args.reads} warm, {args.cold_reads} cold reads per mode")
        r["read_process"], r["read"] = read_store(args, work, r, args.cold_reads, args.opens,
                                                  "")
        r["read"]["warm_rounds"] = [warm_modes(r["read"])]
    for k in range(1, args.warm_rounds):
        # Rotated, and reversed every other round: no store always reads right after the same
        # one, or always first or last.
        order = readers[k % len(readers):] + readers[:k % len(readers)]
        if k % 2:
            order.reverse()
        log(f"warm round {k + 1} of {args.warm_rounds}: {'; '.join(order)}")
        for name in order:
            r = results[name]
            _, again = read_store(args, work, r, 0, 0, f"-round{k + 1}")
            r["read"]["warm_rounds"].append(warm_modes(again))
    for name in readers:
        read_rounds(results[name]["read"])


def read_store(args, work, r, cold_reads, opens, suffix):
    """One read_bench process on the store: (its wall time and peak RSS, its JSON)."""
    # Readers run at a higher priority when we may (root), so that other work on the
    # machine preempts them less: we time the reader, not the scheduler.
    cmd = reader_priority(args) + [
           os.path.join(args.tools, "read_bench"), "--system", r["reader"],
           "--articles", os.path.join(work, "articles.bin"),
           "--pages", os.path.join(work, "pages.bin"), "--reads", str(args.reads),
           "--cold-reads", str(cold_reads), "--opens", str(opens),
           "--seed", str(args.seed), r["file"]]
    name = f"read-{os.path.basename(r['file'])}{suffix}"
    out_path = os.path.join(args.out, "logs", f"{name}.json")
    process = measure(name, cmd, args.out, stdout_path=out_path)
    with open(out_path) as f:
        return process, json.load(f)


WARM_MODES = ("warm_id", "warm_title")
ROUND_STATS = ("p50_us", "p90_us", "p99_us", "max_us", "mean_us")
ROUND_COUNTS = ("n", "ok", "wrong", "missing", "errors")


def warm_modes(read):
    """Copies: read_rounds() overwrites the first round's figures in read["modes"]."""
    return {m: dict(read["modes"][m]) for m in WARM_MODES if m in read.get("modes", {})}


def read_rounds(read):
    """A store's warm modes from all its rounds: each latency figure the median of the rounds'
    (the same reads, by the same seed, at other moments of the run), the read counts and
    failures summed, so that a read that failed in any round shows."""
    rounds = read["warm_rounds"]
    for m in WARM_MODES:
        got = [x[m] for x in rounds if x.get(m, {}).get("supported")]
        if len(got) < 2:
            continue
        mode = read["modes"][m]
        for key in ROUND_STATS:
            mode[key] = statistics.median(x[key] for x in got)
        for key in ROUND_COUNTS:
            mode[key] = sum(x[key] for x in got)
        mode["first_error"] = next((x["first_error"] for x in got if x["first_error"]), "")
        mode["rounds_p50_us"] = [x["p50_us"] for x in got]


def reader_priority(args):
    if os.geteuid() != 0:
        return []
    return ["chrt", "-f", "10"] if args.rt else ["nice", "-n", "-10"]


def device(path):
    """The block device holding `path`: its readahead and rotational flag (cold reads depend
    on them: a mapping's page fault reads up to read_ahead_kb around the page)."""
    st = os.stat(path)
    d = f"/sys/dev/block/{os.major(st.st_dev)}:{os.minor(st.st_dev)}"
    queue = os.path.join(d, "queue")
    if not os.path.isdir(queue):
        queue = os.path.join(d, "..", "queue")  # a partition

    def read(name):
        try:
            with open(os.path.join(queue, name)) as f:
                return f.read().strip()
        except OSError:
            return "?"
    return {"name": os.path.basename(os.path.realpath(d)) if os.path.exists(d) else "?",
            "read_ahead_kb": read("read_ahead_kb"), "rotational": read("rotational")}


def versions():
    def first_line(cmd):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, shell=True).stdout
            return out.strip().splitlines()[0] if out.strip() else "?"
        except OSError:
            return "?"
    return {
        "zstd": first_line("zstd --version"),
        "xz": first_line("xz --version"),
        "zimwriterfs": first_line("zimwriterfs --version"),
        "libzim": first_line("zimwriterfs --version | grep libzim"),
        "sqlite": sqlite3.sqlite_version,
        "kernel": platform.release(),
        "cpu": first_line("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2"),
        "cores": os.cpu_count(),
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("inputs", nargs="*", help="folders or JSONL files (default: the bulk corpus)")
    p.add_argument("--quick", action="store_true",
                   help="about 2,000 articles, 1,000 warm and 500 cold reads")
    p.add_argument("--rt", action="store_true",
                   help="run the readers SCHED_FIFO (chrt -f 10) instead of nice -10: less "
                        "preemption by other work, which then waits")
    p.add_argument("--out", default=os.path.join(HERE, "out"), help="output folder")
    p.add_argument("--sheaf", help="the sheaf binary")
    p.add_argument("--tools", help="folder of build_stores and read_bench")
    p.add_argument("--report-only", action="store_true",
                   help="only rewrite the table and plot from OUT/compare.json")
    p.add_argument("--reads", type=int, help="warm reads per mode (default 10,000)")
    p.add_argument("--cold-reads", type=int,
                   help="cold reads per mode (default 2,000; 500 with --quick)")
    p.add_argument("--opens", type=int, default=50, help="timed opens, warm and cold")
    p.add_argument("--seed", type=int, default=20240601)
    p.add_argument("--warm-rounds", type=int,
                   help="rounds of warm reads over every store, the stores in another order each "
                        "round; a warm figure is the median of the rounds' (default 3; 1 with "
                        "--quick)")
    p.add_argument("--no-patch", action="store_true",
                   help="skip the nightly update (each store built again from last night's set "
                        "and the patch measured)")
    p.add_argument("--block-sizes", default="4096,16384,65536",
                   help="sheaf --block-size values for the size/speed curve, besides the "
                        "default build")
    args = p.parse_args()
    args.out = os.path.abspath(args.out)
    args.reads = args.reads or (1000 if args.quick else 10000)
    # A cold read costs a reopen and an eviction besides the read (about 10 ms on a virtual
    # disk), so cold runs are shorter by default.
    args.cold_reads = min(args.cold_reads or (500 if args.quick else 2000), args.reads)
    args.block_sizes = [int(b) for b in args.block_sizes.split(",") if b]
    args.warm_rounds = args.warm_rounds or (1 if args.quick else 3)
    if args.warm_rounds < 1:
        p.error("--warm-rounds must be at least 1")
    if args.quick:
        args.opens = min(args.opens, 20)

    if args.report_only:
        import report  # beside this file
        with open(os.path.join(args.out, "compare.json")) as f:
            saved = json.load(f)
        report.write(args.out, saved["run"], {s["name"]: s for s in saved["systems"]})
        return
    if not args.sheaf or not args.tools:
        p.error("--sheaf and --tools are required (bench/run passes them)")
    global SHEAF_EXTENSIONS
    SHEAF_EXTENSIONS = tuple(subprocess.run([args.sheaf, "build", "--list-input-types"],
                                            check=True, stdout=subprocess.PIPE,
                                            text=True).stdout.split())

    started = time.time()
    load_start = os.getloadavg()
    work = os.path.join(args.out, "work")
    stores = os.path.join(args.out, "stores")
    for d in (work, stores, os.path.join(args.out, "logs")):
        os.makedirs(d, exist_ok=True)
    inputs = [os.path.abspath(i) for i in (args.inputs or DEFAULT_INPUTS)]
    for i in inputs:
        if not os.path.exists(i):
            sys.exit(f"bench: error: {i}: no such file or folder")
    if args.quick:
        inputs = quick_inputs(inputs, 2000, work)
    set_info = {"inputs": inputs, "input_bytes": input_bytes(inputs)}
    results = build_all(args, inputs, work, stores, set_info)
    if not args.no_patch:
        build_patches(args, work, stores, results, set_info)
    read_all(args, work, results)

    import report  # beside this file
    run = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "quick": args.quick,
        "reads": args.reads,
        "cold_reads": args.cold_reads,
        "warm_rounds": args.warm_rounds,
        "seed": args.seed,
        "reader_priority": " ".join(reader_priority(args)) or "default",
        "device": device(stores),
        "loadavg_start": load_start,
        "loadavg_end": os.getloadavg(),
        "seconds": time.time() - started,
        "versions": versions(),
        "set": set_info,
    }
    report.write(args.out, run, results)


if __name__ == "__main__":
    sys.path.insert(0, HERE)
    main()
