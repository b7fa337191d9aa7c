#!/usr/bin/env python3
"""Peak memory of `sheaf build` on the shared bulk corpus (issue 6): prints the input size,
the build's peak RSS and their ratio, and fails above 3x. Skips (exit 77) without the corpus.

    build_memory.py SHEAF CORPUS_DIR WORK_DIR
"""
import os
import resource
import subprocess
import sys


def folder_bytes(path):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(path) for f in files)


def main():
    sheaf, corpus, work = sys.argv[1:4]
    bulk = os.path.join(corpus, "bulk")
    if not os.path.isdir(bulk):
        print(f"SKIP: {bulk} is absent")
        return 77
    os.makedirs(work, exist_ok=True)
    out = os.path.join(work, "bulk.sheaf")
    input_bytes = folder_bytes(bulk)
    result = subprocess.run([sheaf, "build", "-q", "-o", out, bulk],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        print(result.stderr[-2000:])
        print(f"FAIL: sheaf build exited with {result.returncode}")
        return 1
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024  # KiB on Linux
    ratio = peak / input_bytes
    print(f"build of {bulk}: input {input_bytes:,} bytes, peak RSS {peak:,} bytes "
          f"({peak / 2**20:.1f} MiB), {ratio:.2f}x the input (limit 3x)")
    os.remove(out)
    return 0 if ratio < 3.0 else 1


if __name__ == "__main__":
    sys.exit(main())
