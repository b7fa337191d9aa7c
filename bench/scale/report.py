#!/usr/bin/env python3
"""bench/scale/report.py: the scale figures from run's logs, as a table on stdout, OUT/scale.md
and OUT/scale.json. Python 3 standard library only."""

import argparse
import datetime
import json
import os
import platform
import re
import subprocess

GIB = 1 << 30


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read().strip()
        return json.loads(text) if text else None
    except (OSError, ValueError):
        return None


def load_time(path):
    """The fields of /usr/bin/time -v we report: wall seconds, peak RSS, exit status."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError:
        return None
    out = {}
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text)
    if m:
        seconds = 0.0
        for part in m.group(1).split(":"):
            seconds = seconds * 60 + float(part)
        out["wall_s"] = round(seconds, 2)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    if m:
        out["peak_rss_bytes"] = int(m.group(1)) * 1024
    m = re.search(r"User time \(seconds\): (\S+)", text)
    if m:
        out["user_s"] = float(m.group(1))
    m = re.search(r"Exit status: (\d+)", text)
    out["exit_status"] = int(m.group(1)) if m else None
    m = re.search(r"Command terminated by signal (\d+)", text)
    if m:
        out["signal"] = int(m.group(1))
    return out


def tail(path, lines=5):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:]).strip()
    except OSError:
        return ""


def machine(root, logs):
    info = {"cores": os.cpu_count(), "platform": platform.platform()}
    try:
        with open("/proc/meminfo") as f:
            info["mem_total_bytes"] = int(f.readline().split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open(os.path.join(logs, "git.txt"), encoding="utf-8") as f:
            info["git"] = f.read().strip()  # recorded by run when it built sheaf
        return info
    except OSError:
        pass
    try:
        rev = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", root, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, check=True).stdout.strip()
        info["git"] = rev + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        pass
    return info


def collect(logs, name):
    part = lambda suffix: os.path.join(logs, f"{name}.{suffix}")
    if not os.path.exists(part("gen.json")):
        return None
    r = {"generated": load_json(part("gen.json"))}
    try:
        with open(part("gen.seconds")) as f:
            r["generated"]["seconds"] = int(f.read())
    except (OSError, ValueError, TypeError):
        pass
    r["build"] = {"time": load_time(part("build.time")), "summary": load_json(part("build.json"))}
    if not r["build"]["summary"] or not r["build"]["summary"].get("ok"):
        r["build"]["stderr_tail"] = tail(part("build.stderr"))
    r["verify"] = {"time": load_time(part("verify.time")), "output": tail(part("verify.out"), 2)}
    r["info"] = load_json(part("info.json"))
    r["read"] = load_json(part("read.json"))
    if r["read"] is None or r["read"].get("failures"):
        r["read_stderr"] = tail(part("read.stderr"), 20)
    r["read_time"] = load_time(part("read.time"))
    return r


def g(d, *keys):
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def fmt_bytes(n):
    if n is None:
        return "-"
    if n >= GIB:
        return f"{n / GIB:.3f} GiB ({n:,} B)"
    return f"{n / (1 << 20):.1f} MiB"


def fmt(v, unit=""):
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:,.1f}{unit}"
    return f"{v:,}{unit}"


def rows(r):
    b, s, rd = g(r, "build", "time"), g(r, "build", "summary"), r.get("read") or {}
    ok = bool(s and s.get("ok"))
    out = [
        ("articles generated", fmt(g(r, "generated", "articles"))),
        ("body text generated", fmt_bytes(g(r, "generated", "body_bytes"))),
        ("JSONL input", fmt_bytes(g(r, "generated", "jsonl_bytes")) +
         f" in {fmt(g(r, 'generated', 'files'))} files, generated in "
         f"{fmt(g(r, 'generated', 'seconds'))} s"),
        ("sheaf build", "ok" if ok else "FAILED " + str(b and {k: b.get(k) for k in
                                                               ("exit_status", "signal")})),
        ("build wall time", fmt(g(b, "wall_s"), " s") + f" (user {fmt(g(b, 'user_s'), ' s')})"),
        ("build peak RSS", fmt_bytes(g(b, "peak_rss_bytes"))),
    ]
    if not ok:
        out.append(("build error", (g(r, "build", "stderr_tail") or "").replace("\n", " / ")))
        return out
    out += [
        ("bundle size", fmt_bytes(s.get("file_bytes")) +
         f" (format {g(r, 'info', 'format_version') or '?'})"),
        ("articles in bundle", fmt(s.get("articles"))),
        ("frames", fmt(s.get("frames"))),
        ("index / dictionary / data", f"{fmt_bytes(s.get('index_bytes'))} / "
         f"{fmt_bytes(s.get('dictionary_bytes'))} / {fmt_bytes(s.get('data_bytes'))}"),
        ("ratio (file / body)", f"{s.get('ratio', 0):.3f}"),
        ("sheaf verify", f"{fmt(g(r, 'verify', 'time', 'wall_s'), ' s')}, peak RSS "
         f"{fmt_bytes(g(r, 'verify', 'time', 'peak_rss_bytes'))}, exit "
         f"{g(r, 'verify', 'time', 'exit_status')}: {g(r, 'verify', 'output')}"),
        ("reader RAM (info: fast / small)", f"{fmt(g(r, 'info', 'reader_ram_bytes'))} / "
         f"{fmt(g(r, 'info', 'reader_small_ram_bytes'))} B"),
        ("open (cold / warm median)", f"{fmt(rd.get('open_cold_us'), ' us')} / "
         f"{fmt(rd.get('open_warm_median_us'), ' us')}"),
    ]
    for key, label in (("random_cold", "cold"), ("random_warm", "warm"),
                       ("random_warm_news", "warm, news only"),
                       ("random_warm_padding", "warm, padding only")):
        p = rd.get(key)
        if p:
            out.append((f"{rd.get('random_reads', 0):,} random reads by id ({label})",
                        f"p50 {p['p50_us']:,.1f} us, p99 {p['p99_us']:,.1f} us, "
                        f"max {p['max_us']:,.1f} us"))
    if rd.get("full_pass"):
        out.append(("full checked pass (every article)",
                    f"{rd['full_pass_s']:.1f} s, {rd['full_pass_mb_per_s']:.1f} MB/s of body text"))
    if rd.get("beyond_mark"):
        out.append(("articles with frames past the mark",
                    f"{rd.get('articles_with_frame_past_mark'):,} (mark {rd.get('mark_bytes'):,} B); "
                    f"markers past it: {rd.get('markers_past_mark')}/{rd.get('markers')}"))
        for a in rd["beyond_mark"]:
            out.append((f"  {a['why']} {a['id']}",
                        f"file offset {a['file_offset']:,} ({a['file_offset_gib']:.4f} GiB), "
                        f"frame {a['frame']}, {a['body_bytes']:,} B, "
                        f"{'ok' if a['ok'] else 'FAILED'}"))
    out.append(("reader checks", "all passed" if rd.get("failures") == 0 else
                f"FAILED ({rd.get('failures')}): {r.get('read_stderr', '')}".replace("\n", " / ")))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--logs", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--root", default=".")
    args = parser.parse_args()

    result = {"date": datetime.datetime.now().isoformat(timespec="seconds"),
              "machine": machine(args.root, args.logs), "runs": {}}
    for name in ("news", "big"):
        r = collect(args.logs, name)
        if r is not None:
            result["runs"][name] = r
    with open(os.path.join(args.out, "scale.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=2, ensure_ascii=False)
        f.write("\n")

    m = result["machine"]
    lines = [f"# sheaf scale run, {result['date']}", "",
             f"Machine: {m.get('cores')} cores, {fmt_bytes(m.get('mem_total_bytes'))} RAM, "
             f"{m.get('platform')}; sheaf {m.get('git', '?')}.", ""]
    for name, r in result["runs"].items():
        lines += [f"## {name}", "", "| figure | value |", "|---|---|"]
        lines += [f"| {k} | {v.replace('|', '/')} |" for k, v in rows(r)]
        lines.append("")
    text = "\n".join(lines)
    with open(os.path.join(args.out, "scale.md"), "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    failed = any(not g(r, "build", "summary", "ok") or g(r, "read", "failures") != 0
                 or g(r, "verify", "time", "exit_status") != 0
                 for r in result["runs"].values())
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
