#!/usr/bin/env python3
"""Every diagnostic code the compiler emits is in the registry, and the registry has no code
that nothing emits (CTest test "diag_codes").

Usage: diag_codes.py SHEAF_BINARY COMPILER_SOURCE_DIR

Codes are kebab-case string literals of two or more words. They are collected from the calls
that make a diagnostic: `.warning(`, `.error(`, `warn(` (records.cpp) and brace-initialised
`Diagnostic`s (`{Severity::error, file, line, "code", ...}`): the first such literal of the call.
The registry is `sheaf codes --json` (compiler/diag/codes.cpp). Prints what is missing, with
the file and line that uses it; exits 1 then.
"""
import json
import pathlib
import re
import subprocess
import sys

CODE = r'"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"'
# A call's arguments up to its first kebab-case literal, never past the end of the statement.
CALL = re.compile(r'\b(?:warning|error|warn)\(([^;]*?)' + CODE, re.S)
BRACED = re.compile(r'Severity::(?:warning|error),([^;{}]*?)' + CODE, re.S)


def emitted(source_dir):
    found = {}
    for path in sorted(pathlib.Path(source_dir).rglob('*.[ch]pp')):
        if path.parent.name == 'diag' and path.stem == 'codes':
            continue  # the registry itself
        text = path.read_text(encoding='utf-8')
        for pattern in (CALL, BRACED):
            for m in pattern.finditer(text):
                if '"' in m.group(1).replace('""', ''):
                    continue  # a message literal came first (an empty file name "" may)
                line = text.count('\n', 0, m.start(2)) + 1
                found.setdefault(m.group(2), f'{path}:{line}')
    return found


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    sheaf, source_dir = sys.argv[1], sys.argv[2]
    registry = json.loads(subprocess.run([sheaf, 'codes', '--json'], check=True,
                                         capture_output=True, text=True).stdout)
    known = {d['code'] for d in registry['diagnostics']}
    used = emitted(source_dir)
    problems = []
    for code, where in sorted(used.items()):
        if code not in known:
            problems.append(f'{where}: code "{code}" is not in compiler/diag/codes.cpp')
    for code in sorted(known - set(used)):
        problems.append(f'compiler/diag/codes.cpp: code "{code}" is documented but never emitted')
    for p in problems:
        print(p)
    print(f'diag_codes: {len(used)} codes used, {len(known)} documented, {len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
