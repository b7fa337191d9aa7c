#!/usr/bin/python3
"""bench/extract: sheaf extract against Mozilla Readability and readability-lxml, side by side.

Runs each tool on the same pages of both gold sets (zh: corpus html-zh/*.html and
text-zh/seed.txt against gold/; en: html/en/*.html against gold-en/), scores each output folder
with the corpus scorer, and prints one table of scores and pages per second per set, the speed
ratios, and sheaf's extract-stage throughput against parse-only throughput. Called by `run`, which first installs the competitors; see README.md.
Standard library only.
"""

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
METRICS = ("body_f1", "body_p", "body_r", "para_exact", "title_exact", "date_exact", "cat_exact")
TOOLS = ("sheaf", "readability", "readability-lxml")
LABELS = {
    "sheaf": "sheaf",
    "readability": "Mozilla Readability",
    "readability-lxml": "readability-lxml",
}
TIMING = {
    "sheaf": "in-process, from `sheaf extract --json`'s `seconds` (discover and read the files, "
             "parse, extract, write the JSON); process start-up and exit excluded",
    "readability": "in-process, around the per-page loop (read, jsdom parse, Readability, "
                   "split, write); Node start-up and module loading excluded",
    "readability-lxml": "in-process, around the per-page loop (read, parse, Document.summary, "
                        "split, write); interpreter start-up and imports excluded",
}


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="bench/extract/run",
        description="Side-by-side extraction benchmark: sheaf extract, Mozilla Readability "
                    "and readability-lxml on both gold sets (html-zh pages and the seed against gold/, "
                    "html/en pages against gold-en/), scored by the corpus scorer. Results go to OUT/results.md and OUT/results.json.")
    p.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus",
                   help="corpus folder with html-zh/, text-zh/seed.txt, gold/, html/en/ and gold-en/ "
                        "(default: the shared/corpus folder beside the repository)")
    p.add_argument("--sheaf", type=Path, default=REPO / "build" / "compiler" / "sheaf",
                   help="sheaf binary (default: build/compiler/sheaf in the repository)")
    p.add_argument("--scorer", type=Path, default=None,
                   help="score-extraction script (default: CORPUS/../tools/score-extraction)")
    p.add_argument("--out", type=Path, default=HERE / "out",
                   help="output folder (default: bench/extract/out)")
    p.add_argument("--tools", default=",".join(TOOLS),
                   help="comma-separated subset of: " + ", ".join(TOOLS) + " (default: all)")
    p.add_argument("--repeat", type=int, default=1,
                   help="run each tool N times and keep the fastest run (default: 1)")
    p.add_argument("--no-pin", action="store_true",
                   help="do not pin the tools to one CPU with taskset")
    p.add_argument("--sets", default="zh,en",
                   help="comma-separated subset of the gold sets: zh, en (default: both)")
    p.add_argument("--no-stage", action="store_true",
                   help="skip the extract-stage against parse-only throughput measurement")
    p.add_argument("--no-install", action="store_true",
                   help="(handled by `run`) skip the check-and-install step")
    args = p.parse_args(argv)
    args.tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    for t in args.tools:
        if t not in TOOLS:
            p.error(f"unknown tool {t!r}; choose from {', '.join(TOOLS)}")
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    if args.scorer is None:
        args.scorer = args.corpus / ".." / "tools" / "score-extraction"
    # The tools run with bench/extract as working directory: make paths absolute first.
    if os.sep not in str(args.sheaf) and shutil.which(str(args.sheaf)):
        args.sheaf = Path(shutil.which(str(args.sheaf)))
    args.sheaf = args.sheaf.resolve()
    args.scorer = args.scorer.resolve()
    return args


def gold_sets(corpus):
    """The scored page sets, each (name, gold folder, input files): the Chinese gold (html-zh
    pages and the seed) and the English gold (html/en pages)."""
    zh_pages = sorted((corpus / "html-zh").glob("*.html"))
    seed = corpus / "text-zh" / "seed.txt"
    en_pages = sorted((corpus / "html" / "en").glob("*.html"))
    needed = (corpus / "html-zh", seed, corpus / "gold", corpus / "html" / "en", corpus / "gold-en")
    missing = [str(x) for x in needed if not x.exists()]
    if missing or not zh_pages or not en_pages:
        sys.exit(f"bench: error: corpus incomplete under {corpus}: missing "
                 f"{', '.join(missing) or 'html-zh/*.html or html/en/*.html'}")
    return [("zh", corpus / "gold", zh_pages + [seed]), ("en", corpus / "gold-en", en_pages)]


