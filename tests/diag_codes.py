#!/usr/bin/env python3
"""Every diagnostic code the compiler knows is emitted somewhere, with its documented severity
(CTest test "diag_codes").

Usage: diag_codes.py SHEAF_BINARY COMPILER_SOURCE_DIR

Codes are the enum DiagCode, made from compiler/diag/codes.def, so a code the registry lacks
does not compile. What a compiler cannot see is checked here:
- every code in the registry (`sheaf codes --json`) is emitted by some call;
- a code is emitted by `.warning(` / `warn(` only when it is a warning and by `.error(` only
  when it is an error (an error reported as a warning would not stop a build);
- no call passes a kebab-case string literal where a code goes (the old form);
- each DiagCode::x used is in the registry, as "x" with '_' spelled '-'.
Calls are `.warning(`, `.error(`, `warn(` (records.cpp, a warning) and brace-initialised
`Diagnostic`s (`{Severity::error, file, line, DiagCode::x, ...}`): the first code of the call.
Prints each problem with the file and line; exits 1 then.
"""
import json
import pathlib
import re
import subprocess
import sys

ENUM = r'DiagCode::([a-z][a-z0-9_]*)'
LITERAL = r'"([a-z][a-z0-9]*(?:-[a-z0-9]+)+)"'
# A call's arguments up to its first code, never past the end of the statement.
CALL = re.compile(r'\b(warning|error|warn)\(([^;]*?)(?:' + ENUM + '|' + LITERAL + ')', re.S)
BRACED = re.compile(r'Severity::(warning|error),([^;{}]*?)(?:' + ENUM + '|' + LITERAL + ')',
                    re.S)


def emitted(source_dir):
    """[(code name, severity of the call, 'file:line', was a string literal)]"""
    found = []
    for path in sorted(pathlib.Path(source_dir).rglob('*.[ch]pp')):
        if path.parent.name == 'diag':
            continue  # the registry and the sink themselves
        text = path.read_text(encoding='utf-8')
        for pattern in (CALL, BRACED):
            for m in pattern.finditer(text):
                if '"' in m.group(2).replace('""', ''):
                    continue  # a message literal came first (an empty file name "" may)
                enum, literal = m.group(3), m.group(4)
                start = m.start(3) if enum else m.start(4)
                line = text.count('\n', 0, start) + 1
                severity = 'warning' if m.group(1) in ('warning', 'warn') else 'error'
                name = enum.replace('_', '-') if enum else literal
                found.append((name, severity, f'{path}:{line}', literal is not None))
    return found


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    sheaf, source_dir = sys.argv[1], sys.argv[2]
    registry = json.loads(subprocess.run([sheaf, 'codes', '--json'], check=True,
                                         capture_output=True, text=True).stdout)
    known = {d['code']: d['severity'] for d in registry['diagnostics']}
    uses = emitted(source_dir)
    problems = []
    for name, severity, where, literal in uses:
        if literal:
            problems.append(f'{where}: code "{name}" given as a string; use DiagCode::'
                            + name.replace('-', '_'))
        elif name not in known:
            problems.append(f'{where}: code "{name}" is not in compiler/diag/codes.def')
        elif known[name] != severity:
            problems.append(f'{where}: code "{name}" is documented as {known[name]} but '
                            f'reported as {severity}')
    used = {name for name, _, _, _ in uses}
    for code in sorted(set(known) - used):
        problems.append(f'compiler/diag/codes.def: code "{code}" is documented but never emitted')
    for p in problems:
        print(p)
    print(f'diag_codes: {len(used)} codes used at {len(uses)} sites, {len(known)} documented, '
          f'{len(problems)} problems')
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
