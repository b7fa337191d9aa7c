#!/usr/bin/env bash
# Command-line tests for `sheaf build` in pipelines (CTest test "cli_config"): non-article
# files in folders, --exclude, --allow, titles and lists in Markdown front matter, --config
# and --print-config, and `sheaf codes`. Same conventions as run.sh (tests/cli/lib.sh).
#
# Usage: config.sh SHEAF_BINARY SOURCE_DIR WORK_DIR
set -u

if [ $# -ne 3 ]; then
  echo "usage: $0 SHEAF_BINARY SOURCE_DIR WORK_DIR" >&2
  exit 2
fi
SHEAF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: one case runs elsewhere
SRC=$2
W=$3
EX=$SRC/examples/articles
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
fresh_work_dir 120

# json_len FILE KEY: the length of the list KEY of the JSON object in FILE.
json_len() {
  python3 -c 'import json,sys; print(len(json.load(sys.stdin)[sys.argv[1]]))' "$2" <"$1"
}

# A scraped site as saved: pages plus their assets.
SITE=$W/site
mkdir -p "$SITE/css" "$SITE/js" "$SITE/img" "$SITE/drafts" "$SITE/news"
cp "$EX/seed.txt" "$SITE/news/seed.txt"
printf 'body{}\n' >"$SITE/css/main.css"
printf 'p{}\n' >"$SITE/css/print.css"
printf 'var a;\n' >"$SITE/js/app.js"
printf '\x89PNG\r\n' >"$SITE/img/logo.png"
printf -- '---\ntitle: Only in front matter\ndate: 2024-05-12\ntags:\n  - alpha\n  - beta\n---\nA body paragraph without any heading above it.\n' \
  >"$SITE/news/front.md"
printf 'Draft title\nDraft body that must not be built.\n' >"$SITE/drafts/wip.txt"

# ---------------------------------------------------------------------------------------------
# 1. Files that are not articles are one note, and --strict passes.

begin "build --strict: .css/.js/.png in a folder are one note, not warnings"
run build --strict "$SITE" -o "$W/site.sheaf"
expect_rc 0
expect_err "sheaf: note: skipped 4 files that are not articles (.css 2, .js 1, .png 1); --json lists them"
check "a warning was printed" test "$(grep -c 'sheaf: warning:' "$ERR")" -eq 0
check "bundle not written" test -s "$W/site.sheaf"
end

begin "build --json lists the files that are not articles"
run build --json "$SITE" -o "$W/site-json.sheaf"
expect_rc 0
check "not_articles is not a list of 4" test "$(json_len "$OUT" not_articles)" -eq 4
expect_out "$SITE/css/main.css"
end

begin "extract: the files that are not articles are the same one note"
run extract "$SITE" -o "$W/extracted"
expect_rc 0
expect_err "sheaf: note: skipped 4 files that are not articles (.css 2, .js 1, .png 1)"
end

begin "build: a non-article file named on the command line is an error"
run build "$SITE/css/main.css" "$SITE/news/seed.txt" -o "$W/named.sheaf"
expect_rc 1
expect_err "main.css: not an article file: unknown file type '.css'"
expect_err "[unsupported-input]"
check "bundle written despite the error" test ! -e "$W/named.sheaf"
end

# ---------------------------------------------------------------------------------------------
# 2. Front matter: a title given only there is a title; block lists are read.

begin "build: a title only in front matter raises no [no-title]; block lists are categories"
run build --strict "$SITE/news/front.md" -o "$W/front.sheaf"
expect_rc 0
check "[no-title] reported" test "$(grep -c 'no-title' "$ERR")" -eq 0
run cat --json "$W/front.sheaf" front
expect_out '"title": "Only in front matter"'
check "tags not read as categories" python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
sys.exit(a["categories"] != ["alpha", "beta"] or a["date"] != "2024-05-12")' "$OUT"
end

printf -- '---\ntitle: Fine\ntags: [a, b\nauthor: x\n---\nBody text here.\n' >"$W/badyaml.md"
begin "build: malformed front matter is a warning naming file and line"
run build "$W/badyaml.md" -o "$W/badyaml.sheaf"
expect_rc 0
expect_err "badyaml.md:"
expect_err "front matter is not valid YAML"
expect_err "[bad-front-matter]"
run build --strict "$W/badyaml.md" -o "$W/badyaml-strict.sheaf"
expect_rc 1
end

# ---------------------------------------------------------------------------------------------
# 3. --exclude and --allow.

printf '%%PDF-1.4\n' >"$SITE/manual.pdf"
begin "build --strict: an unknown extension in a folder still fails"
run build --strict "$SITE" -o "$W/pdf.sheaf"
expect_rc 1
expect_err "manual.pdf: skipped: unknown file type '.pdf'"
expect_err "[unknown-file-type]"
end

begin "build --exclude: globs leave out files and folders (repeatable)"
run build --strict --json --exclude '*.pdf' --exclude 'drafts/' "$SITE" -o "$W/excl.sheaf"
expect_rc 0
check "excluded is not [drafts, manual.pdf]" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(d["excluded"] != [sys.argv[2] + "/drafts", sys.argv[2] + "/manual.pdf"])' "$OUT" "$SITE"
run ls "$W/excl.sheaf"
check "the excluded draft was built" test "$(grep -c wip "$OUT")" -eq 0
end

begin "build --exclude: an anchored pattern with ** and an option after it"
run build --strict --exclude 'news/**/*.md' --exclude '*.pdf' "$SITE" --exclude drafts -o "$W/anch.sheaf"
expect_rc 0
run ls "$W/anch.sheaf"
check "front.md was built" test "$(grep -c front "$OUT")" -eq 0
end

begin "build --allow: --strict accepts the allowed warning code"
run build --strict --allow unknown-file-type --exclude drafts "$SITE" -o "$W/allow.sheaf"
expect_rc 0
expect_err "[unknown-file-type]"
check "bundle not written" test -s "$W/allow.sheaf"
end

begin "build --allow: an unknown code is a usage error"
run build --allow no-such-code "$SITE" -o "$W/x.sheaf"
expect_rc 2
expect_err "unknown diagnostic code 'no-such-code'"
end

begin "build --allow: an error's code cannot be allowed"
run build --allow duplicate-id "$SITE" -o "$W/x.sheaf"
expect_rc 2
expect_err "is an error, not a warning"
end

begin "build --exclude: an empty pattern is a usage error"
run build --exclude '' "$SITE" -o "$W/x.sheaf"
expect_rc 2
end
rm -f "$SITE/manual.pdf"

# ---------------------------------------------------------------------------------------------
# 4. --config FILE and --print-config.

mkdir -p "$W/proj" "$W/elsewhere"
cat >"$W/proj/sheaf.toml" <<'TOML'
[build]
inputs = ["../site"]
output = "dist/news.sheaf"
level = 5
strict = true
exclude = ["drafts/"]
allow = ["empty-body"]

[bundle]
title = "News \"daily\""
language = "zh-CN"
creator = "CI"
TOML
mkdir -p "$W/proj/dist"

begin "build --config: settings, metadata and paths relative to the file"
(cd "$W/elsewhere" && "${TIMEOUT[@]}" "$SHEAF" build --config ../proj/sheaf.toml >"$OUT" 2>"$ERR")
RC=$?
expect_rc 0
check "output not written next to the config file" test -s "$W/proj/dist/news.sheaf"
run info --json "$W/proj/dist/news.sheaf"
expect_out '"title":"News \"daily\""'
expect_out '"language":"zh-CN"'
run ls "$W/proj/dist/news.sheaf"
check "the excluded draft was built" test "$(grep -c wip "$OUT")" -eq 0
end

begin "build --print-config: where each setting comes from; the command line wins"
run build --config "$W/proj/sheaf.toml" --level 9 --title T --print-config -o "$W/printed.sheaf"
expect_rc 0
expect_out "level = 9  # command line"
expect_out "strict = true  # file"
expect_out "block-size = 8192  # default"
expect_out 'title = "T"  # command line'
expect_out 'creator = "CI"  # file'
expect_out "inputs = [\"$W/proj/../site\"]  # file"
check "--print-config built something" test ! -e "$W/printed.sheaf"
end

begin "build --print-config: inputs and -o on the command line replace the file's"
run build --config "$W/proj/sheaf.toml" --print-config "$SITE/news" -o "$W/cli.sheaf"
expect_rc 0
expect_out "inputs = [\"$SITE/news\"]  # command line"
expect_out "output = \"$W/cli.sheaf\"  # command line"
end

begin "build --print-config: the printed settings are a config file that builds the same"
run build --config "$W/proj/sheaf.toml" --print-config
expect_rc 0
cp "$OUT" "$W/printed.toml"
run build --config "$W/printed.toml" -o "$W/from-printed.sheaf"
expect_rc 0
run build --config "$W/proj/sheaf.toml" -o "$W/from-file.sheaf"
check "the bundles differ" same_files "$W/from-printed.sheaf" "$W/from-file.sheaf"
end

printf '[build]\nlevel = 3\nblok-size = 4096\n' >"$W/bad.toml"
begin "build --config: an unknown key is a usage error naming file, line and key"
run build --config "$W/bad.toml" "$SITE" -o "$W/x.sheaf"
expect_rc 2
expect_err "sheaf: error: $W/bad.toml:3: unknown key 'blok-size' in [build] [bad-config]"
end

printf '[build]\nlevel = 40\n' >"$W/range.toml"
begin "build --config: a value out of range is a usage error"
run build --config "$W/range.toml" "$SITE" -o "$W/x.sheaf"
expect_rc 2
expect_err "range.toml:2: [build] level: must be between 1 and 22"
end

printf '[build\n' >"$W/syntax.toml"
begin "build --config: TOML syntax errors and missing files are usage errors"
run build --config "$W/syntax.toml" "$SITE" -o "$W/x.sheaf"
expect_rc 2
expect_err "syntax.toml:1: not valid TOML"
run build --config "$W/missing.toml" "$SITE" -o "$W/x.sheaf"
expect_rc 2
expect_err "cannot read the --config file"
end

begin "build: no inputs and no output without --config are usage errors"
run build -o "$W/x.sheaf"
expect_rc 2
expect_err "no inputs"
run build "$SITE"
expect_rc 2
expect_err "no output"
end

# ---------------------------------------------------------------------------------------------
# 5. `sheaf codes`: the registry in every form, and where --help points.

begin "codes: text, JSON, Markdown and man forms"
run codes
expect_rc 0
expect_out "no-title (warning, extract)"
expect_out "  2  usage:"
run codes --json
expect_rc 0
check "codes --json is not JSON" is_json "$OUT"
expect_out '"code": "unsupported-input"'
run codes --markdown
expect_out "| \`bad-front-matter\` | warning | extract |"
run codes --man
expect_out "[EXIT STATUS]"
expect_out "[DIAGNOSTICS]"
run codes --json --man
expect_rc 2
end

begin "help: the top-level footer points to \`sheaf codes\`; build lists the new options"
run --help
expect_rc 0
expect_out "sheaf codes"
run build --help
expect_out "--config"
expect_out "--print-config"
expect_out "--exclude"
expect_out "--allow"
end

echo "cli_config: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