def pin_prefix(no_pin):
    """One core for every tool: `taskset -c CPU` on the first CPU this process may use."""
    if no_pin or not shutil.which("taskset") or not hasattr(os, "sched_getaffinity"):
        return [], None
    cpu = min(os.sched_getaffinity(0))
    return ["taskset", "-c", str(cpu)], cpu


def command_for(tool, args, out_dir, files):
    names = [str(f) for f in files]
    if tool == "sheaf":
        return [str(args.sheaf), "extract", "--json", *names, "-o", str(out_dir)]
    if tool == "readability":
        return ["node", str(HERE / "readability.mjs"), str(out_dir), *names]
    return ["/usr/bin/python3", str(HERE / "readability_lxml.py"), str(out_dir), *names]


def first_line(text):
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def last_json_line(stdout):
    """The JSON object on the last line of a tool's stdout, or None."""
    lines = stdout.strip().splitlines()
    try:
        return json.loads(lines[-1]) if lines else None
    except json.JSONDecodeError:
        return None


def run_once(tool, args, prefix, out_dir, files):
    """Runs one tool over all files into a fresh out_dir. Returns a dict with seconds, or
    with `unavailable` set to the reason."""
    if out_dir.exists():
        shutil.rmtree(out_dir)
    out_dir.mkdir(parents=True)
    cmd = prefix + command_for(tool, args, out_dir, files)
    if tool == "sheaf" and not (args.sheaf.is_file() and os.access(args.sheaf, os.X_OK)):
        return {"unavailable": f"no executable at {args.sheaf} (build sheaf first)"}
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              cwd=HERE)
    except OSError as err:
        return {"unavailable": f"{cmd[len(prefix)]}: {err.strerror}"}
    wall = time.perf_counter() - start
    written = len(list(out_dir.glob("*.json")))
    result = {"exit": proc.returncode, "written": written, "stderr": proc.stderr}
    if tool == "sheaf":
        if proc.returncode != 0 and written == 0:
            why = first_line(proc.stderr) or first_line(proc.stdout) or "no output"
            return {"unavailable": f"exit {proc.returncode}: {why}", "stderr": proc.stderr}
        result["process_wall_seconds"] = wall
        summary = last_json_line(proc.stdout)
        if summary is None or "seconds" not in summary:
            return {"unavailable": "no --json summary on stdout (a sheaf without "
                                   "`extract --json`?)", "stderr": proc.stderr}
        result["seconds"] = summary["seconds"]
        return result
    if proc.returncode != 0:
        return {"unavailable": f"exit {proc.returncode}: {first_line(proc.stderr)}",
                "stderr": proc.stderr}
    summary = last_json_line(proc.stdout)
    if summary is None or "seconds" not in summary:
        return {"unavailable": "no timing summary on stdout", "stderr": proc.stderr}
    result["seconds"] = summary["seconds"]
    result["failed"] = summary.get("failed", 0)
    result["process_wall_seconds"] = wall
    return result


def score(scorer, gold, pred_dir, report_path):
    """Runs the scorer: -q for the summary line, and once in full for the per-file report."""
    quiet = subprocess.run([sys.executable, str(scorer), str(gold), str(pred_dir), "-q"],
                           capture_output=True, text=True, check=True)
    full = subprocess.run([sys.executable, str(scorer), str(gold), str(pred_dir)],
                          capture_output=True, text=True, check=True)
    report_path.write_text(full.stdout, encoding="utf-8")
    line = [l for l in quiet.stdout.splitlines() if l.startswith("extraction:")][-1]
    fields = dict(re.findall(r"(\w+)=([0-9.]+)", line))
    scores = {m: float(fields[m]) for m in METRICS}
    scores["files"] = int(fields["files"])
    return scores, line


def versions():
    out = {"python": platform.python_version(), "machine": platform.machine()}
    try:
        out["node"] = subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        pass
    for pkg, key in (("@mozilla/readability", "mozilla_readability"), ("jsdom", "jsdom")):
        pj = HERE / "node_modules" / pkg / "package.json"
        if pj.exists():
            out[key] = json.loads(pj.read_text())["version"]
    probe = ("import lxml.etree, importlib.metadata as m;"
             "print(m.version('readability-lxml'), lxml.etree.__version__)")
    res = subprocess.run(["/usr/bin/python3", "-c", probe], capture_output=True, text=True)
    if res.returncode == 0:
        out["readability_lxml"], out["lxml"] = res.stdout.split()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                out["cpu"] = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return out


def fmt(x, digits=3):
    return "–" if x is None else f"{x:.{digits}f}"


