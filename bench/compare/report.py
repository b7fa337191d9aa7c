"""bench/compare: the table (stdout, compare.md, compare.json), sheaf's targets, and the plot."""

import json
import os
import shutil
import subprocess

NA_TITLE = "n/a (not yet in runtime)"
SOLID = "tar | zstd -19 --long=27"


def us(x):
    if x is None:
        return "—"
    return f"{x:.1f}" if x < 10 else f"{x:,.0f}"


def mode(r, name):
    m = r.get("read", {}).get("modes", {}).get(name)
    return m if m and m.get("supported") and m.get("n") else None


def pair(r, name):
    """'p50 / p99' of one read mode, flagged when any read failed its check."""
    if not r.get("reader"):
        return "—"
    m = r.get("read", {}).get("modes", {}).get(name, {})
    if not m.get("supported"):
        return NA_TITLE if r["kind"] == "sheaf" else "n/a"
    bad = m["wrong"] + m["missing"] + m["errors"]
    flag = f" ({bad} failed!)" if bad else ""
    return f"{us(m['p50_us'])} / {us(m['p99_us'])}{flag}"


def ordered(results):
    def key(item):
        name, r = item
        order = {"sheaf": 0, "zstd": 2, "sqlite": 3, "zim": 4, "solid": 5}[r["kind"]]
        return (order, 0 if r.get("default") else 1, r.get("block_size", 0), name)
    return sorted(results.items(), key=key)


COLUMNS = ["system", "size MB", "× solid zstd", "build s", "build peak MiB", "open µs warm / cold",
           "by id warm p50 / p99 µs", "by id cold p50 / p99 µs", "by title warm p50 / p99 µs",
           "by title cold p50 / p99 µs", "reader anon KiB (heap KiB)",
           "nightly patch KB (% of new)"]


def patch_cell(r):
    """The nightly update's patch (1% added, 0.1% edited; compare.py build_patches)."""
    p = r.get("patch")
    if not p:
        return "—"
    return f"{p['bytes'] / 1e3:,.0f} ({100 * p['bytes'] / p['new_bytes']:.1f}%)"


def rows(results):
    solid = results[SOLID]["size"]
    out = []
    for name, r in ordered(results):
        read = r.get("read")
        label = name + (f" (default, {r['block_size'] // 1024}K)" if r.get("default") else "")
        row = [label, f"{r['size'] / 1e6:.2f}", f"{r['size'] / solid:.3f}", f"{r['wall_s']:.1f}",
               f"{r['peak_rss_kib'] / 1024:.0f}"]
        if read:
            mem = read["memory"]
            row += [f"{us(read['open_warm_us'])} / {us(read['open_cold_us'])}",
                    pair(r, "warm_id"), pair(r, "cold_id"), pair(r, "warm_title"),
                    pair(r, "cold_title"),
                    f"{mem['rss_anon_kib']:,} ({mem['heap_bytes'] / 1024:,.0f})"]
        else:
            row += ["—", f"none: all {r['decompress_all_s'] * 1e3:,.0f} ms", "—", "—", "—", "—"]
        out.append(row + [patch_cell(r)])
    return out


def text_table(table):
    widths = [max(len(r[k]) for r in [COLUMNS] + table) for k in range(len(COLUMNS))]
    lines = []
    for n, r in enumerate([COLUMNS] + table):
        lines.append("  ".join(c.rjust(w) if k else c.ljust(w)
                               for k, (c, w) in enumerate(zip(r, widths))))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def md_table(table):
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" + "---:|" * (len(COLUMNS) - 1)]
    # A pipe inside a cell ("tar | zstd") would end it: escape it.
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in table]
    return "\n".join(lines)


def us1(x):
    return "—" if x is None else f"{x:,.1f}"


