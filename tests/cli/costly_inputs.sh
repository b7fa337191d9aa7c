#!/usr/bin/env bash
# CLI test: inputs that once cost too much or lost text (issue 13, "Inputs that cost too much").
# Each class gets a generated input and checks the result (every article and every piece of
# text there, or a warning naming the file, the line and what is missing), not the time:
# bench/hostile/costly_inputs prints the times and peak RSS at n, 2n and 4n.
#
#   costly_inputs.sh SHEAF WORK_DIR

SHEAF=$1
W=$2
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
fresh_work_dir 300

# says: prints the diagnostics of the last run (the messages users see), indented.
says() {
  grep -E '^sheaf: (error|warning)' "$ERR" | head -3 | sed 's/^/    says: /'
}

# count_in FILE TEXT: how many times TEXT occurs in FILE.
count_in() {
  python3 -c 'import sys; print(open(sys.argv[1], encoding="utf-8").read().count(sys.argv[2]))' "$1" "$2"
}

# 1. Many articles with one title: build and verify pass, each article is there.
python3 -c '
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(20000):
        f.write(json.dumps({"id": "n%06d" % i, "title": "Notice", "body": "text %d" % i}) + "\n")
' "$W/titles.jsonl"
begin "20,000 articles titled 'Notice': build, verify and ls"
run build -q -o "$W/titles.sheaf" "$W/titles.jsonl"
expect_rc 0
run verify "$W/titles.sheaf"
expect_rc 0
run ls "$W/titles.sheaf"
check "ls does not list 20000 articles" equals "$(wc -l <"$OUT")" 20000
run cat "$W/titles.sheaf" n019999
expect_out "text 19999"
end

# 2. Markdown with 100,000 "[a]": one article with every bracket.
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("---\ntitle: Brackets\n---\n\n" + "[a]" * 100000 + " end\n")
' "$W/brackets.md"
begin "Markdown with 100,000 '[a]': every character kept"
run build -q -o "$W/brackets.sheaf" "$W/brackets.md"
expect_rc 0
run cat "$W/brackets.sheaf" brackets
check "not 100000 '[a]' in the article" equals "$(count_in "$OUT" "[a]")" 100000
expect_out "[a] end"
end

# 3. HTML nested deeper than libxml2's default 256: all of it is read.
python3 -c '
import sys
head = "<!DOCTYPE html><html><head><title>Deep page</title></head><body>"
with open(sys.argv[1] + "/open.html", "w") as f:
    f.write(head + "<p>Text before the deep part.</p>" + "<div>" * 300 + "<p>deep text</p></body></html>\n")
with open(sys.argv[1] + "/closed.html", "w") as f:
    f.write(head + "<div>" * 300 + "<h1>Deep page</h1><p>deep text</p>" + "</div>" * 300 + "</body></html>\n")
with open(sys.argv[1] + "/deeper.html", "w") as f:
    f.write(head + "<h1>Deep page</h1><p>Text before the deep part.</p>\n" + "<div>" * 2000 + "<p>lost text</p></body></html>\n")
' "$W"
begin "HTML: 300 unclosed <div> keep the text inside them, no warning"
run build -o "$W/open.sheaf" "$W/open.html"
expect_rc 0
check "a warning: $(first_err)" test "$(grep -c '^sheaf: warning' "$ERR")" -eq 0
run cat "$W/open.sheaf" open
expect_out "Text before the deep part."
expect_out "deep text"
end

begin "HTML: 300 nested <div> keep the title and the text"
run build -o "$W/closed.sheaf" "$W/closed.html"
expect_rc 0
check "a warning: $(first_err)" test "$(grep -c '^sheaf: warning' "$ERR")" -eq 0
run cat "$W/closed.sheaf" closed
expect_out "Deep page"
expect_out "deep text"
end

begin "HTML: 2,000 unclosed <div> warn with the file, the line, the depth and the bytes lost"
run build -o "$W/deeper.sheaf" "$W/deeper.html"
expect_rc 0
expect_err "deeper.html:2: elements nested deeper than 1024"
expect_err "bytes of the page are not in the article [html-too-deep]"
cp "$ERR" "$W/deeper.err"
run cat "$W/deeper.sheaf" deeper
expect_out "Text before the deep part."
end
ERR=$W/deeper.err says
begin "HTML: --strict fails on a page cut short"
run build --strict -o "$W/strict.sheaf" "$W/deeper.html"
expect_rc 1
check "bundle written" test ! -e "$W/strict.sheaf"
end

# 4. 100,000 one-character JSONL records: every one is an article.
python3 -c '
import sys
with open(sys.argv[1], "w") as f:
    f.write("{\"body\":\"a\"}\n" * 100000)
' "$W/tiny.jsonl"
begin "100,000 one-character JSONL records: all built and listed"
run build -q --allow no-title -o "$W/tiny.sheaf" "$W/tiny.jsonl"
expect_rc 0
run verify "$W/tiny.sheaf"
expect_rc 0
run ls "$W/tiny.sheaf"
check "ls does not list 100000 articles" equals "$(wc -l <"$OUT")" 100000
end

echo "costly inputs: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
