// bench/extract: Mozilla Readability (on jsdom) as a competitor to `sheaf extract`.
//
// Usage: node readability.mjs OUTDIR FILE...
// Writes OUTDIR/<basename>.json per input in the gold format (title, date, categories,
// paragraphs) and prints one JSON summary line on stdout:
//   {"tool":"readability","pages":N,"seconds":S,"pages_per_s":R,"failed":K}
// One process, pages in sequence. `seconds` covers only the per-page loop (read, parse,
// extract, split into paragraphs, write), not Node start-up or module loading.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { JSDOM } from "jsdom";
import { Readability } from "@mozilla/readability";

// Elements that end one visual paragraph and start the next (HTML's block-level and table
// elements); <br> ends one too. Text in between, at any depth, joins the current paragraph.
const kBlockTags = new Set([
  "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "CAPTION", "CENTER", "DD", "DETAILS", "DIALOG",
  "DIR", "DIV", "DL", "DT", "FIELDSET", "FIGCAPTION", "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3",
  "H4", "H5", "H6", "HEADER", "HGROUP", "HR", "LI", "MAIN", "MENU", "NAV", "OL", "P", "PRE",
  "SECTION", "SUMMARY", "TABLE", "TBODY", "TD", "TFOOT", "TH", "THEAD", "TR", "UL",
]);
const kSkipTags = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"]);

// Gold format: runs of ASCII whitespace and NBSP become one space; trim space, U+3000, NBSP.
function fold(text) {
  return text.replace(/[\t\n\f\r \u00a0]+/g, " ").replace(/^[ \u3000\u00a0]+|[ \u3000\u00a0]+$/g, "");
}

function escapeText(line) {
  // `&` is left alone on purpose: text dumps such as the seed carry entities (`&gt;`, `&nbsp;`)
  // and the HTML parser decodes them, as the gold does.
  return line.replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// A text dump becomes minimal HTML: the first line is the <title>, each further line a <p>.
function textToHtml(text) {
  const lines = text.split(/\r\n|\r|\n/);
  const title = escapeText(lines[0].trim());
  const body = lines.slice(1).filter((l) => l.trim() !== "")
    .map((l) => `<p>${escapeText(l)}</p>`).join("\n");
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
    `<body>\n${body}\n</body></html>`;
}

// Valid UTF-8 (BOM stripped) is handed over as a string, so a lying <meta charset> cannot
// garble it; anything else goes to jsdom as bytes and jsdom sniffs the encoding itself.
function decode(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

// Paragraphs of article.content, split the way the gold splits a page: one per block element
// or <br>-ended run of text (gold/README.md, "Paragraph rules"); folded, trimmed, empty dropped.
function paragraphsOf(contentHtml) {
  const out = [];
  let buf = "";
  const flush = () => {
    const text = fold(buf);
    if (text !== "") out.push(text);
    buf = "";
  };
  const walk = (node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        buf += child.data;
      } else if (child.nodeType === 1) {
        const tag = child.tagName.toUpperCase();
        if (kSkipTags.has(tag)) continue;
        if (tag === "BR") {
          flush();
        } else if (kBlockTags.has(tag)) {
          flush();
          walk(child);
          flush();
        } else {
          walk(child);
        }
      }
    }
  };
  walk(JSDOM.fragment(contentHtml));
  flush();
  return out;
}

function extractOne(file) {
  const bytes = readFileSync(file);
  const text = decode(bytes);
  const isText = extname(file).toLowerCase() === ".txt";
  let input;
  if (isText) input = textToHtml(text ?? bytes.toString("latin1"));
  else input = text ?? bytes;
  const dom = new JSDOM(input, { url: pathToFileURL(resolve(file)).href });
  const article = new Readability(dom.window.document).parse();
  dom.window.close();
  if (!article) return { result: { title: "", date: "", categories: [], paragraphs: [] }, ok: false };
  return {
    result: {
      title: fold(article.title ?? ""),
      date: article.publishedTime ? fold(article.publishedTime) : "",
      categories: [],
      paragraphs: paragraphsOf(article.content ?? ""),
    },
    ok: true,
  };
}

function main() {
  const [outDir, ...files] = process.argv.slice(2);
  if (!outDir || files.length === 0) {
    process.stderr.write("usage: node readability.mjs OUTDIR FILE...\n");
    process.exit(2);
  }
  mkdirSync(outDir, { recursive: true });
  let failed = 0;
  const start = performance.now();
  for (const file of files) {
    let out;
    try {
      out = extractOne(file);
    } catch (err) {
      out = { result: { title: "", date: "", categories: [], paragraphs: [] }, ok: false };
      process.stderr.write(`readability: ${file}: ${err.message}\n`);
    }
    if (!out.ok) {
      failed += 1;
      process.stderr.write(`readability: ${file}: no article\n`);
    }
    const name = basename(file, extname(file)) + ".json";
    writeFileSync(join(outDir, name), JSON.stringify(out.result, null, 1) + "\n");
  }
  const seconds = (performance.now() - start) / 1000;
  const summary = { tool: "readability", pages: files.length, seconds, pages_per_s: files.length / seconds, failed };
  process.stdout.write(JSON.stringify(summary) + "\n");
}

main();
