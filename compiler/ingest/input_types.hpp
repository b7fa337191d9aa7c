// compiler/ingest: the one table of input types. Which file extensions `build` accepts, the
// parser each selects, the document it gives extract, and how they are described: discovery,
// ingest (which parser), extract (through Document::format), `build --help`, the
// "unknown-file-type" warning and `build --list-input-types` all read it, so a new format is
// one row here plus its parser.
#pragma once

#include <string>
#include <string_view>

#include "model/article.hpp"

namespace sheaf {

/// The parser an input file goes through, chosen by its extension (case-insensitive).
enum class InputKind {
  text_dump,  ///< one scraped page saved as text, first non-empty line is the title
  jsonl,      ///< one JSON record per line
  json,       ///< one JSON record, or an array of records
  html,       ///< one web page
  markdown,   ///< one article, optional front matter
};

/// One accepted extension.
struct InputType {
  std::string_view extension;    ///< lower case, with the dot: ".html"
  InputKind kind;                ///< its parser
  DocumentFormat document;       ///< what the parser gives extract (JSON: records)
  std::string_view description;  ///< what such a file holds, for help texts
};

/// Every accepted extension, in the order help texts list them.
inline constexpr InputType kInputTypes[] = {
    {".html", InputKind::html, DocumentFormat::html, "a web page"},
    {".htm", InputKind::html, DocumentFormat::html, "a web page"},
    {".txt", InputKind::text_dump, DocumentFormat::text_dump,
     "a page saved as text (first line: title)"},
    {".md", InputKind::markdown, DocumentFormat::markdown, "Markdown, optional front matter"},
    {".markdown", InputKind::markdown, DocumentFormat::markdown, "Markdown, optional front matter"},
    {".jsonl", InputKind::jsonl, DocumentFormat::record, "JSON records, one a line"},
    {".json", InputKind::json, DocumentFormat::record, "one JSON record or an array of them"},
};

/// The type of a file by the extension of its name (ASCII case-insensitive: "a.HTM" is HTML).
/// "README" and ".hidden" have no extension.
/// @return the table row, or nullptr for an extension not in kInputTypes.
const InputType* input_type_of(std::string_view file_name);

/// The document format files of `kind` give extract, from kInputTypes.
DocumentFormat document_format(InputKind kind);

/// The accepted extensions joined by `separator`: ".html .htm .txt ..." for " ".
std::string input_extensions(std::string_view separator);

/// The table as text for `build --help`: one "  .ext   description" line per extension.
std::string input_types_help();

}  // namespace sheaf