def table(rows):
    head = ["set", "tool", *METRICS, "pages/s", "process pages/s"]
    body = []
    for r in rows:
        if r.get("unavailable"):
            name = "sheaf: sheaf extract not available" if r["tool"] == "sheaf" else \
                f"{LABELS[r['tool']]}: not available"
            body.append([r["set"], name] + ["–"] * (len(head) - 2))
        else:
            body.append([r["set"], LABELS[r["tool"]]] + [fmt(r["scores"][m]) for m in METRICS]
                        + [fmt(r["pages_per_s"], 1), fmt(r.get("process_pages_per_s"), 1)])
    widths = [max(len(head[i]), *(len(b[i]) for b in body)) for i in range(len(head))]

    def line(cells):
        return "| " + " | ".join(c.ljust(w) if i < 2 else c.rjust(w)
                                 for i, (c, w) in enumerate(zip(cells, widths))) + " |"

    sep = "|" + "|".join("-" * (w + 1) + (":" if i >= 2 else "-") for i, w in enumerate(widths)) + "|"
    return "\n".join([line(head), sep] + [line(b) for b in body])


def speed_ratio(rows, set_name):
    ok = {r["tool"]: r for r in rows if not r.get("unavailable")}
    rivals = [r for t, r in ok.items() if t != "sheaf"]
    if not rivals:
        return None, f"{set_name}: speed ratio: n/a (no competitor ran)"
    best = max(rivals, key=lambda r: r["pages_per_s"])
    if "sheaf" not in ok:
        return None, (f"{set_name}: speed ratio sheaf / faster competitor ({LABELS[best['tool']]}, "
                      f"{best['pages_per_s']:.1f} pages/s): n/a, sheaf extract not available "
                      f"(target: at least 10x, i.e. {10 * best['pages_per_s']:.0f} pages/s)")
    ratio = ok["sheaf"]["pages_per_s"] / best["pages_per_s"]
    return ratio, (f"{set_name}: speed ratio sheaf / faster competitor ({LABELS[best['tool']]}, "
                   f"{best['pages_per_s']:.1f} pages/s): {ratio:.1f}x (target: at least 10x)")


def notes(rows, cpu, repeat):
    out = []
    pin = f"pinned to CPU {cpu} with taskset" if cpu is not None else "not pinned to a CPU"
    out.append(f"Each tool is one process over all pages of a set in sequence, {pin}; "
               + ("one run." if repeat == 1 else f"fastest of {repeat} runs (by pages/s)."))
    out.append("pages/s: each tool's own timing of its work on the pages, start-up excluded "
               "(the speed ratios use it); process pages/s: the wall time of the whole process, "
               "start-up (interpreter, imports, dynamic linking) included.")
    for r in rows:
        label = f"{r['set']}: {LABELS[r['tool']]}"
        if r.get("unavailable"):
            out.append(f"{label}: not available: {r['unavailable']}")
            continue
        extra = ""
        if r.get("exit"):
            extra += f"; exited {r['exit']}"
        if r.get("written", r["pages"]) != r["pages"]:
            extra += f"; wrote {r['written']} of {r['pages']} files"
        if r.get("failed"):
            extra += f"; no article found on {r['failed']} page(s)"
        whole = f"; whole process {r['process_wall_seconds']:.3f} s, start-up included"
        out.append(f"{label}: {r['pages']} pages in {r['seconds']:.3f} s, timed "
                   f"{TIMING[r['tool']]}{whole}{extra}.")
    return out


def build_stage_probe(args, out):
    """Compiles stage_throughput.cpp against the build that holds the sheaf binary (its
    libsheaf_core.a). Returns the probe's path, or (None, reason)."""
    lib = args.sheaf.parent / "libsheaf_core.a"
    if not lib.is_file():
        return None, f"no {lib} beside the sheaf binary"
    exe = out / "stage_throughput"
    cmd = ["g++", "-O2", "-std=c++17", f"-I{REPO / 'compiler'}", f"-I{REPO / 'runtime' / 'include'}",
           "-isystem", "/usr/include/libxml2", str(HERE / "stage_throughput.cpp"), str(lib),
           "-lzstd", "-lxml2", "-lyaml-cpp", "-ltomlplusplus", "-o", str(exe)]
    res = subprocess.run(cmd, capture_output=True, text=True)
    if res.returncode != 0:
        return None, "build failed: " + first_line(res.stderr)
    return exe, ""


