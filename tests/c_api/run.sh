#!/usr/bin/env bash
# tests/c_api: builds the examples' bundle (with --search), runs the C interface check (c_api_check, built from
# C99) on it and compares its output with the sheaf CLI's answers (compare.py).
#   run.sh SHEAF C_API_CHECK REPO WORK
set -euo pipefail
sheaf=$1 check=$2 repo=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
"$sheaf" build -q --search "$repo/examples/articles" -o "$work/examples.sheaf"
"$check" "$work/examples.sheaf" >"$work/host.txt"
python3 "$repo/tests/c_api/compare.py" "$sheaf" "$work/examples.sheaf" "$work/host.txt"
