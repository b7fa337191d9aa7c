#!/usr/bin/env python3
"""bench/compare's warm rounds and peer targets, on made-up read results (no benchmark runs).

    compare_rounds.py REPO

Checks that read_rounds() takes the median of each latency figure over the rounds and sums the
read counts (a failure in any round shows), keeps every round's p50 and leaves one-round
results alone; and that report.targets() compares sheaf's size and warm p50s with the best
random-access peer's, not with solid archives.
"""

import os
import sys


def mode(p50, p99=9.0, wrong=0, error=""):
    return {"supported": True, "n": 100, "p50_us": p50, "p90_us": p50 + 1, "p99_us": p99,
            "max_us": 50.0, "mean_us": p50 + 0.5, "ok": 100 - wrong, "wrong": wrong,
            "missing": 0, "errors": 0, "first_error": error}


def store(kind, size, id_p50, title_p50, reader=True):
    r = {"kind": kind, "size": size, "wall_s": 1.0, "peak_rss_kib": 1024}
    if reader:
        r["reader"] = kind
        r["read"] = {"modes": {"warm_id": mode(id_p50), "warm_title": mode(title_p50),
                               "cold_id": mode(500.0)},
                     "memory": {"rss_anon_kib": 100, "heap_bytes": 0},
                     "open_warm_us": 10.0, "open_cold_us": 100.0}
    return r


def main():
    repo = sys.argv[1]
    sys.path.insert(0, os.path.join(repo, "bench", "compare"))
    import compare
    import report

    failures = []

    def check(what, ok):
        print(("ok    " if ok else "FAIL  ") + what)
        if not ok:
            failures.append(what)

    # Three rounds: the first one slow, the third one with a wrong read.
    read = {"modes": {"warm_id": mode(2.4), "warm_title": mode(2.2), "cold_id": mode(500.0)}}
    read["warm_rounds"] = [compare.warm_modes(read),
                           {"warm_id": mode(1.9, p99=7.0), "warm_title": mode(1.8)},
                           {"warm_id": mode(2.0, p99=8.0, wrong=1, error="id-7: wrong text"),
                            "warm_title": mode(1.7)}]
    compare.read_rounds(read)
    wid = read["modes"]["warm_id"]
    check("p50 is the median of the rounds' (2.4, 1.9, 2.0 -> 2.0)", wid["p50_us"] == 2.0)
    check("p99 is the median of the rounds' (9, 7, 8 -> 8)", wid["p99_us"] == 8.0)
    check("every round's p50 is kept, in order", wid["rounds_p50_us"] == [2.4, 1.9, 2.0])
    check("the first round's own figures are kept",
          read["warm_rounds"][0]["warm_id"]["p50_us"] == 2.4)
    check("reads are counted over the rounds", wid["n"] == 300 and wid["ok"] == 299)
    check("a wrong read in a later round shows", wid["wrong"] == 1 and
          wid["first_error"] == "id-7: wrong text")
    check("by title: median 1.8", read["modes"]["warm_title"]["p50_us"] == 1.8)
    check("cold reads are not rounds", read["modes"]["cold_id"]["p50_us"] == 500.0)

    one = {"modes": {"warm_id": mode(2.4)}}
    one["warm_rounds"] = [compare.warm_modes(one)]
    compare.read_rounds(one)
    check("one round: figures unchanged", one["modes"]["warm_id"]["p50_us"] == 2.4 and
          "rounds_p50_us" not in one["modes"]["warm_id"])

    def peer_targets(sheaf_id, peer_id, sheaf_size, peer_size):
        results = {"sheaf": store("sheaf", sheaf_size, sheaf_id, 1.8),
                   "zstd per article + dict": store("zstd", peer_size, peer_id, 2.0),
                   "SQLite + zstd dict": store("sqlite", 2 * peer_size, 6.0, 6.0),
                   report.SOLID: store("solid", sheaf_size // 2, 0, 0, reader=False)}
        run = {"set": {"input_bytes": 10 ** 9}}
        return {t["target"]: t for t in report.targets(run, results)}

    t = peer_targets(1.9, 2.1, 1000, 1100)
    by_id = t["by id, warm p50 ≤ every random-access peer's"]
    check("faster than the best peer: met", by_id["met"] is True)
    check("the best peer is named", "zstd per article + dict" in by_id["measured"])
    check("smaller than every peer (a solid archive is smaller, and not a peer): met",
          t["smaller than every random-access peer"]["met"] is True)
    check("by title compared too: met (1.8 against 2.0)",
          t["by title, warm p50 ≤ every random-access peer's"]["met"] is True)
    t = peer_targets(2.2, 2.1, 1200, 1100)
    check("slower than a peer: not met",
          t["by id, warm p50 ≤ every random-access peer's"]["met"] is False)
    check("larger than a peer: not met", t["smaller than every random-access peer"]["met"] is False)

    if failures:
        sys.exit(f"{len(failures)} check(s) failed")
    print("all checks passed")


if __name__ == "__main__":
    main()
