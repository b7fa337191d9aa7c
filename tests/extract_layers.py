#!/usr/bin/env python3
"""Checks the layers of compiler/extract/ (compiler/extract/README.md).

  extract_layers.py COMPILER_DIR

Layers, lowest first: text, fields, rules, parse, layout, then the stage entry (the files at
compiler/extract/ itself). A file may include extract headers of its own layer and of lower
ones, never of a higher one. Each folder's code sits in the namespace of the same name
(sheaf::text, sheaf::fields...; nested ones such as sheaf::fields::detail are fine), and the
stage entry in sheaf itself. The rest of compiler/ includes the stage entry only. Prints
every offence and exits 1 when there is one.
"""
import pathlib
import re
import sys

LAYERS = ["text", "fields", "rules", "parse", "layout", ""]  # "" is the stage entry
INCLUDE = re.compile(r'^\s*#\s*include\s+"extract/([^"]+)"', re.M)
NAMESPACE = re.compile(r"^namespace\s+(sheaf(?:::\w+)*)\s*\{", re.M)


def layer_of(relative):
    """The layer of a path relative to compiler/extract/, or None for an unknown folder."""
    parts = pathlib.PurePosixPath(relative).parts
    folder = parts[0] if len(parts) > 1 else ""
    return folder if folder in LAYERS else None


def check(extract_dir):
    problems = []
    files = sorted(p for p in extract_dir.rglob("*") if p.is_file() and p.suffix in (".hpp", ".cpp", ".inc"))
    if not files:
        return [f"{extract_dir}: no sources found"]
    for path in files:
        relative = path.relative_to(extract_dir).as_posix()
        own = layer_of(relative)
        if own is None:
            problems.append(f"{relative}: folder is not a layer (add it to {LAYERS} and README.md)")
            continue
        text = path.read_text(encoding="utf-8")
        for match in INCLUDE.finditer(text):
            target = match.group(1)
            line = text.count("\n", 0, match.start()) + 1
            if not (extract_dir / target).is_file():
                problems.append(f"{relative}:{line}: includes extract/{target}, which does not exist")
                continue
            theirs = layer_of(target)
            if theirs is None or LAYERS.index(theirs) > LAYERS.index(own):
                problems.append(
                    f"{relative}:{line}: includes extract/{target}: layer '{theirs or 'entry'}' "
                    f"is above '{own or 'entry'}'")
        expected = f"sheaf::{own}" if own else "sheaf"
        for match in NAMESPACE.finditer(text):
            name = match.group(1)
            ok = name.startswith(expected + "::") or name == expected
            if not own:
                ok = name == "sheaf"
            if not ok:
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{relative}:{line}: namespace {name}, expected {expected}")
    # The layers are the stage's own: the rest of the compiler sees the stage entry only.
    for path in sorted(extract_dir.parent.rglob("*")):
        if path.suffix not in (".hpp", ".cpp") or extract_dir in path.parents:
            continue
        text = path.read_text(encoding="utf-8")
        for match in INCLUDE.finditer(text):
            if layer_of(match.group(1)):
                line = text.count("\n", 0, match.start()) + 1
                problems.append(f"{path.relative_to(extract_dir.parent)}:{line}: includes "
                                f"extract/{match.group(1)}; outside extract/, only the stage entry")
    return problems


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    problems = check(pathlib.Path(sys.argv[1]) / "extract")
    for p in problems:
        print(p)
    if problems:
        print(f"extract layers: {len(problems)} problem(s)")
        return 1
    print("extract layers: includes flow one way; namespaces match folders")
    return 0


if __name__ == "__main__":
    sys.exit(main())
