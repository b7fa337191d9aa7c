// compiler/diag: the table of diagnostic codes (see codes.hpp). A new code is added here first;
// tests/diag_codes.py fails when compiler/ emits a code this table lacks.
#include "diag/codes.hpp"

namespace sheaf {
namespace {

constexpr Severity kWarning = Severity::warning;
constexpr Severity kError = Severity::error;

}  // namespace

const std::vector<CodeInfo>& diagnostic_codes() {
  static const std::vector<CodeInfo> codes = {
      // --config: the settings file.
      {"bad-config", kError, "config",
       "the --config file is not valid TOML, has an unknown table or key, or a value of the "
       "wrong type or range",
       "fix the file at the line named; `sheaf build --print-config` shows what is in effect"},
      // discover: which files are inputs.
      {"missing-input", kError, "discover", "an input named on the command line does not exist",
       "check the path"},
      {"bad-input", kError, "discover",
       "an input named on the command line is a dangling link, a link loop, or not a file or "
       "folder",
       "name a regular file or a folder"},
      {"unsupported-input", kError, "discover",
       "a file named on the command line is not of a type sheaf reads (.txt, .html, .htm, .md, "
       ".markdown, .jsonl, .json)",
       "leave it out, or rename it if it is an article"},
      {"unreadable-dir", kError, "discover", "the system refuses to list a folder",
       "check its permissions"},
      {"unreadable-path", kError, "discover", "the system refuses to show an entry of a folder",
       "check its permissions"},
      {"unknown-file-type", kWarning, "discover",
       "a file in a folder has an extension that is neither an article type nor a known "
       "non-article (stylesheet, script, image, font, media, archive); skipped",
       "rename it if it is an article, else --exclude it or --allow unknown-file-type"},
      {"dangling-symlink", kWarning, "discover", "a link in a folder points nowhere; skipped",
       "remove the link, or --exclude it"},
      {"symlink-loop", kWarning, "discover",
       "a link in a folder loops, or leads back to a folder being walked; skipped",
       "remove the link, or --exclude it"},
      {"not-a-file", kWarning, "discover",
       "an entry of a folder is not a regular file or folder (a socket, a device), or vanished "
       "while being read; skipped",
       "--exclude it"},
      {"duplicate-input", kWarning, "discover",
       "the same file is reached under two relative paths (through a link or two arguments); "
       "the first is kept",
       "name each file once"},
      // read: bytes to text.
      {"read-error", kError, "read", "a file cannot be read", "check the file and permissions"},
      {"empty-file", kWarning, "read", "a file is empty or only whitespace; skipped",
       "remove it, or --exclude it"},
      {"binary-file", kError, "read",
       "a file holds NUL bytes: binary, or UTF-16/UTF-32 without a byte order mark",
       "leave it out, or convert it to UTF-8"},
      {"invalid-utf8", kWarning, "read",
       "a UTF-8 file has invalid byte sequences; they became U+FFFD",
       "fix the encoding at the line named"},
      {"undecodable-bytes", kWarning, "read",
       "a file in a legacy charset (GBK, Big5, ...) has bytes that charset cannot decode; they "
       "became U+FFFD",
       "check the file's charset declaration"},
      // record: JSON and JSON Lines records.
      {"malformed-json", kError, "record", "a JSON file or a JSON Lines line does not parse",
       "fix the JSON at the line named"},
      {"not-an-object", kError, "record", "a JSON record (or array item) is not an object",
       "make each record a JSON object"},
      {"bad-field", kWarning, "record",
       "a record field has the wrong type (e.g. a number where text is expected); ignored",
       "fix the field's type"},
      {"conflicting-fields", kWarning, "record",
       "a record gives two fields for one thing (categories and category, paragraphs and "
       "body); the second is ignored",
       "give one of them"},
      {"empty-record", kWarning, "record", "a record has no title, body or paragraphs; skipped",
       "remove the record"},
      // extract: pages to articles.
      {"bad-front-matter", kWarning, "extract",
       "Markdown front matter is not valid YAML (or nests too deeply); its fields are ignored",
       "fix the YAML at the line named"},
      {"nothing-extracted", kWarning, "extract",
       "no title and no body text found in an input; skipped",
       "check that the file is an article page"},
      {"empty-body", kWarning, "extract", "no body text found; the article is kept with its title",
       "check the page, or --allow empty-body"},
      {"no-title", kWarning, "extract",
       "no title found (in the page, its front matter or its record); the article is kept",
       "add a title (front matter `title:`, a heading, a record field), or --allow no-title"},
      // index: ids and sizes.
      {"empty-id", kError, "index", "an article has an empty id",
       "give the record an id, or rename the file"},
      {"duplicate-id", kError, "index", "two articles have the same id; both are named",
       "rename one of the files, or fix the records' ids"},
      {"too-many-articles", kError, "index", "more than 4294967294 articles",
       "split the inputs over several bundles"},
      {"article-too-large", kError, "index", "one article (fields and body) is 4 GiB or more",
       "split the article"},
      // build: the bundle as a whole.
      {"no-articles", kError, "build", "the inputs hold no article; nothing to build",
       "check the inputs and the --exclude patterns"},
      {"write-failed", kError, "build",
       "the bundle could not be written or did not read back as written; the old file is "
       "unchanged",
       "check free space and permissions of the output folder"},
  };
  return codes;
}

const CodeInfo* find_code(std::string_view code) {
  for (const CodeInfo& c : diagnostic_codes()) {
    if (c.code == code) {
      return &c;
    }
  }
  return nullptr;
}

std::string check_allow_code(std::string_view code) {
  const CodeInfo* info = find_code(code);
  if (info == nullptr) {
    return "unknown diagnostic code '" + std::string(code) + "' (`sheaf codes` lists them)";
  }
  if (info->severity != Severity::warning) {
    return "'" + std::string(code) + "' is an error, not a warning: it cannot be allowed";
  }
  return "";
}

}  // namespace sheaf