def stage_throughput(args, prefix, out, sets):
    """Extract stage against parse-only throughput on each set's HTML pages, in one process.
    Returns lines to print and a dict for results.json."""
    exe, why = build_stage_probe(args, out)
    if exe is None:
        return [f"extract stage / parse-only: not measured ({why})"], {}
    lines, data = [], {}
    for name, _, files in sets:
        html = [str(f) for f in files if f.suffix == ".html"]
        res = subprocess.run(prefix + [str(exe), str(max(3, args.repeat)), *html],
                             capture_output=True, text=True)
        if res.returncode != 0:
            lines.append(f"{name}: extract stage / parse-only: failed ({first_line(res.stderr)})")
            continue
        d = json.loads(res.stdout.strip().splitlines()[-1])
        data[name] = d
        lines.append(f"{name}: extract stage {d['extract_pages_per_s']:.1f} pages/s, parse only "
                     f"{d['parse_pages_per_s']:.1f} pages/s: {100 * d['ratio']:.0f}% of parse-only "
                     f"throughput (target: at least 60%; {d['pages']} HTML pages, one thread, "
                     f"in-process, fastest of {max(3, args.repeat)} passes)")
    return lines, data


def run_tool(tool, args, prefix, pred, files):
    best = None
    for _ in range(args.repeat):
        res = run_once(tool, args, prefix, pred, files)
        if res.get("unavailable"):
            return res
        if best is None or res["seconds"] < best["seconds"]:
            best = res
    return best


def run_set(args, prefix, out, set_name, gold, files):
    rows = []
    for tool in args.tools:
        pred = out / set_name / tool
        print(f"bench: {set_name}: {LABELS[tool]} on {len(files)} pages ...", file=sys.stderr,
              flush=True)
        best = run_tool(tool, args, prefix, pred, files)
        row = {"set": set_name, "tool": tool, **{k: v for k, v in best.items() if k != "stderr"}}
        if best.get("stderr"):
            (out / set_name / f"{tool}.stderr.txt").write_text(best["stderr"], encoding="utf-8")
        if not row.get("unavailable"):
            row["pages"] = len(files)
            row["pages_per_s"] = len(files) / row["seconds"]
            row["process_pages_per_s"] = len(files) / row["process_wall_seconds"]
            row["timing"] = TIMING[tool]
            row["scores"], row["scorer_line"] = score(args.scorer, gold, pred,
                                                      out / set_name / f"{tool}.scores.txt")
        rows.append(row)
    return rows


def main(argv):
    args = parse_args(argv)
    corpus = args.corpus.resolve()
    wanted = [x.strip() for x in args.sets.split(",") if x.strip()]
    sets = [s for s in gold_sets(corpus) if s[0] in wanted]
    if not sets:
        sys.exit("bench: error: --sets names no known set (zh, en)")
    if not args.scorer.is_file():
        sys.exit(f"bench: error: scorer not found at {args.scorer} (use --scorer)")
    prefix, cpu = pin_prefix(args.no_pin)
    out = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)

    rows, ratios, ratio_lines = [], {}, []
    for name, gold, files in sets:
        (out / name).mkdir(parents=True, exist_ok=True)
        set_rows = run_set(args, prefix, out, name, gold, files)
        ratios[name], line = speed_ratio(set_rows, name)
        ratio_lines.append(line)
        rows += set_rows
    stage_lines, stage = ([], {}) if args.no_stage else stage_throughput(args, prefix, out, sets)

    text = table(rows)
    note_lines = notes(rows, cpu, args.repeat)
    ver = versions()
    ver_line = ", ".join(f"{k} {v}" for k, v in ver.items())

    print(text)
    print()
    for line in ratio_lines + stage_lines:
        print(line)
    for n in note_lines:
        print("- " + n)

    md = ["# bench/extract results", "", f"Corpus: `{corpus}`. Sets: "
          + "; ".join(f"{n}: {len(f)} pages against `{g}`" for n, g, f in sets) + ".", "",
          text, ""] + ratio_lines + stage_lines + [""]
    md += ["- " + n for n in note_lines]
    md += [f"- Versions: {ver_line}.", ""]
    (out / "results.md").write_text("\n".join(md), encoding="utf-8")
    results = {"corpus": str(corpus),
               "sets": {n: {"gold": str(g), "inputs": [str(f) for f in fs]} for n, g, fs in sets},
               "pinned_cpu": cpu, "repeat": args.repeat, "versions": ver, "tools": rows,
               "speed_ratio_sheaf_over_faster_competitor": ratios,
               "extract_stage_over_parse_only": stage}
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n",
                                      encoding="utf-8")
    print(f"\nbench: wrote {out / 'results.md'} and {out / 'results.json'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