def targets(run, results):
    """sheaf's targets (the issue's), checked on the default build."""
    s = results["sheaf"]
    full = results.get("sheaf, every field", s)  # built from the input files themselves
    read = s.get("read", {})
    wid, cid = mode(s, "warm_id"), mode(s, "cold_id")
    wt = mode(s, "warm_title")
    zim = results.get("ZIM (zimwriterfs)")
    mem = read.get("memory", {})
    limit_rss = 3 * run["set"]["input_bytes"] / 1024
    ratio = s["size"] / results[SOLID]["size"]
    t = [
        ("size ≤ 1.10 × tar|zstd -19 --long=27", f"{ratio:.3f} ×", ratio <= 1.10),
        ("by id, warm p50 ≤ 20 µs", us1(wid and wid["p50_us"]), bool(wid) and wid["p50_us"] <= 20),
        ("by id, warm p99 ≤ 100 µs", us1(wid and wid["p99_us"]), bool(wid) and wid["p99_us"] <= 100),
        ("by id, cold p99 ≤ 1 ms", us1(cid and cid["p99_us"]), bool(cid) and cid["p99_us"] <= 1000),
    ]
    if wt and wid:
        t.append(("by title within 2× by id (warm p50, p99)",
                  f"{wt['p50_us'] / wid['p50_us']:.2f} ×, {wt['p99_us'] / wid['p99_us']:.2f} ×",
                  wt["p50_us"] <= 2 * wid["p50_us"] and wt["p99_us"] <= 2 * wid["p99_us"]))
    else:
        t.append(("by title within 2× by id", NA_TITLE, None))
    t += [
        ("reader anonymous memory ≤ 1 MiB (RssAnon and heap growth)",
         f"{mem.get('rss_anon_kib', 0):,} KiB, heap {mem.get('heap_bytes', 0) / 1024:,.0f} KiB",
         bool(mem) and mem["rss_anon_kib"] <= 1024 and mem["heap_bytes"] <= 1024 * 1024),
        ("open ≤ 50 µs (warm median; cold in parentheses)",
         f"{us1(read.get('open_warm_us'))} µs ({us1(read.get('open_cold_us'))} µs)",
         bool(read) and read["open_warm_us"] <= 50),
        ("build wall time ≤ zimwriterfs's",
         f"{s['wall_s']:.1f} s vs {zim['wall_s']:.1f} s" if zim else "no ZIM",
         s["wall_s"] <= zim["wall_s"] if zim else None),
        ("build peak memory ≤ 3 × input size (built from the input files)",
         f"{full['peak_rss_kib'] / 1024:.0f} MiB vs {limit_rss / 1024:.0f} MiB",
         full["peak_rss_kib"] <= limit_rss),
    ]
    peers = [(name, r) for name, r in results.items() if r["kind"] != "sheaf" and r.get("reader")]
    if peers:
        name, r = min(peers, key=lambda p: p[1]["size"])
        t.append(("smaller than every random-access peer",
                  f"{s['size'] / 1e6:.2f} MB vs {r['size'] / 1e6:.2f} MB ({name})",
                  s["size"] < r["size"]))
    for m, label in (("warm_id", "by id"), ("warm_title", "by title")):
        mine = mode(s, m)
        theirs = [(name, mode(r, m)) for name, r in peers if mode(r, m)]
        if mine and theirs:
            name, best = min(theirs, key=lambda p: p[1]["p50_us"])
            t.append((f"{label}, warm p50 ≤ every random-access peer's",
                      f"{mine['p50_us']:.2f} µs vs {best['p50_us']:.2f} µs ({name})",
                      mine["p50_us"] <= best["p50_us"]))
    patch = s.get("patch")
    if patch:
        share = patch["bytes"] / patch["new_bytes"]
        t.append(("nightly patch ≤ 3% of the new bundle (1% added, 0.1% edited)",
                  f"{100 * share:.2f}% ({patch['bytes']:,} B; zstd --patch-from "
                  f"{patch['patch_from_bytes']:,} B)", share <= 0.03))
    return [{"target": a, "measured": b, "met": c} for a, b, c in t]


def notes(run, results):
    n = [f"{run['set']['count']:,} articles, {run['set']['text_bytes'] / 1e6:.1f} MB of text "
         f"(title + paragraphs), from {run['set']['input_bytes'] / 1e6:.1f} MB of input files; "
         f"{run['reads']:,} warm and {run['cold_reads']:,} cold reads per mode, uniformly random, "
         f"seed {run['seed']}" + (" (--quick)" if run["quick"] else "") + ".",
         f"Load average {run['loadavg_start'][0]:.2f} at the start, "
         f"{run['loadavg_end'][0]:.2f} at the end ({run['versions']['cores']} cores, "
         f"{run['versions']['cpu']}).",
         f"Readers ran at priority: {run.get('reader_priority', 'nice -n -10')}.",
         "Solid archives have no random access; their read column gives the time to decompress "
         "the whole archive (warm), what reading the last article costs."]
    rounds = run.get("warm_rounds", 1)
    if rounds > 1:
        each = [f"{name} {', '.join(f'{x:.2f}' for x in m['rounds_p50_us'])}"
                for name, r in ordered(results)
                for m in [mode(r, "warm_id")] if m and "rounds_p50_us" in m]
        n.append(f"Warm figures are the median of {rounds} rounds: every store read warm once per "
                 "round, in another order each round, the same reads each time. Warm p50 by id "
                 "in each round (µs): " + "; ".join(each) + ".")
    old = run["set"].get("old_info")
    if old:
        n.append(f"Nightly patch: each store built again from last night's set ({old['added']:,} "
                 f"newest articles absent, {old['edited']:,} with an earlier paragraph); sheaf's "
                 "patch is `sheaf diff` to tonight's bundle built with `--base`, the others' is "
                 "`zstd -19 --patch-from` (no patch tool of their own).")
    dev = run.get("device")
    if dev:
        n.append(f"Stores on {dev['name']} (read_ahead_kb {dev['read_ahead_kb']}, rotational "
                 f"{dev['rotational']}): a cold page fault in a mapping reads up to read_ahead_kb "
                 "around the page, a cold pread starts a smaller readahead.")
    io = []
    for name, r in ordered(results):
        m = mode(r, "cold_id")
        if m and "major_faults" in m:
            io.append(f"{name} {m['major_faults'] / m['n']:.1f} faults, "
                      f"{m['input_blocks'] / 2 / m['n']:,.0f} KiB")
    if io:
        n.append("I/O per cold read by id (mean major page faults, KiB read from the device): " +
                 "; ".join(io) + ".")
    for name, r in results.items():
        for m, v in r.get("read", {}).get("modes", {}).items():
            if not v.get("supported"):
                continue
            bad = v["wrong"] + v["missing"] + v["errors"]
            if bad:
                n.append(f"{name}, {m}: {v['wrong']} wrong, {v['missing']} not found, "
                         f"{v['errors']} errors; first: {v['first_error']}")
            if v.get("not_cold"):
                n.append(f"{name}, {m}: {v['not_cold']} reads started with up to "
                         f"{v['max_resident_pages']} pages of the file still resident.")
    return n


def plot(out, results):
    solid = results[SOLID]["size"]
    curve = os.path.join(out, "logs", "plot-curve.dat")
    points = os.path.join(out, "logs", "plot-points.dat")
    sheaf = sorted((r["block_size"], r["size"] / solid, mode(r, "warm_id")["p50_us"])
                   for r in results.values()
                   if r["kind"] == "sheaf" and r.get("curve", True) and mode(r, "warm_id"))
    with open(curve, "w") as c, open(points, "w") as p:
        c.write("".join(f"{x} {y}\n" for _, x, y in sheaf))
        for name, r in ordered(results):
            x = r["size"] / solid
            m = mode(r, "warm_id")
            if m:
                y, label = m["p50_us"], name
            elif r["kind"] == "solid":
                y, label = r["decompress_all_s"] * 1e6, name + " (decompress all)"
            else:
                continue
            if r["kind"] == "sheaf":
                label = f"sheaf {r['block_size'] // 1024}K" + (
                    " (default)" if r.get("default") else
                    " dict in place" if "no-pack" in name else
                    " every field" if not r.get("curve", True) else "")
            p.write(f'{x} {y} "{label}"\n')
    if not shutil.which("gnuplot"):
        return "gnuplot not found: no plot"
    script = f"""
set terminal pngcairo size 1200,760 font "sans,10"
set output "{os.path.join(out, 'compare.png')}"
set title "Bundle size against random read latency (warm, by id, p50)"
set xlabel "size / (tar | zstd -19 --long=27)"
set ylabel "read latency p50 (µs, log scale)"
set logscale y
set grid
set key bottom right
set offsets graph 0.05, graph 0.25, graph 0.1, graph 0.1
set arrow from 1.10, graph 0 to 1.10, graph 1 nohead dt 2 lc rgb "gray40"
set label "size target 1.10" at 1.10, graph 0.03 left offset char 0.5,0 tc rgb "gray40"
set arrow from graph 0, first 20 to graph 1, first 20 nohead dt 2 lc rgb "gray40"
set label "p50 target 20 µs" at graph 0.99, first 20 right offset 0,char 0.6 tc rgb "gray40"
plot "{curve}" using 1:2 with linespoints lw 2 pt 7 ps 1.2 title "sheaf --block-size", \\
     "{points}" using 1:2 with points pt 7 ps 1.2 lc rgb "black" notitle, \\
     "{points}" using 1:2:3 with labels left offset char 1,0.6 font "sans,9" notitle
"""
    r = subprocess.run(["gnuplot"], input=script, text=True, capture_output=True)
    return r.stderr.strip() or None


def write(out, run, results):
    table = rows(results)
    checks = targets(run, results)
    note_lines = notes(run, results)
    plot_error = plot(out, results)
    mark = {True: "met", False: "NOT met", None: "n/a"}
    print()
    print(text_table(table))
    print()
    for line in note_lines:
        print(f"- {line}")
    print("\nsheaf targets (default build):")
    for c in checks:
        print(f"  {mark[c['met']]:>7}  {c['target']}: {c['measured']}")
    if plot_error:
        print(f"plot: {plot_error}")
    print(f"\nwritten: {out}/compare.md, compare.json, compare.png")

    with open(os.path.join(out, "compare.md"), "w") as f:
        f.write(f"# sheaf vs other stores ({run['date']})\n\n{md_table(table)}\n\n")
        f.write("".join(f"- {line}\n" for line in note_lines))
        f.write("\n## sheaf's targets (default build)\n\n| target | measured | |\n|---|---|---|\n")
        f.write("".join(f"| {c['target'].replace('|', chr(92) + '|')} | {c['measured']} | "
                        f"{mark[c['met']]} |\n"
                        for c in checks))
        f.write("\n![size against latency](compare.png)\n\nVersions: " +
                ", ".join(f"{k} {v}" for k, v in run["versions"].items()) + "\n")
    systems = []
    for name, r in ordered(results):
        systems.append(dict(r, name=name, ratio_to_solid_zstd=r["size"] / results[SOLID]["size"]))
    with open(os.path.join(out, "compare.json"), "w") as f:
        json.dump({"run": run, "columns": COLUMNS, "table": table, "systems": systems,
                   "targets": checks, "notes": note_lines}, f, indent=2, ensure_ascii=False)
